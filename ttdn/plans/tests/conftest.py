from __future__ import annotations

import datetime

import pytest
from django.utils import translation

from ttdn.core.tests import fixtures
from ttdn.plans.tests.factories import issue, printable_plan

at = fixtures.at
bearer = fixtures.bearer


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted by their English msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def requesting(cast, at):
    """The Phòng's plan issued on 1 March 2026, requiring schools A and B's plans by 10 March."""
    at(2026, 3, 1)
    plan = printable_plan(cast.phong)
    return issue(
        plan, cast.phong_leader, [cast.school_a, cast.school_b], datetime.date(2026, 3, 10)
    )
