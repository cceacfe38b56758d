"""Background tasks of the core."""

import socket

from django.utils import timezone
from django_tasks import task

from ttdn.core.models import WorkerHeartbeat


@task()
def heartbeat() -> str:
    """Record that a worker is alive and processing the queue."""
    worker = socket.gethostname()
    WorkerHeartbeat.objects.update_or_create(worker=worker, defaults={"seen_at": timezone.now()})
    return worker


@task()
def read_upload(job_id: int) -> str:
    """Read an uploaded file queued by `core.uploads.queue_upload`; returns the job's status."""
    from ttdn.core import uploads

    return str(uploads.run_job(job_id).status)
