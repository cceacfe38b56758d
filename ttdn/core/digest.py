"""The daily digest: one e-mail per person per day with everything the product reminds them of.

Each app registers a source; every morning `send_daily` asks each source for its lines (who
each line is for: units, whose people with a writing role get it, or e-mail addresses), sends
one message per address with a section per source, and only then lets each source record that
its items were reminded. The people of a unit are found by a resolver that org registers (core
does not read org: docs/decisions/0002-access-reads-org.md).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise


@dataclass(frozen=True)
class Line:
    """One reminder, for the people of `unit_ids` and for `emails`."""

    text: str
    unit_ids: frozenset[int] = frozenset()
    emails: frozenset[str] = frozenset()

    @classmethod
    def to_units(cls, text: str, *unit_ids: int | None) -> Line:
        return cls(text, unit_ids=frozenset(u for u in unit_ids if u is not None))


def _nothing() -> None:
    return None


@dataclass(frozen=True)
class Batch:
    """A source's lines for one day, what it says about them in the job's output, and how it
    records that they were sent (called only once every message has gone)."""

    lines: Sequence[Line] = ()
    notes: Sequence[str] = ()
    record: Callable[[], object] = _nothing


Collect = Callable[[datetime.date, int], Batch]


@dataclass(frozen=True)
class Source:
    name: str
    title: StrOrPromise
    collect: Collect
    order: int = 100


UnitEmails = Callable[[Iterable[int]], Mapping[int, Sequence[str]]]

_sources: dict[str, Source] = {}
_unit_emails: list[UnitEmails] = []


def register(source: Source) -> None:
    """Add or replace the source called `source.name`. Idempotent."""
    _sources[source.name] = source


def registered() -> list[Source]:
    return sorted(_sources.values(), key=lambda s: (s.order, s.name))


def set_unit_emails(resolver: UnitEmails) -> None:
    """Tell the digest how to find the addresses of a unit's people (org does, when ready)."""
    _unit_emails[:] = [resolver]


def subject() -> str:
    return _("Things to do today — TTĐN")


@dataclass(frozen=True)
class Result:
    emails: int
    notes: list[str] = field(default_factory=list)


def send_daily(today: datetime.date, *, days_before: int = 3) -> Result:
    """Send the day's digest: one e-mail per address with a section per source, then let each
    source record its reminders. Returns how many e-mails were sent and the sources' notes."""
    batches = [(source, source.collect(today, days_before)) for source in registered()]
    sent = deliver([(source.title, batch.lines) for source, batch in batches])
    for _source, batch in batches:
        batch.record()
    notes = [f"{source.name}: {note}" for source, batch in batches for note in batch.notes]
    return Result(sent, notes)


def deliver(
    sections: Sequence[tuple[StrOrPromise, Sequence[Line]]], *, subject_line: str | None = None
) -> int:
    """Send each address one e-mail with its lines, under each section's title (a line meant
    for several of a person's units comes once). Returns how many e-mails were sent."""
    unit_ids = {u for _title, lines in sections for line in lines for u in line.unit_ids}
    emails_of = _resolve(unit_ids)
    mails: dict[str, dict[str, list[str]]] = {}
    for title, lines in sections:
        for line in lines:
            addresses = set(line.emails)
            addresses |= {e for u in line.unit_ids for e in emails_of.get(u, ())}
            for address in sorted(a for a in addresses if a):
                mails.setdefault(address, {}).setdefault(str(title), []).append(line.text)
    for address, by_title in mails.items():
        send_mail(subject_line or subject(), _body(by_title), None, [address])
    return len(mails)


def _body(by_title: Mapping[str, list[str]]) -> str:
    return "\n\n".join(
        "\n".join([title, *(f"- {text}" for text in texts)]) for title, texts in by_title.items()
    )


def _resolve(unit_ids: set[int]) -> Mapping[int, Sequence[str]]:
    if not unit_ids:
        return {}
    if not _unit_emails:
        raise RuntimeError("No resolver of units' e-mail addresses is registered (org does).")
    return _unit_emails[0](unit_ids)
