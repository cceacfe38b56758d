from typing import Any

from django.core.management.base import BaseCommand
from django_tasks_db.models import DBTaskResult

from ttdn.core.tasks import heartbeat


class Command(BaseCommand):
    help = "Queue the heartbeat task for the worker, unless one is already waiting"

    def handle(self, *args: Any, **options: Any) -> None:
        waiting = DBTaskResult.objects.filter(task_path=heartbeat.module_path, status="READY")
        if waiting.exists():
            self.stdout.write("heartbeat already queued")
            return
        result = heartbeat.enqueue()
        self.stdout.write(f"heartbeat queued: {result.id}")
