from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run background tasks from the configured queue (TTDN_TASKS_BACKEND): the database's "
        "worker, or an RQ worker with its scheduler (deferred tasks and retries) for Redis"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.TASKS_BACKEND == "redis":
            call_command(
                "rqworker",
                *settings.RQ_QUEUES,
                with_scheduler=True,
                worker_class="ttdn.core.taskqueue.Worker",
            )
        else:
            call_command("db_worker", interval=1)
