"""The consolidated Báo cáo a unit prints and issues from its consolidation, the "Nhắc" for the
units whose reports are still waiting, and the print form's required signer."""

from __future__ import annotations

from io import BytesIO

import docx
import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from ttdn import docgen
from ttdn.documents.models import OutgoingDocument
from ttdn.reports import exports, services
from ttdn.reports.models import Submission
from ttdn.reports.tests.factories import D

SIGNER = {
    "signer_authority": "KT. TRƯỞNG PHÒNG",
    "signer_position": "PHÓ TRƯỞNG PHÒNG",
    "signer_name": "Phạm Văn Hiệu",
}


@pytest.fixture(autouse=True)
def english_pages(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def reported(cast, round_, at):
    """School A reported and was approved; school B has not reported."""
    at(2026, 4, 25)
    a = Submission.objects.get(round=round_, unit=cast.school_a)
    values = {
        "articles": "12",
        "foreign": "3",
        "has_site": "có",
        "results": "Tổ chức 2 hội thảo quốc tế.\nĐón 3 đoàn khách nước ngoài.",
    }
    services.save_values(a, values, by=cast.teacher_a)
    services.submit_submission(a, by=cast.teacher_a)
    services.approve_submission(a, by=cast.phong_leader)
    return round_


def texts(content: bytes) -> tuple[list[list[str]], list[str]]:
    word = docx.Document(BytesIO(content))
    rows = [[cell.text for cell in row.cells] for table in word.tables for row in table.rows]
    return rows, [p.text for p in word.paragraphs]


def test_the_consolidated_report_holds_the_figures_narratives_and_who_did_not_report(
    cast, reported
):
    doc = exports.consolidated_document(reported, cast.phong, **SIGNER)
    assert doc.doc_type == docgen.DocumentType.REPORT
    assert doc.title == ("Tổng hợp kết quả công tác TTĐN 6 tháng (6 tháng đầu năm 2026)")
    assert doc.addressees == (cast.so.name,)
    rows, paragraphs = texts(docgen.render_docx(doc))
    assert ["articles", "Số tin bài đăng trên trang thông tin điện tử", "tin bài", "12"] in rows
    assert ["has_site", "Có chuyên mục TTĐN trên trang web", "", "1"] in rows
    assert ["trainings", "Số buổi tập huấn TTĐN", "", "—"] in rows
    body = "\n".join(paragraphs)
    assert "tổng hợp từ báo cáo đã được duyệt của 1/2 đơn vị" in body
    assert "Số liệu từ ngày 01/11/2025 đến ngày 30/04/2026" in body
    assert "Trường THCS Hồng Bàng: Tổ chức 2 hội thảo quốc tế." in body
    assert "Trường THCS Hồng Bàng: Đón 3 đoàn khách nước ngoài." in body
    missing = (
        paragraphs.index("CÁC ĐƠN VỊ CHƯA BÁO CÁO")
        if "CÁC ĐƠN VỊ CHƯA BÁO CÁO" in paragraphs
        else next(i for i, p in enumerate(paragraphs) if p.lower() == "các đơn vị chưa báo cáo")
    )
    assert "Trường Tiểu học Lý Tự Trọng (hạn 05/05/2026)" in paragraphs[missing + 1]
    assert "Trường THCS Hồng Bàng" not in paragraphs[missing + 1]


def test_the_consolidated_report_downloads_and_issues_with_a_number(cast, reported, client):
    client.force_login(cast.phong_officer)
    data = {"unit": cast.phong.code, "recipients": "Sở GDĐT", **SIGNER}
    response = client.post(reverse("reports:consolidation_print", args=[reported.pk, "docx"]), data)
    assert response.status_code == 200
    _rows, paragraphs = texts(response.content)
    assert any("Tổng hợp kết quả công tác TTĐN 6 tháng" in p for p in paragraphs)
    url = reverse("reports:consolidation_issue", args=[reported.pk])
    confirm = client.post(url, data)
    assert confirm.status_code == 200 and "confirm-number" in confirm.content.decode()
    assert not OutgoingDocument.objects.exists()
    client.post(url, {**data, "confirm": "1"})
    issued = OutgoingDocument.objects.get()
    assert (issued.unit, issued.number) == (cast.phong, 1)


def test_only_the_units_own_people_issue_its_consolidated_report(cast, reported, client):
    data = {"unit": cast.phong.code, **SIGNER, "confirm": "1"}
    url = reverse("reports:consolidation_issue", args=[reported.pk])
    client.force_login(cast.teacher_a)
    assert client.post(url, data).status_code in (403, 404)
    client.force_login(cast.outsider)
    assert client.post(url, data).status_code == 404
    assert not OutgoingDocument.objects.exists()


def test_printing_without_a_signer_says_what_is_missing_and_marks_the_fields(
    cast, reported, client
):
    client.force_login(cast.phong_officer)
    page = client.get(reverse("reports:consolidation", args=[reported.pk]))
    html = page.content.decode()
    assert 'name="signer_name"' in html and "required" in html.split('name="signer_name"')[1][:80]
    response = client.post(
        reverse("reports:consolidation_print", args=[reported.pk, "docx"]),
        {"unit": cast.phong.code},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages == ["Give the position of the signer. Give the name of the signer."]
    assert response.redirect_chain


def test_the_report_print_form_marks_the_signer_required(cast, reported, client):
    submission = Submission.objects.get(round=reported, unit=cast.school_a)
    client.force_login(cast.teacher_a)
    html = client.get(submission.get_absolute_url()).content.decode()
    for name in ("signer_position", "signer_name"):
        field = html.split(f'name="{name}"')[1][:120]
        assert "required" in field
    assert 'class="required"' in html


# --- Nhắc -------------------------------------------------------------------------------------


def test_remind_emails_the_units_whose_reports_wait_once_a_day(cast, reported, client, at):
    at(2026, 5, 2)
    client.force_login(cast.phong_officer)
    page = client.get(reverse("reports:completeness", args=[reported.pk]))
    assert 'id="remind"' in page.content.decode()
    url = reverse("reports:remind", args=[reported.pk])
    response = client.post(url, {"unit": cast.phong.code}, follow=True)
    assert "1 units were reminded." in response.content.decode()
    assert [m.to for m in mail.outbox] == [[cast.teacher_b.email]]
    assert "Trường Tiểu học Lý Tự Trọng" in mail.outbox[0].body
    assert Submission.objects.get(round=reported, unit=cast.school_b).reminded_on == D(2026, 5, 2)
    client.post(url, {"unit": cast.phong.code})
    assert len(mail.outbox) == 1


def test_only_people_who_act_for_the_unit_remind(cast, reported, client):
    url = reverse("reports:remind", args=[reported.pk])
    client.force_login(cast.teacher_a)
    assert client.post(url, {"unit": cast.phong.code}).status_code in (403, 404)
    client.force_login(cast.outsider)
    assert client.post(url, {"unit": cast.phong.code}).status_code in (403, 404)
    assert not mail.outbox
    assert not Submission.objects.filter(reminded_on__isnull=False).exists()


# --- The filled template is read by the worker ----------------------------------------------


def test_only_the_sender_sees_the_result_of_an_upload(cast, round_, client, upload_template, at):
    from openpyxl import load_workbook

    from ttdn.core.models import UploadJob

    at(2026, 5, 1)
    client.force_login(cast.teacher_a)
    download = client.get(reverse("reports:excel_template", args=[round_.pk]))
    book = load_workbook(BytesIO(b"".join(download.streaming_content)))
    header = [c.value for c in book.active[1]]
    book.active.cell(3, header.index("articles") + 1, 7)
    upload = BytesIO()
    book.save(upload)
    upload.seek(0)
    upload.name = "a.xlsx"
    sent, done = upload_template(round_, upload)
    job = UploadJob.objects.get()
    assert (job.status, job.result["changed"], done.status_code) == ("done", 1, 302)
    assert done.url == round_.get_absolute_url()
    # Nobody else opens the job or its result, not even the unit's own officer above.
    client.force_login(cast.phong_officer)
    assert client.get(reverse("reports:excel_upload_job", args=[job.pk])).status_code == 404
    assert client.get(sent.url).status_code == 404
