import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import close_old_connections

from ttdn.core import jobs


class Command(BaseCommand):
    help = "Run registered periodic jobs when they are due (--once for cron, otherwise a loop)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--once", action="store_true", help="run due jobs once and exit")
        parser.add_argument("--interval", type=float, default=20.0, help="seconds between checks")

    def handle(self, *args: Any, once: bool, interval: float, **options: Any) -> None:
        try:
            self.loop(once=once, interval=interval)
        except KeyboardInterrupt:
            self.stdout.write("scheduler stopped")

    def loop(self, *, once: bool, interval: float) -> None:
        while True:
            for job in jobs.registered():
                if jobs.is_due(job):
                    job_run = jobs.run(job)
                    self.stdout.write(f"{job.name}: {job_run.outcome} in {job_run.duration_s:.1f}s")
            if once:
                return
            time.sleep(interval)
            close_old_connections()  # between rounds, as a request would
