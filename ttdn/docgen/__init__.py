"""docgen: official documents laid out as Nghị định 30/2020/NĐ-CP prescribes.

A pure library: it imports nothing from Django or from the other ttdn apps. Build a
`Document`, then `render_docx(doc)` or `render_pdf(doc)`; both raise `DocumentIncomplete`
naming every missing mandatory part, and `render_pdf` raises `PdfUnavailable` when
LibreOffice is not installed (check `pdf_available()` first to offer DOCX only).
"""

from ttdn.docgen.docx import render as render_docx
from ttdn.docgen.model import (
    Article,
    Authority,
    Block,
    Document,
    DocumentIncomplete,
    DocumentType,
    Heading,
    ListBlock,
    ListMarker,
    Paragraph,
    Run,
    Signer,
    Table,
    missing_parts,
    validate,
)
from ttdn.docgen.numbering import (
    build_symbol,
    format_day,
    format_month,
    format_number,
    number_line,
    place_date_line,
)
from ttdn.docgen.pdf import PdfUnavailable
from ttdn.docgen.pdf import available as pdf_available
from ttdn.docgen.pdf import render as render_pdf
from ttdn.docgen.text import list_item, punctuated

__all__ = [
    "Article",
    "Authority",
    "Block",
    "Document",
    "DocumentIncomplete",
    "DocumentType",
    "Heading",
    "ListBlock",
    "ListMarker",
    "Paragraph",
    "PdfUnavailable",
    "Run",
    "Signer",
    "Table",
    "build_symbol",
    "format_day",
    "format_month",
    "format_number",
    "list_item",
    "missing_parts",
    "number_line",
    "pdf_available",
    "place_date_line",
    "punctuated",
    "render_docx",
    "render_pdf",
    "validate",
]
