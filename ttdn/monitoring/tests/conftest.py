from collections.abc import Iterator

import pytest

from ttdn.core.services import create_token
from ttdn.monitoring import fetching, watching
from ttdn.monitoring.tests.server import TestServer


@pytest.fixture
def web() -> Iterator[TestServer]:
    server = TestServer()
    fetching.forget_hosts()
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _fresh_matcher() -> Iterator[None]:
    """Each test database starts with new watches: compile them afresh."""
    watching._cache.clear()
    yield
    watching._cache.clear()


@pytest.fixture
def bearer():
    """Authorization headers with a fresh API token of `user`."""

    def headers(user) -> dict[str, str]:
        _token, key = create_token(user, name="test", by=user)
        return {"HTTP_AUTHORIZATION": f"Bearer {key}"}

    return headers
