"""Reporting periods: their calendar span, their data window and their submission window.

A period is a month, a quarter, a half-year or a year (a year may start in any month, so a
financial or school-based year is the same kind with another `start_month`), a school year
(September to August) or a semester (học kỳ I/II) of a school year.

The *data window* is the span of days whose facts a report counts. Nghị định 09/2019/NĐ-CP,
Điều 12, fixes it for the periodic reports of state bodies, and those cut-offs are the default
for calendar months, quarters, half-years and years:

- month: from the 15th of the month before to the 14th of the month;
- quarter: from the 15th of the month before the quarter to the 14th of its last month;
- six months: from 15/12 of the year before to 14/6 (the second half, by the same rule,
  15/6 to 14/12);
- year: from 15/12 of the year before to 14/12.

A year starting in another month, a school year and a semester have no legal cut-off: their
data window is their calendar span. The *submission window* (opens, due, closes) is separate:
a round sets it, and `default_submission_window` proposes one.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ttdn.reports.enums import PeriodKind

CUTOFF_DAY = 15  # Nghị định 09/2019/NĐ-CP: data run from the 15th to the 14th
SCHOOL_YEAR_START = 9  # a school year runs from September to August
SECOND_SEMESTER_STARTS = (1, 16)  # (month, day): học kỳ II starts mid-January
DUE_AFTER_DAYS = 5  # proposed deadline: five days after the data window ends
CLOSES_AFTER_DAYS = 10  # proposed closing: ten days after the deadline
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
PER_YEAR = {
    PeriodKind.MONTH: 12,
    PeriodKind.QUARTER: 4,
    PeriodKind.HALF_YEAR: 2,
    PeriodKind.YEAR: 1,
    PeriodKind.SCHOOL_YEAR: 1,
    PeriodKind.SEMESTER: 2,
}
MONTHS_LONG = {PeriodKind.MONTH: 1, PeriodKind.QUARTER: 3, PeriodKind.HALF_YEAR: 6}
KEY_CODES = {
    PeriodKind.MONTH: "M",
    PeriodKind.QUARTER: "Q",
    PeriodKind.HALF_YEAR: "H",
    PeriodKind.YEAR: "Y",
    PeriodKind.SCHOOL_YEAR: "SY",
    PeriodKind.SEMESTER: "S",
}
KEY_PATTERN = re.compile(r"^(\d{4})-(M|Q|H|Y|SY|S)(\d{0,2})(?:~(\d{2}))?$")


class InvalidPeriod(ValueError):
    """The kind, year, number or start month do not name a period."""


@dataclass(frozen=True)
class Window:
    """A span of days, both ends included."""

    start: datetime.date
    end: datetime.date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class SubmissionWindow:
    """When units may submit (opens), when they must (due), and when entry locks (closes)."""

    opens: datetime.date
    due: datetime.date
    closes: datetime.date

    def __post_init__(self) -> None:
        if not self.opens <= self.due <= self.closes:
            raise InvalidPeriod(_("A submission window opens, then is due, then closes."))


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def _first(year: int, month: int, months: int = 0) -> datetime.date:
    year, month = _add_months(year, month, months)
    return datetime.date(year, month, 1)


def _school_years(start_year: int) -> str:
    return f"{start_year}–{start_year + 1}"


@dataclass(frozen=True)
class Period:
    """One reporting period. `year` is the year the period (or its year) starts in; `number`
    counts from 1 within that year (the calendar month for MONTH); `start_month` is the month
    a year starts (1 for calendar years, 9 for school years and their semesters)."""

    kind: PeriodKind
    year: int
    number: int = 1
    start_month: int = 1

    def __post_init__(self) -> None:
        kind = PeriodKind(self.kind)
        object.__setattr__(self, "kind", kind)
        if kind in (PeriodKind.SCHOOL_YEAR, PeriodKind.SEMESTER):
            object.__setattr__(self, "start_month", SCHOOL_YEAR_START)
        if kind == PeriodKind.MONTH:
            object.__setattr__(self, "start_month", 1)
        if not 1 <= self.start_month <= 12:
            raise InvalidPeriod(_("A year starts in a month from 1 to 12."))
        if not 1 <= self.number <= PER_YEAR[kind]:
            raise InvalidPeriod(
                _("A %(kind)s is numbered from 1 to %(count)s.")
                % {"kind": kind.label.lower(), "count": PER_YEAR[kind]}
            )
        if not 1900 <= self.year <= 9998:
            raise InvalidPeriod(_("The year is out of range."))

    # --- Spans ---------------------------------------------------------------------------

    @property
    def calendar(self) -> Window:
        """The period's own span: first day to last day."""
        if self.kind == PeriodKind.SEMESTER:
            return self._semester()
        months = MONTHS_LONG.get(self.kind, 12)
        offset = (self.number - 1) * months
        start = _first(self.year, self.start_month, offset)
        end = _first(self.year, self.start_month, offset + months) - datetime.timedelta(days=1)
        return Window(start, end)

    def _semester(self) -> Window:
        month, day = SECOND_SEMESTER_STARTS
        second = datetime.date(self.year + 1, month, day)
        if self.number == 1:
            return Window(datetime.date(self.year, 9, 1), second - datetime.timedelta(days=1))
        return Window(second, datetime.date(self.year + 1, 8, 31))

    @property
    def has_legal_cutoff(self) -> bool:
        """Nghị định 09/2019/NĐ-CP fixes the data window of calendar months, quarters,
        half-years and years only."""
        return self.start_month == 1 and self.kind in MONTHS_LONG | {PeriodKind.YEAR: 12}

    def data_window(self, *, cutoff: bool = True) -> Window:
        """The days whose facts the report counts: the legal cut-off window where it applies
        (and `cutoff` is on), else the calendar span."""
        span = self.calendar
        if not (cutoff and self.has_legal_cutoff):
            return span
        start = span.start.replace(day=1) - datetime.timedelta(days=1)  # the month before
        return Window(start.replace(day=CUTOFF_DAY), span.end.replace(day=CUTOFF_DAY - 1))

    def data_window_before(self, opens: datetime.date) -> Window:
        """The data window of a round that opens on `opens`: the legal one when the round opens
        after it ends. A round asked for earlier (the sector's 6-month report due 05/5, its
        yearly one due 16/11) cannot count days to come, so it counts as many months, still from
        the 15th to the 14th, up to the last 14th before it opens (e.g. opening 20/4/2027:
        15/10/2026 to 14/4/2027). A period without a legal cut-off counts from its first day to
        the day before the round opens."""
        legal = self.data_window()
        if opens > legal.end:
            return legal
        if not self.has_legal_cutoff:
            return Window(legal.start, max(legal.start, opens - datetime.timedelta(days=1)))
        last = opens.replace(day=CUTOFF_DAY - 1)
        if opens.day < CUTOFF_DAY:
            last = _first(opens.year, opens.month, -1).replace(day=CUTOFF_DAY - 1)
        months = MONTHS_LONG.get(self.kind, 12)
        start = _first(last.year, last.month, -months).replace(day=CUTOFF_DAY)
        return Window(start, last)

    def day_in(self, month: int, day: int) -> datetime.date:
        """The `day` of the period's `month`-th month (1: its first; beyond its length: the
        months after it), the last day of that month when it is shorter: how a schedule names
        its dates once for every period (a half-year's 4th month is April or October)."""
        first = _first(self.calendar.start.year, self.calendar.start.month, month - 1)
        return first.replace(day=min(day, calendar.monthrange(first.year, first.month)[1]))

    def default_submission_window(self, *, cutoff: bool = True) -> SubmissionWindow:
        """A proposal: open the day after the data window ends, due five days later, close
        ten days after that. A round may set any other dates."""
        end = self.data_window(cutoff=cutoff).end
        due = end + datetime.timedelta(days=DUE_AFTER_DAYS)
        return SubmissionWindow(
            end + datetime.timedelta(days=1), due, due + datetime.timedelta(days=CLOSES_AFTER_DAYS)
        )

    # --- Names ---------------------------------------------------------------------------

    @property
    def key(self) -> str:
        """A stable text key, e.g. 2026-M03, 2026-Q2, 2026-H1, 2026-Y, 2025-SY, 2025-S1, and
        2026-Y~04 for a year starting in April."""
        number = (
            ""
            if PER_YEAR[self.kind] == 1
            else f"{self.number:0{2 if self.kind == PeriodKind.MONTH else 1}d}"
        )
        custom = self.start_month != 1 and self.kind not in (
            PeriodKind.SCHOOL_YEAR,
            PeriodKind.SEMESTER,
        )
        return f"{self.year}-{KEY_CODES[self.kind]}{number}" + (
            f"~{self.start_month:02d}" if custom else ""
        )

    @property
    def label(self) -> str:
        """The name people use, e.g. “Quý II/2026”, “6 tháng đầu năm 2026”."""
        values: dict[str, str | int] = {
            "year": self.year,
            "number": ROMAN.get(self.number, self.number),
        }
        if self.kind == PeriodKind.MONTH:
            return _("Month %(month)s/%(year)s") % {"month": self.number, "year": self.year}
        if self.kind == PeriodKind.SCHOOL_YEAR:
            return _("School year %(years)s") % {"years": _school_years(self.year)}
        if self.kind == PeriodKind.SEMESTER:
            return _("Semester %(number)s, school year %(years)s") % {
                **values,
                "years": _school_years(self.year),
            }
        if self.start_month != 1:
            return self._label_from_month(values)
        if self.kind == PeriodKind.QUARTER:
            return _("Quarter %(number)s/%(year)s") % values
        if self.kind == PeriodKind.HALF_YEAR:
            if self.number == 1:
                return _("First six months of %(year)s") % values
            return _("Last six months of %(year)s") % values
        return _("Year %(year)s") % values

    def _label_from_month(self, values: dict[str, str | int]) -> str:
        span = self.calendar
        dates = {"start": f"{span.start:%m/%Y}", "end": f"{span.end:%m/%Y}"}
        if self.kind == PeriodKind.YEAR:
            return _("Year %(start)s–%(end)s") % dates
        return _("%(kind)s %(number)s (%(start)s–%(end)s)") % {
            **values,
            **dates,
            "kind": self.kind.label,
        }

    def __str__(self) -> str:
        return self.label

    # --- Steps ---------------------------------------------------------------------------

    def shifted(self, steps: int) -> Period:
        """The period `steps` away (negative: earlier), of the same kind and start month."""
        count = PER_YEAR[self.kind]
        index = self.year * count + self.number - 1 + steps
        return Period(self.kind, index // count, index % count + 1, self.start_month)

    def next(self) -> Period:
        return self.shifted(1)

    def previous(self) -> Period:
        return self.shifted(-1)


def containing(kind: PeriodKind | str, day: datetime.date, *, start_month: int = 1) -> Period:
    """The period of `kind` whose calendar span contains `day`."""
    kind = PeriodKind(kind)
    if kind == PeriodKind.MONTH:
        return Period(kind, day.year, day.month)
    if kind in (PeriodKind.SCHOOL_YEAR, PeriodKind.SEMESTER):
        start_month = SCHOOL_YEAR_START
    year = day.year if day.month >= start_month else day.year - 1
    period = Period(kind, year, 1, start_month)
    while day not in period.calendar:
        period = period.next()
    return period


def parse(key: str) -> Period:
    """The period named by `key` (see `Period.key`). Raises InvalidPeriod."""
    match = KEY_PATTERN.match(key.strip())
    if not match:
        raise InvalidPeriod(_("“%(key)s” does not name a period.") % {"key": key})
    year, code, number, start = match.groups()
    kind = next(k for k, c in KEY_CODES.items() if c == code)
    if bool(number) != (PER_YEAR[kind] > 1):
        raise InvalidPeriod(_("“%(key)s” does not name a period.") % {"key": key})
    return Period(kind, int(year), int(number or 1), int(start or 1))


def periods_between(
    kind: PeriodKind | str, first: datetime.date, last: datetime.date
) -> list[Period]:
    """The calendar-year periods of `kind` from the one containing `first` to the one
    containing `last`: the x axis of a trend."""
    period, end = containing(kind, first), containing(kind, last)
    found = [period]
    while period != end and len(found) < 1000:
        period = period.next()
        found.append(period)
    return found
