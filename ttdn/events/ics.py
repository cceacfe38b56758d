"""iCalendar (RFC 5545) feeds of anniversaries: one all-day VEVENT per occurrence.

Written by hand because the format is small: CRLF line ends (3.1), lines folded at 75 octets
without splitting a UTF-8 character (3.1), TEXT values escaped (3.3.11), all-day events as
DTSTART/DTEND with VALUE=DATE (DTEND is the next day, exclusive: 3.6.1), and a UID and DTSTAMP
on every event (3.6.1). The feed has no METHOD, so DTSTAMP is the time the commemoration was
last changed (3.8.7.2), and the same data always gives the same feed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ttdn.core.calendar import CalendarEntry
from ttdn.events.queries import Anniversary

CRLF = "\r\n"
MAX_OCTETS = 75


@dataclass(frozen=True)
class Event:
    uid: str
    day: datetime.date
    stamp: datetime.datetime
    summary: str
    description: str = ""
    categories: tuple[str, ...] = ()
    url: str = ""
    last_day: datetime.date | None = None  # inclusive, for an event of several days


def escape_text(value: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks (RFC 5545, 3.3.11)."""
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Split a content line into lines of at most 75 octets, each continuation starting with a space."""
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, MAX_OCTETS
    for char in line:
        octets = len(char.encode("utf-8"))
        if size + octets > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, MAX_OCTETS - 1  # the leading space counts
        current.append(char)
        size += octets
    parts.append("".join(current))
    return (CRLF + " ").join(parts)


def utc_stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def event_lines(event: Event) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{utc_stamp(event.stamp)}",
        f"DTSTART;VALUE=DATE:{event.day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{(event.last_day or event.day) + datetime.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{escape_text(event.summary)}",
    ]
    if event.description:
        lines.append(f"DESCRIPTION:{escape_text(event.description)}")
    if event.categories:
        lines.append("CATEGORIES:" + ",".join(escape_text(c) for c in event.categories))
    if event.url:
        lines.append(f"URL:{event.url}")
    return [*lines, "TRANSP:TRANSPARENT", "CLASS:PUBLIC", "END:VEVENT"]


def calendar(events: Iterable[Event], *, name: str, product: str = "-//TTĐN//events//VI") -> bytes:
    """The whole VCALENDAR, UTF-8 encoded, every line folded and ended with CRLF."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{product}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
        *[line for event in events for line in event_lines(event)],
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + CRLF for line in lines).encode("utf-8")


def anniversary_feed(
    items: Iterable[Anniversary],
    *,
    name: str,
    host: str,
    site: str,
    entries: Iterable[CalendarEntry] = (),
) -> bytes:
    """The feed of `items` and of other apps' `entries` (activities); `host` makes the UIDs
    globally unique, `site` (scheme and host) the URLs."""
    events = [
        *(anniversary_event(item, host=host, site=site) for item in items),
        *(entry_event(entry, host=host, site=site) for entry in entries),
    ]
    return calendar(events, name=name)


def entry_event(entry: CalendarEntry, *, host: str, site: str) -> Event:
    """An entry another app put on the calendar (`ttdn.core.calendar`), over its days."""
    return Event(
        uid=f"{entry.uid}@{host}",
        day=entry.starts_on,
        last_day=entry.ends_on,
        stamp=entry.stamp,
        summary=entry.title,
        description=entry.detail,
        categories=(entry.category,) if entry.category else (),
        url=f"{site}{entry.url}",
    )


def anniversary_event(item: Anniversary, *, host: str, site: str) -> Event:
    """One occurrence as an event whose UID stays the same however often the feed is fetched."""
    c = item.commemoration
    details = [item.phrase]
    if item.year_class:
        details.append(str(item.year_class.label))
    details.append(
        _("Verification: %(mark)s") % {"mark": c.get_verification_display()}
        + (f" ({c.verification_note})" if c.verification_note else "")
    )
    if c.notes:
        details.append(c.notes)
    return Event(
        uid=f"commemoration-{c.pk}-{item.date:%Y%m%d}@{host}",
        day=item.date,
        stamp=c.updated_at,
        summary=item.title,
        description="\n".join(details),
        categories=(str(c.get_category_display()), str(c.get_scope_display())),
        url=f"{site}{c.get_absolute_url()}",
    )
