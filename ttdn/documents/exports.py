"""What the documents app prints: a composed document as a docgen model, and the outgoing
register as a workbook.

For the plans and reports apps: build a `docgen.Document` (leave issuing body, parent
body and place empty to print the unit's letterhead), then
`services.issue_document(unit, doc=doc, by=user)` numbers, renders and stores it, and
`docx_response(outgoing)` / `pdf_response(outgoing)` serve the frozen file.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ttdn import docgen
from ttdn.core import spreadsheets
from ttdn.docgen.pdf import convert
from ttdn.documents.enums import PRINTED_AUTHORITIES, PRINTED_TYPES, OutgoingType, SigningAuthority
from ttdn.documents.models import Letterhead, OutgoingDocument
from ttdn.documents.queries import Register

# What each part docgen requires is called when a printout reports it missing.
PART_NAMES = {
    "issuing_body": gettext_lazy("the issuing body"),
    "symbol": gettext_lazy("the symbol"),
    "place": gettext_lazy("the place"),
    "title": gettext_lazy("the title"),
    "body": gettext_lazy("the text"),
    "recipients": gettext_lazy("the recipients"),
    "signer": gettext_lazy("the signer"),
    "signer.position": gettext_lazy("the position of the signer"),
    "signer.name": gettext_lazy("the name of the signer"),
    "signer.principal": gettext_lazy("whom the signer signs for"),
}


def missing_part_names(parts: list[str]) -> list[str]:
    """The names, in the person's language, of the parts docgen reported missing."""
    return [str(PART_NAMES.get(part, part)) for part in parts]


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The columns of Phụ lục IV's "Sổ đăng ký văn bản đi", printed in Vietnamese like the register.
REGISTER_COLUMNS = (
    ("Số, ký hiệu văn bản", 18),
    ("Ngày tháng văn bản", 14),
    ("Tên loại và trích yếu nội dung văn bản", 60),
    ("Người ký", 24),
    ("Nơi nhận văn bản", 40),
    ("Người đăng ký", 18),
    ("Ghi chú", 30),
)
BOLD = Font(bold=True)


def lines(text: str) -> tuple[str, ...]:
    """The non-empty lines of a text box, stripped: one recipient or paragraph each."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def composed_document(
    letterhead: Letterhead,
    *,
    type: str,
    title: str,
    addressees: str = "",
    body: str = "",
    recipients: str = "",
    authority: str = "",
    principal: str = "",
    signer_position: str = "",
    signer_name: str = "",
    drafting_unit: str = "",
    on: datetime.date | None = None,
    **ignored: Any,
) -> docgen.Document:
    """A document written on the compose screen, unnumbered, on the unit's letterhead.

    Text boxes hold one addressee, paragraph or recipient per line. Raises ValueError when
    the letterhead has no abbreviation for the symbol.
    """
    printed_type = PRINTED_TYPES[OutgoingType(type)]
    drafting = drafting_unit or letterhead.drafting_unit
    return docgen.Document(
        doc_type=printed_type,
        issuing_body=letterhead.issuing_body,
        parent_body=letterhead.parent_body,
        symbol=docgen.build_symbol(
            printed_type, letterhead.abbreviation, drafting if type == OutgoingType.LETTER else ""
        ),
        place=letterhead.place,
        date=on or timezone.localdate(),
        title=title,
        addressees=lines(addressees),
        body=tuple(docgen.Paragraph(text) for text in lines(body)),
        recipients=lines(recipients),
        archive=("VT", drafting) if drafting else ("VT",),
        signer=_signer(authority, principal, signer_position, signer_name),
    )


def _signer(authority: str, principal: str, position: str, name: str) -> docgen.Signer | None:
    if not (position or name):
        return None
    printed = PRINTED_AUTHORITIES[SigningAuthority(authority)] if authority else None
    return docgen.Signer(position=position, name=name, authority=printed, principal=principal)


@dataclass(frozen=True)
class Preview:
    """The lines of a document's first page, for the compose screen's preview."""

    doc: docgen.Document
    number_line: str
    date_line: str
    signer_lines: list[str]


def preview(doc: docgen.Document) -> Preview:
    signer_lines = doc.signer.title_lines() if doc.signer else []
    return Preview(
        doc,
        docgen.number_line(doc.number, doc.symbol),
        docgen.place_date_line(doc.place, doc.date),
        [line.upper() for line in signer_lines],
    )


def docx_response(outgoing: OutgoingDocument) -> HttpResponse:
    """The frozen DOCX of an issued document, as a download."""
    return _download(bytes(outgoing.docx), DOCX_TYPE, f"{outgoing.file_stem}.docx")


def pdf_response(outgoing: OutgoingDocument) -> HttpResponse:
    """The PDF converted from the frozen DOCX. Raises docgen.PdfUnavailable without LibreOffice."""
    return _download(convert(bytes(outgoing.docx)), "application/pdf", f"{outgoing.file_stem}.pdf")


def register_workbook(register: Register) -> bytes:
    """The register of a unit and year as an .xlsx: a title row, the header, one row per entry
    in number order."""
    book = Workbook()
    sheet = book.active
    sheet.title = f"Sổ văn bản đi {register.year}"
    spreadsheets.append(
        sheet, [f"SỔ ĐĂNG KÝ VĂN BẢN ĐI NĂM {register.year} — {register.unit.name}"]
    )
    spreadsheets.append(sheet, [name for name, _width in REGISTER_COLUMNS])
    for entry in register.entries.order_by("number"):
        spreadsheets.append(sheet, _register_row(entry))
    for cell in (*sheet[1], *sheet[2]):
        cell.font = BOLD
    for index, (_name, width) in enumerate(REGISTER_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A3"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _register_row(entry: OutgoingDocument) -> list[Any]:
    type_name = PRINTED_TYPES[OutgoingType(entry.type)].type_name.capitalize()
    summary = f"{type_name}: {entry.title}" if type_name else f"V/v {entry.title}"
    person = entry.issued_by
    registered_by = (person.get_full_name() or person.get_username()) if person else ""
    return [
        entry.number_symbol,
        entry.issued_on.strftime("%d/%m/%Y"),
        summary,
        entry.signer_name,
        "; ".join([*entry.addressees, *entry.recipients]),
        registered_by,
        _withdrawal_note(entry),
    ]


def _withdrawal_note(entry: OutgoingDocument) -> str:
    """As an office records it: "Thu hồi ngày 05/03/2026: <reason>"."""
    if entry.withdrawn_on is None:
        return ""
    return f"Thu hồi ngày {entry.withdrawn_on.strftime('%d/%m/%Y')}: {entry.withdrawal_reason}"


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
