"""Finding citations in text: `parse_citations` and `implementation_pairs`."""

import dataclasses
import datetime
import itertools
import re
from collections.abc import Sequence

from ttdn.core.text import fold
from ttdn.documents.citations.issuers import read_issuer
from ttdn.documents.citations.symbols import (
    DASHES,
    has_year,
    normalise_number_symbol,
    normalise_text,
    number_symbol_key,
)
from ttdn.documents.citations.types import (
    NORMATIVE_TYPES,
    TYPE_BY_ABBREVIATION,
    TYPE_NAMES,
    DocumentType,
)


@dataclasses.dataclass(frozen=True)
class Citation:
    """One reference to a numbered document, as the text states it.

    `text` is the matched text with whitespace runs collapsed to one space;
    `start`/`end` index `normalise_text(source)`. `date` is None when the text
    gives no date or an impossible one. A law cited by its name and year ("Luật Báo
    chí năm 2016") has an empty `number_symbol`, its name in `title` and its `year`;
    "Nghị định 72/2015" has the `number_symbol` "72/2015" (no codes). `implemented_by` is the index, in the
    list `parse_citations` returned, of the citation the text says implements
    this one ("Quyết định số 42/2018/QĐ-UBND … về triển khai Quyết định số
    1191/QĐ-TTg …" sets it on 1191/QĐ-TTg to the index of 42/2018/QĐ-UBND).
    """

    text: str
    type: DocumentType
    number_symbol: str
    date: datetime.date | None
    issuer: str | None
    start: int
    end: int
    implemented_by: int | None = None
    title: str | None = None
    year: int | None = None

    @property
    def key(self) -> str:
        """The folded lookup key of the number and symbol (see `number_symbol_key`); for a
        law cited by its name and year, "luat bao chi/2016"."""
        if not self.number_symbol:
            return f"{fold(self.title or '')}/{self.year}"
        return number_symbol_key(self.number_symbol)


_GAP = r"\s{1,20}"  # between words: a space, or PDF line breaks and blank lines
_SEPARATOR = rf"(?:[^\S\n]{{1,2}}[/{DASHES}]|[/{DASHES}]\s{{0,4}})"  # stray space on one side
# A code of a symbol: upper case with at most one run of one or two lower-case
# letters ("TTg", "CTr", "Ctr", "QĐi"), so "-Trung" after a symbol is not a code.
_CODE = r"[A-ZĐ][A-ZĐ0-9&]*(?:[a-zđ]{1,2}[A-ZĐ0-9&]*)?(?![^\W\d_])"
_NUMBER_SYMBOL = rf"\d{{1,6}}(?:{_SEPARATOR}\d{{4}}(?!\d))?(?:{_SEPARATOR}{_CODE}){{1,5}}"


def _name_pattern(name: str) -> str:
    return _GAP.join(re.escape(word) for word in name.split())


_ALL_NAMES = sorted((name for names in TYPE_NAMES.values() for name in names), key=len)
_TYPE_BY_NAME = {name.lower(): kind for kind, names in TYPE_NAMES.items() for name in names}
# Type names are found in a lower-cased copy of the text: a case-sensitive
# alternation of literals lets the regex engine skip ahead, which ignoring case
# does not (0.07 s instead of 0.3 s per MB of Vietnamese prose).
_TYPE_NAME = re.compile(
    rf"(?<!\w)(?:{'|'.join(_name_pattern(name.lower()) for name in reversed(_ALL_NAMES))})"
)
_NUMBER = re.compile(
    rf"{_GAP}(?:(?i:số)\s{{0,3}}:?\s{{0,20}})?(?P<number>{_NUMBER_SYMBOL}|\d{{1,6}}/\d{{4}}(?![\d/\w]))"
)
# "NĐ 72/2015/NĐ-CP", "QĐ số 522/QĐ-TTg": a type abbreviated, found in the text as written.
_ABBREVIATED = re.compile(
    r"(?<![\w/\-])(?:NĐ|QĐ|TTLT|TT|CT|NQ)(?=\s{1,3}(?:số\s{0,3}:?\s{0,3})?\d)"
)
_ABBREVIATION_TYPES = {
    "nd": DocumentType.DECREE,
    "qd": DocumentType.DECISION,
    "ttlt": DocumentType.JOINT_CIRCULAR,
    "tt": DocumentType.CIRCULAR,
    "ct": DocumentType.DIRECTIVE,
    "nq": DocumentType.RESOLUTION,
}
# A symbol standing alone: "72/2015/NĐ-CP ngày 07/8/2015" (with its year, or a date after it).
_BARE = re.compile(rf"(?<![\w/.\-])(?P<number>{_NUMBER_SYMBOL})")
_OWN_NUMBER = re.compile(r"(?i:số)\s{0,3}:?\s{0,3}$")
# "Luật Báo chí năm 2016", "Bộ luật Lao động 2019": a law by its name and year.
_NAMED_LAW = re.compile(
    r"(?<!\w)(?P<name>(?:Bộ luật|Luật|Pháp lệnh)\s(?P<title>[A-ZĐ][^\d,;.()\n]{1,80}?))"
    r"\s+(?:(?i:năm)\s+)?(?P<year>(?:19|20)\d{2})(?![\d/])"
)
# Laws are cited with their title between the type and "số".
_TITLED_TYPES = frozenset({DocumentType.LAW, DocumentType.LEGAL_CODE, DocumentType.ORDINANCE})
_TITLED_NUMBER = re.compile(
    rf"(?:{_GAP}[^\W\d_][\w-]*){{1,10}}?{_GAP}(?i:số)\s{{0,3}}:?\s{{0,20}}(?P<number>{_NUMBER_SYMBOL})"
)
_DATE = re.compile(
    r"\s{0,20},?\s{0,20}(?i:ngày)\s{1,20}(?:"
    r"(?P<day>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<month>\d{1,2})\s?(?P=sep)\s?(?P<year>\d{4})"
    r"|(?P<day_w>\d{1,2})\s{1,20}(?i:tháng)\s{1,20}(?P<month_w>\d{1,2})\s{0,3},?\s{1,20}"
    r"(?i:năm)\s{1,20}(?P<year_w>\d{4})"
    r")(?!\d)"
)
_IMPLEMENTS = re.compile(
    r"(?:(?:ve|de|nham|viec|v/v) )*(?:to chuc )?"
    r"(?:trien khai|thuc hien|huong dan (?:thuc hien|trien khai)|cu the hoa)"
    r"(?: (?:thuc hien|trien khai))?"
)
_MAX_IMPLEMENTS_GAP = 200
_SPACES = re.compile(r"\s+")


def parse_citations(text: str) -> list[Citation]:
    """Every citation of a numbered document in `text`, in order of appearance.

    Never raises; returns [] for text without citations. Offsets refer to
    `normalise_text(text)`; `implemented_by` is filled in from
    `implementation_pairs`.
    """
    normalised = normalise_text(text)
    found = _find_citations(normalised)
    starts = [item.start for item in found] + [len(normalised)]
    citations = [
        _citation(normalised, item, limit) for item, limit in zip(found, starts[1:], strict=True)
    ]
    return _link_implementations(citations, normalised)


_OWN_DATE = re.compile(
    r",\s{0,3}(?i:ngày)\s{1,3}(?P<day>\d{1,2})\s{1,3}(?i:tháng)\s{1,3}(?P<month>\d{1,2})\s{1,3}"
    r"(?i:năm)\s{1,3}(?P<year>\d{4})"
)
_OWN_DATE_REACH = 1500  # the header is at the top


def document_date(text: str) -> datetime.date | None:
    """The date of the document itself: its header's "…, ngày 21 tháng 8 năm 2023" (in its
    first lines), or None."""
    match = _OWN_DATE.search(normalise_text(text[:_OWN_DATE_REACH]))
    if match is None:
        return None
    try:
        return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return None


def implementation_pairs(
    citations: Sequence[Citation], text: str
) -> list[tuple[Citation, Citation]]:
    """(implementing, implemented) pairs of consecutive citations in `text`.

    A pair is reported when only words like "về triển khai", "thực hiện" or
    "để hướng dẫn thực hiện" stand between the end of one citation (its issuer
    included) and the start of the next. `citations` must come from
    `parse_citations(text)`. A pair whose implementing document is older than
    the implemented one is a chronology error.
    """
    normalised = normalise_text(text)
    return [
        (first, second)
        for first, second in itertools.pairwise(citations)
        if _says_implements(normalised[first.end : second.start])
    ]


def _says_implements(gap: str) -> bool:
    return len(gap) <= _MAX_IMPLEMENTS_GAP and _IMPLEMENTS.fullmatch(fold(gap)) is not None


# --- Building a citation --------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Found:
    """Where a citation is: from `start`; its type as named (None: read from the symbol);
    its number and symbol as written and where they end; a law's name and year."""

    start: int
    kind: DocumentType | None
    number: str
    end: int
    title: str | None = None
    year: int | None = None


def _find_citations(text: str) -> list[_Found]:
    """Every citation in `text`: after a type name, after an abbreviated type ("NĐ"), a law by
    its name and year, and a symbol standing alone; the first of overlapping ones wins."""
    found = [*_named(text), *_abbreviated(text), *_laws_by_name(text), *_bare(text)]
    found.sort(key=lambda item: (item.start, -item.end))
    out: list[_Found] = []
    for item in found:
        if not out or item.start >= out[-1].end:
            out.append(item)
    return out


def _named(text: str) -> list[_Found]:
    out: list[_Found] = []
    for name in _TYPE_NAME.finditer(_lower(text)):
        number = _number_after(text, name)
        if number is None or (out and name.start() < out[-1].end):
            continue
        symbol = normalise_number_symbol(number["number"])
        kind = _type(text[name.start() : name.end()], symbol)
        if "/" in symbol and not re.search(r"[^\d/]", symbol) and kind not in NORMATIVE_TYPES:
            continue  # "Kế hoạch 12/2023": a year-numbered short form only of legal documents
        out.append(_Found(name.start(), kind, number["number"], number.end()))
    return out


def _abbreviated(text: str) -> list[_Found]:
    out: list[_Found] = []
    for name in _ABBREVIATED.finditer(text):
        number = _NUMBER.match(text, name.end())
        if number is not None:
            kind = _ABBREVIATION_TYPES[fold(name.group())]
            out.append(_Found(name.start(), kind, number["number"], number.end()))
    return out


def _laws_by_name(text: str) -> list[_Found]:
    return [
        _Found(
            match.start(),
            _type_named(match["name"][: len(match["name"]) - len(match["title"])].strip()),
            "",
            match.end(),
            title=_SPACES.sub(" ", match["name"]).strip(),
            year=int(match["year"]),
        )
        for match in _NAMED_LAW.finditer(text)
    ]


def _bare(text: str) -> list[_Found]:
    out: list[_Found] = []
    for match in _BARE.finditer(text):
        symbol = normalise_number_symbol(match["number"])
        codes = [part for part in re.split(r"[/-]", fold(symbol)) if not part.isdigit()]
        if not codes or codes[0] not in TYPE_BY_ABBREVIATION:
            continue
        if _OWN_NUMBER.search(text, max(0, match.start() - 8), match.start()):
            continue  # "Số: 242/KH-PGDĐT" is the document's own number
        if has_year(symbol) or _DATE.match(text, match.end()):
            out.append(_Found(match.start(), None, match["number"], match.end()))
    return out


def _number_after(text: str, name: re.Match[str]) -> re.Match[str] | None:
    """The number and symbol after a type name; after a law's title too
    ("Luật Giáo dục số 43/2019/QH14")."""
    number = _NUMBER.match(text, name.end())
    if number is None and _type_named(name.group()) in _TITLED_TYPES:
        number = _TITLED_NUMBER.match(text, name.end())
    return number


def _lower(text: str) -> str:
    """`text` lower-cased character by character, so that offsets are kept."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def _citation(text: str, found: _Found, limit: int) -> Citation:
    number_symbol = normalise_number_symbol(found.number) if found.number else ""
    date, end = _read_date(text, found.end)
    issuer, end = read_issuer(text, end, limit)
    if date is None and issuer is not None:
        date, end = _read_date(text, end)  # "… của Chính phủ ngày 07/9/2015"
    return Citation(
        text=_SPACES.sub(" ", text[found.start : end]),
        type=found.kind or _type_of_symbol(number_symbol),
        number_symbol=number_symbol,
        date=date,
        issuer=issuer,
        start=found.start,
        end=end,
        title=found.title,
        year=found.year,
    )


def _type_of_symbol(number_symbol: str) -> DocumentType:
    codes = [part for part in re.split(r"[/-]", fold(number_symbol)) if not part.isdigit()]
    return TYPE_BY_ABBREVIATION.get(codes[0] if codes else "", DocumentType.OFFICIAL_LETTER)


def _type(name: str, number_symbol: str) -> DocumentType:
    """The type a name states; a generic "Văn bản" is typed by the first code of
    its symbol (Nghị định 30/2020 Phụ lục III), else it is a công văn."""
    kind = _type_named(name)
    if kind != DocumentType.OFFICIAL_LETTER or fold(name) != "van ban":
        return kind
    return _type_of_symbol(number_symbol)


def _type_named(name: str) -> DocumentType:
    return _TYPE_BY_NAME[_SPACES.sub(" ", name.lower())]


def _read_date(text: str, position: int) -> tuple[datetime.date | None, int]:
    """The date stated at `position` ("ngày 07/8/2015") and where it ends."""
    match = _DATE.match(text, position)
    if match is None:
        return None, position
    day, month, year = (match["day"], match["month"], match["year"])
    if day is None:
        day, month, year = (match["day_w"], match["month_w"], match["year_w"])
    try:
        return datetime.date(int(year), int(month), int(day)), match.end()
    except ValueError:
        return None, match.end()  # an impossible date is part of the text, not a date


def _link_implementations(citations: list[Citation], text: str) -> list[Citation]:
    """`citations` with `implemented_by` set from `implementation_pairs`."""
    index_at = {citation.start: index for index, citation in enumerate(citations)}
    pairs = implementation_pairs(citations, text)
    implementer_at = {second.start: index_at[first.start] for first, second in pairs}
    return [
        dataclasses.replace(citation, implemented_by=implementer_at.get(citation.start))
        for citation in citations
    ]
