"""Consolidation pages read from the replica when one is configured (ttdn/core/replica.py).

The replica alias is a test mirror of "default" (settings_test.py): the same data through
another connection, so counting each connection's queries shows which alias served what. The
tests are transactional because a mirror only sees committed rows.
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ttdn.core.tests.fixtures import get_by_alias as _get
from ttdn.reports import services
from ttdn.reports.models import RollUp, Submission

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])
ROLLUP_TABLE = RollUp._meta.db_table


@pytest.fixture
def approved(cast, round_, at):
    at(2026, 5, 1)
    submission = Submission.objects.get(round=round_, unit=cast.school_a)
    services.save_values(submission, {"articles": "7"}, by=cast.teacher_a)
    services.submit_submission(submission, by=cast.teacher_a)
    services.approve_submission(submission, by=cast.phong_leader)
    return round_


def test_consolidation_reads_its_roll_ups_from_the_replica(client, cast, approved, replica_router):
    client.force_login(cast.phong_leader)

    response, on_default, on_replica = _get(
        client, reverse("reports:consolidation", args=[approved.pk])
    )

    assert response.status_code == 200
    assert response.context["data"].row("articles").total == 7
    assert any(ROLLUP_TABLE in sql for sql in on_replica)
    assert not any(ROLLUP_TABLE in sql for sql in on_default)
    # Signing in (the session, the person) happened before the page, on default.
    assert any("django_session" in sql for sql in on_default)
    assert not any(
        sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) for sql in on_replica
    )


@pytest.mark.parametrize("name", ["completeness", "consolidation_export"])
def test_completeness_and_the_workbook_read_from_the_replica(
    client, cast, approved, replica_router, name
):
    client.force_login(cast.phong_leader)

    response, _on_default, on_replica = _get(client, reverse(f"reports:{name}", args=[approved.pk]))

    assert (response.status_code, bool(on_replica)) == (200, True)


def test_other_pages_and_posts_stay_on_default(client, cast, approved, replica_router):
    client.force_login(cast.phong_leader)

    pages = [
        _get(client, reverse("home")),
        _get(client, reverse("reports:round_detail", args=[approved.pk])),
    ]
    with CaptureQueriesContext(connections["replica"]) as posted:
        client.post(reverse("reports:consolidation", args=[approved.pk]))

    assert [(r.status_code, replica) for r, _default, replica in pages] == [(200, []), (200, [])]
    assert list(posted) == []


def test_without_a_router_everything_is_read_from_default(client, cast, approved):
    client.force_login(cast.phong_leader)

    response, on_default, on_replica = _get(
        client, reverse("reports:consolidation", args=[approved.pk])
    )

    assert (response.status_code, on_replica) == (200, [])
    assert any(ROLLUP_TABLE in sql for sql in on_default)
