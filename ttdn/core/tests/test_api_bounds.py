"""Every integer the API takes is bounded: a value too large for the database is a 422 with a
JSON message, never a 500."""

import pytest
from django.test import Client

from ttdn.core.services import create_token

HUGE = str(2**64)


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/portal/sites/hong-bang/articles?offset={HUGE}",
        f"/api/v1/portal/sites/hong-bang/articles?limit={HUGE}",
        f"/api/v1/portal/sites/hong-bang/articles/{HUGE}",
        f"/api/v1/units?offset={HUGE}",
        f"/api/v1/units?offset={2**63 - 1}",
        f"/api/v1/documents?offset={HUGE}",
        f"/api/v1/documents/{HUGE}",
        "/api/v1/documents?year=2101",
        "/api/v1/plans?year=1899",
        f"/api/v1/plans/{HUGE}",
        f"/api/v1/anniversaries?year={HUGE}",
        f"/api/v1/reports/submissions/{HUGE}",
        f"/api/v1/reports/rounds/{HUGE}/consolidation",
    ],
)
def test_api_integers_out_of_bounds_are_422(cast, url):
    _token, key = create_token(cast.phong_leader, name="test", by=cast.phong_leader)
    client = Client(raise_request_exception=False)

    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {key}")

    assert response.status_code == 422
    assert bool(response.json()["message"])
