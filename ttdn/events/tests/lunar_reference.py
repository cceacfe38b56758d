"""An independent Vietnamese lunar calendar, for testing ttdn.events.lunar only.

ttdn.events.lunar follows Hồ Ngọc Đức's algorithm: Meeus's short series for the new moons and the
Sun, evaluated month by month. This module shares none of that code. It takes the astronomy from
PyEphem (VSOP87 for the Sun, ELP 2000 for the Moon, apparent positions, its own ΔT; all bundled,
nothing downloaded), lists every new moon and every major solar term (trung khí: the Sun's
apparent longitude reaching a multiple of 30°) as local days, and then applies the calendar's
rules to those two lists of days:

- a month runs from one new-moon day to the day before the next;
- month 11 is the month in which the winter solstice (270°) falls;
- between two months 11 with 13 months in between, the first month after month 11 in which no
  major term falls is the leap month, and takes the number of the month before it.

Local days are UTC+7 for the Vietnamese calendar; UTC+8 gives the Chinese one.
"""

import bisect
import datetime
import itertools
import math
from typing import NamedTuple

import ephem

VIETNAM_UTC_OFFSET = 7
CHINA_UTC_OFFSET = 8
_DUBLIN_JD_EPOCH = 2415020  # PyEphem counts days from 1899-12-31 12:00 UT
_JDN_OF_ORDINAL_ZERO = 1721425
_WINTER_SOLSTICE = 270


class ReferenceMonth(NamedTuple):
    year: int
    month: int
    leap: bool
    start: datetime.date
    length: int


def lunar_months(
    first_year: int, last_year: int, utc_offset: int = VIETNAM_UTC_OFFSET
) -> list[ReferenceMonth]:
    """Every month of the lunar years first_year..last_year, in order, for a meridian (hours)."""
    span_start = ephem.Date(datetime.date(first_year - 1, 10, 1))
    span_end = ephem.Date(datetime.date(last_year + 2, 3, 1))
    new_moons = new_moon_days(span_start, span_end, utc_offset)
    terms = major_term_days(span_start, span_end, utc_offset)
    solstices = [day for day, longitude in terms if longitude == _WINTER_SOLSTICE]
    term_days = [day for day, _ in terms]
    months: list[ReferenceMonth] = []
    for this_solstice, next_solstice in itertools.pairwise(solstices):
        months += _months_between(new_moons, term_days, this_solstice, next_solstice)
    return [m for m in months if first_year <= m.year <= last_year]


def new_moon_days(start: ephem.Date, end: ephem.Date, utc_offset: int) -> list[int]:
    """The Julian Day Numbers (local days) of every new moon between start and end."""
    days = []
    moment = ephem.next_new_moon(start)
    while moment < end:
        days.append(local_day(moment, utc_offset))
        moment = ephem.next_new_moon(moment + 1)
    return days


def major_term_days(start: ephem.Date, end: ephem.Date, utc_offset: int) -> list[tuple[int, int]]:
    """(local day, longitude in degrees) of every major solar term between start and end."""
    terms = []
    longitude = math.ceil(sun_longitude(start) / 30) * 30 % 360
    moment = start
    while moment < end:
        moment = _moment_of_longitude(longitude, near=moment + 15)
        terms.append((local_day(moment, utc_offset), longitude))
        longitude = (longitude + 30) % 360
    return terms


def sun_longitude(moment: float) -> float:
    """The Sun's apparent geocentric ecliptic longitude of date, in degrees, at a UT moment."""
    sun = ephem.Sun(ephem.Date(moment))
    equatorial = ephem.Equatorial(sun.g_ra, sun.g_dec, epoch=ephem.Date(moment))
    return math.degrees(ephem.Ecliptic(equatorial).lon)


def local_day(moment: float, utc_offset: int) -> int:
    """The Julian Day Number of the local day in which a UT moment (PyEphem date) falls."""
    return math.floor(moment + _DUBLIN_JD_EPOCH + 0.5 + utc_offset / 24)


def _moment_of_longitude(longitude: int, near: float) -> ephem.Date:
    def distance(moment: float) -> float:
        return (sun_longitude(moment) - longitude + 180) % 360 - 180

    return ephem.Date(ephem.newton(distance, near, near + 0.1))


def _months_between(
    new_moons: list[int], term_days: list[int], this_solstice: int, next_solstice: int
) -> list[ReferenceMonth]:
    """The months from the month of one winter solstice to the month before the next one's."""
    first = max(i for i, day in enumerate(new_moons) if day <= this_solstice)
    last = max(i for i, day in enumerate(new_moons) if day <= next_solstice)
    starts = new_moons[first : last + 1]
    has_term = [_any_between(term_days, a, b) for a, b in itertools.pairwise(starts)]
    leap_index = has_term.index(False, 1) if len(starts) == 14 else None
    solstice_year = _date(this_solstice).year
    months = []
    number, year = 11, solstice_year
    for index in range(len(starts) - 1):
        is_leap = index == leap_index
        if index > 0 and not is_leap:
            number, year = (1, year + 1) if number == 12 else (number + 1, year)
        months.append(
            ReferenceMonth(
                year, number, is_leap, _date(starts[index]), starts[index + 1] - starts[index]
            )
        )
    return months


def _any_between(sorted_days: list[int], first: int, end: int) -> bool:
    """Whether any of sorted_days lies in first..end-1."""
    return bisect.bisect_left(sorted_days, first) < bisect.bisect_left(sorted_days, end)


def _date(day_number: int) -> datetime.date:
    return datetime.date.fromordinal(day_number - _JDN_OF_ORDINAL_ZERO)
