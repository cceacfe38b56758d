from __future__ import annotations

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings):
    """Messages are asserted by their English msgids."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def bearer():
    from ttdn.core.services import create_token

    def headers(user) -> dict[str, str]:
        _token, key = create_token(user, name="test", by=user)
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return headers
