from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from ttdn.plans import queries, services


class Command(BaseCommand):
    help = (
        "Remind units whose required plan or task is due within --days days or overdue, and "
        "tell the issuing units who is overdue: one e-mail per person per day. Running it twice a day "
        "sends nothing the second time."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=3)

    def handle(self, *args: Any, days: int, **options: Any) -> None:
        today = timezone.localdate()
        reminders = queries.reminders_due(today=today, days_before=days)
        for reminder in reminders:
            s = reminder.submission
            self.stdout.write(
                f"{s.unit.code} plan #{s.request_id} due {s.due} overdue={reminder.overdue}"
            )
        tasks = queries.tasks_due(today=today, days_before=days)
        for task in tasks:
            self.stdout.write(f"task #{task.pk} of plan #{task.plan_id} due {task.due}")
        sent = services.send_reminders(reminders, tasks=tasks, on=today)
        self.stdout.write(
            f"{len(reminders)} plan reminders, {len(tasks)} task reminders, {sent} e-mails"
        )
