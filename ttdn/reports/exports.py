"""What a printed report says: a unit's submission as a docgen Document of type Báo cáo
(Nghị định 30/2020 layout) addressed to the reviewing unit, and its DOCX/PDF bytes. An issued
report prints the DOCX frozen in the outgoing register. A unit's consolidation of a round prints
as its own Báo cáo: per section the figures and the narratives by unit, then the units that
did not report."""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

from django.utils import translation

from ttdn import docgen
from ttdn.docgen.pdf import convert
from ttdn.documents.queries import letterhead_for
from ttdn.org.models import Unit
from ttdn.reports import queries
from ttdn.reports.enums import Basis, IndicatorKind
from ttdn.reports.models import Indicator, Round, Submission, Value

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


# --- The consolidated report ------------------------------------------------------------------

TOTALS_HEADER = ("Mã", "Chỉ tiêu", "Đơn vị tính", "Tổng hợp")


def consolidated_document(
    round_: Round,
    unit: Unit,
    *,
    recipients: Iterable[str] = (),
    signer_authority: str = "",
    signer_position: str = "",
    signer_name: str = "",
) -> docgen.Document:
    """The consolidation of `unit` as the Báo cáo it sends up (approved reports): how many units
    reported over which days, then per section of the form the table of figures and each
    narrative by unit, and last the units that did not report."""
    letterhead = letterhead_for(unit)
    data = queries.consolidation(round_, unit, basis=Basis.APPROVED, narratives=None)
    missing = queries.completeness(round_, unit, missing=None)
    addressees = (unit.parent.name,) if unit.parent else ()
    return docgen.Document(
        doc_type=docgen.DocumentType.REPORT,
        issuing_body=letterhead.issuing_body,
        parent_body=letterhead.parent_body,
        symbol=docgen.build_symbol(docgen.DocumentType.REPORT, letterhead.abbreviation),
        place=letterhead.place,
        title=consolidated_title(round_),
        addressees=addressees,
        body=tuple(_consolidated_body(data, missing)),
        recipients=tuple(recipients) or addressees,
        signer=signer(signer_authority, signer_position, signer_name),
    )


def consolidated_title(round_: Round) -> str:
    """“Tổng hợp kết quả công tác TTĐN 6 tháng (6 tháng đầu năm 2027)”."""
    name = _REPORT_PREFIX.sub("", round_.form_version.form.name).strip()
    with translation.override("vi"):
        period = round_.period.label
    return f"Tổng hợp kết quả {name[:1].lower()}{name[1:]} ({period})"


def _consolidated_body(
    data: queries.Consolidation, missing: queries.Completeness
) -> list[docgen.Block]:
    round_ = data.round
    expected = missing.total.expected
    blocks: list[docgen.Block] = [
        docgen.Paragraph(
            f"Số liệu từ ngày {round_.data_from:%d/%m/%Y} đến ngày {round_.data_to:%d/%m/%Y}, "
            f"tổng hợp từ báo cáo đã được duyệt của {data.counted}/{expected} đơn vị."
        )
    ]
    rows = {r.indicator.pk: r for r in data.rows}
    narratives = {n.indicator.pk: n for n in data.narratives}
    indicators = list(round_.form_version.indicators.select_related("section"))
    sections: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        if indicator.parent_id is None:
            sections.setdefault(indicator.section_id, []).append(indicator)
    for items in sections.values():
        blocks.append(docgen.Heading(1, items[0].section.title))
        table = [
            (i.code, i.name, _measure(i), _figure(rows[i.pk].total)) for i in items if i.pk in rows
        ]
        if table:
            blocks.append(docgen.Table(TOTALS_HEADER, tuple(table), TABLE_WIDTHS))
        for indicator in items:
            narrative = narratives.get(indicator.pk)
            if narrative is None:
                continue
            blocks.append(docgen.Heading(2, f"{indicator.code}. {indicator.name}"))
            entries = [
                f"{entry.unit_name}: {line.strip()}"
                for entry in narrative.entries
                for line in entry.text.splitlines()
                if line.strip()
            ]
            blocks.extend(docgen.Paragraph(text) for text in entries or ["Không có."])
    blocks.append(docgen.Heading(1, "Các đơn vị chưa báo cáo"))
    if missing.missing:
        blocks.append(
            docgen.ListBlock(
                tuple(f"{s.unit_name} (hạn {s.due_on:%d/%m/%Y})" for s in missing.missing)
            )
        )
    else:
        blocks.append(docgen.Paragraph("Tất cả các đơn vị đã báo cáo."))
    return blocks


def _figure(number: Decimal | None) -> str:
    """A total as printed: decimal comma, “—” when nobody reported it."""
    if number is None:
        return "—"
    return format(number.normalize(), "f").replace(".", ",")


def docx_bytes(submission: Submission, doc: docgen.Document) -> bytes:
    """The DOCX: frozen in the register when issued, rendered from `doc` otherwise. Raises
    DocumentIncomplete naming what the print lacks."""
    if submission.outgoing is not None:
        return bytes(submission.outgoing.docx)
    return docgen.render_docx(doc)


def pdf_bytes(submission: Submission, doc: docgen.Document) -> bytes:
    """The PDF converted from `docx_bytes`. Raises PdfUnavailable without LibreOffice."""
    return convert(docx_bytes(submission, doc))
