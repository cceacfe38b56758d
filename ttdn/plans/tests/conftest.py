from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from ttdn.core.services import create_token
from ttdn.plans.tests.factories import issue, printable_plan


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted by their English msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def at():
    """Move the clock: `at(2026, 3, 1)` makes timezone.now() that day at 10:00 local time."""
    from unittest import mock

    patches = []

    def move(year: int, month: int, day: int, hour: int = 10):
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


@pytest.fixture
def bearer():
    def headers(user) -> dict[str, str]:
        _token, key = create_token(user, name="test", by=user)
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return headers


@pytest.fixture
def requesting(cast, at):
    """The Phòng's plan issued on 1 March 2026, requiring schools A and B's plans by 10 March."""
    at(2026, 3, 1)
    plan = printable_plan(cast.phong)
    return issue(
        plan, cast.phong_leader, [cast.school_a, cast.school_b], datetime.date(2026, 3, 10)
    )
