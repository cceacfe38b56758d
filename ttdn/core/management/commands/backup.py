from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ttdn.core import backups


class Command(BaseCommand):
    help = "Write one archive of the database (portable), the media files and a manifest with checksums and the schema"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", type=Path, help="the archive to write, e.g. ttdn-2026-12-03.tar.gz"
        )

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        if file.exists():
            raise CommandError(f"{file} exists already: choose a new name")
        summary = backups.take(file)
        self.stdout.write(f"{file}: {summary.rows} rows, {summary.files} media files")
