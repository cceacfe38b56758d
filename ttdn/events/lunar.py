"""The Vietnamese lunisolar calendar (âm lịch), both ways, for the lunar years 1900–2100.

The calendar is computed for the meridian of UTC+7, as Vietnam's official calendar has been
since 1968, with Hồ Ngọc Đức's algorithm (new moons and the Sun's longitude after Meeus):

- a month starts on the day (UTC+7) of a new moon;
- month 11 is the month that contains the winter solstice;
- a year from one month 11 to the next with 13 months has a leap month: the first month after
  month 11 that contains no major solar term (trung khí). It repeats the number of the month
  before it ("tháng 2 nhuận" follows month 2).

China computes the same rules for UTC+8, so the two calendars differ in some years: Tết 1985 fell
on 21 January 1985 in Vietnam and on 20 February 1985 in China.

Years before 1968 are computed for UTC+7 too. Vietnam then still printed the Chinese (UTC+8)
calendar, so historical calendars (and Hồ Ngọc Đức's tables of them) start 28 months of 1903–1967 a
day apart from this module, among them Tết 1903, 1925, 1935 and 1965 and the leap months of 1917,
1922 and 1938 (2, 5 and 7 then, 3, 6 and 8 here).

Supported range: the lunar years 1900 (Canh Tý) to 2100 (Canh Thân), that is every solar date
from FIRST_DATE (1900-01-31, Tết 1900) to LAST_DATE (2101-01-28, the eve of Tết 2101). Anything
outside it raises LunarDateError instead of being computed with a growing error.
"""

import bisect
import datetime
import math
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

FIRST_YEAR = 1900
LAST_YEAR = 2100
FIRST_DATE = datetime.date(1900, 1, 31)
LAST_DATE = datetime.date(2101, 1, 28)

UTC_OFFSET_HOURS = 7
_SYNODIC_MONTH = 29.530588853
_JDN_OF_ORDINAL_ZERO = 1721425  # Julian Day Number of date.fromordinal(1) is 1721426
_JDN_1900_JANUARY_0 = 2415021  # the epoch of Hồ Ngọc Đức's new-moon numbering
_WINTER_SOLSTICE_SECTOR = 9  # 270° / 30°

_STEMS = ("Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý")
_BRANCHES = ("Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi")


class LunarDateError(ValueError):
    """A lunar or solar date that does not exist or lies outside the supported range."""


@dataclass(frozen=True)
class LunarDate:
    """A day of the Vietnamese lunar calendar; `leap` marks a day of the leap month (tháng nhuận)."""

    year: int
    month: int
    day: int
    leap: bool = False


class _Month(NamedTuple):
    year: int
    month: int
    leap: bool
    start: int  # Julian Day Number of day 1
    length: int


def to_lunar(solar: datetime.date) -> LunarDate:
    """Return the lunar date of a solar date. Raises LunarDateError outside FIRST_DATE..LAST_DATE."""
    if not FIRST_DATE <= solar <= LAST_DATE:
        raise LunarDateError(
            f"{solar.isoformat()} is outside the supported range {FIRST_DATE.isoformat()} to "
            f"{LAST_DATE.isoformat()} (lunar years {FIRST_YEAR} to {LAST_YEAR})"
        )
    day_number = _julian_day_number(solar)
    months = _months()
    month = months[bisect.bisect_right(_month_starts(), day_number) - 1]
    return LunarDate(month.year, month.month, day_number - month.start + 1, month.leap)


def to_solar(year: int, month: int, day: int, leap: bool = False) -> datetime.date:
    """Return the solar date of a lunar date; `leap` selects the leap month of that number.

    Raises LunarDateError for a year outside 1900–2100, a month outside 1–12, a leap flag where the
    year has no such leap month, or a day beyond the month's 29 or 30 days.
    """
    lunar_month = _month(year, month, leap)
    if not 1 <= day <= lunar_month.length:
        raise LunarDateError(
            f"lunar day {day} does not exist: {_describe(lunar_month)} has {lunar_month.length} days"
        )
    return _date_of(lunar_month.start + day - 1)


def month_length(year: int, month: int, leap: bool = False) -> int:
    """Return 29 or 30, the number of days of a lunar month. Raises LunarDateError as to_solar."""
    return _month(year, month, leap).length


def leap_month(year: int) -> int | None:
    """Return the number of the leap month of a lunar year, or None in a 12-month year.

    The leap month can come late in the year: 2033 has a leap month 11. Raises LunarDateError for
    a year outside 1900–2100.
    """
    _check_year(year)
    return next((m.month for m in _months_of_year(year) if m.leap), None)


def can_chi_year(year: int) -> str:
    """Return the sexagenary (can chi) name of a lunar year: 2023 → "Quý Mão", 1984 → "Giáp Tý"."""
    return f"{_STEMS[(year + 6) % 10]} {_BRANCHES[(year + 8) % 12]}"


def _month(year: int, month: int, leap: bool) -> _Month:
    _check_year(year)
    if not 1 <= month <= 12:
        raise LunarDateError(f"lunar month {month} does not exist: months run from 1 to 12")
    found = _months_by_key().get((year, month, leap))
    if found is None:
        actual = leap_month(year)
        if actual is None:
            raise LunarDateError(f"lunar year {year} has no leap month")
        raise LunarDateError(
            f"lunar year {year} has no leap month {month}: its leap month is {actual}"
        )
    return found


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise LunarDateError(
            f"lunar year {year} is outside the supported range {FIRST_YEAR} to {LAST_YEAR}"
        )


def _describe(month: _Month) -> str:
    leap = "leap " if month.leap else ""
    return f"{leap}lunar month {month.month} of {month.year}"


def _months_of_year(year: int) -> list[_Month]:
    return [m for m in _months() if m.year == year]


@cache
def _months_by_key() -> dict[tuple[int, int, bool], _Month]:
    return {(m.year, m.month, m.leap): m for m in _months()}


@cache
def _month_starts() -> list[int]:
    return [m.start for m in _months()]


@cache
def _months() -> tuple[_Month, ...]:
    """Every month of the lunar years FIRST_YEAR..LAST_YEAR, in order (about 2,500, ~50 ms)."""
    months = []
    for solar_year in range(FIRST_YEAR, LAST_YEAR + 2):
        months += [m for m in _months_from_month_11(solar_year - 1) if m.year >= FIRST_YEAR]
    return tuple(m for m in months if m.year <= LAST_YEAR)


def _months_from_month_11(solar_year: int) -> list[_Month]:
    """The 12 or 13 months from month 11 of `solar_year` to the next month 11, exclusive."""
    first = _month_11_new_moon(solar_year)
    last = _month_11_new_moon(solar_year + 1)
    starts = [_new_moon_day(k) for k in range(first, last + 1)]
    leap_index = _leap_month_index(starts) if len(starts) == 14 else None
    months = []
    number, year = 11, solar_year
    for index in range(len(starts) - 1):
        is_leap = index == leap_index
        if index > 0 and not is_leap:
            number, year = (1, year + 1) if number == 12 else (number + 1, year)
        months.append(
            _Month(year, number, is_leap, starts[index], starts[index + 1] - starts[index])
        )
    return months


def _leap_month_index(starts: list[int]) -> int:
    """The first month after month 11 (index 0) in which no major solar term begins."""
    return next(
        index
        for index in range(1, len(starts) - 1)
        if _sun_sector(starts[index]) == _sun_sector(starts[index + 1])
    )


def _month_11_new_moon(solar_year: int) -> int:
    """The number of the new moon that starts month 11 (the month of the winter solstice)."""
    k = int(
        (_julian_day_number(datetime.date(solar_year, 12, 31)) - _JDN_1900_JANUARY_0)
        / _SYNODIC_MONTH
    )
    if _sun_sector(_new_moon_day(k)) >= _WINTER_SOLSTICE_SECTOR:
        return k - 1
    return k


def _new_moon_day(k: int) -> int:
    """The Julian Day Number of the day (UTC+7) of new moon number k (k = 0 near 1900-01-01)."""
    return math.floor(_new_moon(k) + 0.5 + UTC_OFFSET_HOURS / 24)


def _sun_sector(day_number: int) -> int:
    """Which 30° sector (0–11, 0 from the vernal equinox) the Sun is in at the day's start (UTC+7)."""
    return math.floor(_sun_longitude(day_number - 0.5 - UTC_OFFSET_HOURS / 24) / math.pi * 6)


def _new_moon(k: int) -> float:
    """The Julian Date (UT) of new moon number k (Meeus, Astronomical Formulae for Calculators)."""
    t = k / 1236.85  # Julian centuries since 1900 January 0.5
    t2, t3 = t * t, t * t * t
    mean = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    mean += 0.00033 * _sin(166.56 + 132.87 * t - 0.009173 * t2)
    sun = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    moon = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    latitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    correction = (
        (0.1734 - 0.000393 * t) * _sin(sun)
        + 0.0021 * _sin(2 * sun)
        - 0.4068 * _sin(moon)
        + 0.0161 * _sin(2 * moon)
        - 0.0004 * _sin(3 * moon)
        + 0.0104 * _sin(2 * latitude)
        - 0.0051 * _sin(sun + moon)
        - 0.0074 * _sin(sun - moon)
        + 0.0004 * _sin(2 * latitude + sun)
        - 0.0004 * _sin(2 * latitude - sun)
        - 0.0006 * _sin(2 * latitude + moon)
        + 0.0010 * _sin(2 * latitude - moon)
        + 0.0005 * _sin(2 * moon + sun)
    )
    delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2  # TT − UT in days
    return mean + correction - delta_t


def _sun_longitude(julian_date: float) -> float:
    """The Sun's true geometric longitude in radians, 0 ≤ λ < 2π (Meeus, Astronomical Algorithms)."""
    t = (julian_date - 2451545.0) / 36525  # Julian centuries since J2000.0
    t2 = t * t
    anomaly = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    mean_longitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    centre = (
        (1.914600 - 0.004817 * t - 0.000014 * t2) * _sin(anomaly)
        + (0.019993 - 0.000101 * t) * _sin(2 * anomaly)
        + 0.000290 * _sin(3 * anomaly)
    )
    return math.radians(mean_longitude + centre) % (2 * math.pi)


def _sin(degrees: float) -> float:
    return math.sin(math.radians(degrees))


def _julian_day_number(solar: datetime.date) -> int:
    return solar.toordinal() + _JDN_OF_ORDINAL_ZERO


def _date_of(day_number: int) -> datetime.date:
    return datetime.date.fromordinal(day_number - _JDN_OF_ORDINAL_ZERO)
