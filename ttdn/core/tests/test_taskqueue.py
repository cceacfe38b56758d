"""The task queue on both backends: retries with back-off, queue depth, and (on Redis, with real
worker processes) a worker killed in the middle of a task.

The Redis tests need the Redis at 127.0.0.1:6379 (databases 3 and 4, emptied by the tests).
Without it they are skipped, except under TTDN_CI=1 (.ci/run starts Redis), where that fails.
"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import django_rq
import pytest
import redis
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from rq.job import Job, JobStatus

from ttdn.core import taskqueue
from ttdn.core.tests import broker_tasks

REDIS = "redis://127.0.0.1:6379"
# The kill test's database, and one per xdist worker for the others: each flushes its own.
KILL_DB = 3
QUEUE_DB = 4 + int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)


def redis_settings(db: int) -> dict[str, Any]:
    """What settings.py sets for TTDN_TASKS_BACKEND=redis, on database `db`."""
    return {
        "TASKS_BACKEND": "redis",
        "TASKS": {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}},
        "RQ_QUEUES": {"default": {"URL": f"{REDIS}/{db}", "DEFAULT_TIMEOUT": 900}},
        "RQ": {
            "QUEUE_CLASS": "ttdn.core.taskqueue.RetryingQueue",
            "JOB_CLASS": "django_tasks_rq.Job",
        },
    }


def empty_redis(db: int) -> redis.Redis:
    connection = redis.Redis.from_url(f"{REDIS}/{db}")
    try:
        connection.ping()
    except redis.ConnectionError:
        if os.environ.get("TTDN_CI") == "1":
            pytest.fail("Redis is not reachable at 127.0.0.1:6379 (.ci/run starts it)")
        pytest.skip("Redis is not reachable at 127.0.0.1:6379")
    connection.flushdb()
    return connection


@pytest.fixture
def on_redis() -> Iterator[redis.Redis]:
    connection = empty_redis(QUEUE_DB)
    with override_settings(**redis_settings(QUEUE_DB)):
        yield connection
    connection.flushdb()


def wait_for(condition: Callable[[], object], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {seconds:.0f} s for {what}")
        time.sleep(0.2)


# --- Redis -------------------------------------------------------------------------------------


def start_worker(tmp_path: Any, name: str) -> subprocess.Popen[bytes]:
    """`ttdn worker` on Redis database KILL_DB, in a process group of its own, its output in
    tmp_path/<name>.log."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ttdn.settings_test",
        "TTDN_TASKS_BACKEND": "redis",
        "TTDN_REDIS_URL": f"{REDIS}/{KILL_DB}",
        # Heartbeat each second: a dead worker's task is found 61 s later, not 90.
        "TTDN_WORKER_HEARTBEAT_SECONDS": "1",
    }
    log = (tmp_path / f"{name}.log").open("wb")
    return subprocess.Popen(
        [sys.executable, "-m", "ttdn.manage", "worker"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def stop(process: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        os.killpg(process.pid, sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def test_a_worker_killed_mid_task_loses_nothing_and_doubles_nothing(tmp_path, monkeypatch):
    marks = empty_redis(KILL_DB)
    # The job carries its retry delays; short ones keep the test short.
    monkeypatch.setattr(taskqueue, "RETRY_DELAYS", (1, 2, 4, 8))
    first = start_worker(tmp_path, "first")
    second = None
    try:
        with override_settings(**redis_settings(KILL_DB)):
            result = broker_tasks.slow_count.enqueue("report", 3.0)
        wait_for(lambda: marks.llen("report:starts") == 1, 60, "the first worker to start")
        # The machine is lost mid-task: the worker, its scheduler, and the work horse running
        # the task (RQ gives the horse a session of its own; the task noted its process id).
        os.killpg(first.pid, signal.SIGKILL)
        os.kill(int(marks.lindex("report:starts", 0)), signal.SIGKILL)
        first.wait(timeout=10)
        time.sleep(4)  # longer than the task: a horse that survived would have finished it
        assert marks.get("report:done") is None

        second = start_worker(tmp_path, "second")
        wait_for(lambda: marks.get("report:done") is not None, 150, "the task to be redone")
        job = Job.fetch(result.id, connection=marks)
        wait_for(lambda: job.get_status() == JobStatus.FINISHED, 30, "the job to finish")
        time.sleep(2)

        assert marks.llen("report:starts") == 2  # killed once, run again once
        assert int(marks.get("report:done")) == 1  # and done exactly once
        assert job.retries_left == 3
    finally:
        stop(first, signal.SIGKILL)
        if second is not None:
            stop(second)
        logs = {p.name: p.read_text(errors="replace")[-3000:] for p in tmp_path.glob("*.log")}
        print(logs)  # shown by pytest when the test fails
        marks.flushdb()


def test_a_failing_task_is_retried_later_on_redis(on_redis):
    result = broker_tasks.always_fails.enqueue("report")
    worker = taskqueue.Worker(["default"], connection=on_redis)

    before = timezone.now()
    worker.work(burst=True)

    job = Job.fetch(result.id, connection=on_redis)
    assert job.get_status() == JobStatus.SCHEDULED
    assert job.retries_left == len(taskqueue.RETRY_DELAYS) - 1
    assert job.retry_intervals == list(taskqueue.RETRY_DELAYS)
    scheduled = django_rq.get_queue("default").scheduled_job_registry.get_scheduled_time(job)
    assert before + timedelta(seconds=29) <= scheduled <= timezone.now() + timedelta(seconds=31)


def test_queue_depth_counts_waiting_and_deferred_tasks_on_redis(on_redis):
    assert taskqueue.queue_depth() == 0
    broker_tasks.noop.enqueue("a")
    broker_tasks.noop.enqueue("b")
    broker_tasks.noop.using(run_after=timezone.now() + timedelta(hours=1)).enqueue("c")

    assert taskqueue.queue_depth() == 3
    assert taskqueue.is_waiting(broker_tasks.noop)
    assert not taskqueue.is_waiting(broker_tasks.always_fails)

    taskqueue.Worker(["default"], connection=on_redis).work(burst=True)

    assert taskqueue.queue_depth() == 1


def test_enqueue_heartbeat_queues_one_on_redis(on_redis):
    call_command("enqueue_heartbeat")
    call_command("enqueue_heartbeat")

    assert taskqueue.queue_depth() == 1


# --- Database ----------------------------------------------------------------------------------


def test_queue_depth_counts_waiting_and_deferred_tasks_in_the_database(db):
    broker_tasks.noop.enqueue("a")
    broker_tasks.noop.using(run_after=timezone.now() + timedelta(hours=1)).enqueue("b")
    DBTaskResult.objects.create(
        task_path=broker_tasks.noop.module_path,
        args_kwargs={"args": ["c"], "kwargs": {}},
        status=TaskResultStatus.SUCCESSFUL,
        queue_name="default",
        backend_name="default",
    )

    assert taskqueue.queue_depth() == 2


@pytest.mark.django_db(transaction=True)  # the worker manages its own connection
def test_a_failing_task_is_retried_with_growing_delays_then_left_failed_in_the_database():
    broker_tasks.always_fails.enqueue("report")
    delays = []
    for _ in range(len(taskqueue.RETRY_DELAYS) + 1):
        started = timezone.now()
        call_command("db_worker", "--batch", "--no-startup-delay")
        waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
        if not waiting.exists():
            break
        (retry,) = waiting
        delays.append(round((retry.run_after - started).total_seconds()))
        waiting.update(run_after=timezone.now())  # its time has come

    assert delays == list(taskqueue.RETRY_DELAYS)
    assert DBTaskResult.objects.filter(status=TaskResultStatus.FAILED).count() == 5
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()


@pytest.mark.django_db(transaction=True)  # the worker manages its own connection
def test_a_task_whose_database_worker_died_runs_again_and_only_then():
    broker_tasks.noop.enqueue("report")
    # What a worker killed in the middle leaves: the task taken, "running", never finished.
    taken = timezone.now() - taskqueue.ABANDONED_AFTER + timedelta(minutes=1)
    DBTaskResult.objects.update(status=TaskResultStatus.RUNNING, started_at=taken)
    call_command("requeue_abandoned_tasks", stdout=io.StringIO())
    still_running = DBTaskResult.objects.get().status  # not yet half an hour: maybe still alive

    DBTaskResult.objects.update(started_at=taken - timedelta(minutes=2))
    call_command("requeue_abandoned_tasks", stdout=io.StringIO())
    call_command("db_worker", "--batch", "--no-startup-delay")

    assert still_running == TaskResultStatus.RUNNING
    assert DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL
