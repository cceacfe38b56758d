from ttdn.reports.models import Submission


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

    assert (
        [r["period"] for r in listed],
        bad.status_code,
        submitted["status"],
        submitted["on_time"],
        totals["indicators"][0]["total"],
        counts["total"]["submitted"],
        counts["missing"],
    ) == (["2026-H1"], 422, "submitted", True, "9", 1, ["HB-B"])


def test_api_outsider_sees_nothing(client, cast, round_, bearer):
    submission = Submission.objects.get(round=round_, unit=cast.school_a)
    outsider = bearer(cast.outsider)

    responses = (
        client.get("/api/v1/reports/rounds", **outsider).json(),
        client.get(f"/api/v1/reports/submissions/{submission.pk}", **outsider).status_code,
        client.get(f"/api/v1/reports/rounds/{round_.pk}/consolidation", **outsider).status_code,
    )

    assert responses == ([], 404, 404)
