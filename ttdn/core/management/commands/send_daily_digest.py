from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ttdn.core import digest


class Command(BaseCommand):
    help = (
        "Send the daily digest: one e-mail per person with every plan, task and report of "
        "their units due within --days days or overdue, and the overdue units to the units "
        "waiting for them. Running it twice a day sends nothing the second time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=3)

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        result = digest.send_daily(timezone.localdate(), days_before=days)
        for note in result.notes:
            self.stdout.write(note)
        self.stdout.write(f"{result.emails} e-mails")
