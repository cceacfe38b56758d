"""What a printed report says: a unit's submission as a docgen Document of type Báo cáo
(Nghị định 30/2020 layout) addressed to the reviewing unit, and its DOCX/PDF bytes. An issued
report prints the DOCX frozen in the outgoing register."""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils import translation

from ttdn import docgen
from ttdn.docgen.pdf import convert
from ttdn.documents.queries import letterhead_for
from ttdn.reports.enums import IndicatorKind
from ttdn.reports.models import Indicator, Submission, Value

AUTHORITIES = {a.value: a for a in docgen.Authority}
TABLE_HEADER = ("Mã", "Chỉ tiêu", "Đơn vị tính", "Giá trị")
TABLE_WIDTHS = (20.0, 95.0, 25.0, 25.0)
_REPORT_PREFIX = re.compile(r"^báo cáo\s+", re.IGNORECASE)


def report_document(
    submission: Submission,
    *,
    recipients: Iterable[str] = (),
    signer_authority: str = "",
    signer_position: str = "",
    signer_name: str = "",
) -> docgen.Document:
    """The report as it prints, on its unit's letterhead: the figures in a table, then the
    narratives; sent to the reviewing unit unless `recipients` says otherwise."""
    letterhead = letterhead_for(submission.unit)
    reviewer = submission.reviewer.name
    return docgen.Document(
        doc_type=docgen.DocumentType.REPORT,
        issuing_body=letterhead.issuing_body,
        parent_body=letterhead.parent_body,
        symbol=docgen.build_symbol(docgen.DocumentType.REPORT, letterhead.abbreviation),
        place=letterhead.place,
        title=title(submission),
        addressees=(reviewer,),
        body=tuple(_body(submission)),
        recipients=tuple(recipients) or (reviewer,),
        signer=signer(signer_authority, signer_position, signer_name),
    )


def title(submission: Submission) -> str:
    """“Công tác TTĐN 6 tháng (6 tháng đầu năm 2026)”: the form's name without its leading
    “Báo cáo” (the document type prints it), and the period in Vietnamese."""
    name = _REPORT_PREFIX.sub("", submission.round.form_version.form.name).strip()
    with translation.override("vi"):
        period = submission.round.period.label
    return f"{name[:1].upper()}{name[1:]} ({period})"


def signer(authority: str, position: str, name: str) -> docgen.Signer | None:
    """The signature block: "KT. TRƯỞNG PHÒNG" splits into the authority and its principal."""
    if not (position or name):
        return None
    prefix, _, principal = authority.partition(" ")
    found = AUTHORITIES.get(prefix.upper())
    return docgen.Signer(
        position=position,
        name=name,
        authority=found,
        principal=principal.strip() if found else "",
    )


def _body(submission: Submission) -> list[docgen.Block]:
    indicators = list(submission.round.form_version.indicators.select_related("section"))
    values = {v.indicator_id: v for v in submission.values.all()}
    rows = [
        (i.code, i.name, _measure(i), _shown(i, values.get(i.pk)))
        for i in indicators
        if i.kind != IndicatorKind.NARRATIVE
    ]
    blocks: list[docgen.Block] = []
    if rows:
        blocks.append(docgen.Table(TABLE_HEADER, tuple(rows), TABLE_WIDTHS))
    for indicator in indicators:
        if indicator.kind != IndicatorKind.NARRATIVE:
            continue
        blocks.append(docgen.Heading(2, f"{indicator.code}. {indicator.name}"))
        text = _shown(indicator, values.get(indicator.pk))
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        blocks.extend(docgen.Paragraph(line) for line in lines or ["Không có."])
    return blocks


def _measure(indicator: Indicator) -> str:
    if indicator.measure:
        return indicator.measure
    return "%" if indicator.kind == IndicatorKind.PERCENTAGE else ""


def _shown(indicator: Indicator, value: Value | None) -> str:
    """The value as printed: decimal comma, “Có”/“Không” for yes/no, empty when not given."""
    if value is None or value.is_empty:
        return ""
    if indicator.kind == IndicatorKind.YES_NO:
        return "Có" if value.number else "Không"
    if indicator.is_numeric:
        return str(value.as_json()).replace(".", ",")
    return value.text


def docx_bytes(submission: Submission, doc: docgen.Document) -> bytes:
    """The DOCX: frozen in the register when issued, rendered from `doc` otherwise. Raises
    DocumentIncomplete naming what the print lacks."""
    if submission.outgoing is not None:
        return bytes(submission.outgoing.docx)
    return docgen.render_docx(doc)


def pdf_bytes(submission: Submission, doc: docgen.Document) -> bytes:
    """The PDF converted from `docx_bytes`. Raises PdfUnavailable without LibreOffice."""
    return convert(docx_bytes(submission, doc))
