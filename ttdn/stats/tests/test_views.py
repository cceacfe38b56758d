import csv
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ttdn.content.enums import Check
from ttdn.content.services import approve_article, open_site
from ttdn.reports.enums import PeriodKind, SubmissionStatus
from ttdn.reports.models import Submission
from ttdn.reports.periods import Period
from ttdn.stats import queries, services
from ttdn.stats.enums import PressKind
from ttdn.stats.models import Dataset, Figure, PressDocument
from ttdn.stats.tests import factories

SY2022 = Period(PeriodKind.SCHOOL_YEAR, 2022)


@pytest.fixture
def published(cast, world):
    """Figures brought up to date, the Phòng's site open, a fact sheet published and a draft."""
    services.refresh_from_reports()
    open_site(cast.phong)
    sheet = services.create_press_document(
        cast.phong, kind=PressKind.FACT_SHEET, title="Thông tin năm học",
        title_en="School year facts", body="Có {pupils} học sinh.", body_en="{pupils} pupils.",
        period_key=SY2022.key, datasets=[world.datasets["pupils"]], by=cast.phong_officer,
    )  # fmt: skip
    services.submit_press_document(sheet, by=cast.phong_officer)
    services.publish_press_document(sheet, by=cast.phong_leader)
    sheet.refresh_from_db()
    approve_article(sheet.article, by=cast.phong_leader, checklist=Check.values)
    draft = services.create_press_document(
        cast.phong, kind=PressKind.RELEASE, title="Bản nháp chưa duyệt",
        title_en="Unreviewed draft", period_key=SY2022.key,
        datasets=[world.datasets["pupils"]], by=cast.phong_officer,
    )  # fmt: skip
    return sheet, draft


def _csv(client, unit, code, query=""):
    url = reverse("press_kit:download", args=[unit.slug, code, "csv"]) + query
    return list(csv.DictReader(io.StringIO(client.get(url).content.decode())))


def test_dashboard_shows_key_figures_ranking_and_median(client, cast, world):
    from ttdn.reports import services as reports_services

    reports_services.approve_submission(world.report_b, by=cast.phong_leader)
    services.refresh_from_reports()
    client.force_login(cast.phong_officer)

    response = client.get(reverse("stats:dashboard", args=[cast.phong.pk]))

    board = response.context["board"]
    ranking = board.rankings[0]
    assert [(k.dataset.code, k.figure.value) for k in board.key_figures] == [
        ("pupils", Decimal(1452)), ("candidates", Decimal(150)), ("admitted", Decimal(120)),
        ("rate", Decimal("80.00")),
    ]  # fmt: skip
    assert ([f.unit_name for f in ranking.figures], ranking.median) == (
        [cast.school_b.name, cast.school_a.name], Decimal(726),
    )  # fmt: skip
    assert (board.completeness.expected, board.completeness.approved) == (2, 2)


def test_dashboard_figures_link_to_their_provenance(client, cast, world):
    services.refresh_from_reports()
    client.force_login(cast.phong_officer)
    figure = Figure.objects.get(dataset=world.datasets["pupils"], unit=cast.school_a)

    page = client.get(reverse("stats:dashboard", args=[cast.phong.pk])).content.decode()
    detail = client.get(figure.get_absolute_url())

    assert (figure.get_absolute_url() in page, detail.context["provenance"]) == (
        True, f"{world.round.title}: báo cáo đã duyệt của {cast.school_a.name}",
    )  # fmt: skip


def test_outsider_sees_no_dashboard_figure_or_document(client, cast, published):
    sheet, draft = published
    client.force_login(cast.outsider)
    figure = Figure.objects.filter(unit=cast.phong).first()

    statuses = [
        client.get(url).status_code
        for url in (
            reverse("stats:dashboard", args=[cast.phong.pk]),
            figure.get_absolute_url(),
            sheet.get_absolute_url(),
            draft.get_absolute_url(),
            reverse("stats:press_list", args=[cast.phong.pk]),
        )
    ]

    assert statuses == [404, 404, 404, 404, 404]


def test_refreshing_a_dashboard_touches_only_that_units_figures(client, cast, world):
    # The refresh is the dashboard's button: the outsider's never creates the Phòng's figures,
    # a school's officer's only the school's own.
    client.force_login(cast.outsider)
    client.post(reverse("stats:refresh", args=[cast.outsider_so.pk]))

    assert Figure.objects.count() == 0

    client.force_login(cast.teacher_a)
    client.post(reverse("stats:refresh", args=[cast.school_a.pk]))

    assert set(Figure.objects.values_list("unit", flat=True)) == {cast.school_a.pk}

    client.force_login(cast.phong_officer)
    client.post(reverse("stats:refresh", args=[cast.phong.pk]))

    assert cast.phong.pk in set(Figure.objects.values_list("unit", flat=True))


def test_press_kit_shows_published_documents_and_approved_figures_only(client, cast, published):
    sheet, _draft = published
    services.enter_figure(
        Dataset.objects.get(code="candidates"), cast.phong, period=Period(PeriodKind.SCHOOL_YEAR, 2023),
        value="999", by=cast.phong_officer,
    )  # fmt: skip
    client.force_login(cast.outsider)

    response = client.get(reverse("press_kit:home", args=[cast.phong.slug]))

    page = response.content.decode()
    assert [d.title for d in response.context["documents"]] == [sheet.title]
    assert ("Bản nháp chưa duyệt" in page, "999" in page) == (False, False)
    assert response.context["board"].key_figures[0].figure.value == Decimal(640)


def test_press_kit_document_in_english(client, cast, published):
    sheet, draft = published
    url = reverse("press_kit:document", args=[cast.phong.slug, sheet.pk])

    english = client.get(url + "?lang=en")
    hidden = client.get(reverse("press_kit:document", args=[cast.phong.slug, draft.pk]))

    assert (english.context["title"], english.context["text"], hidden.status_code) == (
        "School year facts", "640 pupils.", 404,
    )  # fmt: skip


def test_open_data_csv_equals_the_dashboard(client, cast, world):
    from ttdn.reports import services as reports_services

    reports_services.approve_submission(world.report_b, by=cast.phong_leader)
    services.refresh_from_reports()
    open_site(cast.phong)
    board = queries.dashboard(cast.phong)

    rows = _csv(client, cast.phong, "pupils", f"?period={SY2022.key}")

    shown = {cast.phong.code: board.key_figures[0].figure.value} | {
        f.unit.code: f.value for f in board.rankings[0].figures
    }
    assert {r["unit_code"]: Decimal(r["value"]) for r in rows} == shown
    approved = Submission.objects.filter(round=world.round, status=SubmissionStatus.APPROVED)
    total = sum(Decimal(s.approved_values["P1"]) for s in approved)
    assert Decimal(rows[0]["value"]) == total == Decimal(1452)


def test_open_data_keeps_old_revisions_downloadable(client, cast, world):
    services.refresh_from_reports()
    open_site(cast.phong)
    factories.correct(
        world.report_a, {"P1": "650", "P2": "150", "P3": "120"},
        by=cast.teacher_a, approver=cast.phong_leader,
    )  # fmt: skip
    services.refresh_from_reports()

    current = _csv(client, cast.phong, "pupils")
    everything = _csv(client, cast.phong, "pupils", "?revisions=all")

    assert [(r["unit_code"], r["value"], r["revision"], r["current"]) for r in current] == [
        ("PGD-HB", "650", "2", "true"), ("HB-A", "650", "2", "true"),
    ]  # fmt: skip
    assert [(r["unit_code"], r["value"], r["revision"], r["current"]) for r in everything] == [
        ("PGD-HB", "640", "1", "false"), ("PGD-HB", "650", "2", "true"),
        ("HB-A", "640", "1", "false"), ("HB-A", "650", "2", "true"),
    ]  # fmt: skip


def test_open_data_json_and_excel_carry_the_same_figures_and_licence(client, cast, world):
    services.refresh_from_reports()
    open_site(cast.phong)

    def download(fmt):
        return client.get(reverse("press_kit:download", args=[cast.phong.slug, "pupils", fmt]))

    as_json = json.loads(download("json").content)
    book = load_workbook(io.BytesIO(download("xlsx").content))

    sheet_values = [row[5] for row in book["data"].iter_rows(min_row=2, values_only=True)]
    assert (as_json["licence"], [r["value"] for r in as_json["figures"]], sheet_values) == (
        "CC BY 4.0", ["640", "640"], [640, 640],
    )  # fmt: skip


def test_open_data_of_another_province_has_none_of_these_figures(client, cast, world):
    services.refresh_from_reports()
    open_site(cast.outsider_so)

    rows = _csv(client, cast.outsider_so, "pupils")

    assert rows == []


def test_manual_figure_form_refuses_a_bad_number_and_changes_nothing(client, cast, world):
    client.force_login(cast.phong_officer)
    url = reverse("stats:figure_new", args=[cast.phong.pk])
    data = {"dataset": world.datasets["pupils"].pk, "period_kind": "school_year", "year": "2023",
            "value": "nhiều", "note": ""}  # fmt: skip

    response = client.post(url, data)

    assert (response.status_code, Figure.objects.count()) == (200, 0)
    assert response.context["form"].errors["__all__"] == ["Nhập một số, ví dụ 1250 hoặc 97,5."]


def test_out_of_date_document_offers_the_correction_notice(client, cast, world, published):
    sheet, _draft = published
    factories.correct(
        world.report_a, {"P1": "1640", "P2": "150", "P3": "120"},
        by=cast.teacher_a, approver=cast.phong_leader,
    )  # fmt: skip
    services.refresh_from_reports()
    client.force_login(cast.phong_officer)

    page = client.get(sheet.get_absolute_url()).content.decode()
    response = client.post(reverse("stats:press_correction", args=[sheet.pk]))

    notice = PressDocument.objects.get(corrects=sheet)
    assert ('id="out-of-date"' in page, response.url) == (True, notice.get_absolute_url())


@pytest.mark.parametrize("count", (1, 3))
def test_press_list_queries_do_not_grow(client, cast, world, django_assert_num_queries, count):
    services.refresh_from_reports()
    for n in range(count):
        services.create_press_document(
            cast.phong, kind=PressKind.RELEASE, title=f"Thông cáo {n}", title_en=f"Release {n}",
            period_key=SY2022.key, datasets=[world.datasets["pupils"]], by=cast.phong_officer,
        )  # fmt: skip
    client.force_login(cast.phong_officer)

    with django_assert_num_queries(7):
        response = client.get(reverse("stats:press_list", args=[cast.phong.pk]))

    assert len(response.context["documents"]) == count


def test_press_document_prints_as_docx(client, cast, published):
    sheet, _draft = published
    services.save_press_contact(
        cast.phong, spokesperson="Vũ Đức Tiến", position="Phó Trưởng phòng", by=cast.phong_leader
    )
    client.force_login(cast.phong_officer)

    response = client.get(reverse("stats:press_print", args=[sheet.pk, "en", "docx"]))

    assert (response.status_code, response["Content-Disposition"]) == (
        200, f'attachment; filename="thong-cao-{sheet.pk}-en.docx"',
    )  # fmt: skip


def test_api_answers_the_same_figures_as_the_csv_without_a_token(client, cast, world):
    services.refresh_from_reports()
    open_site(cast.phong)
    url = f"/api/v1/open-data/{cast.phong.slug}/datasets/pupils/figures"

    answer = client.get(url).json()
    datasets = client.get(f"/api/v1/open-data/{cast.phong.slug}/datasets").json()

    assert [(r["unit_code"], r["value"]) for r in answer] == [
        (r["unit_code"], r["value"]) for r in _csv(client, cast.phong, "pupils")
    ]
    assert [(d["code"], d["periods"]) for d in datasets] == [
        ("pupils", ["2022-SY"]), ("candidates", ["2022-SY"]), ("admitted", ["2022-SY"]),
        ("rate", ["2022-SY"]),
    ]  # fmt: skip
