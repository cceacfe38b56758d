from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import translation

from ttdn.core.tests import fixtures
from ttdn.reports.models import Round, Submission
from ttdn.stats.models import Dataset
from ttdn.stats.tests import factories

replica_router = fixtures.replica_router


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted by their English msgids."""
    with translation.override("en"):
        yield


@dataclass
class World:
    """The Phòng's school-year statistics: school A's report approved, school B's submitted."""

    datasets: dict[str, Dataset]
    round: Round
    report_a: Submission
    report_b: Submission


@pytest.fixture
def world(cast: Any) -> World:
    datasets = factories.datasets()
    form = factories.statistics_form(cast.phong, cast.phong_officer)
    round_ = factories.school_year_round(
        cast.phong, cast.phong_officer, form, 2022, [cast.school_a, cast.school_b]
    )
    report_a = factories.report(
        round_, cast.school_a, {"P1": "640", "P2": "150", "P3": "120"},
        by=cast.teacher_a, approver=cast.phong_leader,
    )  # fmt: skip
    report_b = factories.report(
        round_, cast.school_b, {"P1": "812", "P2": "0", "P3": "0"}, by=cast.teacher_b
    )
    return World(datasets, round_, report_a, report_b)
