"""Body blocks of the DOCX: headings, paragraphs, lists, tables and articles."""

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from docx.document import Document as WordDocument

from ttdn.docgen import layout
from ttdn.docgen._ooxml import add_table, drop_initial_paragraph, repeat_as_header, write
from ttdn.docgen.model import (
    Article,
    Block,
    Heading,
    ListBlock,
    ListMarker,
    Paragraph,
    Run,
    Table,
)

# Point letters follow the Vietnamese alphabet, which has đ and no f, j, w, z.
VIETNAMESE_LETTERS = "abcdđeghiklmnopqrstuvxy"
_NUMERIC = re.compile(r"[\d.,%]+")  # counts and rates are centred in their cells
_ARTICLE_HEADING = replace(layout.BODY, bold=True, keep_with_next=True)


def marker_text(marker: ListMarker, index: int) -> str:
    """The printed marker of the item at zero-based `index`: "-", "+", "đ)", "3."."""
    if marker is ListMarker.LETTER:
        return f"{VIETNAMESE_LETTERS[index % len(VIETNAMESE_LETTERS)]})"
    if marker is ListMarker.NUMBER:
        return f"{index + 1}."
    return marker.value


def _as_runs(item: str | Paragraph) -> tuple[Run, ...]:
    return (Run(item),) if isinstance(item, str) else item.all_runs()


def add_heading(word: WordDocument, heading: Heading) -> None:
    write(word, heading.text, layout.HEADINGS[heading.level])


def add_paragraph(word: WordDocument, paragraph: Paragraph) -> None:
    write(word, paragraph.all_runs(), layout.BODY)


def add_list(word: WordDocument, block: ListBlock) -> None:
    for index, item in enumerate(block.items):
        marker = Run(f"{marker_text(block.marker, index)} ")
        write(word, (marker, *_as_runs(item)), layout.BODY)


def add_article(word: WordDocument, article: Article) -> None:
    """ "Điều 1." in bold, then the text on the same line, or the title and text below."""
    label = f"Điều {article.number}."
    if article.title:
        write(word, f"{label} {article.title}", _ARTICLE_HEADING)
        if article.text:
            write(word, article.text, layout.BODY)
    else:
        write(word, (Run(f"{label} ", bold=True), Run(article.text)), layout.BODY)
    add_blocks(word, article.blocks)


def add_data_table(word: WordDocument, block: Table) -> None:
    """A ruled table across the text width; the header row repeats on every page."""
    count = len(block.header)
    weights = block.widths or (1.0,) * count
    widths = [layout.TEXT_WIDTH_MM * weight / sum(weights) for weight in weights]
    table = add_table(word, widths, rows=1 + len(block.rows), ruled=True)
    repeat_as_header(table)
    _fill_row(table.rows[0].cells, block.header, layout.TABLE_HEADER)
    for row, values in zip(table.rows[1:], block.rows, strict=True):
        _fill_row(row.cells, values, layout.TABLE_CELL)
    write(word, "", layout.TABLE_CELL)  # Word needs a paragraph between a table and the next


def _fill_row(cells: Sequence[Any], values: Sequence[str], style: layout.Style) -> None:
    for cell, value in zip(cells, values, strict=False):
        numeric = _NUMERIC.fullmatch(value.strip()) is not None
        write(cell, value, replace(style, align=layout.Align.CENTER) if numeric else style)
        drop_initial_paragraph(cell)


_ADDERS: dict[type, Callable[[WordDocument, Any], None]] = {
    Heading: add_heading,
    Paragraph: add_paragraph,
    ListBlock: add_list,
    Article: add_article,
    Table: add_data_table,
}


def add_blocks(word: WordDocument, blocks: Sequence[Block]) -> None:
    """Append `blocks` to the document body in order."""
    for block in blocks:
        _ADDERS[type(block)](word, block)
