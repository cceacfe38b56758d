from collections.abc import Iterator

import pytest

from ttdn.core.tests import fixtures
from ttdn.monitoring import fetching, watching
from ttdn.monitoring.tests.server import TestServer

bearer = fixtures.bearer


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
