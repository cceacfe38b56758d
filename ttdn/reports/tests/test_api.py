import pytest

from ttdn.reports.models import Submission
from ttdn.reports.tests.factories import open_rounds


def test_api_lists_rounds_puts_values_submits_and_consolidates(client, cast, round_, bearer, at):
    at(2026, 5, 1)
    submission = Submission.objects.get(round=round_, unit=cast.school_a)
    school, phong = bearer(cast.teacher_a), bearer(cast.phong_leader)

    listed = client.get("/api/v1/reports/rounds", **school).json()
    bad = client.put(
        f"/api/v1/reports/submissions/{submission.pk}/values",
        {"values": {"articles": "x"}},
        content_type="application/json",
        **school,
    )
    client.put(
        f"/api/v1/reports/submissions/{submission.pk}/values",
        {"values": {"articles": 9}},
        content_type="application/json",
        **school,
    )
    submitted = client.post(f"/api/v1/reports/submissions/{submission.pk}/submit", **school).json()
    totals = client.get(
        f"/api/v1/reports/rounds/{round_.pk}/consolidation?basis=submitted", **phong
    ).json()
    counts = client.get(f"/api/v1/reports/rounds/{round_.pk}/completeness", **phong).json()

    assert [r["period"] for r in listed] == ["2026-H1"]
    assert bad.status_code == 422
    assert submitted["status"] == "submitted"
    assert submitted["on_time"]
    assert totals["indicators"][0]["total"] == "9"
    assert counts["total"]["submitted"] == 1
    assert counts["missing"] == ["HB-B"]


def test_api_outsider_sees_nothing(client, cast, round_, bearer):
    submission = Submission.objects.get(round=round_, unit=cast.school_a)
    outsider = bearer(cast.outsider)

    responses = (
        client.get("/api/v1/reports/rounds", **outsider).json(),
        client.get(f"/api/v1/reports/submissions/{submission.pk}", **outsider).status_code,
        client.get(f"/api/v1/reports/rounds/{round_.pk}/consolidation", **outsider).status_code,
    )

    assert responses == ([], 404, 404)


@pytest.mark.parametrize("item_count", [1, 3])
def test_api_round_list_query_count(
    client, cast, form, bearer, django_assert_num_queries, item_count
):
    open_rounds(cast.phong, cast.phong_officer, form, item_count)
    headers = bearer(cast.teacher_a)

    with django_assert_num_queries(4):
        rows = client.get("/api/v1/reports/rounds", **headers).json()

    assert len(rows) == item_count
