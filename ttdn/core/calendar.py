"""What higher apps put on the calendar: dated entries shown on the events app's month page
and in its iCalendar feed.

The calendar (events) cannot import the apps above it, yet it shows their dated records
(activities): each registers a provider, and the calendar asks this registry.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CalendarEntry:
    uid: str  # stable across fetches, unique within the installation ("activity-12")
    starts_on: datetime.date
    ends_on: datetime.date  # inclusive; the same day for a one-day entry
    title: str
    url: str  # the entry's page, a path
    stamp: datetime.datetime  # when the record last changed
    detail: str = ""
    category: str = ""


# (user, unit or None for everything the person sees, first day, last day) -> entries that
# overlap the days, of records the person may see.
Provider = Callable[[Any, Any, datetime.date, datetime.date], list[CalendarEntry]]
_providers: list[Provider] = []


def register(provider: Provider) -> None:
    """Add a provider of calendar entries. Idempotent."""
    if provider not in _providers:
        _providers.append(provider)


def entries(user: Any, unit: Any, first: datetime.date, last: datetime.date) -> list[CalendarEntry]:
    """Every provider's entries overlapping [first, last], by date then title."""
    found = [entry for provider in _providers for entry in provider(user, unit, first, last)]
    return sorted(found, key=lambda e: (e.starts_on, e.title, e.uid))
