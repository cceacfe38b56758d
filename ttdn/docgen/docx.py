"""Render a Document to DOCX laid out as Nghị định 30/2020 (Phụ lục I) prescribes.

Reading order of the page: the two-column header (issuing body, "Số:" | national title,
motto, place and date), the type name and summary (or "V/v" under "Số:" for a letter),
"Kính gửi:", the decision's preamble, the body, and the closing table ("Nơi nhận:" left,
signature right). Page numbers are centred in the top margin from page 2 on.
"""

import io
from collections.abc import Sequence
from dataclasses import replace

import docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell

from ttdn.docgen import layout
from ttdn.docgen._blocks import add_blocks
from ttdn.docgen._ooxml import (
    Container,
    add_page_field,
    add_rule,
    add_table,
    drop_initial_paragraph,
    element,
    format_paragraph,
    keep_row_together,
    write,
)
from ttdn.docgen.model import Document, DocumentType, Signer, validate
from ttdn.docgen.numbering import number_line, place_date_line
from ttdn.docgen.text import clean, punctuated, text_width_mm

_LETTER_PREFIX = "V/v "
_MM_TO_PT = 72 / 25.4


def render(doc: Document) -> bytes:
    """The DOCX file of `doc`. Raises DocumentIncomplete if a mandatory part is missing."""
    validate(doc)
    word = _new_word_document(doc)
    _add_header(word, doc)
    _add_title(word, doc)
    _add_addressees(word, doc.addressees)
    _add_decision_preamble(word, doc)
    add_blocks(word, doc.body)
    _add_closing(word, doc)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _new_word_document(doc: Document) -> WordDocument:
    word = docx.Document()
    _set_defaults(word)
    _set_page(word)
    word.core_properties.title = clean(doc.title)[:255]
    word.core_properties.author = clean(doc.issuing_body)[:255]
    word.core_properties.language = layout.LANGUAGE
    return word


def _set_defaults(word: WordDocument) -> None:
    """Normal style: Times New Roman body size, Vietnamese, no spacing of its own."""
    normal = word.styles["Normal"]
    normal.font.name = layout.FONT
    normal.font.size = Pt(layout.BODY.size)
    properties = normal.element.get_or_add_rPr()
    properties.get_or_add_rFonts().set(qn("w:eastAsia"), layout.FONT)
    properties.get_or_add_rFonts().set(qn("w:cs"), layout.FONT)
    language = element("w:lang", val=layout.LANGUAGE)
    properties.insert_element_before(language, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    spacing = normal.paragraph_format
    spacing.space_before = spacing.space_after = Pt(0)


def _set_page(word: WordDocument) -> None:
    """A4 portrait, the decree's margins, page numbers in the top margin from page 2."""
    section = word.sections[0]
    section.page_width, section.page_height = Mm(layout.PAGE_WIDTH_MM), Mm(layout.PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = (
        Mm(layout.MARGIN_TOP_MM),
        Mm(layout.MARGIN_BOTTOM_MM),
    )
    section.left_margin, section.right_margin = (
        Mm(layout.MARGIN_LEFT_MM),
        Mm(layout.MARGIN_RIGHT_MM),
    )
    section.header_distance = section.footer_distance = Mm(layout.HEADER_DISTANCE_MM)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.header.is_linked_to_previous = False
    page_number = section.header.paragraphs[0]
    format_paragraph(page_number, layout.PAGE_NUMBER)
    add_page_field(page_number, layout.PAGE_NUMBER)


def _add_header(word: WordDocument, doc: Document) -> None:
    widths = (layout.HEADER_LEFT_MM, layout.HEADER_RIGHT_MM)
    table = add_table(word, widths, rows=2, ruled=False)
    (issuer, nation), (number, date) = (row.cells for row in table.rows)
    _fill_issuer(issuer, doc)
    _fill_nation(nation)
    _fill_number(number, doc)
    write(date, place_date_line(doc.place, doc.date), layout.PLACE_DATE)
    for cell in (issuer, nation, number, date):
        drop_initial_paragraph(cell)


def _fill_issuer(cell: _Cell, doc: Document) -> None:
    """Parent body (regular), issuing body (bold), a rule 1/3–1/2 as long beneath."""
    if clean(doc.parent_body).strip():
        write(cell, doc.parent_body, layout.PARENT_BODY)
    write(cell, doc.issuing_body, layout.ISSUING_BODY)
    issuing = doc.issuing_body.upper()
    _add_short_rule(cell, issuing, layout.ISSUING_BODY, layout.HEADER_LEFT_MM, layout.RULE)


def _fill_nation(cell: _Cell) -> None:
    """National title, motto, and a rule exactly as long as the motto."""
    write(cell, layout.NATIONAL_TITLE, layout.NATIONAL_TITLE_STYLE)
    write(cell, layout.MOTTO, layout.MOTTO_STYLE)
    style = layout.MOTTO_STYLE
    add_rule(cell, text_width_mm(layout.MOTTO, style.size, bold=style.bold), layout.HEADER_RIGHT_MM)


def _fill_number(cell: _Cell, doc: Document) -> None:
    write(cell, number_line(doc.number, doc.symbol), layout.NUMBER)
    if doc.doc_type is DocumentType.LETTER:
        write(cell, _letter_summary(doc.title), layout.LETTER_SUMMARY)


def _letter_summary(title: str) -> str:
    summary = clean(title).strip()
    if summary.lower().startswith(_LETTER_PREFIX.lower()):
        summary = summary[len(_LETTER_PREFIX) :].strip()
    return f"{_LETTER_PREFIX}{summary}"


def _add_short_rule(
    container: Container, text: str, style: layout.Style, available_mm: float, rule: layout.Style
) -> None:
    """A rule SHORT_RULE_RATIO as long as the (possibly wrapped) line of `text` above it."""
    line_mm = min(text_width_mm(text, style.size, bold=style.bold), available_mm)
    add_rule(container, line_mm * layout.SHORT_RULE_RATIO, available_mm, rule)


def _add_title(word: WordDocument, doc: Document) -> None:
    """Type name and summary, centred bold, with a short rule; a letter has none."""
    if doc.doc_type is DocumentType.LETTER:
        return
    write(word, doc.doc_type.type_name, layout.TYPE_NAME)
    write(word, doc.title, layout.SUMMARY)
    _add_short_rule(word, doc.title, layout.SUMMARY, layout.TEXT_WIDTH_MM, layout.TITLE_RULE)


def _add_addressees(word: WordDocument, addressees: Sequence[str]) -> None:
    """ "Kính gửi: X." centred for one addressee; a dashed, aligned list for several."""
    items = punctuated(addressees)
    if len(items) == 1:
        write(word, f"Kính gửi: {items[0]}", layout.ADDRESSEE)
        return
    label = "Kính gửi: "
    hang = text_width_mm(label, layout.ADDRESSEE.size)
    for index, item in enumerate(items):
        text = f"{label if index == 0 else ''}- {item}"
        style = replace(layout.ADDRESSEE, before_pt=layout.ADDRESSEE.before_pt if index == 0 else 0)
        paragraph = write(word, text, replace(style, align=layout.Align.LEFT))
        paragraph.paragraph_format.left_indent = Mm(layout.ADDRESSEE_INDENT_MM + hang)
        paragraph.paragraph_format.first_line_indent = Mm(-hang if index == 0 else 0)


def _add_decision_preamble(word: WordDocument, doc: Document) -> None:
    """Enacting authority, the "Căn cứ" lines in italics, then "QUYẾT ĐỊNH:"."""
    if doc.doc_type is not DocumentType.DECISION:
        return
    write(word, doc.enacting_authority, layout.ENACTING_AUTHORITY)
    for basis in punctuated(doc.bases):
        write(word, basis, layout.BASIS)
    write(word, "QUYẾT ĐỊNH:", layout.DECIDES)


def _add_closing(word: WordDocument, doc: Document) -> None:
    """ "Nơi nhận:" bottom-left and the signature bottom-right, level with each other."""
    widths = (layout.CLOSING_LEFT_MM, layout.CLOSING_RIGHT_MM)
    table = add_table(word, widths, rows=1, ruled=False)
    keep_row_together(table)
    recipients, signature = table.rows[0].cells
    _fill_recipients(recipients, doc)
    assert doc.signer is not None  # validate() has checked
    _fill_signature(signature, doc.signer)
    for cell in (recipients, signature):
        drop_initial_paragraph(cell)


def _fill_recipients(cell: _Cell, doc: Document) -> None:
    gap = replace(layout.RECIPIENTS_HEADING, before_pt=layout.CLOSING_GAP_PT)
    write(cell, "Nơi nhận:", gap)
    for line in doc.recipient_lines():
        write(cell, f"- {line}", layout.RECIPIENT)


def _fill_signature(cell: _Cell, signer: Signer) -> None:
    """Authority and position in capitals, room to sign and seal, then the name."""
    for index, line in enumerate(signer.title_lines()):
        before = layout.CLOSING_GAP_PT if index == 0 else 0.0
        write(cell, line, replace(layout.SIGNER_TITLE, before_pt=before))
    space_mm = signer.signature_space_mm
    space_mm = layout.SIGNATURE_SPACE_MM if space_mm is None else space_mm
    write(cell, signer.name, replace(layout.SIGNER_NAME, before_pt=space_mm * _MM_TO_PT))
