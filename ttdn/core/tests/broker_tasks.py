"""Tasks the queue tests enqueue; the worker processes of those tests import them from here."""

from __future__ import annotations

import os
import time

import django_rq
from django_tasks import task
from redis import Redis


def marks() -> Redis:
    """The Redis the task queue uses (a test's own database number), where these tasks leave
    the marks the tests read."""
    return django_rq.get_connection("default")


@task()
def slow_count(key: str, seconds: float) -> int:
    """Note a start, work for `seconds`, then count one completion of `key`. Nothing guards the
    count, so a run that finished twice shows as two."""
    redis = marks()
    redis.rpush(f"{key}:starts", os.getpid())
    time.sleep(seconds)
    return int(redis.incr(f"{key}:done"))


@task()
def always_fails(label: str) -> None:
    raise RuntimeError(f"{label} fails, as the test wants")


@task()
def noop(label: str) -> str:
    return label
