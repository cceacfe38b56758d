"""Low-level python-docx helpers: fonts on runs, paragraph formats, rules, fields, tables.

Every run gets its font name, size, bold and italic set explicitly, so that a reader (human
or test) never has to resolve style inheritance to know how a line is printed.
"""

from collections.abc import Sequence
from typing import Protocol

from docx.document import Document as WordDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Mm, Pt
from docx.table import Table as WordTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run as WordRun

from ttdn.docgen import layout
from ttdn.docgen.layout import Align, Style
from ttdn.docgen.model import Run
from ttdn.docgen.text import clean

_ALIGNMENTS = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}
# Children of w:pPr that the schema places after w:pBdr.
_AFTER_BORDER = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Children of w:tblPr that the schema places after w:tblBorders and after w:tblCellMar.
_AFTER_CELL_MARGINS = ("w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange")
_AFTER_TABLE_BORDERS = ("w:shd", "w:tblLayout", "w:tblCellMar", *_AFTER_CELL_MARGINS)
_TABLE_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


class Container(Protocol):
    """Anything paragraphs can be appended to: the document body, a cell, a header."""

    def add_paragraph(self, text: str = "", style: None = None) -> WordParagraph: ...


def element(tag: str, **attributes: str) -> BaseOxmlElement:
    """A new OOXML element; attribute names are given without the "w:" prefix."""
    node = OxmlElement(tag)
    for name, value in attributes.items():
        node.set(qn(f"w:{name}"), value)
    return node


def set_font(run: WordRun, size: float, *, bold: bool, italic: bool) -> None:
    """Times New Roman for every script, at `size` points, with explicit bold and italic."""
    run.font.name = layout.FONT
    run_fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    run_fonts.set(qn("w:eastAsia"), layout.FONT)
    run_fonts.set(qn("w:cs"), layout.FONT)
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic


def format_paragraph(paragraph: WordParagraph, style: Style) -> None:
    """Apply the alignment, indent and spacing of `style` to `paragraph`."""
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGNMENTS[style.align]
    fmt.first_line_indent = Cm(style.first_line_cm) if style.first_line_cm else None
    fmt.space_before = Pt(style.before_pt)
    fmt.space_after = Pt(style.after_pt)
    fmt.line_spacing = style.line
    fmt.keep_with_next = style.keep_with_next or None
    fmt.widow_control = True


def add_runs(paragraph: WordParagraph, runs: Sequence[Run], style: Style) -> None:
    """Append `runs`, cleaned of XML-invalid characters, in the font of `style`."""
    for run in runs:
        text = clean(run.text).upper() if style.upper else clean(run.text)
        word_run = paragraph.add_run(text)
        set_font(
            word_run, style.size, bold=style.bold or run.bold, italic=style.italic or run.italic
        )


def write(container: Container, content: str | Sequence[Run], style: Style) -> WordParagraph:
    """Append one paragraph set in `style`; `content` is plain text or runs."""
    paragraph = container.add_paragraph()
    format_paragraph(paragraph, style)
    add_runs(paragraph, [Run(content)] if isinstance(content, str) else content, style)
    return paragraph


def add_rule(
    container: Container, length_mm: float, available_mm: float, style: Style = layout.RULE
) -> WordParagraph:
    """A solid horizontal line of `length_mm`, centred in `available_mm`, under the text above.

    The line is the bottom border of an empty paragraph exactly `style.size` points high,
    whose indents shorten the border to the wanted length.
    """
    paragraph = write(container, (), style)
    side = max((available_mm - length_mm) / 2, 0.0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Mm(side)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(style.size)
    _add_bottom_border(paragraph)
    _set_mark_size(paragraph, style.size)
    return paragraph


def _add_bottom_border(paragraph: WordParagraph) -> None:
    width = str(layout.RULE_WIDTH_EIGHTHS)
    borders = element("w:pBdr")
    borders.append(element("w:bottom", val="single", sz=width, space="0", color="000000"))
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_BORDER)


def _set_mark_size(paragraph: WordParagraph, size: float) -> None:
    """Size the paragraph mark, which sets the height of a paragraph without text."""
    mark = element("w:rPr")
    mark.append(element("w:sz", val=str(round(size * 2))))
    paragraph._p.get_or_add_pPr().insert_element_before(mark, "w:sectPr", "w:pPrChange")


def add_page_field(paragraph: WordParagraph, style: Style) -> None:
    """Append a PAGE field showing the current page number."""
    instruction = element("w:instrText")
    instruction.text = " PAGE "
    instruction.set(_XML_SPACE, "preserve")
    parts = (
        element("w:fldChar", fldCharType="begin"),
        instruction,
        element("w:fldChar", fldCharType="separate"),
        None,  # the cached result, shown until the viewer updates the field
        element("w:fldChar", fldCharType="end"),
    )
    for part in parts:
        run = paragraph.add_run("2" if part is None else None)
        set_font(run, style.size, bold=style.bold, italic=style.italic)
        if part is not None:
            run._r.append(part)


def add_table(
    word: WordDocument, widths_mm: Sequence[float], rows: int, *, ruled: bool
) -> WordTable:
    """A fixed-layout table of the given column widths, ruled ("Table Grid") or borderless."""
    table = word.add_table(rows=rows, cols=len(widths_mm))
    if ruled:
        table.style = word.styles["Table Grid"]
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    total = table._tbl.tblPr.find(qn("w:tblW"))
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(Mm(sum(widths_mm)).twips))
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    if not ruled:
        _remove_borders_and_padding(table)
    return table


def _remove_borders_and_padding(table: WordTable) -> None:
    properties = table._tbl.tblPr
    borders = element("w:tblBorders")
    for edge in _TABLE_EDGES:
        borders.append(element(f"w:{edge}", val="nil"))
    properties.insert_element_before(borders, *_AFTER_TABLE_BORDERS)
    margins = element("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(element(f"w:{side}", w="0", type="dxa"))
    properties.insert_element_before(margins, *_AFTER_CELL_MARGINS)


def drop_initial_paragraph(cell: _Cell) -> None:
    """Remove the empty paragraph a new cell starts with, once text has been added after it."""
    first = cell.paragraphs[0]
    if len(cell.paragraphs) > 1 and not first.text:
        cell._tc.remove(first._p)


def keep_row_together(table: WordTable) -> None:
    """Forbid page breaks inside every row of `table`."""
    for row in table.rows:
        row._tr.get_or_add_trPr().append(element("w:cantSplit"))


def repeat_as_header(table: WordTable) -> None:
    """Repeat the first row at the top of each page the table spans."""
    table.rows[0]._tr.get_or_add_trPr().append(element("w:tblHeader"))
