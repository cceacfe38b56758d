from __future__ import annotations

import datetime

import pytest
from django.utils import timezone, translation

from ttdn.core.services import create_token
from ttdn.reports import services
from ttdn.reports.models import Submission
from ttdn.reports.tests.factories import PHONG_VALUES, open_round, report_form


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


@pytest.fixture
def phong_report(cast, at):
    """The Phòng's own report to the Sở, filled in."""
    form = report_form(cast.so, cast.so_leader, code="so-6-thang")
    round_ = open_round(cast.so, cast.so_leader, form, levels=["district"])
    submission = Submission.objects.get(round=round_, unit=cast.phong)
    at(2026, 4, 25)
    services.save_values(submission, PHONG_VALUES, by=cast.phong_officer)
    return submission
