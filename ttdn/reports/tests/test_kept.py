"""A consolidation is kept between visits (page and API) and computed again as soon as a report
below the unit moves, and only then. These tests commit (the rest of the suite runs in
transactions that never do, with keeping off)."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import build_cast
from ttdn.core import changes
from ttdn.core.tests.fixtures import token_headers
from ttdn.reports import api, kept, queries, services
from ttdn.reports.models import Round, Submission
from ttdn.reports.tests.factories import open_round, report_form
from ttdn.reports.views.consolidation import _figures


@pytest.fixture
def keeping(settings, transactional_db, at):
    settings.KEEP_READS = True
    settings.CACHES = {
        **settings.CACHES,
        "generations": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "g",
        },
        "kept": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "k"},
    }
    caches["generations"].clear()
    caches["kept"].clear()
    kept.clear()
    cast = build_cast()
    round_ = open_round(cast.phong, cast.phong_officer, report_form(cast.phong, cast.phong_officer))
    at(2026, 5, 1)
    for unit, teacher, articles in (
        (cast.school_a, cast.teacher_a, "7"),
        (cast.school_b, cast.teacher_b, "5"),
    ):
        submission = Submission.objects.get(round=round_, unit=unit)
        services.save_values(submission, {"articles": articles}, by=teacher)
        services.submit_submission(submission, by=teacher)
    services.approve_submission(
        Submission.objects.get(round=round_, unit=cast.school_a), by=cast.phong_leader
    )
    yield cast, round_
    kept.clear()


def sign_in(client, user) -> None:
    client.force_login(user)


def _page(client, round_) -> tuple[str, int]:
    """The consolidation's total of "articles" as the page shows it, and the roll-up queries."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("reports:consolidation", args=[round_.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    total = html.split('data-code="articles">', 1)[1].split("<", 1)[0]
    return total, sum("reports_rollup" in q["sql"] for q in queries.captured_queries)


def test_the_page_is_served_again_without_reading_the_rollups(client, keeping):
    cast, round_ = keeping
    sign_in(client, cast.phong_leader)

    total, computed = _page(client, round_)
    assert (total, computed > 0) == ("7", True)
    assert _page(client, round_) == ("7", 0)


def test_a_report_approved_below_shows_at_once(client, keeping):
    cast, round_ = keeping
    sign_in(client, cast.phong_leader)
    _page(client, round_)

    services.approve_submission(
        Submission.objects.get(round=round_, unit=cast.school_b), by=cast.phong_leader
    )

    assert _page(client, round_)[0] == "12"


def test_values_changed_in_an_approved_report_show_at_once_and_a_drafts_do_not_renew(
    client, keeping
):
    cast, round_ = keeping
    sign_in(client, cast.phong_leader)
    approved = Submission.objects.get(round=round_, unit=cast.school_a)
    Submission.objects.filter(pk=approved.pk).update(
        unlocked_until=datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    )
    _page(client, round_)
    returned = Submission.objects.get(round=round_, unit=cast.school_b)
    services.return_submission(returned, message="Sửa lại.", by=cast.phong_leader)
    _page(client, round_)

    services.save_values(
        returned, {"articles": "6"}, by=cast.teacher_b
    )  # a returned report counts nowhere
    assert _page(client, round_) == ("7", 0)

    services.save_values(approved, {"articles": "9"}, by=cast.teacher_a)
    assert _page(client, round_)[0] == "9"


def test_the_api_keeps_its_answer_and_renews_it_with_the_page(client, keeping):
    cast, round_ = keeping
    headers = token_headers(cast.phong_leader)
    url = f"/api/v1/reports/rounds/{round_.pk}/consolidation?unit={cast.phong.code}"

    def total() -> str:
        response = client.get(url, **headers)
        return next(i["total"] for i in response.json()["indicators"] if i["code"] == "articles")

    assert total() == "7"
    services.approve_submission(
        Submission.objects.get(round=round_, unit=cast.school_b), by=cast.phong_leader
    )
    assert total() == "12"


def test_a_write_outside_the_services_shows_within_the_maximum_age(client, keeping, monkeypatch):
    cast, round_ = keeping
    sign_in(client, cast.phong_leader)
    _page(client, round_)
    Round.objects.filter(pk=round_.pk).update(title="Đổi tên")  # a table whose generation is read
    assert _page(client, round_)[1] > 0

    now = changes.time.time()
    monkeypatch.setattr(changes.time, "time", lambda: now + kept.MAX_AGE + 1)
    assert _page(client, round_)[1] > 0


def test_another_process_serves_what_one_computed(client, keeping):
    cast, round_ = keeping
    sign_in(client, cast.phong_leader)
    _page(client, round_)

    kept.clear()  # this process forgets: the machine's shared copy serves

    assert _page(client, round_) == ("7", 0)


def test_a_consolidation_reads_only_tables_whose_changes_renew_it(keeping):
    """A new table read by the consolidation must be kept by generation (TABLES) or touched by
    whatever writes it (BY_TOPIC); else its changes would not show."""
    cast, round_ = keeping
    round_ = Round.objects.select_related("form_version").get(pk=round_.pk)
    with changes.tables_read() as read:
        _figures(round_, cast.phong, "approved")
        api._consolidation(round_, cast.phong, "approved")
        api._completeness(round_, cast.phong)
        queries.completeness(round_, cast.phong, level="school")

    assert read - kept.TABLES - kept.BY_TOPIC == set()
    assert {"reports_rollup", "reports_value", "reports_tally", "reports_round"} <= read


def test_completeness_is_kept_and_renewed_by_a_submission_below(client, keeping):
    cast, round_ = keeping
    sign_in(client, cast.phong_leader)
    headers = token_headers(cast.phong_leader)
    url = f"/api/v1/reports/rounds/{round_.pk}/completeness?unit={cast.phong.code}"
    page = reverse("reports:completeness", args=[round_.pk])

    def approved() -> tuple[int, int]:
        return (
            client.get(url, **headers).json()["total"]["approved"],
            client.get(page).context["data"].total.approved,
        )

    assert approved() == (1, 1)
    with CaptureQueriesContext(connection) as queries_sent:
        assert approved() == (1, 1)
    assert not any("reports_tally" in q["sql"] for q in queries_sent.captured_queries)

    services.approve_submission(
        Submission.objects.get(round=round_, unit=cast.school_b), by=cast.phong_leader
    )

    assert approved() == (2, 2)
