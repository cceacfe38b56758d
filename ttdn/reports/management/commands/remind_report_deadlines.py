from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ttdn.reports import queries, services


class Command(BaseCommand):
    help = (
        "Remind units whose report in an open round is due within --days days or overdue, and "
        "tell the reviewing units who is overdue: one e-mail per person per day. Running it twice "
        "a day sends nothing the second time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=3)

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        today = timezone.localdate()
        reminders = queries.reminders_due(today=today, days_before=days)
        for reminder in reminders:
            s = reminder.submission
            self.stdout.write(
                f"{s.unit_name} round #{s.round_id} due {s.due_on} overdue={reminder.overdue}"
            )
        sent = services.send_reminders(reminders, on=today)
        self.stdout.write(f"{len(reminders)} report reminders, {sent} e-mails")
