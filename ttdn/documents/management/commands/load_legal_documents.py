from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ttdn.documents import services
from ttdn.documents.importers import LEGAL_DOCUMENTS_FILE, ImportFailed, read_legal_documents


class Command(BaseCommand):
    help = "Create or update the shared legal library from the reference CSV (idempotent)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file",
            type=Path,
            nargs="?",
            default=LEGAL_DOCUMENTS_FILE,
            help="default: the reference list shipped with TTĐN",
        )

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            result = services.load_legal_documents(read_legal_documents(file), by=None)
        except ImportFailed as failure:
            raise CommandError(_("Nothing was loaded.") + "\n" + str(failure)) from None
        except ValidationError as error:
            raise CommandError(
                _("Nothing was loaded.") + "\n" + "; ".join(error.messages)
            ) from None
        self.stdout.write(
            _(
                "%(created)s documents created, %(updated)s updated, %(unchanged)s unchanged, %(related)s relations added."
            )
            % {
                "created": result.created,
                "updated": result.updated,
                "unchanged": result.unchanged,
                "related": result.related,
            }
        )
