"""Fixtures several apps share: an app's conftest.py imports the ones it uses."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from ttdn.core.services import create_token


@pytest.fixture
def at() -> Iterator[Callable[..., datetime.datetime]]:
    """Move the clock: `at(2026, 3, 1)` makes timezone.now() that day at 10:00 local time."""
    patches: list[Any] = []

    def move(year: int, month: int, day: int, hour: int = 10) -> datetime.datetime:
        moment = timezone.make_aware(datetime.datetime(year, month, day, hour))
        for p in patches:
            p.stop()
        patches.clear()
        patcher = mock.patch("django.utils.timezone.now", return_value=moment)
        patcher.start()
        patches.append(patcher)
        return moment

    yield move
    for p in patches:
        p.stop()


def token_headers(user: Any) -> dict[str, str]:
    """The headers of an API call with a fresh token of `user`."""
    _token, key = create_token(user, name="test", by=user)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def bearer() -> Callable[[Any], dict[str, str]]:
    """`token_headers`, as a fixture."""
    return token_headers


@pytest.fixture
def replica_router(settings: Any) -> None:
    """The read-replica router on, with the test settings' "replica" alias (a mirror of
    "default"); tests using it declare databases=["default", "replica"] and are transactional,
    as a mirror only sees committed rows."""
    settings.DATABASE_ROUTERS = ["ttdn.core.replica.ReplicaRouter"]


def get_by_alias(client: Any, url: str) -> tuple[Any, list[str], list[str]]:
    """GET `url`: the response, and the SQL "default" and "replica" each ran to answer it."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    with (
        CaptureQueriesContext(connections["default"]) as default,
        CaptureQueriesContext(connections["replica"]) as replica,
    ):
        response = client.get(url)
    return response, [q["sql"] for q in default], [q["sql"] for q in replica]
