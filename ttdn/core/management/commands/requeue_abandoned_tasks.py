from typing import Any

from django.core.management.base import BaseCommand

from ttdn.core import taskqueue


class Command(BaseCommand):
    help = (
        "Queue again the tasks a database worker started and never finished because it died "
        "(running for more than 30 minutes); nothing to do on Redis, where RQ does it"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = taskqueue.requeue_abandoned()
        self.stdout.write(f"{count} abandoned task(s) queued again")
