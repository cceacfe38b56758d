from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ttdn.reports import excel, queries, services
from ttdn.reports.enums import Aggregation, Basis, IndicatorKind
from ttdn.reports.models import Submission
from ttdn.reports.tests.factories import open_round
from ttdn.reports.validation import ValuesInvalid

LANGUAGES = [("vi", "Tiếng Việt"), ("en", "Tiếng Anh"), ("fr", "Tiếng Pháp")]


@pytest.fixture
def broken_down(cast, form):
    services.add_indicator(
        form,
        section="III. Theo ngôn ngữ",
        code="A1",
        name="Số tin bài theo ngôn ngữ",
        kind=IndicatorKind.INTEGER,
        breakdown="Ngôn ngữ",
        categories=LANGUAGES,
        min_value=0,
        by=cast.phong_officer,
    )
    services.add_indicator(
        form,
        section="III. Theo ngôn ngữ",
        code="B1",
        name="Tỉ lệ theo cấp học",
        kind=IndicatorKind.PERCENTAGE,
        aggregation=Aggregation.AVERAGE,
        breakdown="Cấp học",
        categories=[("th", "Tiểu học"), ("thcs", "THCS")],
        by=cast.phong_officer,
    )
    return open_round(cast.phong, cast.phong_officer, form)


def report(round_, unit):
    return Submission.objects.get(round=round_, unit=unit)


def stored(submission):
    return {
        v.indicator.code: v.as_json()
        for v in submission.values.select_related("indicator")
        if v.indicator.code[:2] in ("A1", "B1")
    }


def test_the_parent_is_the_sum_of_its_categories(cast, broken_down, at):
    at(2026, 4, 25)
    submission = report(broken_down, cast.school_a)

    services.save_values(
        submission, {"A1.vi": "5", "A1.en": "3", "B1.th": "50", "B1.thcs": "75"}, by=cast.teacher_a
    )
    services.save_values(submission, {"A1.fr": "1"}, by=cast.teacher_a)

    assert stored(submission) == {
        "A1": "9",
        "A1.vi": "5",
        "A1.en": "3",
        "A1.fr": "1",
        "B1": "62.5",
        "B1.th": "50",
        "B1.thcs": "75",
    }


def test_a_total_without_categories_is_entered_directly(cast, broken_down, at):
    at(2026, 4, 25)
    submission = report(broken_down, cast.school_a)

    services.save_values(submission, {"A1": "7"}, by=cast.teacher_a)

    assert stored(submission) == {"A1": "7"}


def test_a_total_that_disagrees_with_its_categories_is_refused(cast, broken_down, at):
    at(2026, 4, 25)
    submission = report(broken_down, cast.school_a)

    with pytest.raises(ValuesInvalid) as raised:
        services.save_values(
            submission, {"A1": "10", "A1.vi": "5", "A1.en": "3"}, by=cast.teacher_a
        )

    assert (raised.value.errors, stored(submission)) == (
        {
            "A1": "This is the total of its categories (8): leave it empty or correct the "
            "categories."
        },
        {},
    )


def test_consolidation_rolls_up_the_parent_and_each_category(cast, broken_down, at):
    at(2026, 4, 25)
    a, b = report(broken_down, cast.school_a), report(broken_down, cast.school_b)
    services.save_values(a, {"A1.vi": "5", "A1.en": "3"}, by=cast.teacher_a)
    services.save_values(b, {"A1": "4"}, by=cast.teacher_b)
    for submission, user in ((a, cast.teacher_a), (b, cast.teacher_b)):
        services.save_values(
            submission,
            {"articles": "1", "has_site": "có", "results": "x", "share": "1"},
            by=user,
        )
        services.submit_submission(submission, by=user)

    data = queries.consolidation(broken_down, cast.phong, basis=Basis.SUBMITTED)

    rows = {r.indicator.code: r.total for r in data.rows if r.indicator.code.startswith("A1")}
    assert rows == {
        "A1": Decimal(12),
        "A1.vi": Decimal(5),
        "A1.en": Decimal(3),
        "A1.fr": None,
    }


def test_start_from_consolidation_keeps_a_total_its_categories_do_not_explain(
    cast, broken_down, at
):
    at(2026, 4, 25)
    a, b = report(broken_down, cast.school_a), report(broken_down, cast.school_b)
    services.save_values(a, {"A1.vi": "5", "A1.en": "3", "articles": "1"}, by=cast.teacher_a)
    services.save_values(b, {"A1": "4", "articles": "1"}, by=cast.teacher_b)
    for submission, user in ((a, cast.teacher_a), (b, cast.teacher_b)):
        services.save_values(submission, {"has_site": "có", "results": "x"}, by=user)
        services.submit_submission(submission, by=user)
    form = broken_down.form_version.form
    so_round = open_round(cast.so, cast.so_leader, form, levels=["district"])
    own = report(so_round, cast.phong)

    services.start_from_consolidation(own, by=cast.phong_officer, basis=Basis.SUBMITTED)

    assert stored(own)["A1"] == "12"


def test_excel_round_trip_with_categories(client, cast, broken_down, at):
    at(2026, 4, 25)
    submission = report(broken_down, cast.school_a)
    services.save_values(submission, {"A1.vi": "5", "A1.en": "3"}, by=cast.teacher_a)
    client.force_login(cast.teacher_a)
    response = client.get(reverse("reports:excel_template", args=[broken_down.pk]))
    book = load_workbook(BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    names = {header[i]: sheet.cell(2, i + 1).value for i in range(len(header))}
    row = [c.value for c in sheet[3]]
    row[header.index("A1.fr")] = 2
    sheet.append(row)
    sheet.delete_rows(3)
    out = BytesIO()
    book.save(out)
    out.seek(0)

    excel.upload(broken_down, out, allowed=[submission], by=cast.teacher_a)

    assert (names["A1.en"], stored(submission)["A1"], stored(submission)["A1.fr"]) == (
        "Số tin bài theo ngôn ngữ — Tiếng Anh",
        "10",
        "2",
    )


def test_consolidation_workbook_names_categories_under_their_parent(cast, broken_down, at):
    data = queries.consolidation(broken_down, cast.phong)

    sheet = load_workbook(excel.consolidation_workbook(data)).active

    names = [sheet.cell(r, 2).value for r in range(5, sheet.max_row + 1)]
    assert names[-7:] == [
        "Số tin bài theo ngôn ngữ",
        "Số tin bài theo ngôn ngữ — Tiếng Việt",
        "Số tin bài theo ngôn ngữ — Tiếng Anh",
        "Số tin bài theo ngôn ngữ — Tiếng Pháp",
        "Tỉ lệ theo cấp học",
        "Tỉ lệ theo cấp học — Tiểu học",
        "Tỉ lệ theo cấp học — THCS",
    ]


def test_api_consolidation_shows_the_parent_with_its_categories(client, cast, broken_down, bearer):
    response = client.get(
        f"/api/v1/reports/rounds/{broken_down.pk}/consolidation", **bearer(cast.phong_officer)
    )

    rows = {r["code"]: (r["parent"], r["categories"]) for r in response.json()["indicators"]}
    assert (rows["A1"], rows["A1.en"]) == ((None, ["A1.vi", "A1.en", "A1.fr"]), ("A1", []))
