"""What the registries print and export: the report after a delegation or conference and the
inspection conclusion (docgen documents the documents app numbers), training certificates, and
each registry as a workbook."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Model
from django.utils import timezone

from ttdn import docgen
from ttdn.core import spreadsheets
from ttdn.docgen import certificate
from ttdn.documents.exports import lines
from ttdn.documents.queries import letterhead_for
from ttdn.registries.enums import Evaluation
from ttdn.registries.models import Conference, Course, Delegation, Finding, Inspection, Trainee

# --- Official documents -------------------------------------------------------------------------


def _day(day: datetime.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""


def _signed(
    doc_type: docgen.DocumentType,
    *,
    title: str,
    body: Sequence[docgen.Block],
    signer_position: str,
    signer_name: str,
    recipients: str,
    addressees: tuple[str, ...] = (),
) -> docgen.Document:
    """A document left for the unit's letterhead to complete (`issue_document` fills it)."""
    return docgen.Document(
        doc_type=doc_type,
        title=title,
        addressees=addressees,
        body=tuple(body),
        recipients=lines(recipients),
        signer=docgen.Signer(position=signer_position, name=signer_name),
    )


def delegation_report(
    delegation: Delegation,
    *,
    outcome: str,
    signer_position: str,
    signer_name: str,
    recipients: str,
) -> docgen.Document:
    """Báo cáo kết quả đón/đi công tác of a delegation, to the supervising unit."""
    incoming = delegation.direction == "incoming"
    verb = "đón đoàn" if incoming else "đoàn công tác tại"
    members = [
        f"{m.full_name}{', ' + m.position if m.position else ''}{' (Trưởng đoàn)' if m.is_head else ''}"
        for m in delegation.members.all()
    ]
    body: list[docgen.Block] = [
        docgen.Heading(1, "I. THÔNG TIN CHUNG"),
        docgen.Paragraph(f"Đối tác: {delegation.partner.name} ({delegation.partner.country})."),
        docgen.Paragraph(
            f"Thời gian: từ ngày {_day(delegation.starts_on)} đến ngày {_day(delegation.ends_on)}; "
            f"địa điểm: {delegation.place}."
        ),
        docgen.Paragraph(f"Mục đích: {delegation.purpose}"),
    ]
    if delegation.approval_document_id:
        body.append(docgen.Paragraph(f"Căn cứ phê duyệt: {delegation.approval_document}."))
    if members:
        body += [docgen.Paragraph("Thành phần đoàn:"), docgen.ListBlock(tuple(members))]
    if delegation.hosts:
        body.append(docgen.Paragraph(f"Tiếp và làm việc với đoàn: {delegation.hosts}"))
    body += [docgen.Heading(1, "II. KẾT QUẢ"), *(docgen.Paragraph(t) for t in lines(outcome))]
    return _signed(
        docgen.DocumentType.REPORT,
        title=f"Kết quả {verb} {delegation.partner.name}",
        body=body,
        signer_position=signer_position,
        signer_name=signer_name,
        recipients=recipients,
        addressees=(delegation.unit.parent.name,) if delegation.unit.parent else (),
    )


def conference_report(
    conference: Conference,
    *,
    outcome: str,
    signer_position: str,
    signer_name: str,
    recipients: str,
) -> docgen.Document:
    body: list[docgen.Block] = [
        docgen.Heading(1, "I. THÔNG TIN CHUNG"),
        docgen.Paragraph(
            f"Thời gian: từ ngày {_day(conference.starts_on)} đến ngày {_day(conference.ends_on)}; "
            f"địa điểm: {conference.place}."
        ),
        docgen.Paragraph(
            f"Thành phần: {conference.participants} ({conference.participant_count} đại biểu, "
            f"trong đó {conference.foreign_participant_count} đại biểu nước ngoài)."
        ),
    ]
    named = [
        ", ".join(part for part in (p.full_name, p.position, p.organisation, p.country) if part)
        for p in conference.named_participants.all()
    ]
    if named:
        body += [docgen.Paragraph("Danh sách đại biểu:"), docgen.ListBlock(tuple(named))]
    body += [
        docgen.Heading(1, "II. KẾT QUẢ"),
        *(docgen.Paragraph(t) for t in lines(outcome)),
    ]
    return _signed(
        docgen.DocumentType.REPORT,
        title=f"Kết quả tổ chức {conference.title}",
        body=body,
        signer_position=signer_position,
        signer_name=signer_name,
        recipients=recipients,
        addressees=(conference.unit.parent.name,) if conference.unit.parent else (),
    )


def _finding_row(index: int, finding: Finding) -> tuple[str, ...]:
    return (
        str(index),
        finding.unit.name,
        finding.description,
        finding.rule if finding.is_violation else "",
        finding.remedy,
        _day(finding.remedy_due),
    )


def inspection_conclusion(
    inspection: Inspection,
    *,
    conclusion: str,
    signer_position: str,
    signer_name: str,
    recipients: str,
) -> docgen.Document:
    """Thông báo kết luận kiểm tra: scope, units, every finding with its remedy, conclusion."""
    findings = list(inspection.findings.select_related("unit"))
    subjects = ", ".join(u.name for u in inspection.subjects.all())
    body: list[docgen.Block] = [
        docgen.Paragraph(
            f"Từ ngày {_day(inspection.starts_on)} đến ngày {_day(inspection.ends_on)}, "
            f"{inspection.unit.name} đã kiểm tra {inspection.scope.rstrip('.')} tại: {subjects}."
        ),
        docgen.Heading(1, "I. KẾT QUẢ KIỂM TRA"),
    ]
    if findings:
        body.append(
            docgen.Table(
                header=(
                    "TT",
                    "Đơn vị",
                    "Nội dung",
                    "Quy định vi phạm",
                    "Biện pháp khắc phục",
                    "Thời hạn",
                ),
                rows=tuple(_finding_row(i, f) for i, f in enumerate(findings, start=1)),
                widths=(0.5, 2, 3, 2, 2.5, 1.2),
            )
        )
    else:
        body.append(docgen.Paragraph("Không phát hiện tồn tại, vi phạm."))
    body += [docgen.Heading(1, "II. KẾT LUẬN"), *(docgen.Paragraph(t) for t in lines(conclusion))]
    return _signed(
        docgen.DocumentType.NOTICE,
        title=f"Kết luận {inspection.title[0].lower()}{inspection.title[1:]}",
        body=body,
        signer_position=signer_position,
        signer_name=signer_name,
        recipients=recipients,
    )


# --- Certificates -------------------------------------------------------------------------------

RESULTS = {Evaluation.EXCELLENT: "Giỏi", Evaluation.GOOD: "Khá", Evaluation.PASSED: "Đạt"}


@dataclass(frozen=True)
class Signature:
    position: str
    name: str


def certificates(course: Course, trainees: Iterable[Trainee], *, signature: Signature) -> bytes:
    """The DOCX of the certificates of `trainees` (those numbered), one page each."""
    letterhead = letterhead_for(course.unit)
    period = (
        f"ngày {_day(course.starts_on)}"
        if course.starts_on == course.ends_on
        else f"từ ngày {_day(course.starts_on)} đến ngày {_day(course.ends_on)}"
    )
    return certificate.render(
        [
            certificate.Certificate(
                issuing_body=letterhead.issuing_body or course.unit.name,
                number=t.certificate_number,
                full_name=t.full_name,
                unit_name=t.unit.name,
                course=f"lớp {course.topic[0].lower()}{course.topic[1:]}",
                period=f"tổ chức {period} tại {course.place}",
                result=RESULTS.get(Evaluation(t.evaluation), ""),
                place=letterhead.place or course.place,
                date=timezone.localdate(),
                signer_position=signature.position,
                signer_name=signature.name,
            )
            for t in trainees
            if t.certificate_number
        ]
    )


# --- Workbooks ----------------------------------------------------------------------------------


Column = spreadsheets.Column


def workbook(title: str, columns: Sequence[Column], rows: Iterable[Model]) -> bytes:
    """An .xlsx with a header row and one row per record; the importers read the same headers."""
    return spreadsheets.workbook(spreadsheets.Table(title, columns, rows))
