from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ttdn.core import jobs
from ttdn.core.enums import JobOutcome


class Command(BaseCommand):
    help = "Run one registered job now and record the run (for cron and systemd timers)"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="job name; see the operator page or --list")

    def handle(self, *args: Any, name: str, **options: Any) -> None:
        try:
            job = jobs.get(name)
        except KeyError:
            known = ", ".join(j.name for j in jobs.registered())
            raise CommandError(f"unknown job {name!r}; known jobs: {known}") from None
        job_run = jobs.run(job)
        self.stdout.write(job_run.output_tail)
        if job_run.outcome != JobOutcome.OK:
            raise CommandError(f"{name} failed")
