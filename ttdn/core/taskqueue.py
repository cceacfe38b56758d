"""The queue behind the background tasks (django-tasks), in the database or in Redis.

`TTDN_TASKS_BACKEND=db` (the default) keeps tasks in the database (django-tasks-db): nothing more
to run, and `ttdn run` starts its worker. `TTDN_TASKS_BACKEND=redis` with `TTDN_REDIS_URL` keeps
them in Redis (django-tasks-rq on RQ), for workers on machines of their own. Either way the
worker is `ttdn worker` (ttdn/core/management/commands/worker.py), and code enqueues tasks the
same way (`task.enqueue(...)`).

Every task is written to be run again safely: what it does is guarded by the state of the
records it works on (a post already sent, an upload already read), so a second run does nothing
twice. That is what makes retries safe. A task that raises runs again after RETRY_DELAYS
(30 s, 2 min, 8 min, 32 min), then is left failed:

- Redis: RQ's own retry (`RetryingQueue` gives every job a `Retry`); a task whose worker died
  under it (killed, machine lost) is found by another worker once its heartbeat lapses
  (TTDN_WORKER_HEARTBEAT_SECONDS + 60 s) and retried the same way, so nothing is lost.
- Database: `retry_failed_task` queues the same call again, deferred, counting the failed runs
  of that call.

`queue_depth()` is how many tasks wait (due now or later, retries included), for either backend.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_rq.queues import DjangoRQ
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.base import Task
from rq import Queue, Retry
from rq import Worker as RQWorker
from rq.job import Job

# Seconds before each retry: the outbox's fourfold growth, starting at half a minute.
RETRY_DELAYS = (30, 120, 480, 1920)


def retry_delay(failures: int) -> timedelta:
    """The wait before the run that follows the `failures`-th failed one (1-based)."""
    return timedelta(seconds=RETRY_DELAYS[failures - 1])


def uses_redis() -> bool:
    return bool(settings.TASKS_BACKEND == "redis")


# --- Redis (RQ) ----------------------------------------------------------------------------------


class RetryingQueue(DjangoRQ):
    """RQ's queue, giving each job that names no retry of its own the product's retries."""

    def create_job(self, *args: Any, **kwargs: Any) -> Job:
        if kwargs.get("retry") is None:
            kwargs["retry"] = Retry(max=len(RETRY_DELAYS), interval=list(RETRY_DELAYS))
        return super().create_job(*args, **kwargs)


class Worker(RQWorker):
    """RQ's forking worker, with a heartbeat every TTDN_WORKER_HEARTBEAT_SECONDS and the search
    for jobs whose worker died (and for a scheduler to take over) every three heartbeats, instead
    of RQ's 30 s and 10 minutes; it
    takes the job and queue classes of the settings (django-tasks-rq's job) when given none."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django_rq.jobs import get_job_class
        from django_rq.queues import get_queue_class

        kwargs["job_class"] = kwargs.get("job_class") or get_job_class()
        kwargs["queue_class"] = kwargs.get("queue_class") or get_queue_class()
        heartbeat = settings.TASK_WORKER_HEARTBEAT_SECONDS
        kwargs.setdefault("job_monitoring_interval", heartbeat)
        kwargs.setdefault("maintenance_interval", heartbeat * 3)
        super().__init__(*args, **kwargs)

    @property
    def dequeue_timeout(self) -> int:
        """An idle worker looks up from the queue this often, to do its searches on time (RQ's
        own waits for new jobs up to its TTL, 405 s)."""
        return max(1, min(super().dequeue_timeout, self.maintenance_interval))


def _rq_queues() -> list[Queue]:
    import django_rq

    return [django_rq.get_queue(name) for name in settings.RQ_QUEUES]


# --- Database ------------------------------------------------------------------------------------


def retry_failed_task(sender: Any, task_result: TaskResult[Any], **kwargs: Any) -> None:
    """On the database backend, queue a failed task's call again after its delay; after as many
    failed runs of that call (in a day) as there are delays, leave it failed."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if task_result.status != TaskResultStatus.FAILED:
        return
    task = task_result.task
    if not isinstance(task.get_backend(), DatabaseBackend):
        return
    failures = DBTaskResult.objects.filter(
        task_path=task.module_path,
        status=TaskResultStatus.FAILED,
        args_kwargs={"args": list(task_result.args), "kwargs": task_result.kwargs},
        enqueued_at__gte=timezone.now() - timedelta(days=1),
    ).count()
    if failures > len(RETRY_DELAYS):
        return
    task.using(run_after=timezone.now() + retry_delay(failures)).enqueue(
        *task_result.args, **task_result.kwargs
    )


# A task of the product runs for minutes at most (an upload is read in 300 s at most): one the
# database says has been running for longer than this lost its worker (killed, machine stopped).
ABANDONED_AFTER = timedelta(minutes=30)


def requeue_abandoned(now: Any = None) -> int:
    """On the database backend, put back in the queue the tasks whose worker died under them
    (every task is idempotent, so running one again is safe); return how many. This is the
    database's side of "a worker killed mid-task loses nothing", which RQ does itself."""
    if uses_redis():
        return 0
    from django_tasks_db.models import DBTaskResult

    now = now or timezone.now()
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=now - ABANDONED_AFTER
    ).update(status=TaskResultStatus.READY, started_at=None, run_after=now)


# --- For both --------------------------------------------------------------------------------------


def queue_depth() -> int:
    """How many tasks wait for a worker: due now, deferred, or waiting to be retried."""
    return sum(queue_depths().values())


def queue_depths() -> dict[str, int]:
    """queue_depth() per queue (every configured queue, waiting or not), for /metrics."""
    if uses_redis():
        return {
            queue.name: queue.count + queue.scheduled_job_registry.count for queue in _rq_queues()
        }
    from django.db.models import Count
    from django_tasks import task_backends
    from django_tasks_db.models import DBTaskResult

    depths = dict.fromkeys(task_backends["default"].queues, 0)
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    depths.update(dict(waiting.values_list("queue_name").annotate(n=Count("id"))))
    return depths


def is_waiting(task: Task[Any, Any]) -> bool:
    """Whether a call of `task` waits in the queue (not yet started)."""
    if uses_redis():
        return any(
            job.func_name == task.module_path for queue in _rq_queues() for job in queue.jobs
        )
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(
        task_path=task.module_path, status=TaskResultStatus.READY
    ).exists()
