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
    normalise_number_symbol,
    normalise_text,
    number_symbol_key,
)
from ttdn.documents.citations.types import TYPE_BY_ABBREVIATION, TYPE_NAMES, DocumentType


@dataclasses.dataclass(frozen=True)
class Citation:
    """One reference to a numbered document, as the text states it.

    `text` is the matched text with whitespace runs collapsed to one space;
    `start`/`end` index `normalise_text(source)`. `date` is None when the text
    gives no date or an impossible one. `implemented_by` is the index, in the
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

    @property
    def key(self) -> str:
        """The folded lookup key of the number and symbol (see `number_symbol_key`)."""
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
_NUMBER = re.compile(rf"{_GAP}(?:(?i:số)\s{{0,3}}:?\s{{0,20}})?(?P<number>{_NUMBER_SYMBOL})")
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
    starts = [name.start() for name, _ in found] + [len(normalised)]
    citations = [
        _citation(normalised, name, number, limit)
        for (name, number), limit in zip(found, starts[1:], strict=True)
    ]
    return _link_implementations(citations, normalised)


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


def _find_citations(text: str) -> list[tuple[re.Match[str], re.Match[str]]]:
    """(type name, number and symbol) matches of every citation in `text`."""
    found: list[tuple[re.Match[str], re.Match[str]]] = []
    for name in _TYPE_NAME.finditer(_lower(text)):
        number = _number_after(text, name)
        if number is not None and (not found or name.start() >= found[-1][1].end()):
            found.append((name, number))
    return found


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


def _citation(text: str, name: re.Match[str], number: re.Match[str], limit: int) -> Citation:
    number_symbol = normalise_number_symbol(number["number"])
    date, end = _read_date(text, number.end())
    issuer, end = read_issuer(text, end, limit)
    if date is None and issuer is not None:
        date, end = _read_date(text, end)  # "… của Chính phủ ngày 07/9/2015"
    return Citation(
        text=_SPACES.sub(" ", text[name.start() : end]),
        type=_type(text[name.start() : name.end()], number_symbol),
        number_symbol=number_symbol,
        date=date,
        issuer=issuer,
        start=name.start(),
        end=end,
    )


def _type(name: str, number_symbol: str) -> DocumentType:
    """The type a name states; a generic "Văn bản" is typed by the first code of
    its symbol (Nghị định 30/2020 Phụ lục III), else it is a công văn."""
    kind = _type_named(name)
    if kind != DocumentType.OFFICIAL_LETTER or fold(name) != "van ban":
        return kind
    codes = [part for part in re.split(r"[/-]", fold(number_symbol)) if not part.isdigit()]
    return TYPE_BY_ABBREVIATION.get(codes[0], DocumentType.OFFICIAL_LETTER)


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
