"""Read an existing plan (kế hoạch) from text into a structured `ParsedPlan`.

`parse_plan(text)` recognises the parts of a Nghị định 30/2020 plan: the header (number and
symbol, place and date, issuing unit), the "KẾ HOẠCH" title, the body as a tree of numbered
sections (I. → 1. → 1.1. → a)), the recipients ("Nơi nhận") and the signature block. From the
body it derives the citations (through `ttdn.documents.citations`), the key tasks with their time
frames, and every deadline mentioned. `import_file(path)` does the same for a .txt, .docx or
text-based .pdf file. `ParsedPlan.as_dict()` is the JSON of a plan (issue 6).

Contracts:

- Nothing is lost: every body paragraph lands in exactly one section, in order. Text before
  the first heading (the preamble) and the closing paragraph (the one ending the text with
  "./.") become top-level sections without a heading.
- Nothing is guessed silently: a fragment that fits no part is listed in `unrecognised`, a
  page header, footer or page number removed as a PDF artefact is listed in `dropped`, and a
  missing header field or a heading number out of sequence is described in `warnings`.
- Input may be NFC or NFD, plain text, markdown-ish text ("## **I. …**") or text extracted
  from a PDF (hard line breaks, blank lines, stray spaces, form feeds between pages).
- Failures raise `PlanImportError` with an English message (translated by the caller).

The rejoin rule (PDF lines → paragraphs). Blank lines carry no meaning (a PDF extraction puts
one after every line), so a paragraph boundary is decided from the lines themselves. A line
starts a new paragraph when

1. it starts with a heading marker ("I.", "1.", "1.1.", "a)") whose number follows the
   numbering in force: 1, or the previous sibling's number or its successor ("a)" letters may
   skip one, for alphabets with and without "đ" and "f");
2. or it starts with an item marker ("-", "+", "–", "•"), unless what follows the marker is
   lower case and the previous paragraph does not end with ". ; : ! ?" (a wrapped
   "kinh tế\\n- xã hội" is not an item);
3. or the previous paragraph ends a sentence (".", "!", "?", "…", "./.", optionally followed
   by a closing quote or bracket) and the line starts like a sentence: an upper-case letter,
   possibly after an opening quote or bracket, or an enumerator "(1)";
4. or it starts with a field label of a task: "Thời gian (thực hiện):", "Thời hạn:",
   "Đơn vị thực hiện / chủ trì / phối hợp:", "Chủ trì:", "Phối hợp:", "Kinh phí:", "Sản phẩm:".

Otherwise the line continues the previous paragraph, joined with one space (with none after a
symbol cut at "-" or "/", as in "72/2015/NĐ-" + "CP"). A heading (at most twelve lines) is
continued only by a line that does not start like a sentence (lower case, a digit), a line
following a heading that ends with a comma, hyphen or a word that cannot end a title ("và",
"của", "về", …), or an upper-case line after an upper-case heading. Known limit: a paragraph whose sentence ends exactly at a line
end, followed by a line starting with a capital, is split in two (no text is lost).
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
import json
import re
import stat
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ttdn.core.extract import PAGE_BREAK, SUFFIXES, ExtractionError, extract_text
from ttdn.core.text import fold
from ttdn.documents.citations import normalise_text, parse_citations

MAX_BYTES = 10 * 1024 * 1024


class PlanImportError(ValueError):
    """A file or text that cannot be imported as a plan. The message (English) says why;
    `code` names the case for a translated message and `params` holds its values:
    empty, too_large (size, limit), unreadable, not_plan, no_sections, or an
    `ExtractionError` code (unsupported_type, not_utf8, not_docx, docx_too_large,
    encrypted_pdf, not_pdf, scanned_pdf)."""

    def __init__(self, message: str, *, code: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.params = params or {}


class Recurrence(enum.StrEnum):
    """How often a task recurs (`PlannedTask.recurrence`)."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"
    CONTINUOUS = "continuous"  # "thường xuyên"


# --- Result ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class PlanCitation:
    """A document the plan cites; `status` is filled in by the legal-library checker."""

    text: str
    type: str
    number_symbol: str
    date: datetime.date | None
    issuer: str | None
    status: str = "unchecked"

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "type": self.type,
            "number_symbol": self.number_symbol,
            "date": _iso(self.date),
            "issuer": self.issuer,
            "status": self.status,
        }


@dataclasses.dataclass(frozen=True)
class Section:
    """A section of the body. `heading` is the printed heading with its marker
    ("I. MỤC ĐÍCH, YÊU CẦU"), None for the preamble and the closing paragraph;
    `marker` is "I.", "1.1.", "a)" or None; `paragraphs` are the rejoined paragraphs
    in order, "-" and "+" items keeping their marker."""

    heading: str | None
    marker: str | None
    paragraphs: tuple[str, ...]
    children: tuple[Section, ...] = ()

    @property
    def text(self) -> str:
        """The paragraphs, one per line."""
        return "\n".join(self.paragraphs)

    @property
    def title(self) -> str | None:
        """The heading without its marker."""
        if self.heading is None or self.marker is None:
            return self.heading
        return self.heading[len(self.marker) :].strip()

    def walk(self) -> Iterable[Section]:
        """This section and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def as_dict(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "marker": self.marker,
            "text": self.text,
            "children": [child.as_dict() for child in self.children],
        }


@dataclasses.dataclass(frozen=True)
class PlannedTask:
    """A key task. `starts_on`/`ends_on` is its time frame ("trong tháng 2 năm 2022" is
    1–28 Feb 2022), `due` an explicit deadline ("trước ngày 16/11/2023"), `recurrence` one of
    `Recurrence`; `units` carry it out, `partners` cooperate ("Phối hợp"); `time_text` is the
    phrase the time frame was read from; `section` the heading it comes from."""

    title: str
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    due: datetime.date | None = None
    recurrence: Recurrence | None = None
    units: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    time_text: str | None = None
    section: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "starts_on": _iso(self.starts_on),
            "ends_on": _iso(self.ends_on),
            "due": _iso(self.due),
            "recurrence": str(self.recurrence) if self.recurrence else None,
            "units": list(self.units),
            "partners": list(self.partners),
            "time_text": self.time_text,
            "section": self.section,
        }


@dataclasses.dataclass(frozen=True)
class Deadline:
    """A deadline the text mentions: the date (None if its year is unknown) and its clause."""

    date: datetime.date | None
    text: str

    def as_dict(self) -> dict[str, Any]:
        return {"date": _iso(self.date), "text": self.text}


@dataclasses.dataclass(frozen=True)
class Signer:
    """The signature block: `authority` "KT. TRƯỞNG PHÒNG" (None when the head signs in their
    own name), `position` "PHÓ TRƯỞNG PHÒNG", `name`."""

    authority: str | None
    position: str | None
    name: str | None

    def as_dict(self) -> dict[str, Any]:
        return {"authority": self.authority, "position": self.position, "name": self.name}


@dataclasses.dataclass(frozen=True)
class ParsedPlan:
    """A plan read from text; `as_dict()` is the JSON of a plan."""

    number: str | None
    symbol: str | None
    issued_on: datetime.date | None
    place: str | None
    year: int | None
    title: str | None
    issuer: str | None
    citations: tuple[PlanCitation, ...]
    sections: tuple[Section, ...]
    tasks: tuple[PlannedTask, ...]
    deadlines: tuple[Deadline, ...]
    recipients: tuple[str, ...]
    signer: Signer | None
    unrecognised: tuple[str, ...]
    dropped: tuple[str, ...]
    warnings: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "symbol": self.symbol,
            "issued_on": _iso(self.issued_on),
            "place": self.place,
            "year": self.year,
            "title": self.title,
            "issuer": self.issuer,
            "citations": [citation.as_dict() for citation in self.citations],
            "sections": [section.as_dict() for section in self.sections],
            "tasks": [task.as_dict() for task in self.tasks],
            "deadlines": [deadline.as_dict() for deadline in self.deadlines],
            "recipients": list(self.recipients),
            "signer": self.signer.as_dict() if self.signer else None,
            "unrecognised": list(self.unrecognised),
            "dropped": list(self.dropped),
            "warnings": list(self.warnings),
        }

    def to_json(self) -> str:
        """`as_dict()` as indented JSON, Vietnamese kept readable."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


# --- Public API -----------------------------------------------------------


def import_file(path: Path | str, *, max_bytes: int = MAX_BYTES) -> ParsedPlan:
    """The plan in a .txt, .docx or text-based .pdf file. Raises PlanImportError.

    The size is checked (stat) before anything is read; nothing is written anywhere.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise PlanImportError(
            "unsupported file type: only .txt, .docx and .pdf files can be imported",
            code="unsupported_type",
        )
    try:
        status = path.stat()
    except OSError as error:
        raise _unreadable(error) from error
    if not stat.S_ISREG(status.st_mode):
        raise PlanImportError("the file cannot be read: not a regular file", code="unreadable")
    if status.st_size > max_bytes:
        raise PlanImportError(
            f"the file is too large: {status.st_size} bytes, the limit is {max_bytes} bytes",
            code="too_large",
            params={"size": status.st_size, "limit": max_bytes},
        )
    if status.st_size == 0:
        raise PlanImportError("the file is empty", code="empty")
    try:
        text = extract_text(path.read_bytes(), suffix)
    except ExtractionError as error:
        raise PlanImportError(str(error), code=error.code, params=error.params) from error
    except OSError as error:
        raise _unreadable(error) from error
    return parse_plan(text)


def _unreadable(error: OSError) -> PlanImportError:
    return PlanImportError(
        f"the file cannot be read: {error.strerror}",
        code="unreadable",
        params={"reason": error.strerror},
    )


def parse_plan(text: str) -> ParsedPlan:
    """The structured plan in `text`. Raises PlanImportError for an empty or non-plan text."""
    if not text.strip():
        raise PlanImportError("the file is empty", code="empty")
    report = _Report()
    lines = _clean_lines(_plain(text), report)
    title_at = _find_title(lines)
    if title_at is None:
        raise PlanImportError("not a plan: no 'KẾ HOẠCH' title line was found", code="not_plan")
    header = _read_header(lines[:title_at], report)
    title, body_start = _read_title(lines, title_at)
    body_end, tail_start = _find_tail(lines, body_start)
    sections = _Outline(report).build(lines[body_start:body_end])
    if not any(section.heading for section in sections):
        raise PlanImportError(
            "not a plan: no numbered sections (I., 1., a)) were found", code="no_sections"
        )
    recipients, signer = _read_tail(lines[tail_start:], report)
    year = _plan_year(title, header.issued_on)
    if title is None:
        report.warnings.append("no title after 'KẾ HOẠCH'")
    if signer is None:
        report.warnings.append("no signature block")
    return ParsedPlan(
        number=header.number,
        symbol=header.symbol,
        issued_on=header.issued_on,
        place=header.place,
        year=year,
        title=title,
        issuer=header.issuer,
        citations=_citations(sections),
        sections=sections,
        tasks=tuple(_tasks(sections, year)),
        deadlines=tuple(_deadlines(sections, year)),
        recipients=recipients,
        signer=signer,
        unrecognised=tuple(report.unrecognised),
        dropped=tuple(report.dropped),
        warnings=tuple(report.warnings),
    )


# --- Lines ----------------------------------------------------------------


@dataclasses.dataclass
class _Report:
    unrecognised: list[str] = dataclasses.field(default_factory=list)
    dropped: list[str] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)


_SPACES = re.compile(r"[^\S\n]+")
_MARKDOWN_LINE = re.compile(r"^\s*(?:#{1,6}\s|\*\*\S)", re.MULTILINE)
_MARKDOWN_HASHES = re.compile(r"^\s*#{1,6}\s+")
_MARKDOWN_RUNS = re.compile(r"^\*\*[^*]+\*\*(?:\s+\*\*[^*]+\*\*)+$")
_MARKDOWN_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!])")
_PAGE_NUMBER = re.compile(r"^(?:-\s*)?(?:(?i:trang)\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?(?:\s*-)?$")
_DECORATION = re.compile(r"^[-_=*.·—–~\s]{3,}$")


_INVISIBLE = dict.fromkeys(
    map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff")
)  # soft hyphen, zero widths


def _plain(text: str) -> str:
    """NFC text ("Ð" read as "Đ") with "\\n" line ends and no invisible characters."""
    text = normalise_text(text).replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\u2028", "\n").replace("\v", "\n").translate(_INVISIBLE)


def _clean_lines(text: str, report: _Report) -> list[str]:
    """Non-empty lines, single-spaced and stripped, markdown removed, page artefacts dropped."""
    markdown = _MARKDOWN_LINE.search(text) is not None
    pages = [page.split("\n") for page in text.split(PAGE_BREAK)]
    furniture = _page_furniture(pages)
    lines: list[str] = []
    for page in pages:
        for raw in page:
            line = _SPACES.sub(" ", raw).strip()
            if not line:
                continue
            if (
                _PAGE_NUMBER.match(line)
                or _DECORATION.match(line)
                or (furniture and _shape(line) in furniture)
            ):
                report.dropped.append(line)
                continue
            lines += _unmark(line) if markdown else [line]
    return [line for line in lines if line]


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


# --- Header, title, tail --------------------------------------------------


@dataclasses.dataclass
class _Header:
    number: str | None = None
    symbol: str | None = None
    place: str | None = None
    issued_on: datetime.date | None = None
    issuer: str | None = None


_TITLE_WORD = "KẾ HOẠCH"
_NUMBER_LINE = re.compile(r"^Số\s*:?\s*(?P<number>\d*)\s*/\s*(?P<symbol>[^\s,]+)\s*(?P<rest>.*)$")
_PLACE_DATE = re.compile(
    r"^(?P<place>[^\d,]{2,60}),\s*ngày\s+(?P<day>\d{1,2}|\.+|…+)\s+tháng\s+(?P<month>\d{1,2}|\.+|…+)"
    r"\s+năm\s+(?P<year>\d{4})\s*\.?$"
)
_MOTTOS = ("cong hoa xa hoi chu nghia viet nam", "doc lap - tu do - hanh phuc")
_TITLE_LINES = 3
_TITLE_OPENERS = ("thuc hien", "can cu", "trien khai", "nham ", "de ", "tren co so", "theo ")


def _find_title(lines: Sequence[str]) -> int | None:
    """The index of the upper-case "KẾ HOẠCH" line (it may carry the title after it)."""
    for index, line in enumerate(lines):
        if fold(line) == "ke hoach" or line.startswith(_TITLE_WORD + " "):
            return index
    return None


def _read_header(lines: Sequence[str], report: _Report) -> _Header:
    """Number and symbol, place and date, issuing unit from the lines before the title."""
    header = _Header()
    issuer: list[str] = []
    for line in lines:
        rest = _read_number(line, header)
        rest = _drop_mottos(rest)
        if not rest:
            continue
        if _read_place_date(rest, header):
            continue
        if _DECORATION.match(rest):
            report.dropped.append(rest)
        elif rest.isupper():
            issuer.append(rest)
        else:
            report.unrecognised.append(rest)
    header.issuer = " / ".join(issuer) or None
    if header.symbol is None:
        report.warnings.append("no number and symbol line ('Số: …')")
    if header.place is None:
        report.warnings.append("no place and date line ('…, ngày … tháng … năm …')")
    return header


def _read_number(line: str, header: _Header) -> str:
    """Fill the number and symbol from a "Số: 242/KH-PGDĐT" line; return what follows it."""
    match = _NUMBER_LINE.match(line)
    if match is None:
        return line
    header.number = match["number"] or None
    header.symbol = match["symbol"]
    return match["rest"].strip()


def _drop_mottos(line: str) -> str:
    """`line` without the national motto ("CỘNG HÒA XÃ HỘI …", "Độc lập - Tự do - Hạnh phúc")."""
    folded = fold(line).replace("–", "-")
    for motto in _MOTTOS:
        at = folded.find(motto)
        if at >= 0 and len(folded) == len(line):
            line, folded = (
                line[:at] + line[at + len(motto) :],
                folded[:at] + folded[at + len(motto) :],
            )
    return _SPACES.sub(" ", line).strip(" -")


def _read_place_date(line: str, header: _Header) -> bool:
    match = _PLACE_DATE.match(line)
    if match is None:
        return False
    header.place = match["place"].strip()
    if match["day"].isdigit() and match["month"].isdigit():
        header.issued_on = _date(int(match["day"]), int(match["month"]), int(match["year"]))
    return True


def _read_title(lines: Sequence[str], title_at: int) -> tuple[str | None, int]:
    """The title after "KẾ HOẠCH" (on its line or up to three lines below) and where the body
    starts: at a line opening the preamble ("Thực hiện", "Căn cứ", …), a heading or an item,
    or after a title line that ends a sentence."""
    rest = lines[title_at][len(_TITLE_WORD) :].strip()
    parts = [rest] if rest else []
    index = title_at + 1
    while index < len(lines) and len(parts) < _TITLE_LINES:
        line = lines[index]
        if parts and _ends_sentence(parts[-1]):
            break
        if fold(line).startswith(_TITLE_OPENERS) or _marker_shape(line):
            break
        parts.append(line)
        index += 1
    return " ".join(parts) or None, index


def _find_tail(lines: Sequence[str], start: int) -> tuple[int, int]:
    """(end of the body, start of the recipients and signature): the body ends at "Nơi nhận",
    at a signing authority line ("KT. …") or after the line that ends the text with "./."."""
    for index in range(start, len(lines)):
        line = lines[index]
        if _RECIPIENTS.match(line) or _is_authority(line):
            return index, index
        if line.endswith("./."):
            return index + 1, index + 1
    return len(lines), len(lines)


_RECIPIENTS = re.compile(r"^(?i:nơi nhận)\s*:?\s*(?P<rest>.*)$")
_AUTHORITY = re.compile(r"^(?:KT|TM|TL|TUQ|Q)\.\s*\S")
_SIGNATURE_NOTE = re.compile(r"^\((?i:đã ký|ký[^)]*|chữ ký[^)]*)\)$")


def _read_tail(lines: Sequence[str], report: _Report) -> tuple[tuple[str, ...], Signer | None]:
    """Recipients and signer from the lines after the body; anything else is unrecognised."""
    recipients: list[str] = []
    authority = position = name = None
    in_recipients = False
    for line in (part for whole in lines for part in _split_columns(whole)):
        recipients_line = _RECIPIENTS.match(line)
        if recipients_line:
            in_recipients = True
            line = recipients_line["rest"]
            if not line:
                continue
        item = re.match(r"^[-+•–]\s*(?P<rest>.+)$", line)
        if in_recipients and item:
            recipients.append(item["rest"].rstrip(" ;,."))
        elif in_recipients and recipients and line[:1].islower():
            recipients[-1] = f"{recipients[-1]} {line.rstrip(' ;,.')}"
        elif _is_authority(line) and authority is None:
            authority = line
        elif _is_upper_line(line) and name is None:
            position = f"{position} {line}" if position else line
        elif _is_name(line) and name is None:
            name = line
        elif _SIGNATURE_NOTE.match(line) or _DECORATION.match(line):
            report.dropped.append(line)
        else:
            report.unrecognised.append(line)
    signer = Signer(authority, position, name) if (authority or position or name) else None
    return tuple(recipients), signer


_COLUMNS = re.compile(
    r"^(?P<left>.*?[;:.,)])\s+(?P<right>(?:KT|TM|TL|TUQ|Q)\.\s.+|[^\W\d_]+(?:\s+[^\W\d_]+){1,6})$"
)


def _split_columns(line: str) -> list[str]:
    """A PDF line that runs the recipients column into the signature column, split in two:
    "- Sở GD&ĐT (b/c); PHÓ TRƯỞNG PHÒNG" → ["- Sở GD&ĐT (b/c);", "PHÓ TRƯỞNG PHÒNG"].
    Only a signing authority or an upper-case position is split off, never a name."""
    match = _COLUMNS.match(line)
    if match is None or not (_is_authority(match["right"]) or match["right"].isupper()):
        return [line]
    if not (match["left"].startswith(("-", "+", "•", "–")) or _RECIPIENTS.match(match["left"])):
        return [line]
    return [match["left"], match["right"]]


def _is_authority(line: str) -> bool:
    """A signing authority line in upper case: "KT. TRƯỞNG PHÒNG", "TM. ỦY BAN NHÂN DÂN"."""
    return _AUTHORITY.match(line) is not None and line.isupper()


def _is_upper_line(line: str) -> bool:
    return line.isupper() and not _marker_shape(line)


def _is_name(line: str) -> bool:
    """A person's name: two to seven capitalised words of letters."""
    words = line.split()
    return 2 <= len(words) <= 7 and all(w[:1].isupper() and w.isalpha() for w in words)


def _plan_year(title: str | None, issued_on: datetime.date | None) -> int | None:
    """The year the title names ("… năm 2022"), else the year of issue."""
    years = re.findall(r"(?i:năm)\s+(\d{4})\b", title or "")
    if years:
        return int(years[-1])
    return issued_on.year if issued_on else None


# --- Body: paragraphs and sections ----------------------------------------

_ROMAN = re.compile(r"^(?P<marker>(?P<value>[IVXL]{1,6})\.)\s+(?P<rest>\S.*)$")
_ARABIC = re.compile(r"^(?P<marker>(?P<value>\d{1,2}(?:\.\d{1,2}){0,3})\.?)\s+(?P<rest>\S.*)$")
_LETTER = re.compile(r"^(?P<marker>(?P<value>[a-zđ])\))\s+(?P<rest>\S.*)$")
_ITEM = re.compile(r"^(?P<marker>[-+–•])\s*(?P<rest>\S.*)$")
_ROMAN_VALID = re.compile(r"^(?:XL|L?X{0,3})(?:IX|IV|V?I{0,3})$")
_LETTERS = "abcdđefghijklmnopqrstuvwxyz"
_SENTENCE_END = re.compile(r"(?:[.!?…]|\./\.)[\"”’)\]]*$")
_DANGLING = frozenset(
    [
        "và",
        "của",
        "về",
        "với",
        "các",
        "những",
        "cho",
        "trong",
        "tại",
        "theo",
        "đến",
        "từ",
        "để",
        "là",
        "hoặc",
        "cùng",
        "trên",
        "giữa",
        "đối",
    ]
)
_LETTER_RANK = 10
_HEADING_LINES = 12  # a heading wraps over at most this many lines
_FIELD_LABEL = re.compile(
    r"^(?i:thời gian(?: thực hiện)?|thời hạn|đơn vị (?:thực hiện|chủ trì|phối hợp)|chủ trì"
    r"(?: thực hiện)?|phối hợp(?: thực hiện)?|kinh phí|sản phẩm)\s*:"
)


@dataclasses.dataclass
class _Heading:
    kind: str  # "roman" | "arabic" | "letter"
    marker: str
    value: tuple[int, ...]
    rest: str

    @property
    def rank(self) -> int:
        if self.kind == "roman":
            return 0
        return len(self.value) if self.kind == "arabic" else _LETTER_RANK


@dataclasses.dataclass
class _Node:
    heading: _Heading | None
    text: str | None = None
    # each paragraph as its lines, every line after the first prefixed with its separator
    paragraphs: list[list[str]] = dataclasses.field(default_factory=list)
    children: list[_Node] = dataclasses.field(default_factory=list)
    heading_lines: int = 1
    last_numbers: dict[str, int] = dataclasses.field(default_factory=dict)  # of children, by kind

    def freeze(self) -> Section:
        marker = self.heading.marker if self.heading else None
        return Section(
            heading=self.text,
            marker=marker,
            paragraphs=tuple("".join(parts) for parts in self.paragraphs),
            children=tuple(child.freeze() for child in self.children),
        )


def _separator(before: str) -> str:
    """What joins a line to the one before: nothing after a symbol cut at "-" or "/"
    ("72/2015/NĐ-" + "CP"), else one space ("kinh tế -" + "xã hội")."""
    if before.endswith(("-", "/")) and len(before) > 1 and not before[-2].isspace():
        return ""
    return " "


def _marker_shape(line: str) -> bool:
    """Whether the line starts like a heading or an item, whatever the numbering."""
    return any(p.match(line) for p in (_ROMAN, _ARABIC, _LETTER, _ITEM))


def _ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None


def _starts_sentence(line: str) -> bool:
    """An upper-case letter, possibly after an opening quote or bracket, or "(1)"."""
    if re.match(r"^\(\d{1,2}\)", line):
        return True
    stripped = line.lstrip("\"“‘'([")
    return stripped[:1].isupper()


def _parse_heading(line: str) -> _Heading | None:
    """A heading marker at the start of `line` (number not yet checked)."""
    match = _ROMAN.match(line)
    if match and _ROMAN_VALID.match(match["value"]):
        return _Heading("roman", match["marker"], (_roman(match["value"]),), match["rest"])
    match = _ARABIC.match(line)
    if match and (match["marker"].endswith(".") or "." in match["value"]):
        value = tuple(int(part) for part in match["value"].split("."))
        return _Heading("arabic", match["marker"], value, match["rest"])
    match = _LETTER.match(line)
    if match:
        return _Heading(
            "letter", match["marker"], (_LETTERS.find(match["value"]) + 1,), match["rest"]
        )
    return None


def _roman(numeral: str) -> int:
    values = {"I": 1, "V": 5, "X": 10, "L": 50}
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = values[char]
        total += -value if following and values[following] > value else value
    return total


class _Outline:
    """Builds the section tree from body lines, rejoining them into paragraphs."""

    def __init__(self, report: _Report) -> None:
        self.report = report
        self.root = _Node(None)
        self.stack: list[_Node] = [self.root]
        self.preamble = _Node(None)
        self.current: _Node = self.preamble
        self.last_kind = ""  # "heading" | "paragraph" | ""

    def build(self, lines: Sequence[str]) -> tuple[Section, ...]:
        for line in lines:
            self._add(line)
        closing = self._closing()
        nodes = ([self.preamble] if self.preamble.paragraphs else []) + self.root.children
        return tuple(node.freeze() for node in [*nodes, *closing])

    def _add(self, line: str) -> None:
        heading = _parse_heading(line)
        if heading and heading.rest[:1].isupper():
            if self._fits(heading):
                self._open(heading, line)
                return
            self.report.warnings.append(f"heading number out of sequence, kept as text: {line!r}")
        item = _ITEM.match(line)
        if item and self._starts_item(item["rest"]):
            self._paragraph(f"{item['marker']} {item['rest']}")
        elif _FIELD_LABEL.match(line):
            self._paragraph(line)
        elif self.last_kind == "heading":
            self._continue_heading(line)
        elif self.last_kind == "paragraph" and not (
            _ends_sentence(self.current.paragraphs[-1][-1]) and _starts_sentence(line)
        ):
            lines = self.current.paragraphs[-1]
            lines.append(_separator(lines[-1]) + line)
        else:
            self._paragraph(line)

    def _starts_item(self, rest: str) -> bool:
        if not rest[:1].islower() or self.last_kind != "paragraph":
            return True
        return self.current.paragraphs[-1][-1].endswith((".", ";", ":", "!", "?"))

    def _paragraph(self, text: str) -> None:
        self.current.paragraphs.append([text])
        self.last_kind = "paragraph"

    def _continue_heading(self, line: str) -> None:
        """Join `line` to the open heading if it continues it (at most _HEADING_LINES lines)."""
        node = self.current
        text = node.text or ""
        last_word = text.rsplit(None, 1)[-1].lower() if text.strip() else ""
        continues = node.heading_lines < _HEADING_LINES and (
            not _starts_sentence(line)
            or text.endswith((",", "-", "–"))
            or last_word in _DANGLING
            or (text.isupper() and line.isupper())
        )
        if continues:
            node.text = text + _separator(text) + line
            node.heading_lines += 1
        else:
            self._paragraph(line)

    def _parent_for(self, heading: _Heading) -> _Node:
        """The node a heading would be attached to (without changing the stack)."""
        depth = len(self.stack)
        while depth > 1 and self._rank(self.stack[depth - 1]) >= heading.rank:
            depth -= 1
        return self.stack[depth - 1]

    @staticmethod
    def _rank(node: _Node) -> int:
        return node.heading.rank if node.heading else -1

    def _fits(self, heading: _Heading) -> bool:
        """Whether the heading's number follows the numbering in force."""
        parent = self._parent_for(heading)
        if heading.kind == "arabic" and len(heading.value) > 1:
            parent_heading = parent.heading
            if parent_heading is None or parent_heading.kind != "arabic":
                return False
            if parent_heading.value != heading.value[:-1]:
                return False
        previous = parent.last_numbers.get(heading.kind, 0)
        skip = 2 if heading.kind == "letter" else 1
        return heading.value[-1] == 1 or previous <= heading.value[-1] <= previous + skip

    def _open(self, heading: _Heading, line: str) -> None:
        parent = self._parent_for(heading)
        while self.stack[-1] is not parent:
            self.stack.pop()
        node = _Node(heading, text=line)
        parent.children.append(node)
        parent.last_numbers[heading.kind] = heading.value[-1]
        self.stack.append(node)
        self.current = node
        self.last_kind = "heading"

    def _closing(self) -> list[_Node]:
        """The closing paragraph ("… ./.") taken out of the last section into its own."""
        last = self.current
        if last is self.preamble or not last.paragraphs:
            return []
        paragraph = last.paragraphs[-1]
        if not paragraph[-1].endswith("./.") or _ITEM.match(paragraph[0]):
            return []
        last.paragraphs.pop()
        return [_Node(None, paragraphs=[paragraph])]


# --- Citations ------------------------------------------------------------


def _body_text(sections: Sequence[Section]) -> list[str]:
    """Headings and paragraphs of the body, in order."""
    out: list[str] = []
    for top in sections:
        for section in top.walk():
            if section.heading:
                out.append(section.heading)
            out += section.paragraphs
    return out


def _citations(sections: Sequence[Section]) -> tuple[PlanCitation, ...]:
    """Each document cited in the body, once, in order of first mention."""
    seen: set[str] = set()
    out: list[PlanCitation] = []
    for citation in parse_citations("\n".join(_body_text(sections))):
        if citation.key in seen:
            continue
        seen.add(citation.key)
        out.append(
            PlanCitation(
                text=citation.text,
                type=str(citation.type.value),
                number_symbol=citation.number_symbol,
                date=citation.date,
                issuer=citation.issuer,
            )
        )
    return tuple(out)


# --- Dates, deadlines, time frames ----------------------------------------

_DAY_MONTH = r"(?P<day>\d{1,2})\s?[/.-]\s?(?P<month>\d{1,2})(?:\s?[/.-]\s?(?P<year>\d{4}))?"
_DEADLINE = re.compile(
    r"(?i:trước|chậm nhất(?:\s+là)?|hạn chót|hạn nộp|không muộn hơn)\s+(?:(?i:ngày)\s+)?"
    + _DAY_MONTH
    + r"(?!\d)"
)
_RECURRENCE_PHRASES = (
    (r"(?:hằng|hàng|mỗi)\s+tuần", Recurrence.WEEKLY),
    (r"(?:hằng|hàng|mỗi)\s+tháng", Recurrence.MONTHLY),
    (r"(?:hằng|hàng|mỗi)\s+quý|theo\s+quý", Recurrence.QUARTERLY),
    (r"(?:6|sáu)\s+tháng(?!\s+\d)", Recurrence.HALF_YEARLY),
    (r"(?:hằng|hàng|mỗi)\s+năm", Recurrence.YEARLY),
)
_RECURRENCE = re.compile(
    "|".join(f"(?P<r{index}>{pattern})" for index, (pattern, _) in enumerate(_RECURRENCE_PHRASES))
)  # matched against `_lowered` text
_RECURRENCE_DATE = re.compile(r"\s*\(\s*" + _DAY_MONTH + r"\s*\)")
_CLAUSE_SPLIT = re.compile(r"(?<=[.;])\s+(?=\S)")


def _date(day: int, month: int, year: int | None) -> datetime.date | None:
    if year is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _matched_date(match: re.Match[str], year: int | None) -> datetime.date | None:
    explicit = int(match["year"]) if match["year"] else year
    return _date(int(match["day"]), int(match["month"]), explicit)


def _lowered(text: str) -> str:
    """`text` lower-cased character by character, so offsets into it index `text`."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def _clauses(paragraph: str) -> list[str]:
    """A paragraph cut after each "." or ";" followed by a space, item marker removed."""
    text = re.sub(r"^[-+–•]\s+", "", paragraph)
    return [clause for clause in _CLAUSE_SPLIT.split(text) if clause]


def _recurrences(
    text: str, year: int | None
) -> list[tuple[Recurrence, datetime.date | None, int, str]]:
    """(recurrence, date in brackets after it, position, phrase) for each kind of recurrence
    named, in order: "6 tháng (05/5)" → ("half_yearly", 5 May of `year`, …, "6 tháng (05/5)").
    A kind named twice counts once (its first mention with a date, else its first)."""
    found: dict[Recurrence, tuple[Recurrence, datetime.date | None, int, str]] = {}
    for match in _RECURRENCE.finditer(_lowered(text)):
        index = next(int(name[1:]) for name, value in match.groupdict().items() if value)
        kind = _RECURRENCE_PHRASES[index][1]
        bracket = _RECURRENCE_DATE.match(text, match.end())
        when = _matched_date(bracket, year) if bracket else None
        phrase = text[match.start() : bracket.end() if bracket else match.end()]
        if kind not in found or (when and not found[kind][1]):
            found[kind] = (kind, when, match.start(), phrase)
    return sorted(found.values(), key=lambda entry: entry[2])


def _deadlines(sections: Sequence[Section], year: int | None) -> list[Deadline]:
    """Every deadline in the body: "trước ngày 10/03/2022", and report dates in brackets
    after a recurrence ("6 tháng (05/5)"), with the clause that states it."""
    out: list[Deadline] = []
    for paragraph in _body_text(sections):
        for clause in _clauses(paragraph):
            found = [(m.start(), _matched_date(m, year)) for m in _DEADLINE.finditer(clause)]
            found += [(at, due) for _, due, at, _ in _recurrences(clause, year) if due]
            out += [Deadline(due, clause) for _, due in sorted(found, key=lambda pair: pair[0])]
    return out


_TIME_LINE = re.compile(r"^(?i:thời gian(?: thực hiện)?|thời hạn)\s*:\s*(?P<rest>.+)$")
_RANGE = re.compile(
    r"(?i:từ)\s+(?:(?i:ngày)\s+)?(?P<a>\d{1,2}/\d{1,2}(?:/\d{4})?)\s+(?:(?i:đến)|-|–)\s+"
    r"(?:(?i:ngày)\s+)?(?P<b>\d{1,2}/\d{1,2}/\d{4})"
)
_MONTH = re.compile(r"(?i:tháng)\s+(?P<month>\d{1,2})\s*(?:(?i:năm)\s+|/)(?P<year>\d{4})")
_QUARTER = re.compile(r"(?i:quý)\s+(?P<quarter>IV|I{1,3}|[1-4])\s*(?:(?i:năm)\s+|/)(?P<year>\d{4})")
_YEAR = re.compile(r"(?i:năm)\s+(?P<year>\d{4})\b")
_CONTINUOUS = re.compile(r"(?i:thường xuyên|liên tục)")


@dataclasses.dataclass(frozen=True)
class _TimeFrame:
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    due: datetime.date | None = None
    recurrence: Recurrence | None = None
    text: str | None = None


def _time_frame(text: str, year: int | None) -> _TimeFrame:
    """The time frame a "Thời gian thực hiện: …" phrase states."""
    deadline = _DEADLINE.search(text)
    due = _matched_date(deadline, year) if deadline else None
    recurrences = _recurrences(text, year)
    recurrence = recurrences[0][0] if recurrences else None
    if recurrence is None and _CONTINUOUS.search(text):
        recurrence = Recurrence.CONTINUOUS
    starts_on, ends_on = _period(text, year)
    return _TimeFrame(starts_on, ends_on, due, recurrence, text.rstrip(" ."))


def _period(text: str, year: int | None) -> tuple[datetime.date | None, datetime.date | None]:
    """A date range, a month, a quarter or a year named in `text`."""
    if match := _RANGE.search(text):
        end = _slash_date(match["b"], year)
        return _slash_date(match["a"], end.year if end else year), end
    if match := _MONTH.search(text):
        return _month_range(int(match["year"]), int(match["month"]), int(match["month"]))
    if match := _QUARTER.search(text):
        quarter = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(match["quarter"]) or int(
            match["quarter"]
        )
        return _month_range(int(match["year"]), 3 * quarter - 2, 3 * quarter)
    if match := _YEAR.search(text):
        return _month_range(int(match["year"]), 1, 12)
    return None, None


def _slash_date(text: str, year: int | None) -> datetime.date | None:
    parts = [int(part) for part in text.split("/")]
    return _date(parts[0], parts[1], parts[2] if len(parts) == 3 else year)


def _month_range(
    year: int, first: int, last: int
) -> tuple[datetime.date | None, datetime.date | None]:
    if not (1 <= first <= last <= 12):
        return None, None
    following = datetime.date(year + last // 12, last % 12 + 1, 1)
    return datetime.date(year, first, 1), following - datetime.timedelta(days=1)


# --- Tasks ----------------------------------------------------------------

_UNIT_LINE = re.compile(
    r"^(?P<label>(?i:đơn vị thực hiện|đơn vị chủ trì|chủ trì(?: thực hiện)?|đơn vị phối hợp|phối hợp(?: thực hiện)?))"
    r"\s*:\s*(?P<units>.+)$"
)
_ACTOR_LABEL = re.compile(
    r"^(?P<unit>(?:Bộ phận|Tổ|Ban|Phòng|Các|Trường|Trung tâm|Văn phòng|Cán bộ|Hiệu trưởng)[^:;,()]{0,50}):\s*(?P<rest>.+)$"
)
_ENUMERATED = re.compile(r"(?:^|(?<=[;.]\s))\(\d{1,2}\)\s*")


def _tasks(sections: Sequence[Section], year: int | None) -> list[PlannedTask]:
    """Key tasks: each leaf section under a "… NHIỆM VỤ …" heading, then each paragraph of
    each actor under "TỔ CHỨC THỰC HIỆN" (the actor is the unit)."""
    out: list[PlannedTask] = []
    for top in sections:
        folded = fold(top.heading or "")
        if "to chuc thuc hien" in folded:
            out += _organisation_tasks(top, year)
        elif "nhiem vu" in folded:
            out += [
                _heading_task(leaf, year)
                for leaf in top.walk()
                if leaf is not top and not leaf.children
            ]
    return out


def _heading_task(section: Section, year: int | None) -> PlannedTask:
    """A task named by its heading; time frame and units from its "Thời gian …:",
    "Đơn vị thực hiện:", "Chủ trì:", "Phối hợp:" lines, deadline from "trước ngày …"."""
    frame = _TimeFrame()
    units: list[str] = []
    partners: list[str] = []
    for paragraph in section.paragraphs:
        if (time_line := _TIME_LINE.match(paragraph)) and frame.text is None:
            frame = _time_frame(time_line["rest"], year)
        elif unit_line := _UNIT_LINE.match(paragraph):
            target = partners if "phoi hop" in fold(unit_line["label"]) else units
            target += _split_units(unit_line["units"])
    if frame.due is None and (deadline := _DEADLINE.search(section.text)):
        frame = dataclasses.replace(frame, due=_matched_date(deadline, year))
    return PlannedTask(
        title=_title(section.title or ""),
        starts_on=frame.starts_on,
        ends_on=frame.ends_on,
        due=frame.due,
        recurrence=frame.recurrence,
        units=tuple(units),
        partners=tuple(partners),
        time_text=frame.text,
        section=section.heading,
    )


def _organisation_tasks(section: Section, year: int | None) -> list[PlannedTask]:
    """One task per duty of each actor: "- Bộ phận CTTT: (1) …; (2) …" gives two tasks of
    "Bộ phận CTTT"; "hàng quý, 6 tháng (05/5), hàng năm (05/11)" gives one task per recurrence."""
    out: list[PlannedTask] = []
    actors = section.children or (section,)
    for actor in actors:
        default_units = (actor.title,) if actor is not section and actor.title else ()
        for paragraph in actor.paragraphs:
            text = re.sub(r"^[-+–•]\s+", "", paragraph)
            units = default_units
            if label := _ACTOR_LABEL.match(text):
                units, text = (label["unit"].strip(),), label["rest"]
            for duty in _duties(text):
                out += _duty_tasks(duty, units, actor.heading, year)
    return out


def _duties(text: str) -> list[str]:
    """`text` split at its enumerators "(1) …; (2) …", or whole."""
    parts = [part.strip().rstrip(";").strip() for part in _ENUMERATED.split(text)]
    return [part for part in parts if part] or [text.strip()]


def _duty_tasks(
    duty: str, units: tuple[str, ...], section: str | None, year: int | None
) -> list[PlannedTask]:
    deadline = _DEADLINE.search(duty)
    due = _matched_date(deadline, year) if deadline else None
    base = PlannedTask(
        title=_title(duty),
        due=due,
        units=units,
        time_text=deadline.group() if deadline else None,
        section=section,
    )
    recurrences = _recurrences(duty, year)
    if not recurrences:
        return [base]
    return [
        dataclasses.replace(base, recurrence=kind, due=when or due, time_text=phrase)
        for kind, when, _, phrase in recurrences
    ]


def _split_units(text: str) -> list[str]:
    return [unit.strip(" .") for unit in re.split(r"[;,]", text) if unit.strip(" .")]


def _title(text: str) -> str:
    """A task title: the text without a final "." or ";" (an ellipsis is kept)."""
    text = text.strip().removesuffix("./.").rstrip(";").rstrip()
    if text.endswith(".") and not text.endswith("..."):
        text = text[:-1]
    return text
