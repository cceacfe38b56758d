from __future__ import annotations

import pytest
from django.utils import translation

from ttdn.core.tests import fixtures
from ttdn.reports import services
from ttdn.reports.models import Submission
from ttdn.reports.tests.factories import PHONG_VALUES, open_round, report_form

at = fixtures.at
bearer = fixtures.bearer


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
def phong_report(cast, at):
    """The Phòng's own report to the Sở, filled in."""
    form = report_form(cast.so, cast.so_leader, code="so-6-thang")
    round_ = open_round(cast.so, cast.so_leader, form, levels=["district"])
    submission = Submission.objects.get(round=round_, unit=cast.phong)
    at(2026, 4, 25)
    services.save_values(submission, PHONG_VALUES, by=cast.phong_officer)
    return submission
