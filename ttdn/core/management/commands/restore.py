from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ttdn.core import backups


class Command(BaseCommand):
    help = "Recreate an installation from an archive of `ttdn backup`, into an empty database and media folder"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="an archive written by `ttdn backup`")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            summary = backups.restore(file)
        except backups.BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{file}: restored {summary.rows} rows, {summary.files} media files")
