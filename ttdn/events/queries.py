"""Reads of commemorations: a year's anniversaries, a month's grid, reminders, the plan paragraph.

An anniversary is a commemoration's occurrence in one solar year. Its ordinal is the count of
years since the origin year (2022 − 1930 = 92 years of the Party); a lunar commemoration is counted
by solar year too. Two dates need a rule of their own:

- a solar commemoration of 29 February falls on 28 February in a common year;
- a lunar commemoration of day 30 falls on day 29 in a year whose month has 29 days (as the eve
  of Tết does), and on the regular month, never the leap month of the same number.

Years are limited to those the lunar calendar covers, 1900–2100: anything outside is refused with
YearOutOfRange rather than computed wrongly.
"""

from __future__ import annotations

import calendar
import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from ttdn.core import access
from ttdn.events.enums import CalendarKind, YearClass, classify, even_classes
from ttdn.events.lunar import (
    FIRST_YEAR,
    LAST_YEAR,
    LunarDate,
    LunarDateError,
    month_length,
    to_lunar,
    to_solar,
)
from ttdn.events.models import Commemoration, CommemorationQuerySet
from ttdn.org.models import Unit


class YearOutOfRange(ValueError):
    """A year outside FIRST_YEAR..LAST_YEAR, which the calendar cannot compute."""


def check_year(year: int) -> int:
    """Return `year` when it lies in 1900–2100. Raises YearOutOfRange with the reason otherwise."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise YearOutOfRange(
            _("The year %(year)s is outside the years the calendar covers, %(first)s to %(last)s.")
            % {"year": year, "first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return year


@dataclass(frozen=True)
class Anniversary:
    """One occurrence of a commemoration in a solar year."""

    commemoration: Commemoration
    date: datetime.date
    ordinal: int | None
    year_class: YearClass | None
    lunar_date: LunarDate | None = None

    @property
    def is_even(self) -> bool:
        """A "năm chẵn" under the deployment's EVEN_YEAR_RULE: worth planning for."""
        return self.year_class in even_classes(settings.EVEN_YEAR_RULE)

    @property
    def anchor(self) -> str:
        return f"c{self.commemoration.pk}-{self.date:%Y%m%d}"

    # Printed text (plans, feeds): Vietnamese as the seeds print it, not a translated UI string.
    @property
    def title(self) -> str:
        """ "92 năm Ngày thành lập Đảng Cộng sản Việt Nam", or the bare name without an ordinal."""
        name = self.commemoration.name
        return f"{self.ordinal} năm {name}" if self.ordinal is not None else name

    @property
    def phrase(self) -> str:
        """ "92 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 - 3/2/2022)", the seeds' style."""
        c = self.commemoration
        if self.ordinal is None:
            return f"{self.title} ({short_date(self.date)})"
        if c.is_lunar:
            return f"{self.title} ({c.day}/{c.month} âm lịch năm {c.origin_year} - {short_date(self.date)})"
        return f"{self.title} ({short_date(c.origin_date)} - {short_date(self.date)})"


def short_date(day: datetime.date | None) -> str:
    """3/2/1930: day and month without leading zeros, as Vietnamese documents write them."""
    return f"{day.day}/{day.month}/{day.year}" if day else ""


def occurrences(
    commemoration: Commemoration, year: int
) -> list[tuple[datetime.date, LunarDate | None]]:
    """The solar dates in `year` on which the commemoration falls (a lunar one may fall twice or never)."""
    c = commemoration
    if c.calendar == CalendarKind.SOLAR:
        day = 28 if (c.month, c.day) == (2, 29) and not calendar.isleap(year) else c.day
        return [(datetime.date(year, c.month, day), None)]
    found: list[tuple[datetime.date, LunarDate | None]] = []
    for lunar_year in (year - 1, year):
        try:
            day = min(c.day, month_length(lunar_year, c.month))
            solar = to_solar(lunar_year, c.month, day)
        except LunarDateError:
            continue  # lunar 1899 precedes the calendar's range
        if solar.year == year:
            found.append((solar, LunarDate(lunar_year, c.month, day)))
    return found


def anniversaries(commemorations: Iterable[Commemoration], year: int) -> list[Anniversary]:
    """Every commemoration's occurrences in `year`, by date then name; none before its origin year.

    Raises YearOutOfRange for a year outside 1900–2100.
    """
    check_year(year)
    items = []
    for c in commemorations:
        ordinal = year - c.origin_year if c.origin_year is not None else None
        if ordinal is not None and ordinal < 1:
            continue
        year_class = classify(ordinal) if ordinal is not None else None
        items += [
            Anniversary(c, day, ordinal, year_class, moon) for day, moon in occurrences(c, year)
        ]
    return sorted(items, key=lambda a: (a.date, a.commemoration.name))


def anniversaries_between(
    commemorations: Iterable[Commemoration], start: datetime.date, end: datetime.date
) -> list[Anniversary]:
    """Occurrences from `start` to `end` inclusive, within the years the calendar covers."""
    rows = list(commemorations)
    years = range(max(start.year, FIRST_YEAR), min(end.year, LAST_YEAR) + 1)
    return [a for year in years for a in anniversaries(rows, year) if start <= a.date <= end]


def commemorations_for(unit: Unit | None = None) -> CommemorationQuerySet:
    """Every commemoration (local ones included) without a unit; with one, those concerning it.

    For operators' tools (the CLI). Views and the API start from Commemoration.objects.visible_to.
    """
    commemorations = Commemoration.objects.select_related("unit")
    return commemorations.for_unit(unit) if unit is not None else commemorations


def filter_anniversaries(
    items: Iterable[Anniversary],
    *,
    category: str = "",
    scope: str = "",
    year_class: str = "",
    even_only: bool = False,
) -> list[Anniversary]:
    """The anniversaries of a category, scope and year class; with `even_only`, the năm chẵn only."""
    return [
        a
        for a in items
        if (not category or a.commemoration.category == category)
        and (not scope or a.commemoration.scope == scope)
        and (not year_class or a.year_class == year_class)
        and (not even_only or a.is_even)
    ]


def plan_paragraph(items: Iterable[Anniversary]) -> str:
    """The năm chẵn among `items` as a paragraph for a plan, in the seeds' style.

    "80 năm Cách mạng Tháng Tám (19/8/1945 - 19/8/2025); 80 năm Quốc khánh … (2/9/1945 - 2/9/2025)."
    Names may hold commas, so the items are separated by semicolons. Empty when there are none.
    """
    phrases = [a.phrase for a in items if a.ordinal is not None and a.is_even]
    return "; ".join(phrases) + "." if phrases else ""


def to_json(item: Anniversary) -> dict[str, Any]:
    """The anniversary as the CLI and the API give it."""
    c = item.commemoration
    moon = item.lunar_date
    return {
        "name": c.name,
        "date": item.date.isoformat(),
        "ordinal": item.ordinal,
        "class": item.year_class.value if item.year_class else None,
        "even": item.is_even,
        "scope": c.scope,
        "category": c.category,
        "unit": c.unit.code if c.unit else None,
        "calendar": c.calendar,
        "lunar": {"year": moon.year, "month": moon.month, "day": moon.day, "leap": moon.leap}
        if moon
        else None,
        "origin_year": c.origin_year,
        "verification": c.verification,
        "verification_note": c.verification_note,
    }


@dataclass(frozen=True)
class Day:
    """A cell of the month grid: the solar date, its lunar date and what falls on it."""

    date: datetime.date
    in_month: bool
    lunar_date: LunarDate | None
    anniversaries: list[Anniversary]


def month_weeks(year: int, month: int, items: Iterable[Anniversary]) -> list[list[Day]]:
    """The weeks (Monday first) covering the month, each day with its lunar date and anniversaries."""
    on_day: dict[datetime.date, list[Anniversary]] = defaultdict(list)
    for item in items:
        on_day[item.date].append(item)
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    return [
        [Day(d, d.month == month, _lunar_or_none(d), on_day.get(d, [])) for d in week]
        for week in weeks
    ]


def _lunar_or_none(day: datetime.date) -> LunarDate | None:
    try:
        return to_lunar(day)
    except LunarDateError:
        return None


def reminders(user: Any, *, today: datetime.date, lead_days: int) -> list[Anniversary]:
    """The năm chẵn anniversaries of the next `lead_days` days that concern a unit the person leads
    or serves as officer, each once however many of their units it concerns."""
    units = [m.unit for m in access.memberships(user) if m.role in access.WRITING_ROLES]
    if not units:
        return []
    concerning = Commemoration.objects.concerning(units).select_related("unit")
    due = anniversaries_between(concerning, today, today + datetime.timedelta(days=lead_days))
    return [a for a in due if a.is_even]


def upcoming(commemoration: Commemoration, *, from_year: int, count: int) -> list[Anniversary]:
    """The commemoration's anniversaries in `count` years from `from_year`, within 1900–2100."""
    years = range(max(from_year, FIRST_YEAR), min(from_year + count - 1, LAST_YEAR) + 1)
    return [a for year in years for a in anniversaries([commemoration], year)]
