"""The document model: what an official document says, independent of how it is printed.

Every component Nghị định 30/2020 (Art. 8) makes mandatory has a field here; `validate`
names the ones that are missing. Field values are plain Vietnamese text; the renderers
apply case, fonts and punctuation of the lists (";" and the final ".").
"""

import datetime
from dataclasses import dataclass, field
from enum import Enum

from ttdn.docgen.text import clean, list_item, punctuated

_TYPE_NAMES = {
    "KH": "KẾ HOẠCH",
    "BC": "BÁO CÁO",
    "TB": "THÔNG BÁO",
    "QĐ": "QUYẾT ĐỊNH",
    "GM": "GIẤY MỜI",
    "CN": "GIẤY CHỨNG NHẬN",
    "CV": "",
}


class DocumentType(Enum):
    """The document types we print, keyed by the abbreviation of Phụ lục III."""

    PLAN = "KH"
    REPORT = "BC"
    NOTICE = "TB"
    DECISION = "QĐ"
    INVITATION = "GM"
    CERTIFICATE = "CN"  # giấy chứng nhận (Phụ lục III, no. 24)
    LETTER = "CV"  # công văn: no type name, no abbreviation, summary printed as "V/v …"

    @property
    def type_name(self) -> str:
        """The printed type name ("KẾ HOẠCH"); empty for a letter."""
        return _TYPE_NAMES[self.value]

    @property
    def abbreviation(self) -> str:
        """The abbreviation that opens the symbol ("KH"); empty for a letter."""
        return "" if self is DocumentType.LETTER else self.value


class Authority(Enum):
    """The prefix of the signer's authority line (Phụ lục I §II.7)."""

    ON_BEHALF_OF = "TM."  # thay mặt a collective body
    ACTING = "Q."  # quyền: acting head
    DEPUTY = "KT."  # ký thay: a deputy signs for the head
    BY_ORDER = "TL."  # thừa lệnh
    BY_AUTHORISATION = "TUQ."  # thừa ủy quyền


@dataclass(frozen=True)
class Signer:
    """Who signs. `principal` is the head or body signed for ("TRƯỞNG PHÒNG" after KT.)."""

    position: str
    name: str
    authority: Authority | None = None
    principal: str = ""
    signature_space_mm: float | None = None  # None: the standard room for signature and seal

    def title_lines(self) -> list[str]:
        """The lines above the signature: ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"]."""
        if self.authority is None:
            return [self.position]
        if self.authority is Authority.ACTING:
            return [f"{self.authority.value} {self.position}"]
        return [f"{self.authority.value} {self.principal}", self.position]


@dataclass(frozen=True)
class Run:
    """A stretch of text with its own emphasis inside a paragraph."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph: plain `text`, or `runs` when parts are bold or italic."""

    text: str = ""
    runs: tuple[Run, ...] = ()

    def all_runs(self) -> tuple[Run, ...]:
        """The runs to print: `runs` if given, else `text` as one plain run."""
        return self.runs or (Run(self.text),)


@dataclass(frozen=True)
class Heading:
    """A section heading: level 1 "I. MỤC ĐÍCH, YÊU CẦU", 2 "1. Mục đích", 3 "a) …"."""

    level: int
    text: str

    def __post_init__(self) -> None:
        if self.level not in (1, 2, 3):
            raise ValueError(f"heading level must be 1, 2 or 3, not {self.level}")


class ListMarker(Enum):
    DASH = "-"
    PLUS = "+"
    LETTER = "a)"  # Vietnamese alphabet: a, b, c, d, đ, e, g, …
    NUMBER = "1."


@dataclass(frozen=True)
class ListBlock:
    """Items each printed as an indented paragraph after its marker."""

    items: tuple[str | Paragraph, ...]
    marker: ListMarker = ListMarker.DASH


@dataclass(frozen=True)
class Table:
    """A ruled table; `widths` are relative column weights (equal when empty)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class Article:
    """An article of a decision: "Điều 1." then its text, or its title and blocks below."""

    number: int
    text: str = ""
    title: str = ""
    blocks: tuple["Block", ...] = ()


Block = Heading | Paragraph | ListBlock | Table | Article


@dataclass(frozen=True)
class Document:
    """One official document. Empty strings and tuples mean "not given".

    `number` and `date` may stay None on a draft: paper documents are numbered and dated
    when signed, and the printout then leaves room to write them by hand.
    """

    doc_type: DocumentType
    issuing_body: str = ""
    parent_body: str = ""
    number: int | None = None
    symbol: str = ""
    place: str = ""
    date: datetime.date | None = None
    title: str = ""
    addressees: tuple[str, ...] = ()  # "Kính gửi:" (letters, reports to a superior)
    enacting_authority: str = ""  # decisions: "TRƯỞNG PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    bases: tuple[str, ...] = ()  # decisions: the "Căn cứ …" lines
    body: tuple[Block, ...] = ()
    recipients: tuple[str, ...] = ()  # "Nơi nhận:", without the final "Lưu" line
    archive: tuple[str, ...] = field(default=("VT",))  # "Lưu: VT, CTTT."
    signer: Signer | None = None

    def __post_init__(self) -> None:
        if self.number is not None and self.number < 1:
            raise ValueError(f"document numbers start at 1, not {self.number}")
        # The lists add their own ";" and "."; what the user typed after an item is dropped
        # here once, so that no preview, register entry or printout doubles it.
        for name in ("addressees", "recipients"):
            items = tuple(item for item in map(list_item, getattr(self, name)) if item)
            object.__setattr__(self, name, items)

    def recipient_lines(self) -> list[str]:
        """ "Nơi nhận" as printed, each line after its "- ": ";" after each recipient, the
        archive last ("Lưu: VT, CTTT."). Every preview and renderer prints these lines."""
        archive = ["VT", *[clean(part).strip() for part in self.archive if part.strip() != "VT"]]
        return punctuated([*self.recipients, "Lưu: " + ", ".join(filter(None, archive))])

    def addressee_lines(self) -> list[str]:
        """ "Kính gửi" as printed: ";" after each addressee, "." after the last."""
        return punctuated(self.addressees)


class DocumentIncomplete(ValueError):
    """Raised before rendering; `missing` names every absent mandatory part."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(f"document is missing: {', '.join(missing)}")
        self.missing = missing


def _blank(text: str) -> bool:
    return not clean(text).strip()


def _missing_signer_parts(signer: Signer | None) -> list[str]:
    if signer is None:
        return ["signer"]
    missing = [name for name in ("position", "name") if _blank(getattr(signer, name))]
    needs_principal = signer.authority not in (None, Authority.ACTING)
    if needs_principal and _blank(signer.principal):
        missing.append("principal")
    return [f"signer.{name}" for name in missing]


def missing_parts(doc: Document) -> list[str]:
    """Names of the mandatory parts `doc` lacks, in reading order; empty when complete."""
    texts = ("issuing_body", "symbol", "place", "title")
    missing = [name for name in texts if _blank(getattr(doc, name))]
    if doc.doc_type is DocumentType.DECISION and _blank(doc.enacting_authority):
        missing.append("enacting_authority")
    if not doc.body:
        missing.append("body")
    missing += _missing_signer_parts(doc.signer)
    if not any(not _blank(recipient) for recipient in doc.recipients):
        missing.append("recipients")
    return missing


def validate(doc: Document) -> None:
    """Raise DocumentIncomplete naming all missing mandatory parts at once."""
    missing = missing_parts(doc)
    if missing:
        raise DocumentIncomplete(missing)
