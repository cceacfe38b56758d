"""The header (issuing unit, number and symbol, place and date), a web page's information
block, and the "KẾ HOẠCH" title.

The header is read from the text of all its lines at once, so a phrase broken over lines
("CỘNG" / "HÒA XÃ HỘI …", "Thừa" / "Thiên Huế, ngày 21 tháng 8" / "năm 2019") is found
whole: the national motto is cut out, then the "Số: …" number, then the place and date;
the upper-case lines left are the issuing unit. A header copied twice (a web page whose
first copy is cut off) is read from its second, complete copy.

A web copy may start with the site's information block ("Số hiệu: 94/KH-UBND Loại văn bản:
Kế hoạch Nơi ban hành: … Người ký: … Ngày ban hành: 25/03/2022"). It is taken out of the
text and used as a second source: a field the document's own header lacks is taken from it,
with a note saying so.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Sequence

from ttdn.core.text import fold, strip_tones
from ttdn.plans.importer.dates import make_date
from ttdn.plans.importer.lines import DECORATION, SPACES, Report
from ttdn.plans.importer.notes import note
from ttdn.plans.importer.outline import ends_sentence, marker_shape

TITLE_WORD = "KẾ HOẠCH"
_TITLE_LINES = 3
_TITLE_OPENERS = ("thuc hien", "can cu", "trien khai", "nham ", "de ", "tren co so", "theo ")
_HEADER_REACH = 25  # a plan without a "KẾ HOẠCH" line has its header within these lines

_NUMBER = re.compile(
    r"(?:^|(?<=\s))(?:Số|SỐ)\s*:?\s*(?P<number>\d+|[.…_]*)\s*/\s*(?P<symbol>[A-ZĐ][^\s,;|]*)",
    re.MULTILINE,
)
_DATE = re.compile(
    r"\s*,?\s*(?i:ngày)\s+(?:(?P<day>\d{1,2}|[.…]+)\s+)?(?i:tháng)\s+"
    r"(?:(?P<month>\d{1,2}|[.…]+)\s*,?\s+)?(?i:năm)\s+(?P<year>\d{4})\s*\.?"
)
_MOTTOS = (
    re.compile(r"cong\s+hoa\s+xa\s+hoi\s+chu\s+nghia\s+viet\s+nam"),
    re.compile(r"doc\s+lap\s*[-–]\s*tu\s+do\s*[-–]\s*hanh\s+phuc"),
)
_HEADER_LINE = re.compile(
    r"(?:^|\s)(?:Số|SỐ)\s*:?\s*[\d.…_]*\s*/|(?i:ngày)\s+\S+\s+(?i:tháng)|^(?i:năm)\s+\d{4}\.?$"
    r"|(?i:cộng hòa xã hội|cộng hoà xã hội|độc lập\s*[-–]\s*tự do)"
)
_METADATA_LABEL = re.compile(
    r"(?P<label>Số hiệu|Ký hiệu|Loại văn bản|Nơi ban hành|Cơ quan ban hành|Người ký|"
    r"Ngày ban hành|Ngày hiệu lực|Ngày hết hiệu lực|Ngày công báo|Số công báo|"
    r"Tình trạng(?: hiệu lực)?|Lĩnh vực(?:, ngành)?|Ngày đăng|Ngày cập nhật|Cập nhật)\s*:"
)
_SLASH_DATE = re.compile(r"(?P<day>\d{1,2})\s*[/.-]\s*(?P<month>\d{1,2})\s*[/.-]\s*(?P<year>\d{4})")


@dataclasses.dataclass
class Header:
    number: str | None = None
    symbol: str | None = None
    place: str | None = None
    issued_on: datetime.date | None = None
    issuer: str | None = None


@dataclasses.dataclass(frozen=True)
class Metadata:
    """A web page's information block about the document."""

    number: str | None = None
    symbol: str | None = None
    issued_on: datetime.date | None = None
    issuer: str | None = None
    signer: str | None = None
    kind: str | None = None  # "Loại văn bản", folded: "ke hoach"


# --- The information block of a web page -----------------------------------------------------


def take_metadata(lines: list[str], report: Report) -> tuple[Metadata | None, list[str]]:
    """The web page's information block and the lines without it. Its lines are the ones
    opening with a known label ("Số hiệu:", "Ngày ban hành:", …) before the document's
    title or first heading; they are listed as dropped."""
    keep: list[str] = []
    block: list[str] = []
    before_body = True
    for index, line in enumerate(lines):
        before_body = before_body and index < 60 and not (_title_at(line) or marker_shape(line))
        if before_body and _METADATA_LABEL.match(line):
            block.append(line)
            report.dropped.append(line)
        else:
            keep.append(line)
    if not block:
        return None, lines
    return _read_metadata(" ".join(block)), keep


def _read_metadata(text: str) -> Metadata:
    labels = list(_METADATA_LABEL.finditer(text))
    values: dict[str, str] = {}
    for label, following in zip(labels, [*labels[1:], None], strict=True):
        end = following.start() if following else len(text)
        values.setdefault(fold(label["label"]), text[label.end() : end].strip(" |;,."))
    number = symbol = None
    if match := re.match(r"^(?P<number>\d+)?\s*/\s*(?P<symbol>\S+)$", values.get("so hieu", "")):
        number, symbol = match["number"], match["symbol"]
    issued = _SLASH_DATE.search(values.get("ngay ban hanh", ""))
    return Metadata(
        number=number,
        symbol=symbol,
        issued_on=make_date(int(issued["day"]), int(issued["month"]), int(issued["year"]))
        if issued
        else None,
        issuer=values.get("co quan ban hanh") or values.get("noi ban hanh") or None,
        signer=values.get("nguoi ky") or None,
        kind=fold(values["loai van ban"]) if values.get("loai van ban") else None,
    )


def fill_from_metadata(header: Header, metadata: Metadata | None, report: Report) -> None:
    """Fields the header lacks taken from the information block, with a note naming them."""
    if metadata is None:
        return
    taken: list[str] = []
    if header.symbol is None and metadata.symbol:
        header.number, header.symbol = metadata.number, metadata.symbol
        taken.append("number")
    if header.issued_on is None and metadata.issued_on:
        header.issued_on = metadata.issued_on
        taken.append("issued_on")
    if header.issuer is None and metadata.issuer:
        header.issuer = metadata.issuer
        taken.append("issuer")
    if taken:
        report.warnings.append(note("header_from_metadata", fields=",".join(taken)))


# --- Finding the title ------------------------------------------------------------------------


def _title_at(line: str) -> bool:
    return fold(line) == "ke hoach" or line.startswith(TITLE_WORD + " ")


def find_title(lines: Sequence[str]) -> int | None:
    """The index of the upper-case "KẾ HOẠCH" line (it may carry the title after it). Of a
    header copied twice, the copy followed by a header line again is skipped."""
    found = [index for index, line in enumerate(lines) if _title_at(line)]
    if not found:
        return None
    for at, following in zip(found, [*found[1:], None], strict=True):
        window = lines[at + 1 : following if following is not None else at + 1]
        if not any(_HEADER_LINE.search(line) for line in window):
            return at
    return found[-1]


def header_end(lines: Sequence[str]) -> int:
    """Where the header of a plan without a "KẾ HOẠCH" line ends: after the last header line
    (number, place and date, motto) among its first lines, before any heading."""
    end = 0
    for index, line in enumerate(lines[:_HEADER_REACH]):
        if index and marker_shape(line) and not line.startswith(("-", "–")):
            break
        if _HEADER_LINE.search(line):
            end = index + 1
    return end


# --- Reading the header -----------------------------------------------------------------------


def read_header(lines: Sequence[str], report: Report) -> Header:
    """Number and symbol, place and date, issuing unit from the lines before the title."""
    lines = _second_copy(lines, report)
    text = "\n".join(lines)
    text = _cut_mottos(text)
    header = Header()
    text = _read_number(text, header, report)
    text = _read_place_date(text, header)
    issuer: list[str] = []
    for line in text.split("\n"):
        rest = SPACES.sub(" ", line).strip(" -–|")
        if not rest:
            continue
        if DECORATION.match(rest):
            report.dropped.append(rest)
        elif rest.isupper():
            issuer.append(rest)
        else:
            report.unrecognised.append(rest)
    header.issuer = " / ".join(issuer) or None
    return header


def warn_missing(header: Header, report: Report) -> None:
    if header.symbol is None:
        report.warnings.append(note("no_number"))
    if header.place is None:
        report.warnings.append(note("no_place_date"))


def _second_copy(lines: Sequence[str], report: Report) -> Sequence[str]:
    """The header from the second copy of a line that occurs twice, if one does."""
    seen: dict[str, int] = {}
    for index, line in enumerate(lines):
        key = fold(line)
        if key in seen and not DECORATION.match(line):
            copy = max(index - seen[key], seen[key] + 1)  # the copies line up from their tops
            report.dropped += lines[:copy]
            report.warnings.append(note("repeated_header"))
            return lines[copy:]
        seen.setdefault(key, index)
    return lines


def _folded(text: str) -> str:
    """`text` lower-cased and toneless character by character (same length)."""
    out = []
    for char in text:
        plain = strip_tones(char).lower()
        out.append(plain if len(plain) == 1 else char)
    return "".join(out)


def _cut_mottos(text: str) -> str:
    for motto in _MOTTOS:
        match = motto.search(_folded(text))
        if match:
            text = text[: match.start()] + "\n" + text[match.end() :]
    return text


def _read_number(text: str, header: Header, report: Report) -> str:
    """Fill the number and symbol from "Số: 242/KH-PGDĐT"; the text without it."""
    match = _NUMBER.search(text)
    if match is None:
        return text
    header.symbol = match["symbol"].rstrip(".")
    header.number = match["number"] if match["number"].isdigit() else None
    if header.number is None:
        report.warnings.append(note("blank_number", symbol=header.symbol))
    return text[: match.start()] + "\n" + text[match.end() :]


def _read_place_date(text: str, header: Header) -> str:
    """Fill the place and date ("Thừa\\nThiên Huế, ngày 21 tháng 8\\nnăm 2019"); the text
    without them."""
    for match in re.finditer(r",?\s*(?i:ngày)\s", text):
        date = _DATE.match(text, match.start())
        if date is None:
            continue
        start, place = _place_before(text, match.start())
        if not place:
            continue
        header.place = place
        if (date["day"] or "").isdigit() and (date["month"] or "").isdigit():
            header.issued_on = make_date(int(date["day"]), int(date["month"]), int(date["year"]))
        return text[:start] + "\n" + text[date.end() :]
    return text


def _place_before(text: str, end: int) -> tuple[int, str]:
    """The place name ending at `end`: up to six capitalised words back (not an upper-case
    line of the issuing unit), across line breaks."""
    words: list[str] = []
    start = end
    for word in reversed(list(re.finditer(r"\S+", text[max(0, end - 120) : end]))):
        value = word.group()
        if not _is_place_word(value):
            break
        words.insert(0, value)
        start = max(0, end - 120) + word.start()
        if len(words) == 6:
            break
    return start, " ".join(words)


def _is_place_word(word: str) -> bool:
    """A capitalised word of letters ("Thừa", "TP."), not an upper-case word of the issuer."""
    letters = word.rstrip(".")
    if not (letters[:1].isupper() and letters.isalpha()):
        return False
    return not (letters.isupper() and len(letters) > 1 and letters != "TP")


def read_title(lines: Sequence[str], start: int, rest: str | None) -> tuple[str | None, int]:
    """The title: `rest` of the "KẾ HOẠCH" line (or, for a plan without one, the line at
    `start`), then up to three lines from `start`, and where the body starts: at a line
    opening the preamble ("Thực hiện", "Căn cứ", …), a heading or an item, or after a title
    line that ends a sentence."""
    parts = [rest] if rest else []
    if rest is None and start < len(lines) and not marker_shape(lines[start]):
        parts, start = [lines[start]], start + 1
    index = start
    while index < len(lines) and len(parts) < _TITLE_LINES:
        line = lines[index]
        if parts and ends_sentence(parts[-1]):
            break
        if fold(line).startswith(_TITLE_OPENERS) or marker_shape(line):
            break
        parts.append(line)
        index += 1
    return " ".join(parts) or None, index


def plan_year(title: str | None, issued_on: datetime.date | None) -> int | None:
    """The year the title names ("… năm 2022"), else the year of issue."""
    years = re.findall(r"(?i:năm)\s+(\d{4})\b", title or "")
    if years:
        return int(years[-1])
    return issued_on.year if issued_on else None


def is_plan_symbol(symbol: str | None) -> bool:
    """Whether a symbol names a plan: its first code is "KH" ("KH-UBND", "KH-SGDĐT")."""
    return bool(symbol) and fold(re.split(r"[-/]", symbol or "")[0]) == "kh"
