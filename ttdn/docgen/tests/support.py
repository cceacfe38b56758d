"""Helpers for the docgen tests: tool checks, reading DOCX structure and PDF geometry."""

import io
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from xml.etree import ElementTree

import docx
import pytest
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.table import Table as WordTable
from docx.text.paragraph import Paragraph as WordParagraph

INSTALL_HINT = "apt-get install libreoffice-writer-nogui fonts-liberation2 poppler-utils"
POINTS_PER_MM = 72 / 25.4
_XHTML = "{http://www.w3.org/1999/xhtml}"
LONG_TITLE = " ".join(["Tăng cường công tác thông tin đối ngoại trong trường học"] * 8)
_TIMES_METRIC_FAMILIES = ("Times New Roman", "Liberation Serif", "Tinos")


def require_tools(*names: str) -> None:
    """Skip the test when a tool or the Times-metric font is missing; fail instead on CI.

    With TTDN_CI=1 a missing tool is an error of the CI machine, not a reason to skip.
    """
    missing = [name for name in names if shutil.which(name) is None]
    if not missing and not _times_metric_font():
        missing.append("a Times New Roman metric font")
    if not missing:
        return
    reason = f"needs {', '.join(missing)} ({INSTALL_HINT})"
    if os.environ.get("TTDN_CI") == "1":
        pytest.fail(f"TTDN_CI=1 forbids skipping: {reason}")
    pytest.skip(reason)


def _times_metric_font() -> bool:
    if shutil.which("fc-match") is None:
        return False
    command = ["fc-match", "-f", "%{family}", "Times New Roman"]
    family = subprocess.run(command, capture_output=True, text=True, check=False).stdout
    return any(name in family for name in _TIMES_METRIC_FAMILIES)


# --- DOCX ---------------------------------------------------------------------------------


def open_docx(data: bytes) -> WordDocument:
    return docx.Document(io.BytesIO(data))


def texts(paragraphs: list[WordParagraph]) -> list[str]:
    """The non-empty paragraph texts, in order."""
    return [paragraph.text for paragraph in paragraphs if paragraph.text]


def text_paragraphs(paragraphs: list[WordParagraph]) -> list[WordParagraph]:
    return [paragraph for paragraph in paragraphs if paragraph.text]


def paragraph_starting(word: WordDocument, prefix: str) -> WordParagraph:
    """The first body paragraph (outside tables) whose text starts with `prefix`."""
    return next(p for p in word.paragraphs if p.text.startswith(prefix))


def next_paragraph(word: WordDocument, paragraph: WordParagraph) -> WordParagraph:
    element = paragraph._p.getnext()
    return WordParagraph(element, paragraph._parent)


def fonts(paragraph: WordParagraph) -> set[tuple[str | None, float | None, bool, bool]]:
    """(font name, size, bold, italic) of every run that prints text."""
    return {
        (
            run.font.name,
            run.font.size.pt if run.font.size else None,
            bool(run.bold),
            bool(run.italic),
        )
        for run in paragraph.runs
        if run.text
    }


def sizes(paragraph: WordParagraph) -> set[float]:
    return {size for _, size, _, _ in fonts(paragraph) if size is not None}


def emphasis(paragraph: WordParagraph) -> set[tuple[bool, bool]]:
    """(bold, italic) pairs used by the paragraph's text runs."""
    return {(bold, italic) for _, _, bold, italic in fonts(paragraph)}


def bottom_rule(paragraph: WordParagraph) -> str | None:
    """The style of the paragraph's bottom border ("single"), or None without one."""
    border = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}")
    return None if border is None else border.get(qn("w:val"))


def rule_length_mm(paragraph: WordParagraph, available_mm: float) -> float:
    """Length of a rule paragraph's border: the available width less both indents."""
    fmt = paragraph.paragraph_format
    left = fmt.left_indent.mm if fmt.left_indent else 0.0
    right = fmt.right_indent.mm if fmt.right_indent else 0.0
    return available_mm - left - right


def column_widths_mm(table: WordTable) -> list[float]:
    return [round(cell.width.mm, 1) for cell in table.rows[0].cells]


def table_borders(table: WordTable) -> set[str]:
    """The values of every edge in the table's own w:tblBorders."""
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    return {edge.get(qn("w:val")) for edge in borders} if borders is not None else set()


def field_codes(paragraphs: list[WordParagraph]) -> list[str]:
    """The instruction texts of the fields in the given paragraphs (" PAGE ")."""
    return [node.text for p in paragraphs for node in p._p.iter(qn("w:instrText"))]


# --- PDF ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of text on a PDF page with its box, in points from the top-left corner."""

    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float

    @property
    def centre(self) -> float:
        return (self.x_min + self.x_max) / 2

    @property
    def width(self) -> float:
        return self.x_max - self.x_min


def pdf_lines(pdf_bytes: bytes, page: int) -> list[Line]:
    """The text lines of one page, from `pdftotext -bbox-layout`."""
    command = ["pdftotext", "-bbox-layout", "-f", str(page), "-l", str(page), "-", "-"]
    out = subprocess.run(command, input=pdf_bytes, capture_output=True, check=True).stdout
    root = ElementTree.fromstring(out)  # noqa: S314 - our own pdftotext output, not untrusted
    return [_line(node) for node in root.iter(f"{_XHTML}line")]


def _line(node: ElementTree.Element) -> Line:
    words = " ".join(word.text or "" for word in node.iter(f"{_XHTML}word"))
    box = [float(node.get(name, "0")) for name in ("xMin", "yMin", "xMax", "yMax")]
    return Line(words, *box)


def line_equal_to(lines: list[Line], text: str) -> Line:
    """The line whose text is exactly `text`; fails listing the lines otherwise."""
    found = [line for line in lines if line.text == text]
    assert found, f"no line {text!r} among {[line.text for line in lines]}"
    return found[0]


@dataclass(frozen=True)
class GrayPage:
    """A page rendered to 8-bit grey at `dpi`; pixel (x, y) is pixels[y * width + x]."""

    width: int
    height: int
    dpi: int
    pixels: bytes

    def to_px(self, points: float) -> int:
        return round(points * self.dpi / 72)

    def longest_dark_run_pt(
        self, x_range: tuple[float, float], y_range: tuple[float, float]
    ) -> float:
        """Length in points of the longest horizontal dark stroke inside the box."""
        x_from, x_to = (self.to_px(x) for x in x_range)
        longest = 0
        for y in range(self.to_px(y_range[0]), self.to_px(y_range[1])):
            row = self.pixels[y * self.width + x_from : y * self.width + x_to]
            longest = max(longest, _longest_dark(row))
        return longest * 72 / self.dpi


def _longest_dark(row: bytes) -> int:
    longest = current = 0
    for value in row:
        current = current + 1 if value < 128 else 0
        longest = max(longest, current)
    return longest


def gray_page(pdf_bytes: bytes, page: int, dpi: int = 144) -> GrayPage:
    """Rasterise one page with pdftoppm into a binary PGM and read it."""
    command = ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-"]
    data = subprocess.run(command, input=pdf_bytes, capture_output=True, check=True).stdout
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", data)
    assert header is not None, "pdftoppm did not write an 8-bit PGM"
    width, height = int(header[1]), int(header[2])
    return GrayPage(width, height, dpi, data[header.end() :])
