"""The statistics dashboards read from the replica when one is configured; their writes (a
refresh, a figure decided) do not (ttdn/core/replica.py, ttdn/reports/tests/test_replica.py)."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ttdn.core.tests.fixtures import get_by_alias
from ttdn.stats import services
from ttdn.stats.models import Figure

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])
FIGURE_TABLE = Figure._meta.db_table


def test_dashboard_reads_its_figures_from_the_replica(client, cast, world, replica_router):
    services.refresh_from_reports()
    client.force_login(cast.phong_officer)

    response, on_default, on_replica = get_by_alias(
        client, reverse("stats:dashboard", args=[cast.phong.pk])
    )

    assert response.status_code == 200
    assert response.context["board"].key_figures
    assert any(FIGURE_TABLE in sql for sql in on_replica)
    assert not any(FIGURE_TABLE in sql for sql in on_default)


def test_refreshing_the_figures_reads_and_writes_on_default(client, cast, world, replica_router):
    client.force_login(cast.phong_leader)

    with CaptureQueriesContext(connections["replica"]) as on_replica:
        response = client.post(reverse("stats:refresh", args=[cast.phong.pk]))

    assert response.status_code == 302
    assert Figure.objects.filter(unit=cast.phong).exists()
    assert list(on_replica) == []
