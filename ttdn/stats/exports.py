"""What the statistics app prints: a press document as a Nghị định 30 notice (docgen), which
`documents.services.issue_document` numbers in the unit's register, and the open data files."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.styles import Font

from ttdn import docgen
from ttdn.core import spreadsheets
from ttdn.docgen.pdf import convert
from ttdn.documents.exports import lines
from ttdn.documents.queries import letterhead_for
from ttdn.stats import queries
from ttdn.stats.models import Dataset, Figure, PressContact, PressDocument

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# --- Press documents -------------------------------------------------------------------------


def press_document(
    document: PressDocument, contact: PressContact | None, language: str
) -> docgen.Document:
    """The document as its readers print it: title, text with the cited figures filled in, the
    table of figures with their sources, signed by the spokesperson."""
    rows = queries.cited(document)
    with override(language):
        header = (_("Figure"), _("Value"), _("Unit of measure"), _("Source"))
        table = tuple(
            (
                row.dataset.name_in(language),
                queries.number_text(row.value, language),
                row.dataset.measure_in(language),
                queries.provenance_text(row.figure) if row.figure else "—",
            )
            for row in rows
        )
        body: list[docgen.Block] = [
            docgen.Paragraph(text) for text in lines(queries.filled_text(document, rows, language))
        ]
        body += [
            docgen.Paragraph(_("Figures for %(period)s:") % {"period": document.period_label}),
            docgen.Table(header, table, (0.35, 0.15, 0.15, 0.35)),
        ]
        letterhead = letterhead_for(document.unit)
        return docgen.Document(
            doc_type=docgen.DocumentType.NOTICE,
            issuing_body=letterhead.issuing_body,
            parent_body=letterhead.parent_body,
            symbol=docgen.build_symbol(docgen.DocumentType.NOTICE, letterhead.abbreviation),
            place=letterhead.place,
            date=document.published_on,
            title=document.title_in(language),
            body=tuple(body),
            recipients=(_("The press"), _("Units below, to inform")),
            signer=docgen.Signer(position=contact.position, name=contact.spokesperson)
            if contact
            else None,
        )


def docx_bytes(document: PressDocument, doc: docgen.Document) -> bytes:
    """The DOCX: frozen in the register once issued (Vietnamese), rendered from `doc` otherwise.
    Raises DocumentIncomplete naming what the print lacks."""
    if document.outgoing is not None and doc.title == document.title:
        return bytes(document.outgoing.docx)
    return docgen.render_docx(doc)


def pdf_bytes(document: PressDocument, doc: docgen.Document) -> bytes:
    """The PDF converted from `docx_bytes`. Raises PdfUnavailable without LibreOffice."""
    return convert(docx_bytes(document, doc))


# --- Open data -------------------------------------------------------------------------------

COLUMNS = (
    "dataset",
    "unit_code",
    "unit",
    "period",
    "period_name",
    "value",
    "measure",
    "revision",
    "current",
    "source",
    "approved_at",
)


def dictionary(dataset: Dataset) -> list[tuple[str, str]]:
    """Each column of the files and what it holds, in the reader's language."""
    return [
        ("dataset", _("Code of the dataset: %(code)s") % {"code": dataset.code}),
        ("unit_code", _("Code of the unit the figure describes")),
        ("unit", _("Name of the unit, as it was when the figure was made")),
        ("period", _("Period code: 2022-SY is the school year 2022–2023, 2023-Y the year 2023")),
        ("period_name", _("Name of the period")),
        (
            "value",
            _("The figure, in %(measure)s; a point separates decimals")
            % {"measure": dataset.measure},
        ),
        ("measure", _("Unit of measure")),
        ("revision", _("Revision of the figure: 1 first, higher after each correction")),
        ("current", _("true for the figure in force; false for a replaced revision")),
        ("source", _("Where the figure comes from: the approved report, or who approved it")),
        ("approved_at", _("When the figure was approved (UTC, ISO 8601)")),
    ]


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")


def records(figures: Iterable[Figure], codes: dict[int, str]) -> list[dict[str, Any]]:
    """One dict per figure, the columns of COLUMNS: what CSV, JSON and .xlsx all contain."""
    return [
        {
            "dataset": f.dataset.code,
            "unit_code": codes.get(f.unit_id, ""),
            "unit": f.unit_name,
            "period": f.period_key,
            "period_name": f.period_label,
            "value": _plain(f.value),
            "measure": f.dataset.measure,
            "revision": f.revision,
            "current": f.status == "approved",
            "source": queries.provenance_text(f),
            "approved_at": f.approved_at.isoformat() if f.approved_at else "",
        }
        for f in figures
    ]


def csv_text(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "current": "true" if row["current"] else "false"})
    return out.getvalue()


def json_text(dataset: Dataset, rows: list[dict[str, Any]]) -> str:
    document = {
        "dataset": dataset.code,
        "name": dataset.name,
        "name_en": dataset.name_en,
        "measure": dataset.measure,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "dictionary": dict(dictionary(dataset)),
        "figures": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=1)


def workbook(dataset: Dataset, rows: list[dict[str, Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "data"
    spreadsheets.append(sheet, list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        spreadsheets.append(sheet, [row[c] if c != "value" else Decimal(row[c]) for c in COLUMNS])
    about = book.create_sheet("dictionary")
    spreadsheets.append(about, [_("Column"), _("Meaning")])
    for name, meaning in dictionary(dataset):
        spreadsheets.append(about, [name, meaning])
    spreadsheets.append(about, [_("Licence"), f"{LICENCE} ({LICENCE_URL})"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
