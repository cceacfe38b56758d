from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.utils import translation

from ttdn.core.tests import fixtures
from ttdn.events import importers, services
from ttdn.events.models import Commemoration
from ttdn.events.tests.factories import local

bearer = fixtures.bearer


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted by their English msgids; pages are served in the requested language."""
    with translation.override("en"):
        yield


@dataclass
class Reference:
    hai_phong: Commemoration
    quang_ninh: Commemoration


@pytest.fixture
def reference(cast) -> Reference:
    """The packaged reference files, plus the seeds' local days: Hải Phòng's liberation belongs to
    the cast's Sở (Hải Phòng) and Quảng Ninh's founding to the outsider's Sở (Quảng Ninh)."""
    services.load_reference(importers.read_commemorations() + importers.read_relations())
    return Reference(
        hai_phong=local(cast.so, "Ngày giải phóng Hải Phòng", day=13, month=5, origin_year=1955),
        quang_ninh=local(
            cast.outsider_so, "Ngày thành lập tỉnh Quảng Ninh", day=30, month=10, origin_year=1963
        ),
    )
