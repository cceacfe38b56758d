import datetime
import re
from io import BytesIO

import pytest
from django.conf import settings
from django.urls import reverse
from openpyxl import load_workbook

from ttdn.reports import services
from ttdn.reports.models import Round, Submission
from ttdn.reports.tests.factories import open_round

PASSWORD = "correct-horse-battery-staple"


def sign_in(client, user):
    client.force_login(user)
    return client


def submission_of(round_, unit):
    return Submission.objects.get(round=round_, unit=unit)


@pytest.mark.parametrize(
    "name",
    ["round_detail", "consolidation", "completeness", "excel_template", "consolidation_export"],
)
def test_outsider_gets_404_on_every_round_page(client, cast, round_, name):
    sign_in(client, cast.outsider)

    response = client.get(reverse(f"reports:{name}", args=[round_.pk]))

    assert response.status_code == 404


def test_outsider_gets_404_on_a_report(client, cast, round_):
    sign_in(client, cast.outsider)

    response = client.get(submission_of(round_, cast.school_a).get_absolute_url())

    assert response.status_code == 404


def test_school_cannot_see_the_other_schools_report(client, cast, round_):
    sign_in(client, cast.teacher_a)

    response = client.get(submission_of(round_, cast.school_b).get_absolute_url())

    assert response.status_code == 404


@pytest.mark.parametrize("item_count", [1, 3])
def test_round_list_query_count(client, cast, form, django_assert_num_queries, item_count):
    for _ in range(item_count):
        open_round(cast.phong, cast.phong_officer, form)
    sign_in(client, cast.phong_officer)

    with django_assert_num_queries(6):
        response = client.get(reverse("reports:round_list"))

    assert response.status_code == 200


def test_open_a_round_through_the_page(client, cast, form):
    sign_in(client, cast.phong_officer)

    response = client.post(
        reverse("reports:round_create"),
        {
            "form": form.pk,
            "period_kind": "half_year",
            "period_year": 2026,
            "period_number": 1,
            "start_month": 1,
            "due_school": "2026-06-20",
        },
    )

    round_ = Round.objects.get()
    assert (
        response.status_code,
        round_.submissions.count(),
        round_.data_from,
        round_.deadlines.get().due_on,
    ) == (302, 2, datetime.date(2025, 12, 15), datetime.date(2026, 6, 20))


def test_someone_acting_for_no_unit_cannot_open_a_round(client, cast, form):
    sign_in(client, cast.operator)

    response = client.get(reverse("reports:round_create"))

    assert response.status_code == 403


def test_fill_and_submit_through_the_page(client, cast, round_, at):
    at(2026, 5, 1)
    sign_in(client, cast.teacher_a)
    submission = submission_of(round_, cast.school_a)

    response = client.post(
        reverse("reports:submission_save", args=[submission.pk]),
        {"articles": "7", "foreign": "2", "submit": "1"},
    )

    submission.refresh_from_db()
    assert response.status_code == 302
    assert submission.status == "submitted"
    assert submission.on_time


def test_a_bad_value_shows_the_error_and_submits_nothing(client, cast, round_, at):
    at(2026, 5, 1)
    sign_in(client, cast.teacher_a)
    submission = submission_of(round_, cast.school_a)

    response = client.post(
        reverse("reports:submission_save", args=[submission.pk]),
        {"articles": "7", "foreign": "9", "submit": "1"},
    )

    submission.refresh_from_db()
    assert response.status_code == 422
    assert submission.status == "draft"
    assert "foreign không được lớn hơn articles." in response.content.decode()


def test_school_cannot_approve_its_own_report(client, cast, round_, at):
    at(2026, 5, 1)
    submission = submission_of(round_, cast.school_a)
    services.save_values(submission, {"articles": "7"}, by=cast.teacher_a)
    services.submit_submission(submission, by=cast.teacher_a)
    sign_in(client, cast.teacher_a)

    response = client.post(reverse("reports:submission_approve", args=[submission.pk]))

    assert response.status_code == 403


def test_consolidation_and_completeness_pages_show_totals(client, cast, round_, at):
    at(2026, 5, 1)
    submission = submission_of(round_, cast.school_a)
    services.save_values(submission, {"articles": "7"}, by=cast.teacher_a)
    services.submit_submission(submission, by=cast.teacher_a)
    services.approve_submission(submission, by=cast.phong_leader)
    sign_in(client, cast.phong_leader)

    consolidation = client.get(reverse("reports:consolidation", args=[round_.pk]))
    completeness = client.get(reverse("reports:completeness", args=[round_.pk]))

    assert (
        consolidation.status_code,
        completeness.status_code,
        consolidation.context["data"].row("articles").total,
        completeness.context["data"].total.approved,
    ) == (200, 200, 7, 1)


def test_excel_round_trip_writes_every_row_or_none(client, cast, round_, at):
    at(2026, 5, 1)
    sign_in(client, cast.phong_officer)
    download = client.get(reverse("reports:excel_template", args=[round_.pk]))
    book = load_workbook(BytesIO(b"".join(download.streaming_content)))
    sheet = book.active
    header = [c.value for c in sheet[1]]
    sheet.cell(3, header.index("articles") + 1, 12)
    sheet.cell(4, header.index("articles") + 1, "mười")
    bad = BytesIO()
    book.save(bad)
    bad.seek(0)
    bad.name = "bad.xlsx"

    refused = client.post(reverse("reports:excel_upload", args=[round_.pk]), {"file": bad})
    sheet.cell(4, header.index("articles") + 1, 8)
    good = BytesIO()
    book.save(good)
    good.seek(0)
    good.name = "good.xlsx"
    written_before = submission_of(round_, cast.school_a).values.count()
    accepted = client.post(reverse("reports:excel_upload", args=[round_.pk]), {"file": good})

    errors = [(e.row, e.column, e.message) for e in refused.context["errors"]]
    numbers = [
        services.current_values(submission_of(round_, u))["articles"].number
        for u in (cast.school_a, cast.school_b)
    ]
    assert (errors, written_before, accepted.status_code, numbers) == (
        [(4, "C", "Nhập một số.")],
        0,
        302,
        [12, 8],
    )


def test_unlock_flow_through_the_pages(client, cast, round_, at):
    at(2026, 5, 20)
    submission = submission_of(round_, cast.school_a)
    sign_in(client, cast.teacher_a)
    client.post(
        reverse("reports:unlock_request", args=[submission.pk]), {"reason": "Cán bộ nghỉ ốm"}
    )
    unlock = submission.unlocks.get()
    sign_in(client, cast.phong_leader)

    client.post(
        reverse("reports:unlock_decide", args=[unlock.pk]),
        {"until": "2026-05-22T17:00", "grant": "1"},
    )

    submission.refresh_from_db()
    assert services.is_editable(submission)
    assert submission.unlocked_until.date() == datetime.date(2026, 5, 22)


# --- The printed report ---------------------------------------------------------------------


def sign_in_english(client, user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return sign_in(client, user)


SIGNER = {
    "recipients": "Sở Giáo dục và Đào tạo thành phố Hải Phòng\nNhư trên",
    "signer_authority": "KT. TRƯỞNG PHÒNG",
    "signer_position": "PHÓ TRƯỞNG PHÒNG",
}


def test_report_print_downloads_the_docx(client, cast, phong_report):
    sign_in_english(client, cast.phong_officer)

    response = client.post(
        reverse("reports:submission_print", args=[phong_report.pk, "docx"]),
        {**SIGNER, "signer_name": "Phạm Văn Hiệu"},
    )

    assert (response.status_code, response["Content-Disposition"]) == (
        200,
        f'attachment; filename="bao-cao-{phong_report.pk}.docx"',
    )


def test_report_print_without_a_signer_name_names_what_is_missing(client, cast, phong_report):
    sign_in_english(client, cast.phong_officer)

    response = client.post(
        reverse("reports:submission_print", args=[phong_report.pk, "docx"]), SIGNER, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "The report cannot be printed yet; it lacks: the name of the signer."
    ]


def test_report_print_pdf_without_libreoffice_says_so(client, cast, phong_report, monkeypatch):
    monkeypatch.setattr("ttdn.docgen.pdf._executable", lambda: None)
    sign_in_english(client, cast.phong_officer)

    response = client.post(
        reverse("reports:submission_print", args=[phong_report.pk, "pdf"]),
        {**SIGNER, "signer_name": "Phạm Văn Hiệu"},
        follow=True,
    )

    assert [str(m) for m in response.context["messages"]] == [
        "PDF printing is not available here; print the DOCX."
    ]


def test_report_issue_numbers_it_in_the_register(client, cast, phong_report):
    sign_in_english(client, cast.phong_leader)

    response = client.post(
        reverse("reports:submission_issue", args=[phong_report.pk]),
        {**SIGNER, "signer_name": "Phạm Văn Hiệu", "confirm": "1"},
        follow=True,
    )

    phong_report.refresh_from_db()
    assert (phong_report.outgoing.number, [str(m) for m in response.context["messages"]]) == (
        1,
        [f"The report is issued as {phong_report.outgoing.number_symbol}."],
    )


def test_report_issue_first_confirms_the_number_and_the_recipients(client, cast, phong_report):
    sign_in_english(client, cast.phong_leader)

    response = client.post(
        reverse("reports:submission_issue", args=[phong_report.pk]),
        {**SIGNER, "signer_name": "Phạm Văn Hiệu", "recipients": "Sở GDĐT\nLưu: VT"},
    )

    page = response.content.decode()
    phong_report.refresh_from_db()
    assert (
        re.search(r'id="confirm-number">([^<]+)<', page).group(1),
        re.search(r'id="confirm-recipients">([^<]+)<', page).group(1),
        phong_report.outgoing,
    ) == ("01/BC-PGDĐT", "Sở GDĐT; Lưu: VT", None)


def test_report_withdrawn_from_the_register_is_issued_anew_under_a_new_number(
    client, cast, phong_report
):
    sign_in_english(client, cast.phong_leader)
    issue = reverse("reports:submission_issue", args=[phong_report.pk])
    data = {**SIGNER, "signer_name": "Phạm Văn Hiệu", "confirm": "1"}
    client.post(issue, data)
    phong_report.refresh_from_db()
    first = phong_report.outgoing

    client.post(reverse("register:document_withdraw", args=[first.pk]), {"reason": "Sai số liệu"})
    client.post(issue, data)

    phong_report.refresh_from_db()
    first.refresh_from_db()
    assert first.is_withdrawn
    assert first.number == 1
    assert phong_report.outgoing.number == 2


@pytest.mark.parametrize(
    ("who", "status"), [("outsider", 404), ("teacher_a", 404), ("so_leader", 403)]
)
def test_report_issue_is_refused_to_all_but_the_units_people(
    client, cast, phong_report, who, status
):
    sign_in(client, getattr(cast, who))

    response = client.post(
        reverse("reports:submission_issue", args=[phong_report.pk]),
        {**SIGNER, "signer_name": "Phạm Văn Hiệu"},
    )

    phong_report.refresh_from_db()
    assert (response.status_code, phong_report.outgoing) == (status, None)


def test_report_print_is_404_for_the_outsider(client, cast, phong_report):
    sign_in(client, cast.outsider)

    response = client.post(
        reverse("reports:submission_print", args=[phong_report.pk, "docx"]),
        {**SIGNER, "signer_name": "Phạm Văn Hiệu"},
    )

    assert response.status_code == 404


def test_report_history_names_indicators_and_shows_values_not_lists(client, cast, phong_report):
    sign_in_english(client, cast.phong_officer)

    response = client.get(phong_report.get_absolute_url())

    changes = {c.label: (c.before, c.after) for c in response.context["history"][0].changes}
    assert changes["Số tin bài đăng trên trang thông tin điện tử"] == ("—", "12")
    assert "[None" not in response.content.decode()
