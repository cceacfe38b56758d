from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from ttdn.core.services import create_token
from ttdn.reports.tests.factories import open_round, report_form


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted by their English msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def form(cast):
    return report_form(cast.phong, cast.phong_officer)


@pytest.fixture
def round_(cast, form):
    return open_round(cast.phong, cast.phong_officer, form)


@pytest.fixture
def at():
    """Move the clock: `at(2026, 5, 1)` makes timezone.now() that day at 10:00 local time."""
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
