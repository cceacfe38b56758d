from __future__ import annotations

import pytest
from django.utils import translation

from ttdn.core.tests import fixtures

bearer = fixtures.bearer


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are asserted by their English msgids."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
