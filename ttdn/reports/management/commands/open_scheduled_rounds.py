"""Open the rounds whose schedules say they open today (run daily by the scheduler)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from ttdn.reports.services.schedules import open_scheduled_rounds


class Command(BaseCommand):
    help = "Open the reporting rounds that the forms' schedules open by today."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=datetime.date.fromisoformat, default=None)

    def handle(self, *args: Any, today: datetime.date | None = None, **options: Any) -> None:
        lines = open_scheduled_rounds(today)
        for line in lines:
            self.stdout.write(line)
        self.stdout.write(f"{len(lines)} scheduled rounds handled")
