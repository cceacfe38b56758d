"""Certificates: a prize prints as "GIẤY CHỨNG NHẬN" on the organiser's letterhead."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ttdn import docgen
from ttdn.activities import exports, services
from ttdn.activities.enums import LevelScope, Prize
from ttdn.documents.models import OutgoingDocument
from ttdn.documents.services import issue_document
from ttdn.documents.tests.factories import LetterheadFactory


@pytest.fixture
def prize(cast):
    contest = services.organise_contest(
        cast.phong, by=cast.phong_officer, title="Hội thi “Chúng em với an toàn giao thông”",
        year=2026, signer_position="KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG", signer_name="Đỗ Văn Hải",
        team_size=2,
    )  # fmt: skip
    level = services.add_level(
        contest, by=cast.phong_officer, name="cấp quận", scope=LevelScope.WHOLE
    )
    entry = services.enter_contest(
        contest, cast.school_a, by=cast.teacher_a, title="Đội Hồng Bàng",
        pupils=["Nguyễn Minh An — 8A", "Lê Thu Hà — 8B"],
    )  # fmt: skip
    return services.record_result(
        entry, level, by=cast.phong_officer, score=Decimal("9.5"), prize=Prize.FIRST
    )


def _text(docx: bytes) -> str:
    from docx import Document as read_docx

    document = read_docx(BytesIO(docx))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([*cells, *(p.text for p in document.paragraphs)])


def test_certificate_names_the_prize_the_pupils_and_the_signer(cast, prize):
    doc = exports.certificate_document(prize)

    text = _text(exports.docx_bytes(prize))
    assert doc.doc_type.type_name == "GIẤY CHỨNG NHẬN"
    assert doc.title == "Giải Nhất cấp quận Hội thi “Chúng em với an toàn giao thông”"
    assert doc.signer.authority == docgen.Authority.DEPUTY
    assert doc.signer.principal == "TRƯỞNG PHÒNG"
    assert "Học sinh: Nguyễn Minh An — 8A; Lê Thu Hà — 8B" in text
    assert "Đỗ Văn Hải" in text


def test_certificate_without_a_signer_names_what_it_lacks_and_takes_no_number(client, cast, prize):
    contest = prize.level.contest
    contest.signer_name = contest.signer_position = ""
    contest.save()
    LetterheadFactory(unit=cast.phong)
    client.force_login(cast.phong_officer)

    response = client.post(reverse("activities:certificate_issue", args=[prize.pk]), follow=True)

    assert [str(m)[:40] for m in response.context["messages"]] == [
        "The certificate cannot be printed yet; i"
    ]
    assert not OutgoingDocument.objects.exists()


def test_the_certificate_is_numbered_in_the_organisers_register_once(client, cast, prize):
    LetterheadFactory(unit=cast.phong)
    earlier = issue_document(cast.phong, doc=_letter(), by=cast.phong_officer)
    client.force_login(cast.phong_officer)

    client.post(reverse("activities:certificate_issue", args=[prize.pk]))
    client.post(reverse("activities:certificate_issue", args=[prize.pk]))
    prize.refresh_from_db()

    issued = prize.certificate
    register = list(OutgoingDocument.objects.in_register(cast.phong, issued.year))
    assert (issued.number, issued.type, issued.symbol) == (
        earlier.number + 1,
        "certificate",
        "CN-PGDĐT",
    )
    assert register.count(issued) == 1 and len(register) == 2
    assert f"Số: {issued.number:02d}/CN-PGDĐT" in _text(bytes(issued.docx))


def test_a_school_downloads_the_issued_certificate_as_numbered(client, cast, prize):
    LetterheadFactory(unit=cast.phong)
    issued = services.issue_certificate(prize, by=cast.phong_officer)
    client.force_login(cast.teacher_a)

    response = client.get(reverse("activities:certificate", args=[prize.pk, "docx"]))

    assert response.content == bytes(issued.docx)


def test_a_school_cannot_issue_and_nothing_prints_before_issue(client, cast, prize):
    LetterheadFactory(unit=cast.phong)
    client.force_login(cast.teacher_a)

    issuing = client.post(reverse("activities:certificate_issue", args=[prize.pk]))
    printing = client.get(reverse("activities:certificate", args=[prize.pk, "docx"]), follow=True)

    assert issuing.status_code == 404
    assert [str(m) for m in printing.context["messages"]] == [
        "The organiser has not issued this certificate yet."
    ]
    assert not OutgoingDocument.objects.exists()


def test_the_prize_of_an_issued_certificate_cannot_change(cast, prize):
    LetterheadFactory(unit=cast.phong)
    services.issue_certificate(prize, by=cast.phong_officer)

    with pytest.raises(ValidationError):
        services.record_result(prize.entry, prize.level, by=cast.phong_officer, prize=Prize.SECOND)

    prize.refresh_from_db()
    assert prize.prize == Prize.FIRST


def _letter() -> docgen.Document:
    return docgen.Document(
        doc_type=docgen.DocumentType.REPORT,
        title="Báo cáo trước",
        body=(docgen.Paragraph("Nội dung."),),
        recipients=("Lưu: VT.",),
        signer=docgen.Signer(position="TRƯỞNG PHÒNG", name="Đỗ Văn Hải"),
    )


def test_certificate_is_hidden_from_the_outsider(client, cast, prize):
    client.force_login(cast.outsider)

    response = client.get(reverse("activities:certificate", args=[prize.pk, "docx"]))

    assert response.status_code == 404


@pytest.mark.pdf
def test_certificate_pdf_is_a_pdf(prize):
    if not docgen.pdf_available():
        pytest.skip("LibreOffice is needed to print certificates as PDF")

    assert exports.pdf_bytes(prize)[:5] == b"%PDF-"
