from typing import Any

from django.core.management.base import BaseCommand

from ttdn.core import taskqueue
from ttdn.core.tasks import heartbeat


class Command(BaseCommand):
    help = "Queue the heartbeat task for the worker, unless one is already waiting"

    def handle(self, *args: Any, **options: Any) -> None:
        if taskqueue.is_waiting(heartbeat):
            self.stdout.write("heartbeat already queued")
            return
        result = heartbeat.enqueue()
        self.stdout.write(f"heartbeat queued: {result.id}")
