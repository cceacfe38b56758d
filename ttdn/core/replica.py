"""Reading large aggregates from a read replica (settings: TTDN_REPLICA_DATABASE_URL; ADR 0015).

Only pages that read and never write may read from the replica, and only what they read while
answering GET: the consolidation and completeness of a round, and the statistics dashboards,
whose queries aggregate a whole subtree. They are marked with `@reads_from_replica`. Every
write, every read outside such a page (sessions, sign-in, forms, services that read and then
write) goes to "default", so nobody acts on data a replica has not caught up with yet.

Without a replica configured there is no router and the marks change nothing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

from django.db.models import Model
from django.http import HttpRequest

REPLICA = "replica"
_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def replica_reads() -> Iterator[None]:
    """Reads inside the block go to the replica (when one is configured); writes do not."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def reads_from_replica(view: Callable[P, R]) -> Callable[P, R]:
    """A view whose GET and HEAD only read: their queries go to the replica. Its other methods
    (a form posted to it) read and write on "default"."""

    @functools.wraps(view)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        request = args[0]
        assert isinstance(request, HttpRequest)
        if request.method not in ("GET", "HEAD"):
            return view(*args, **kwargs)
        with replica_reads():
            return view(*args, **kwargs)

    return wrapper


class ReplicaRouter:
    """settings.DATABASE_ROUTERS when TTDN_REPLICA_DATABASE_URL is set."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        return REPLICA if _reading_from_replica.get() else None

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True  # the same data on both sides

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA  # the replica follows the primary's schema by replication
