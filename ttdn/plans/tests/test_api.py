import datetime

import pytest

from ttdn.plans import services
from ttdn.plans.models import Plan
from ttdn.plans.tests.factories import SEED_000, issue, printable_plan


def test_api_lists_only_visible_plans_with_filters(client, cast, requesting, bearer):
    printable_plan(cast.outsider_so)
    printable_plan(cast.phong, year=2025)

    school = client.get("/api/v1/plans", **bearer(cast.teacher_a)).json()
    phong = client.get("/api/v1/plans?year=2025", **bearer(cast.phong_officer)).json()
    outsider = client.get("/api/v1/plans?unit=PGD-HB", **bearer(cast.outsider)).json()

    assert ([p["id"] for p in school], [p["year"] for p in phong], outsider) == (
        [requesting.pk],
        [2025],
        [],
    )


def test_api_plan_detail_has_the_structure_and_hides_from_the_outsider(
    client, cast, requesting, bearer
):
    found = client.get(f"/api/v1/plans/{requesting.pk}", **bearer(cast.teacher_a))
    hidden = client.get(f"/api/v1/plans/{requesting.pk}", **bearer(cast.outsider))

    assert (found.json()["number"], found.json()["sections"][0]["text"], hidden.status_code) == (
        "01",
        "Nâng cao chất lượng thông tin đối ngoại.",
        404,
    )


def test_api_import_previews_without_saving_and_saves_when_asked(client, cast, bearer):
    headers = bearer(cast.phong_officer)

    preview = client.post("/api/v1/plans/import", {"file": SEED_000.open("rb")}, **headers).json()
    count_after_preview = Plan.objects.count()
    saved = client.post(
        "/api/v1/plans/import",
        {"file": SEED_000.open("rb"), "save": "true", "unit": "PGD-HB"},
        **headers,
    ).json()

    assert preview["year"] == 2022
    assert "id" not in preview
    assert count_after_preview == 0
    assert saved["id"] == Plan.objects.get().pk


def test_api_import_of_a_non_plan_is_422(client, cast, bearer, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Ghi chú họp tổ.", encoding="utf-8")

    response = client.post(
        "/api/v1/plans/import",
        {"file": notes.open("rb")},
        HTTP_ACCEPT_LANGUAGE="en",
        **bearer(cast.phong_officer),
    )

    assert (response.status_code, Plan.objects.count()) == (422, 0)


def test_api_import_save_for_another_province_is_refused(client, cast, bearer):
    response = client.post(
        "/api/v1/plans/import",
        {"file": SEED_000.open("rb"), "save": "true", "unit": "PGD-HB"},
        **bearer(cast.outsider),
    )

    assert (response.status_code, Plan.objects.count()) == (404, 0)


def test_api_submissions_is_the_board(client, cast, requesting, bearer, at):
    submission = requesting.submissions.get(unit=cast.school_a)
    services.start_plan(submission, by=cast.teacher_a)
    at(2026, 3, 12)
    services.submit_plan(submission, by=cast.teacher_a)

    rows = client.get(
        f"/api/v1/plans/{requesting.pk}/submissions", **bearer(cast.phong_officer)
    ).json()

    assert [(r["unit"], r["status"]) for r in rows] == [("HB-A", "late"), ("HB-B", "not_started")]


def test_api_submissions_refused_to_a_required_school(client, cast, requesting, bearer):
    response = client.get(f"/api/v1/plans/{requesting.pk}/submissions", **bearer(cast.teacher_a))

    assert response.status_code == 403


@pytest.mark.parametrize("item_count", [1, 3])
def test_api_plan_list_query_count(client, cast, bearer, django_assert_num_queries, item_count):
    for _ in range(item_count):
        printable_plan(cast.phong)
    headers = bearer(cast.phong_officer)

    with django_assert_num_queries(4):
        rows = client.get("/api/v1/plans", **headers).json()

    assert len(rows) == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_api_plan_board_query_count(client, cast, bearer, django_assert_num_queries, item_count):
    from ttdn.org.tests.factories import UnitFactory

    units = [cast.school_a, cast.school_b, UnitFactory(parent=cast.phong)][:item_count]
    plan = issue(printable_plan(cast.phong), cast.phong_officer, units, datetime.date(2026, 3, 10))
    headers = bearer(cast.phong_officer)

    with django_assert_num_queries(6):
        rows = client.get(f"/api/v1/plans/{plan.pk}/submissions", **headers).json()

    assert len(rows) == item_count
