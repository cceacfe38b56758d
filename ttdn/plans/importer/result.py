"""What the plan importer returns: `ParsedPlan` and its parts, the notes it makes for the
person importing, and the error it raises. Each part's `as_dict()` is its piece of the JSON
of a plan (`ttdn.plans.queries.plan_json` gives a saved plan in the same shape)."""

from __future__ import annotations

import dataclasses
import datetime
import json
from collections.abc import Iterable
from typing import Any

from ttdn.plans.enums import MentionKind, Recurrence
from ttdn.plans.importer.notes import ImportNote

__all__ = [
    "Deadline",
    "ImportNote",
    "Mention",
    "ParsedCitation",
    "ParsedPlan",
    "ParsedSection",
    "PlanImportError",
    "PlannedTask",
    "Recurrence",
    "Signer",
]


class PlanImportError(ValueError):
    """A file or text that cannot be imported as a plan. The message (English) says why;
    `code` names the case for a translated message and `params` holds its values:
    empty, too_large (size, limit), unreadable, not_plan, or a `core.extract.ExtractionError`
    code with its values."""

    def __init__(self, message: str, *, code: str, params: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.params = params or {}


# --- Result ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class ParsedCitation:
    """A document the plan cites, once however often it is cited: `places` are the headings of
    the sections citing it ("" for the preamble), in order. `status` is "unchecked" here; the
    legal-library checker gives the real one when the plan is previewed or saved; `document`
    is the id of the library document a saved plan's citation is linked to."""

    text: str
    type: str
    number_symbol: str
    date: datetime.date | None
    issuer: str | None
    places: tuple[str, ...] = ()
    status: str = "unchecked"
    document: int | None = None
    key: str = ""  # the lookup key of the document cited (`Citation.key`); not in the JSON

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "type": self.type,
            "number_symbol": self.number_symbol,
            "date": _iso(self.date),
            "issuer": self.issuer,
            "places": list(self.places),
            "status": self.status,
            "document": self.document,
        }


@dataclasses.dataclass(frozen=True)
class ParsedSection:
    """A section of the body. `heading` is the printed heading with its marker
    ("I. MỤC ĐÍCH, YÊU CẦU"), None for the preamble and the closing paragraph;
    `marker` is "I.", "1.1.", "a)" or None; `paragraphs` are the rejoined paragraphs
    in order, "-" and "+" items keeping their marker; `derived` marks a saved plan's section
    copied from its parent plan."""

    heading: str | None
    marker: str | None
    paragraphs: tuple[str, ...]
    children: tuple[ParsedSection, ...] = ()
    derived: bool = False

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

    def walk(self) -> Iterable[ParsedSection]:
        """This section and all below it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def as_dict(self) -> dict[str, Any]:
        return {
            "heading": self.heading,
            "marker": self.marker,
            "text": self.text,
            "derived": self.derived,
            "children": [child.as_dict() for child in self.children],
        }


@dataclasses.dataclass(frozen=True)
class Mention:
    """A structured item a task's text names: `kind` (partner, event, contest, report
    recipient, contact person), `text` as written ("03 tỉnh Bắc Lào (Huaphanh, Luang
    Prabang, Sayabury)"), `names` what it lists ("Huaphanh", …), `date` the day an event
    falls on in the plan's year when the text gives it, `years` the round anniversary ("60")."""

    kind: MentionKind
    text: str
    names: tuple[str, ...] = ()
    date: datetime.date | None = None
    years: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": str(self.kind),
            "text": self.text,
            "names": list(self.names),
            "date": _iso(self.date),
            "years": self.years,
        }


@dataclasses.dataclass(frozen=True)
class PlannedTask:
    """A key task. `starts_on`/`ends_on` is its time frame ("trong tháng 2 năm 2022" is
    1–28 Feb 2022), `due` an explicit deadline ("trước ngày 16/11/2023"), `recurrence` one of
    `Recurrence`; `units` carry it out, `partners` cooperate ("Phối hợp"); `time_text` is the
    phrase the time frame was read from; `section` the heading it comes from; `mentions` the
    structured items its text names (partners abroad, events to mark, contests, report
    recipients, the contact person). A saved plan's task also says whether it was copied from
    the parent plan (`derived`) and how far it has come (`status`, `progress`)."""

    title: str
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    due: datetime.date | None = None
    recurrence: Recurrence | None = None
    units: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    time_text: str | None = None
    section: str | None = None
    mentions: tuple[Mention, ...] = ()
    derived: bool = False
    status: str | None = None
    progress: int | None = None

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
            "mentions": [mention.as_dict() for mention in self.mentions],
            "derived": self.derived,
            "status": self.status,
            "progress": self.progress,
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
    citations: tuple[ParsedCitation, ...]
    sections: tuple[ParsedSection, ...]
    tasks: tuple[PlannedTask, ...]
    deadlines: tuple[Deadline, ...]
    recipients: tuple[str, ...]
    signer: Signer | None
    unrecognised: tuple[str, ...]
    dropped: tuple[str, ...]
    warnings: tuple[ImportNote, ...]

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
            "warnings": [warning.as_dict() for warning in self.warnings],
        }

    def to_json(self) -> str:
        """`as_dict()` as indented JSON, Vietnamese kept readable."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)


def body_text(sections: Iterable[ParsedSection]) -> list[str]:
    """Headings and paragraphs of the body, in order."""
    out: list[str] = []
    for top in sections:
        for section in top.walk():
            if section.heading:
                out.append(section.heading)
            out += section.paragraphs
    return out


def _iso(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None
