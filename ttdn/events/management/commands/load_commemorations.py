from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ttdn.events import importers, services


class Command(BaseCommand):
    help = "Create or update the national commemorations and diplomatic relations from the reference files (idempotent)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--commemorations",
            type=Path,
            default=importers.COMMEMORATIONS_FILE,
            help="CSV of commemorations",
        )
        parser.add_argument(
            "--relations",
            type=Path,
            default=importers.RELATIONS_FILE,
            help="CSV of diplomatic relations",
        )

    def handle(self, *args: Any, commemorations: Path, relations: Path, **options: Any) -> None:
        try:
            rows = importers.read_commemorations(commemorations) + importers.read_relations(
                relations
            )
            result = services.load_reference(rows)
        except importers.ImportFailed as failure:
            raise CommandError(_("Nothing was loaded.") + "\n" + str(failure)) from None
        except ValidationError as error:
            raise CommandError(
                _("Nothing was loaded.") + "\n" + "; ".join(error.messages)
            ) from None
        self.stdout.write(
            _("%(created)s commemorations created, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}
        )
