"""Empty stored report figures that cannot be read back (too many digits, not a number), which
earlier versions let in and which broke every page reading them. Idempotent."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ttdn.reports.services import repairs


class Command(BaseCommand):
    help = (
        "Find report figures that cannot be read back, list them and (unless --dry-run) empty them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="only list them")

    def handle(self, *args: Any, dry_run: bool, **options: Any) -> None:
        found = repairs.broken_values() if dry_run else repairs.clear_broken_values()
        for item in found:
            self.stdout.write(
                f"submission {item.submission_id} (unit {item.unit_code}) "
                f"{item.indicator_code} ({item.field}): "
                f"{item.stored} " + ("(would be emptied)" if dry_run else "emptied")
            )
        self.stdout.write(
            f"{len(found)} broken figure(s)" + (" found." if dry_run else " emptied.")
        )
