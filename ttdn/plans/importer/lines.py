"""From raw text to clean lines: NFC, one space, markdown and page furniture removed, and the
layout tables of web copies read column by column.

A web page's copy of a plan lays the header and the signature out as a two-column table,
written with "|" between cells (or tabs), and the page may break a phrase across rows:
"| ỦY BAN NHÂN DÂN | CỘNG |" / "| TỈNH THỪA THIÊN HUẾ | HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |".
A block of such rows with at most two cells is read as its left column, then its right one,
so that what the page broke over rows comes back together in order. A table with more
columns is data (a table of tasks): each row becomes one line, its cells joined by " | ".
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter

from ttdn.core.extract import PAGE_BREAK
from ttdn.core.text import fold
from ttdn.documents.citations import normalise_text
from ttdn.plans.importer.notes import ImportNote


@dataclasses.dataclass
class Report:
    """What the importer noticed along the way (collected by every stage)."""

    unrecognised: list[str] = dataclasses.field(default_factory=list)
    dropped: list[str] = dataclasses.field(default_factory=list)
    warnings: list[ImportNote] = dataclasses.field(default_factory=list)


SPACES = re.compile(r"[^\S\n]+")
DECORATION = re.compile(r"^[-_=*.·—–~\s]{3,}$")
_MARKDOWN_LINE = re.compile(r"^\s*(?:#{1,6}\s|\*\*\S)", re.MULTILINE)
_MARKDOWN_HASHES = re.compile(r"^\s*#{1,6}\s+")
_MARKDOWN_RUNS = re.compile(r"^\*\*[^*]+\*\*(?:\s+\*\*[^*]+\*\*)+$")
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:(?i:trang)\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?$")
_URL = re.compile(r"^(?:(?:nguồn|source|link)\s*:\s*)?(?:https?://|www\.)\S+$", re.IGNORECASE)
# A tab after a heading or item marker ("I.<TAB>MỤC ĐÍCH") is a space, not a column.
_MARKER_CELL = re.compile(r"^(?:[IVXL]{1,6}\.|\d{1,2}(?:\.\d{1,2}){0,3}\.?|[a-zđ]\)|[-+–•*])$")
_TABLE_RULE = re.compile(r"^\|?(?:\s*:?-{2,}:?\s*\|)+\s*(?::?-{2,}:?\s*)?$")
_INVISIBLE = dict.fromkeys(
    map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff\u00a0")
)  # soft hyphen, zero widths, no-break space
_INVISIBLE[0x00A0] = " "  # a no-break space is a space


def plain(text: str) -> str:
    """NFC text ("Ð" read as "Đ") with "\\n" line ends and no invisible characters."""
    text = normalise_text(text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\v", "\n").translate(_INVISIBLE)


def clean_lines(text: str, report: Report) -> list[str]:
    """Non-empty lines, single-spaced and stripped, markdown removed, page artefacts and a
    source address dropped, layout tables read column by column."""
    markdown = _MARKDOWN_LINE.search(text) is not None
    pages = [page.split("\n") for page in text.split(PAGE_BREAK)]
    furniture = _page_furniture(pages)
    lines: list[str] = []
    for page in pages:
        for raw in _untable(page, report):
            line = SPACES.sub(" ", raw).strip()
            if not line:
                continue
            if (
                _PAGE_NUMBER.match(line)
                or DECORATION.match(line)
                or _URL.match(line)
                or (furniture and _shape(line) in furniture)
            ):
                report.dropped.append(line)
                continue
            lines += _unmark(line) if markdown else [line]
    return [line for line in lines if line]


def _cells(raw: str) -> list[str] | None:
    """The cells of a table row ("| a | b |", "a | b", "a<TAB>b"), or None for a plain line."""
    if "|" in raw and not _TABLE_RULE.match(raw.strip()):
        stripped = raw.strip()
        if stripped.startswith("|") or (stripped.count("|") >= 1 and " | " in stripped):
            return [cell.strip() for cell in stripped.strip("|").split("|")]
    if "\t" in raw.strip():
        cells = [cell.strip() for cell in raw.strip().split("\t") if cell.strip()]
        if len(cells) > 1 and not _MARKER_CELL.match(cells[0]):
            return cells
    return None


def _untable(raw_lines: list[str], report: Report) -> list[str]:
    """`raw_lines` with each block of table rows replaced by its reading (see the module)."""
    out: list[str] = []
    block: list[list[str]] = []
    for raw in [*raw_lines, ""]:
        if _TABLE_RULE.match(raw.strip()) and raw.strip():
            report.dropped.append(raw.strip())
            continue
        cells = _cells(raw)
        if cells is not None:
            block.append(cells)
            continue
        out += _read_block(block)
        block = []
        out.append(raw)
    return out[:-1]


def _read_block(rows: list[list[str]]) -> list[str]:
    if not rows:
        return []
    width = max(len(row) for row in rows)
    if width > 2:
        return [" | ".join(cell for cell in row if cell) for row in rows]
    return [row[column] for column in range(width) for row in rows if len(row) > column]


def _unmark(line: str) -> list[str]:
    """A markdown line as plain lines: "## **KẾ HOẠCH** **Công tác …**" → two lines."""
    line = re.sub(r"^\*\s+", "- ", _MARKDOWN_HASHES.sub("", line))  # a "* " bullet is an item
    parts = re.findall(r"\*\*([^*]+)\*\*", line) if _MARKDOWN_RUNS.match(line) else [line]
    return [_MARKDOWN_ESCAPE.sub(r"\1", part.replace("*", "")).strip() for part in parts]


def _shape(line: str) -> str:
    return re.sub(r"\d+", "#", fold(line))


def _page_furniture(pages: list[list[str]]) -> set[str]:
    """Shapes (digits generalised) of lines that open or close at least half of the pages,
    and at least two: running headers and footers."""
    if len(pages) < 2:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [line.strip() for line in page if line.strip()]
        counts.update({_shape(line) for line in lines[:1] + lines[-1:]})
    return {shape for shape, count in counts.items() if count >= max(2, len(pages) / 2)}
