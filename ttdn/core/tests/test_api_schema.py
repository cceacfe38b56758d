"""The API against its own OpenAPI document, with generated requests (schemathesis): no answer is
a 5xx and every status is one the document lists. Bounded to run in well under a minute."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from ttdn.api import api
from ttdn.core.services import create_token

# The document the API serves at /api/v1/openapi.json; requests go to the WSGI application, in
# the test's database (schemathesis calls it as "localhost", an allowed host).
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """As Django's test client does: a request must not close the connection that holds the
    test's transaction (on PostgreSQL that ends the test)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    derandomize=True,  # the same cases every run: a failure here is reproducible, never flaky
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_no_5xx_and_only_documented_statuses(case, cast):
    _token, key = create_token(cast.phong_leader, name="schemathesis", by=cast.phong_leader)

    case.call_and_validate(
        headers={"Authorization": f"Bearer {key}"},
        checks=[not_a_server_error, status_code_conformance],
    )
