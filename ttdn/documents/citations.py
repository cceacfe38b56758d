"""Find references to legal and administrative documents in Vietnamese text.

`parse_citations` returns every citation of a numbered document ("Nghị định số
72/2015/NĐ-CP ngày 07/8/2015 của Chính phủ", "Chỉ thị 05-CT/TW", "Nghị quyết số
45- NQ/TW") in order of appearance, with its type, canonical number and symbol,
date and issuer. It is pure Python: the checker that compares citations with
the legal library builds on it.

Contracts shared by every function here:

- Input may be NFC or NFD and may come from PDF extraction (hard line breaks,
  blank lines and stray spaces anywhere a space can be). The text is first
  normalised by `normalise_text` (NFC, and the look-alike "Ð"/"ð" mapped to
  "Đ"/"đ"); `Citation.start`/`end` are offsets into that normalised text, which
  equals `ttdn.core.text.nfc(text)` character for character.
- A reference without a number and symbol ("Luật Giáo dục", "Nghị quyết Đại
  hội XIII", "Chương trình hành động của Chính phủ") is not a citation: nothing
  could check it against the library, and it would mostly be noise. A bare
  "Số: 242/KH-PGDĐT" header is the document's own number, not a citation.
- Every pattern is built from bounded or non-overlapping repetitions, so the
  running time is linear in the length of the text.
"""

import dataclasses
import datetime
import enum
import itertools
import re
from collections.abc import Iterator, Sequence

from ttdn.core.text import fold, nfc


class DocumentType(enum.StrEnum):
    """Types of legal normative documents, of Nghị định 30/2020 administrative
    documents (Art. 7) and of the Party documents the plans cite."""

    CONSTITUTION = "constitution"
    LEGAL_CODE = "legal_code"
    LAW = "law"
    ORDINANCE = "ordinance"
    ORDER = "order"
    RESOLUTION = "resolution"
    JOINT_RESOLUTION = "joint_resolution"
    DECREE = "decree"
    DECISION = "decision"
    CIRCULAR = "circular"
    JOINT_CIRCULAR = "joint_circular"
    DIRECTIVE = "directive"
    REGULATION = "regulation"
    RULE = "rule"
    COMMUNIQUE = "communique"
    NOTICE = "notice"
    GUIDANCE = "guidance"
    PROGRAMME = "programme"
    ACTION_PROGRAMME = "action_programme"
    PLAN = "plan"
    OPTION = "option"
    SCHEME = "scheme"
    PROJECT = "project"
    REPORT = "report"
    MINUTES = "minutes"
    PROPOSAL = "proposal"
    CONTRACT = "contract"
    OFFICIAL_LETTER = "official_letter"
    OFFICIAL_TELEGRAM = "official_telegram"
    MEMORANDUM = "memorandum"
    AGREEMENT = "agreement"
    AUTHORISATION = "authorisation"
    INVITATION = "invitation"
    INTRODUCTION_LETTER = "introduction_letter"
    LEAVE_PERMIT = "leave_permit"
    DISPATCH_SLIP = "dispatch_slip"
    TRANSFER_SLIP = "transfer_slip"
    NOTIFICATION_SLIP = "notification_slip"
    PUBLIC_LETTER = "public_letter"
    CONCLUSION = "conclusion"
    INSTRUCTION = "instruction"
    CONSOLIDATED_TEXT = "consolidated_text"

    @property
    def vietnamese_name(self) -> str:
        """The type's name as printed on a document: "Nghị định", "Kế hoạch"."""
        return TYPE_NAMES[self][0]


# The first name of each type is its official name; the others are spellings
# that occur in practice (old tone placement "thoả", "uỷ").
TYPE_NAMES: dict[DocumentType, tuple[str, ...]] = {
    DocumentType.CONSTITUTION: ("Hiến pháp",),
    DocumentType.LEGAL_CODE: ("Bộ luật",),
    DocumentType.LAW: ("Luật",),
    DocumentType.ORDINANCE: ("Pháp lệnh",),
    DocumentType.ORDER: ("Lệnh",),
    DocumentType.RESOLUTION: ("Nghị quyết",),
    DocumentType.JOINT_RESOLUTION: ("Nghị quyết liên tịch",),
    DocumentType.DECREE: ("Nghị định",),
    DocumentType.DECISION: ("Quyết định",),
    DocumentType.CIRCULAR: ("Thông tư",),
    DocumentType.JOINT_CIRCULAR: ("Thông tư liên tịch",),
    DocumentType.DIRECTIVE: ("Chỉ thị",),
    DocumentType.REGULATION: ("Quy chế",),
    DocumentType.RULE: ("Quy định",),
    DocumentType.COMMUNIQUE: ("Thông cáo",),
    DocumentType.NOTICE: ("Thông báo", "Thông báo kết luận"),
    DocumentType.GUIDANCE: ("Hướng dẫn",),
    DocumentType.PROGRAMME: ("Chương trình",),
    DocumentType.ACTION_PROGRAMME: ("Chương trình hành động",),
    DocumentType.PLAN: ("Kế hoạch",),
    DocumentType.OPTION: ("Phương án",),
    DocumentType.SCHEME: ("Đề án",),
    DocumentType.PROJECT: ("Dự án",),
    DocumentType.REPORT: ("Báo cáo",),
    DocumentType.MINUTES: ("Biên bản",),
    DocumentType.PROPOSAL: ("Tờ trình",),
    DocumentType.CONTRACT: ("Hợp đồng",),
    DocumentType.OFFICIAL_LETTER: ("Công văn", "Văn bản"),
    DocumentType.OFFICIAL_TELEGRAM: ("Công điện",),
    DocumentType.MEMORANDUM: ("Bản ghi nhớ",),
    DocumentType.AGREEMENT: ("Bản thỏa thuận", "Bản thoả thuận"),
    DocumentType.AUTHORISATION: ("Giấy ủy quyền", "Giấy uỷ quyền"),
    DocumentType.INVITATION: ("Giấy mời",),
    DocumentType.INTRODUCTION_LETTER: ("Giấy giới thiệu",),
    DocumentType.LEAVE_PERMIT: ("Giấy nghỉ phép",),
    DocumentType.DISPATCH_SLIP: ("Phiếu gửi",),
    DocumentType.TRANSFER_SLIP: ("Phiếu chuyển",),
    DocumentType.NOTIFICATION_SLIP: ("Phiếu báo",),
    DocumentType.PUBLIC_LETTER: ("Thư công",),
    DocumentType.CONCLUSION: ("Kết luận",),
    DocumentType.INSTRUCTION: ("Thông tri",),
    DocumentType.CONSOLIDATED_TEXT: ("Văn bản hợp nhất",),
}

# Type abbreviations inside symbols (Nghị định 30/2020 Phụ lục III and the
# legal normative types), folded. "Văn bản số …" is typed by its symbol.
_TYPE_BY_ABBREVIATION: dict[str, DocumentType] = {
    "l": DocumentType.ORDER,
    "nq": DocumentType.RESOLUTION,
    "nqlt": DocumentType.JOINT_RESOLUTION,
    "nd": DocumentType.DECREE,
    "qd": DocumentType.DECISION,
    "tt": DocumentType.CIRCULAR,
    "ttlt": DocumentType.JOINT_CIRCULAR,
    "ct": DocumentType.DIRECTIVE,
    "qc": DocumentType.REGULATION,
    "qyd": DocumentType.RULE,
    "qdi": DocumentType.RULE,
    "tc": DocumentType.COMMUNIQUE,
    "tb": DocumentType.NOTICE,
    "hd": DocumentType.GUIDANCE,
    "ctr": DocumentType.PROGRAMME,
    "kh": DocumentType.PLAN,
    "pa": DocumentType.OPTION,
    "da": DocumentType.PROJECT,
    "bc": DocumentType.REPORT,
    "bb": DocumentType.MINUTES,
    "ttr": DocumentType.PROPOSAL,
    "cd": DocumentType.OFFICIAL_TELEGRAM,
    "kl": DocumentType.CONCLUSION,
    "vbhn": DocumentType.CONSOLIDATED_TEXT,
}


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


# --- Patterns -------------------------------------------------------------

_GAP = r"\s{1,20}"  # between words: a space, or PDF line breaks and blank lines
_DASHES = r"\-\u2010-\u2015\u2212"  # for a character class: "-", "‐" … "―", "−"
_SEPARATOR = rf"(?:[^\S\n]{{1,2}}[/{_DASHES}]|[/{_DASHES}]\s{{0,4}})"  # stray space on one side
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
_ISSUER_LEAD = re.compile(r"\s{0,20},?\s{1,20}(?i:của)\s{1,20}")
_ISSUER_WORD = re.compile(r"\s{0,20}(?P<word>[^\s,;:.()\[\]\"“”!?]+)")
# An issuer whose official name has a comma in it.
_COMMA_ISSUER = re.compile(
    r"(?i:Bộ\s{1,20}Văn\s{1,20}h(?:óa|oá),\s{1,20}Thể\s{1,20}thao\s{1,20}và\s{1,20}Du\s{1,20}lịch)"
)
_MAX_ISSUER_WORDS = 12
# Lower-case words that end an issuer's name: the trích yếu or the sentence goes on.
_ISSUER_STOPS = frozenset(
    [
        "về",
        "việc",
        "v/v",
        "tại",
        "trên",
        "đến",
        "nhằm",
        "theo",
        "đã",
        "được",
        "với",
        "cho",
        "là",
        "có",
        "các",
        "những",
        "ngày",
        "số",
        "như",
        "để",
        "khi",
        "trong",
        "từ",
        "sau",
        "nay",
        "này",
        "gửi",
        "năm",
        "đối",
        "thì",
        "mà",
        "nên",
        "vì",
        "do",
        "qua",
    ]
)
_ISSUER_STOP_PAIRS = frozenset(
    tuple(pair.split())
    for pair in (
        "phê duyệt",
        "hướng dẫn",
        "thực hiện",
        "triển khai",
        "ban hành",
        "quy định",
        "sửa đổi",
        "bổ sung",
        "phối hợp",
        "chỉ đạo",
        "tổ chức",
        "xây dựng",
        "công tác",
        "quản lý",
        "phát động",
        "yêu cầu",
        "đề nghị",
        "kèm theo",
    )
)
_CONNECTORS = frozenset({"và", "-", "–"})
_TYPE_NAME_STARTS = frozenset(tuple(fold(name).split()) for name in _ALL_NAMES)
# Folded text between two citations that says the first implements the second.
_IMPLEMENTS = re.compile(
    r"(?:(?:ve|de|nham|viec|v/v) )*(?:to chuc )?"
    r"(?:trien khai|thuc hien|huong dan (?:thuc hien|trien khai)|cu the hoa)"
    r"(?: (?:thuc hien|trien khai))?"
)
_MAX_IMPLEMENTS_GAP = 200
_ISSUER_ABBREVIATIONS = tuple(
    (re.compile(rf"\b{pattern}\b"), expansion)
    for pattern, expansion in (
        ("ubnd", "uy ban nhan dan"),
        ("hdnd", "hoi dong nhan dan"),
        ("bgddt", "bo giao duc va dao tao"),
        ("sgddt", "so giao duc va dao tao"),
        ("pgddt", "phong giao duc va dao tao"),
        ("gd ?& ?dt|gd dt|gddt", "giao duc va dao tao"),
        ("btttt", "bo thong tin va truyen thong"),
        ("ttg", "thu tuong chinh phu"),
        ("tp", "thanh pho"),
    )
)
_SPACES = re.compile(r"\s+")
_SYMBOL_SPACES = re.compile(rf"\s*([/{_DASHES}])\s*")


# --- Public API -----------------------------------------------------------


def normalise_text(text: str) -> str:
    """NFC `text` with "Ð"/"ð" (eth) read as "Đ"/"đ": the text `Citation` offsets index.

    It has the same length as `nfc(text)` and differs from it only in those letters.
    """
    return nfc(text).replace("Ð", "Đ").replace("ð", "đ")


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


def has_year(number_symbol: str) -> bool:
    """Whether the symbol carries its year ("72/2015/NĐ-CP"); one without ("24/KH-SGDĐT") is
    numbered anew each year, so its date tells documents of the same symbol apart."""
    parts = number_symbol.split("/")
    return len(parts) >= 3 and len(parts[1]) == 4 and parts[1].isdigit()


def normalise_number_symbol(number_symbol: str) -> str:
    """The canonical number and symbol: "45- NQ/TW" → "45-NQ/TW".

    Removes spaces around "/" and "-", reads every dash as "-", the eth "Ð" as
    "Đ", and a lower-case "đ" in an otherwise upper-case code ("Qđ") as "Đ".
    Other letters keep their case and their Vietnamese form ("TTg", "Ctr").
    """
    joined = _SYMBOL_SPACES.sub(_separator, normalise_text(number_symbol).strip())
    return "".join(_fix_code(part) for part in re.split(r"([/-])", joined))


def number_symbol_key(number_symbol: str) -> str:
    """A folded lookup key: "72/2015/NĐ-CP" → "72/2015/nd-cp", "05-CT/TW" → "5-ct/tw".

    Case, tones and "đ" are folded and the leading zeros of the number dropped,
    so a citation matches the library however the symbol was typed.
    """
    return re.sub(r"^0+(?=\d)", "", fold(normalise_number_symbol(number_symbol)))


def issuer_key(issuer: str) -> str:
    """The folded issuer with common abbreviations spelled out.

    "Sở GDĐT" → "so giao duc va dao tao", "UBND tỉnh" → "uy ban nhan dan tinh".
    """
    key = fold(issuer)
    for pattern, expansion in _ISSUER_ABBREVIATIONS:
        key = pattern.sub(expansion, key)
    return key


def issuers_agree(cited: str, recorded: str) -> bool:
    """Whether a cited issuer names the recorded one, ignoring what either leaves out
    at the end: "Ủy ban nhân dân thành phố" agrees with "Ủy ban nhân dân thành phố
    Hải Phòng", "Sở GDĐT" with "Sở Giáo dục và Đào tạo Hải Phòng"; "Chính phủ"
    does not agree with "Thủ tướng Chính phủ".
    """
    cited_words, recorded_words = issuer_key(cited).split(), issuer_key(recorded).split()
    shorter = min(len(cited_words), len(recorded_words))
    return cited_words[:shorter] == recorded_words[:shorter]


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
    issuer, end = _read_issuer(text, end, limit)
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
    return _TYPE_BY_ABBREVIATION.get(codes[0], DocumentType.OFFICIAL_LETTER)


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


def _read_issuer(text: str, position: int, limit: int) -> tuple[str | None, int]:
    """The issuer named by "của …" at `position`, read no further than `limit`."""
    lead = _ISSUER_LEAD.match(text, position, limit)
    if lead is None:
        return None, position
    known = _COMMA_ISSUER.match(text, lead.end(), limit)
    if known is not None:
        return _SPACES.sub(" ", known.group()), known.end()
    words = list(itertools.islice(_words(text, lead.end(), limit), _MAX_ISSUER_WORDS + 1))
    count = _issuer_length([word for word, _ in words])
    if count == 0:
        return None, position
    return " ".join(word for word, _ in words[:count]), words[count - 1][1]


def _words(text: str, position: int, limit: int) -> Iterator[tuple[str, int]]:
    """Successive (word, end) pairs from `position`, up to punctuation or `limit`."""
    while (match := _ISSUER_WORD.match(text, position, limit)) is not None:
        yield match["word"], match.end()
        position = match.end()


def _issuer_length(words: list[str]) -> int:
    """How many of `words` name the issuer: up to a stop word, a type name or the cap."""
    count = 0
    for index in range(min(len(words), _MAX_ISSUER_WORDS)):
        if _ends_issuer(words, index):
            break
        count = index + 1
    while count and words[count - 1].lower() in _CONNECTORS:
        count -= 1
    return count


def _ends_issuer(words: list[str], index: int) -> bool:
    word = words[index].lower()
    following = words[index + 1] if index + 1 < len(words) else ""
    if word in _ISSUER_STOPS or (word, following.lower()) in _ISSUER_STOP_PAIRS:
        return True
    if word in _CONNECTORS and not following[:1].isupper():
        return True
    after_connector = index > 0 and words[index - 1].lower() in _CONNECTORS
    return after_connector and _starts_type_name(words[index:])


def _starts_type_name(words: list[str]) -> bool:
    """Whether `words` begin with a capitalised type name ("Nghị quyết Đại hội …")."""
    folded = tuple(fold(word) for word in words[:4])
    starts = {folded[:length] for length in range(1, len(folded) + 1)}
    return words[0][:1].isupper() and not starts.isdisjoint(_TYPE_NAME_STARTS)


def _link_implementations(citations: list[Citation], text: str) -> list[Citation]:
    """`citations` with `implemented_by` set from `implementation_pairs`."""
    index_at = {citation.start: index for index, citation in enumerate(citations)}
    pairs = implementation_pairs(citations, text)
    implementer_at = {second.start: index_at[first.start] for first, second in pairs}
    return [
        dataclasses.replace(citation, implemented_by=implementer_at.get(citation.start))
        for citation in citations
    ]


# --- Symbols --------------------------------------------------------------


def _separator(match: re.Match[str]) -> str:
    return "/" if match.group(1) == "/" else "-"


def _fix_code(part: str) -> str:
    """Read "đ" in an otherwise upper-case code as "Đ": "Qđ" is a typo of "QĐ"."""
    return part.replace("đ", "Đ") if part.replace("đ", "Đ").isupper() else part
