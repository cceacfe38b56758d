import datetime
import itertools

import pytest
from django.utils import translation

from ttdn.reports import periods
from ttdn.reports.enums import PeriodKind
from ttdn.reports.periods import InvalidPeriod, Period, SubmissionWindow, Window

D = datetime.date


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (Period(PeriodKind.MONTH, 2026, 2), D(2026, 2, 1), D(2026, 2, 28)),
        (Period(PeriodKind.MONTH, 2024, 2), D(2024, 2, 1), D(2024, 2, 29)),
        (Period(PeriodKind.QUARTER, 2026, 1), D(2026, 1, 1), D(2026, 3, 31)),
        (Period(PeriodKind.QUARTER, 2026, 4), D(2026, 10, 1), D(2026, 12, 31)),
        (Period(PeriodKind.HALF_YEAR, 2026, 1), D(2026, 1, 1), D(2026, 6, 30)),
        (Period(PeriodKind.HALF_YEAR, 2026, 2), D(2026, 7, 1), D(2026, 12, 31)),
        (Period(PeriodKind.YEAR, 2026), D(2026, 1, 1), D(2026, 12, 31)),
        (Period(PeriodKind.YEAR, 2026, start_month=4), D(2026, 4, 1), D(2027, 3, 31)),
        (Period(PeriodKind.QUARTER, 2026, 4, start_month=4), D(2027, 1, 1), D(2027, 3, 31)),
        (Period(PeriodKind.HALF_YEAR, 2026, 2, start_month=9), D(2027, 3, 1), D(2027, 8, 31)),
        (Period(PeriodKind.SCHOOL_YEAR, 2025), D(2025, 9, 1), D(2026, 8, 31)),
        (Period(PeriodKind.SEMESTER, 2025, 1), D(2025, 9, 1), D(2026, 1, 15)),
        (Period(PeriodKind.SEMESTER, 2025, 2), D(2026, 1, 16), D(2026, 8, 31)),
    ],
)
def test_period_calendar_span(period, start, end):
    assert period.calendar == Window(start, end)


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        # Nghị định 09/2019/NĐ-CP, Điều 12
        (Period(PeriodKind.MONTH, 2026, 3), D(2026, 2, 15), D(2026, 3, 14)),
        (Period(PeriodKind.MONTH, 2026, 1), D(2025, 12, 15), D(2026, 1, 14)),
        (Period(PeriodKind.QUARTER, 2026, 1), D(2025, 12, 15), D(2026, 3, 14)),
        (Period(PeriodKind.QUARTER, 2026, 2), D(2026, 3, 15), D(2026, 6, 14)),
        (Period(PeriodKind.QUARTER, 2026, 4), D(2026, 9, 15), D(2026, 12, 14)),
        (Period(PeriodKind.HALF_YEAR, 2026, 1), D(2025, 12, 15), D(2026, 6, 14)),
        (Period(PeriodKind.HALF_YEAR, 2026, 2), D(2026, 6, 15), D(2026, 12, 14)),
        (Period(PeriodKind.YEAR, 2026), D(2025, 12, 15), D(2026, 12, 14)),
        # no legal cut-off: the calendar span
        (Period(PeriodKind.YEAR, 2026, start_month=4), D(2026, 4, 1), D(2027, 3, 31)),
        (Period(PeriodKind.SCHOOL_YEAR, 2025), D(2025, 9, 1), D(2026, 8, 31)),
        (Period(PeriodKind.SEMESTER, 2025, 2), D(2026, 1, 16), D(2026, 8, 31)),
    ],
)
def test_period_data_window_follows_decree_09_where_it_applies(period, start, end):
    assert period.data_window() == Window(start, end)


def test_period_data_window_without_cutoff_is_the_calendar_span():
    period = Period(PeriodKind.YEAR, 2026)

    window = period.data_window(cutoff=False)

    assert window == Window(D(2026, 1, 1), D(2026, 12, 31))


def test_period_data_windows_of_consecutive_quarters_tile_the_year():
    quarters = [Period(PeriodKind.QUARTER, 2026, n).data_window() for n in (1, 2, 3, 4)]

    gaps = [(b.start - a.end).days for a, b in itertools.pairwise(quarters)]

    assert (gaps, sum(q.days for q in quarters)) == ([1, 1, 1], 365)


def test_semesters_tile_the_school_year():
    first, second = Period(PeriodKind.SEMESTER, 2025, 1), Period(PeriodKind.SEMESTER, 2025, 2)

    total = first.calendar.days + second.calendar.days

    assert (total, first.calendar.end + datetime.timedelta(days=1)) == (
        Period(PeriodKind.SCHOOL_YEAR, 2025).calendar.days,
        second.calendar.start,
    )


def test_default_submission_window_follows_the_data_window():
    window = Period(PeriodKind.HALF_YEAR, 2026, 1).default_submission_window()

    assert window == SubmissionWindow(D(2026, 6, 15), D(2026, 6, 19), D(2026, 6, 29))


def test_submission_window_must_be_in_order():
    with pytest.raises(InvalidPeriod):
        SubmissionWindow(D(2026, 5, 5), D(2026, 5, 1), D(2026, 5, 10))


@pytest.mark.parametrize(
    ("kind", "day", "start_month", "expected"),
    [
        (PeriodKind.MONTH, D(2026, 5, 31), 1, "2026-M05"),
        (PeriodKind.QUARTER, D(2026, 5, 5), 1, "2026-Q2"),
        (PeriodKind.HALF_YEAR, D(2026, 7, 1), 1, "2026-H2"),
        (PeriodKind.YEAR, D(2026, 3, 1), 4, "2025-Y~04"),
        (PeriodKind.SCHOOL_YEAR, D(2026, 5, 5), 1, "2025-SY"),
        (PeriodKind.SCHOOL_YEAR, D(2026, 9, 1), 1, "2026-SY"),
        (PeriodKind.SEMESTER, D(2026, 1, 15), 1, "2025-S1"),
        (PeriodKind.SEMESTER, D(2026, 1, 16), 1, "2025-S2"),
        (PeriodKind.SEMESTER, D(2025, 8, 31), 1, "2024-S2"),
    ],
)
def test_containing_finds_the_period_of_a_day(kind, day, start_month, expected):
    assert periods.containing(kind, day, start_month=start_month).key == expected


@pytest.mark.parametrize(
    "key",
    ["2026-M03", "2026-Q2", "2026-H1", "2026-Y", "2026-Y~04", "2025-SY", "2025-S2", "2026-Q3~09"],
)
def test_parse_reads_back_every_key(key):
    assert periods.parse(key).key == key


@pytest.mark.parametrize("key", ["2026-Q5", "2026-Y1", "2026-Q", "26-Q1", "2026-M13", "hello"])
def test_parse_refuses_what_is_not_a_period(key):
    with pytest.raises(InvalidPeriod):
        periods.parse(key)


@pytest.mark.parametrize(
    ("period", "steps", "expected"),
    [
        (Period(PeriodKind.MONTH, 2026, 12), 1, "2027-M01"),
        (Period(PeriodKind.MONTH, 2026, 1), -1, "2025-M12"),
        (Period(PeriodKind.QUARTER, 2026, 4), 1, "2027-Q1"),
        (Period(PeriodKind.HALF_YEAR, 2026, 1), -1, "2025-H2"),
        (Period(PeriodKind.SEMESTER, 2025, 2), 1, "2026-S1"),
        (Period(PeriodKind.SCHOOL_YEAR, 2025), -2, "2023-SY"),
        (Period(PeriodKind.YEAR, 2026, start_month=4), 1, "2027-Y~04"),
    ],
)
def test_shifted_steps_across_years(period, steps, expected):
    assert period.shifted(steps).key == expected


def test_invalid_numbers_are_refused():
    with pytest.raises(InvalidPeriod):
        Period(PeriodKind.QUARTER, 2026, 0)


def test_invalid_start_month_is_refused():
    with pytest.raises(InvalidPeriod):
        Period(PeriodKind.YEAR, 2026, start_month=13)


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period(PeriodKind.MONTH, 2026, 3), "Tháng 3/2026"),
        (Period(PeriodKind.QUARTER, 2026, 2), "Quý II/2026"),
        (Period(PeriodKind.HALF_YEAR, 2026, 1), "6 tháng đầu năm 2026"),
        (Period(PeriodKind.HALF_YEAR, 2026, 2), "6 tháng cuối năm 2026"),
        (Period(PeriodKind.YEAR, 2026), "Năm 2026"),
        (Period(PeriodKind.SCHOOL_YEAR, 2025), "Năm học 2025–2026"),
        (Period(PeriodKind.SEMESTER, 2025, 1), "Học kỳ I năm học 2025–2026"),
    ],
)
def test_label_is_what_people_call_the_period(period, label):
    with translation.override("vi"):
        assert period.label == label


def test_periods_between_lists_a_trend_axis():
    found = periods.periods_between(PeriodKind.HALF_YEAR, D(2025, 3, 1), D(2026, 8, 1))

    assert [p.key for p in found] == ["2025-H1", "2025-H2", "2026-H1", "2026-H2"]


def test_day_in_window():
    window = Period(PeriodKind.QUARTER, 2026, 2).data_window()

    assert D(2026, 3, 15) in window
    assert D(2026, 6, 15) not in window
