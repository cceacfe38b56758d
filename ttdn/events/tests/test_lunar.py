"""The Vietnamese lunar calendar: published dates, an independent computation, bad input."""

import datetime
import itertools

import ephem
import pytest

from ttdn.events.lunar import (
    FIRST_DATE,
    FIRST_YEAR,
    LAST_DATE,
    LAST_YEAR,
    LunarDate,
    LunarDateError,
    can_chi_year,
    leap_month,
    month_length,
    to_lunar,
    to_solar,
)
from ttdn.events.tests.lunar_reference import (
    CHINA_UTC_OFFSET,
    VIETNAM_UTC_OFFSET,
    ReferenceMonth,
    lunar_months,
)

date = datetime.date
ONE_DAY = datetime.timedelta(days=1)

# Tết Nguyên đán (1 tháng Giêng) as published in Vietnamese calendars.
# 1968: the North adopted the UTC+7 calendar in 1967; the South, still on UTC+8, kept 30 January.
PUBLISHED_TET = {
    1900: date(1900, 1, 31),
    1945: date(1945, 2, 13),
    1968: date(1968, 1, 29),
    1975: date(1975, 2, 11),
    1985: date(1985, 1, 21),
    2000: date(2000, 2, 5),
    2007: date(2007, 2, 17),
    2010: date(2010, 2, 14),
    2020: date(2020, 1, 25),
    2021: date(2021, 2, 12),
    2022: date(2022, 2, 1),
    2023: date(2023, 1, 22),
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2030: date(2030, 2, 2),
}

# Years in which the Vietnamese (UTC+7) and Chinese (UTC+8) new years fall on different days.
TET_IN_VIETNAM_AND_CHINA = [
    (1985, date(1985, 1, 21), date(1985, 2, 20)),
    (2007, date(2007, 2, 17), date(2007, 2, 18)),
    (2030, date(2030, 2, 2), date(2030, 2, 3)),
]

PUBLISHED_LEAP_MONTHS = {
    1985: 2,
    2014: 9,
    2017: 6,
    2020: 4,
    2023: 2,
    2024: None,
    2025: 6,
    2026: None,
    2033: 11,
}

# Giỗ Tổ Hùng Vương, 10 tháng 3 âm lịch, a public holiday.
HUNG_KINGS_COMMEMORATION = {
    2019: date(2019, 4, 14),
    2021: date(2021, 4, 21),
    2022: date(2022, 4, 10),
    2023: date(2023, 4, 29),
    2024: date(2024, 4, 18),
    2025: date(2025, 4, 7),
    2026: date(2026, 4, 26),
}

# Where the independent computation disagrees with Hồ Ngọc Đức's algorithm over 1900–2100: three
# new moons that fall within two minutes of midnight UTC+7, closer than the algorithm's short
# series (and its ΔT, the difference between Earth rotation time and uniform time) can resolve.
# The classic day is kept, for the reason given; every other month start of the 201 years agrees.
# (Hồ Ngọc Đức's packed tables also start month 4 of 2054 on 7 May, where both computations and
# his own list of new moons, "08/05 00:00", give 8 May: a table glitch, not a boundary to follow.)
BOUNDARY_NEW_MOONS = {
    (1944, 5, False): (
        date(1944, 6, 21),
        date(1944, 6, 20),
        "new moon 23:59:32 on 20 June (UTC+7). In 1944 Vietnam still used the UTC+8 calendar, "
        "in which it fell at 00:59 on 21 June, and published Vietnamese tables give 21 June",
    ),
    (2072, 11, False): (
        date(2072, 12, 10),
        date(2072, 12, 9),
        "new moon 00:01 on 10 December in uniform time (TT); it falls before midnight only if "
        "ΔT exceeds 67 s, which cannot be known yet. Hồ Ngọc Đức's own tables give 9 December; "
        "the official calendar for 2072 will settle it",
    ),
    (2077, 10, False): (
        date(2077, 11, 16),
        date(2077, 11, 15),
        "new moon 00:02 on 16 November in uniform time (TT); it falls before midnight only if "
        "ΔT exceeds 145 s (PyEphem extrapolates 171 s), which cannot be known yet. "
        "Hồ Ngọc Đức's own tables give 15 November; the official calendar for 2077 will settle it",
    ),
}


@pytest.fixture(scope="module")
def reference_months() -> list[ReferenceMonth]:
    return lunar_months(FIRST_YEAR, LAST_YEAR, VIETNAM_UTC_OFFSET)


def months_of(year: int) -> list[tuple[int, bool]]:
    """(month, leap) of every month of a lunar year, in order, through the public API."""
    leap = leap_month(year)
    months = []
    for month in range(1, 13):
        months.append((month, False))
        if month == leap:
            months.append((month, True))
    return months


def round_trip(solar: date) -> date:
    lunar = to_lunar(solar)
    return to_solar(lunar.year, lunar.month, lunar.day, lunar.leap)


@pytest.mark.parametrize(("year", "tet"), PUBLISHED_TET.items())
def test_to_solar_gives_the_published_tet(year: int, tet: date) -> None:
    solar = to_solar(year, 1, 1)

    assert solar == tet


@pytest.mark.parametrize(("year", "tet"), PUBLISHED_TET.items())
def test_to_lunar_of_tet_is_the_first_day_of_the_year(year: int, tet: date) -> None:
    lunar = to_lunar(tet)

    assert lunar == LunarDate(year, 1, 1, leap=False)


@pytest.mark.parametrize(("year", "vietnam", "china"), TET_IN_VIETNAM_AND_CHINA)
def test_tet_follows_the_vietnamese_meridian_not_the_chinese(
    year: int, vietnam: date, china: date
) -> None:
    chinese_months = lunar_months(year, year, CHINA_UTC_OFFSET)

    vietnamese_tet = to_solar(year, 1, 1)

    assert (vietnamese_tet, chinese_months[0].start) == (vietnam, china)


@pytest.mark.parametrize(("year", "leap"), PUBLISHED_LEAP_MONTHS.items())
def test_leap_month_is_the_published_one(year: int, leap: int | None) -> None:
    month = leap_month(year)

    assert month == leap


@pytest.mark.parametrize(("year", "solar"), HUNG_KINGS_COMMEMORATION.items())
def test_to_solar_gives_the_hung_kings_commemoration(year: int, solar: date) -> None:
    commemoration = to_solar(year, 3, 10)

    assert commemoration == solar


def test_to_lunar_reads_a_day_of_the_leap_month() -> None:
    first_of_leap_month_2 = date(2023, 3, 22)

    lunar = to_lunar(first_of_leap_month_2)

    assert lunar == LunarDate(2023, 2, 1, leap=True)


def test_to_solar_tells_a_leap_month_from_the_regular_one() -> None:
    regular, leap = to_solar(2023, 2, 15), to_solar(2023, 2, 15, leap=True)

    assert (regular, leap) == (date(2023, 3, 6), date(2023, 4, 5))


def test_month_length_is_29_or_30_days() -> None:
    lengths = {
        month_length(year, m, leap) for year in range(1900, 2101) for m, leap in months_of(year)
    }

    assert lengths == {29, 30}


def test_to_lunar_covers_exactly_the_supported_range() -> None:
    last_day = month_length(LAST_YEAR, 12)

    ends = (to_lunar(date(1900, 1, 31)), to_lunar(date(2101, 1, 28)))

    assert ends == (LunarDate(1900, 1, 1), LunarDate(2100, 12, last_day))


def test_to_solar_round_trips_every_day_of_the_supported_range() -> None:
    days = [FIRST_DATE + n * ONE_DAY for n in range((LAST_DATE - FIRST_DATE).days + 1)]

    mismatches = [d for d in days if round_trip(d) != d]

    assert mismatches == []


def test_to_lunar_counts_each_day_once_month_after_month() -> None:
    """Consecutive days are consecutive lunar days, or day 1 of the next month after the last."""
    days = [FIRST_DATE + n * ONE_DAY for n in range((LAST_DATE - FIRST_DATE).days + 1)]
    lunar = [to_lunar(d) for d in days]

    jumps = [
        (before, after)
        for before, after in itertools.pairwise(lunar)
        if after.day != before.day + 1
        and not (
            after.day == 1 and before.day == month_length(before.year, before.month, before.leap)
        )
    ]

    assert jumps == []


def test_months_match_an_independent_astronomical_computation(
    reference_months: list[ReferenceMonth],
) -> None:
    """Every month start and leap month of 1900–2100 against PyEphem; only the listed exceptions differ."""
    reference = {(m.year, m.month, m.leap): m.start for m in reference_months}
    classic = {
        (year, m, leap): to_solar(year, m, 1, leap)
        for year in range(1900, 2101)
        for m, leap in months_of(year)
    }

    differences = {
        key: (classic[key], reference[key]) for key in classic if classic[key] != reference.get(key)
    }

    assert sorted(classic) == sorted(reference)
    assert differences == {
        key: (classic_day, reference_day)
        for key, (classic_day, reference_day, _reason) in BOUNDARY_NEW_MOONS.items()
    }


def test_last_month_ends_on_the_eve_of_the_independently_computed_tet_2101(
    reference_months: list[ReferenceMonth],
) -> None:
    last = reference_months[-1]

    reference_last_day = last.start + (last.length - 1) * ONE_DAY

    assert reference_last_day == LAST_DATE


@pytest.mark.parametrize("known", BOUNDARY_NEW_MOONS.values())
def test_boundary_new_moons_fall_within_two_minutes_of_midnight(
    known: tuple[date, date, str],
) -> None:
    classic_day, reference_day, _reason = known
    new_moon = ephem.next_new_moon(ephem.Date(reference_day - ONE_DAY))
    local_midnight = ephem.Date(datetime.datetime.combine(classic_day, datetime.time()))

    minutes_to_midnight = (local_midnight - (new_moon + VIETNAM_UTC_OFFSET * ephem.hour)) * 24 * 60

    assert reference_day == classic_day - ONE_DAY
    assert 0 < minutes_to_midnight < 2


@pytest.mark.parametrize(
    ("year", "name"),
    [
        (1945, "Ất Dậu"),
        (1968, "Mậu Thân"),
        (1984, "Giáp Tý"),
        (2023, "Quý Mão"),
        (2025, "Ất Tỵ"),
        (2026, "Bính Ngọ"),
    ],
)
def test_can_chi_year_names_the_year(year: int, name: str) -> None:
    result = can_chi_year(year)

    assert result == name


@pytest.mark.parametrize(
    ("year", "month", "day", "leap", "reason"),
    [
        (2023, 1, 30, False, "lunar day 30 does not exist: lunar month 1 of 2023 has 29 days"),
        (2023, 2, 30, True, "lunar day 30 does not exist: leap lunar month 2 of 2023 has 29 days"),
        (2023, 2, 0, False, "lunar day 0 does not exist: lunar month 2 of 2023 has 30 days"),
        (2023, 13, 1, False, "lunar month 13 does not exist: months run from 1 to 12"),
        (2023, 0, 1, False, "lunar month 0 does not exist: months run from 1 to 12"),
        (2023, 3, 1, True, "lunar year 2023 has no leap month 3: its leap month is 2"),
        (2024, 2, 1, True, "lunar year 2024 has no leap month"),
        (1899, 1, 1, False, "lunar year 1899 is outside the supported range 1900 to 2100"),
        (2101, 1, 1, False, "lunar year 2101 is outside the supported range 1900 to 2100"),
    ],
)
def test_to_solar_refuses_an_impossible_date_with_the_reason(
    year: int, month: int, day: int, leap: bool, reason: str
) -> None:
    with pytest.raises(LunarDateError) as error:
        to_solar(year, month, day, leap)

    assert str(error.value) == reason


@pytest.mark.parametrize(
    ("solar", "reason"),
    [
        (
            date(1900, 1, 30),
            "1900-01-30 is outside the supported range 1900-01-31 to 2101-01-28 (lunar years 1900 to 2100)",
        ),
        (
            date(2101, 1, 29),
            "2101-01-29 is outside the supported range 1900-01-31 to 2101-01-28 (lunar years 1900 to 2100)",
        ),
    ],
)
def test_to_lunar_refuses_a_date_outside_the_supported_range(solar: date, reason: str) -> None:
    with pytest.raises(LunarDateError) as error:
        to_lunar(solar)

    assert str(error.value) == reason


def test_leap_month_and_month_length_refuse_a_year_outside_the_range() -> None:
    with pytest.raises(LunarDateError) as leap_error:
        leap_month(2101)
    with pytest.raises(LunarDateError) as length_error:
        month_length(1899, 1)

    assert (str(leap_error.value), str(length_error.value)) == (
        "lunar year 2101 is outside the supported range 1900 to 2100",
        "lunar year 1899 is outside the supported range 1900 to 2100",
    )


def test_lunar_date_error_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="has 29 days"):
        to_solar(2023, 1, 30)
