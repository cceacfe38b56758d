"""The plain text of a plan file (.txt, .docx, text-based .pdf), for the plan importer.

Contracts:

- Works offline and imports nothing from Django, so the importer can run anywhere.
- The text is returned as read; the importer normalises it (NFC, markdown, line breaks).
- PDF pages are separated by a form feed ("\\f") so the importer can recognise page headers,
  footers and page numbers. A PDF whose pages hold no text is refused as a scan: this product
  does no text recognition.
- A .docx is read in document order, table cells included (each merged cell once), one
  paragraph per line. Word's automatic numbering is rendered in front of its paragraph
  ("I.", "1.", "a)"; every bullet as "-"), counted per list (`w:num`) as Word shows it in
  the common case; restarts by "w:lvlRestart" and counters shared between lists are not
  modelled.
- Any failure is an `ExtractionError` with a message for the person who sent the file; a
  damaged or foreign file never raises anything else.
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

SUFFIXES = (".txt", ".docx", ".pdf")
PAGE_BREAK = "\f"
# A .docx is a zip: refuse one that would inflate to more than this (a zip bomb).
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024


class ExtractionError(ValueError):
    """The file's text cannot be read; the message (English) says why and `code` names the
    case for a translated message: unsupported_type, not_utf8, not_docx, docx_too_large,
    encrypted_pdf, not_pdf, scanned_pdf."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


def extract_text(data: bytes, suffix: str) -> str:
    """The text of a file with the given suffix (".txt", ".docx", ".pdf"). Raises ExtractionError."""
    suffix = suffix.lower()
    if suffix == ".txt":
        return text_of_txt(data)
    if suffix == ".docx":
        return text_of_docx(data)
    if suffix == ".pdf":
        return text_of_pdf(data)
    raise ExtractionError(
        "unsupported file type: only .txt, .docx and .pdf files can be imported",
        code="unsupported_type",
    )


def text_of_txt(data: bytes) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM. Raises ExtractionError otherwise."""
    encoding = "utf-16" if data[:2] in {codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE} else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ExtractionError(
            "the text file is not UTF-8: save it as UTF-8 and try again", code="not_utf8"
        ) from None


def text_of_docx(data: bytes) -> str:
    """The paragraphs of a Word document, tables included, one per line."""
    _check_zip(data)
    try:
        document = docx.Document(io.BytesIO(data))
        return "\n".join(_docx_lines(document, _Numbering(document)))
    except Exception as error:  # python-docx raises many kinds for a foreign or damaged file
        raise ExtractionError(
            "the file is not a readable Word document (.docx)", code="not_docx"
        ) from error


def text_of_pdf(data: bytes) -> str:
    """The text of each page of a PDF, pages separated by a form feed."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractionError(
                "the PDF is protected by a password: remove the protection", code="encrypted_pdf"
            )
        pages = [(page.extract_text() or "").replace(PAGE_BREAK, "\n") for page in reader.pages]
    except ExtractionError:
        raise
    except Exception as error:  # pypdf raises many kinds for a damaged file
        raise ExtractionError("the file is not a readable PDF", code="not_pdf") from error
    if not any(page.strip() for page in pages):
        raise ExtractionError(
            "no text layer: the PDF looks scanned (run text recognition first)", code="scanned_pdf"
        )
    return PAGE_BREAK.join(pages)


def _check_zip(data: bytes) -> None:
    """Refuse what is not a zip, or a zip that would inflate beyond MAX_UNZIPPED_BYTES."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            size = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ExtractionError(
            "the file is not a readable Word document (.docx)", code="not_docx"
        ) from None
    if "word/document.xml" not in names:
        raise ExtractionError(
            "the file is a zip archive but not a Word document (.docx)", code="not_docx"
        )
    if size > MAX_UNZIPPED_BYTES:
        raise ExtractionError("the Word document is too large once unpacked", code="docx_too_large")


def _docx_lines(container: Any, numbering: _Numbering) -> Iterator[str]:
    """Lines of a document or table cell in order; nested tables are walked, merged cells once."""
    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            label = numbering.label(block) if block.text.strip() else ""
            yield f"{label} {block.text}" if label else block.text
        elif isinstance(block, Table):
            seen: set[Any] = set()  # the cells' XML elements, kept alive so identity holds
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        yield from _docx_lines(cell, numbering)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9  # Word's list levels 0-8
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


class _Numbering:
    """The labels Word's automatic numbering shows in front of paragraphs."""

    def __init__(self, document: Any) -> None:
        # numId → level → (format, level text such as "%1.", start)
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError):  # a document without lists
            return
        abstract = {
            node.get(f"{_W}abstractNumId"): _abstract_levels(node)
            for node in root.iter(f"{_W}abstractNum")
        }
        for num in root.iter(f"{_W}num"):
            reference = num.find(f"{_W}abstractNumId")
            levels = (
                dict(abstract.get(reference.get(f"{_W}val"), {})) if reference is not None else {}
            )
            for override in num.iter(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                level = _int(override.get(f"{_W}ilvl"))
                if start is not None and level in levels:
                    kind, text, _ = levels[level]
                    levels[level] = (kind, text, _int(start.get(f"{_W}val"), 1))
            self.levels[num.get(f"{_W}numId") or ""] = levels

    def label(self, paragraph: Paragraph) -> str:
        """The paragraph's number ("II.", "1.2.", "a)"), "-" for a bullet, "" if none."""
        num_id, level = _list_reference(paragraph)
        levels = self.levels.get(num_id, {})
        if level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * _LEVELS)
        counters[level] += 1
        counters[level + 1 :] = [0] * (_LEVELS - level - 1)
        kind, text, _ = levels[level]
        if kind == "bullet":
            return text if text in {"-", "+"} else "-"

        def number(match: re.Match[str]) -> str:
            shown = int(match.group(1)) - 1
            shown_kind, _, start = levels.get(shown, ("decimal", "", 1))
            return _format(start + max(counters[shown], 1) - 1, shown_kind)

        return re.sub(r"%([1-9])", number, text).strip()


def _abstract_levels(node: Any) -> dict[int, tuple[str, str, int]]:
    levels = {}
    for level in node.iter(f"{_W}lvl"):
        kind, text, start = (level.find(f"{_W}{name}") for name in ("numFmt", "lvlText", "start"))
        levels[_int(level.get(f"{_W}ilvl"))] = (
            kind.get(f"{_W}val") if kind is not None else "decimal",
            text.get(f"{_W}val") or "" if text is not None else "",
            _int(start.get(f"{_W}val"), 1) if start is not None else 1,
        )
    return levels


def _list_reference(paragraph: Paragraph) -> tuple[str, int]:
    """(numId, level) of the paragraph's list, from its own properties or its style's."""
    properties = paragraph._p.pPr
    numbering: Any = properties.numPr if properties is not None else None  # CT_NumPr
    style = paragraph.style
    while numbering is None and style is not None:
        style_properties = style.element.pPr
        numbering = style_properties.numPr if style_properties is not None else None
        style = style.base_style
    if numbering is None or numbering.numId is None:
        return "", -1
    level = numbering.ilvl.val if numbering.ilvl is not None else 0
    return str(numbering.numId.val), min(max(level, 0), _LEVELS - 1)


def _format(value: int, kind: str) -> str:
    if kind in {"upperRoman", "lowerRoman"}:
        roman = _roman(value)
        return roman if kind == "upperRoman" else roman.lower()
    if kind in {"upperLetter", "lowerLetter"}:
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if kind == "upperLetter" else letters
    if kind == "decimalZero":
        return f"{value:02d}"
    return "" if kind == "none" else str(value)


def _roman(value: int) -> str:
    out = ""
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        out += numeral * count
    return out


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text or "")
    except ValueError:
        return default
