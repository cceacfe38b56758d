from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from ttdn.org.importers import ImportFailed, import_units


class Command(BaseCommand):
    help = "Create or update units from a spreadsheet (.xlsx or .csv) with Vietnamese headers"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        if not file.is_file():
            raise CommandError(_("No such file: %(file)s") % {"file": file})
        try:
            result = import_units(file, by=None)
        except ImportFailed as failure:
            raise CommandError(_("Nothing was imported.") + "\n" + str(failure)) from None
        self.stdout.write(
            _("%(created)s units created, %(updated)s updated.")
            % {"created": result.created, "updated": result.updated}
        )
