import datetime

import pytest

from ttdn.events import queries
from ttdn.events.enums import CalendarKind, Scope, YearClass
from ttdn.events.models import Commemoration
from ttdn.events.tests.factories import CommemorationFactory, local
from ttdn.org.enums import Role
from ttdn.org.tests.factories import member

date = datetime.date
ROUND, HALF, OTHER = YearClass.ROUND, YearClass.HALF, YearClass.OTHER


def rows(items, names):
    """(name, date, ordinal, class, năm chẵn) of the items whose name is in `names`, by date."""
    return [
        (a.commemoration.name, a.date, a.ordinal, a.year_class, a.is_even)
        for a in items
        if a.commemoration.name in names
    ]


def for_unit(unit, year):
    return queries.anniversaries(Commemoration.objects.for_unit(unit).select_related("unit"), year)


# --- The seeds' years -------------------------------------------------------------------------


def test_anniversaries_2022_holds_seed_000s_anniversaries_for_hai_phong(cast, reference):
    names = {
        "Ngày thành lập Đảng Cộng sản Việt Nam",
        "Ngày giải phóng Hải Phòng",
        "Ngày sinh Chủ tịch Hồ Chí Minh",
        "Cách mạng Tháng Tám",
        "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Tết Nguyên đán",
    }

    items = for_unit(cast.school_a, 2022)

    assert rows(items, names) == [
        ("Tết Nguyên đán", date(2022, 2, 1), None, None, False),
        ("Ngày thành lập Đảng Cộng sản Việt Nam", date(2022, 2, 3), 92, OTHER, False),
        ("Ngày giải phóng Hải Phòng", date(2022, 5, 13), 67, OTHER, False),
        ("Ngày sinh Chủ tịch Hồ Chí Minh", date(2022, 5, 19), 132, OTHER, False),
        ("Cách mạng Tháng Tám", date(2022, 8, 19), 77, OTHER, False),
        ("Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam", date(2022, 9, 2), 77, OTHER, False),
    ]


def test_anniversaries_2023_holds_quang_ninh_and_the_round_relations_with_france_and_japan(
    cast, reference
):
    names = {
        "Ngày thành lập tỉnh Quảng Ninh",
        "Ngày thiết lập quan hệ ngoại giao Việt Nam - Pháp",
        "Ngày thiết lập quan hệ ngoại giao Việt Nam - Nhật Bản",
    }

    items = for_unit(cast.outsider_school, 2023)

    assert rows(items, names) == [
        ("Ngày thiết lập quan hệ ngoại giao Việt Nam - Pháp", date(2023, 4, 12), 50, ROUND, True),
        (
            "Ngày thiết lập quan hệ ngoại giao Việt Nam - Nhật Bản",
            date(2023, 9, 21),
            50,
            ROUND,
            True,
        ),
        ("Ngày thành lập tỉnh Quảng Ninh", date(2023, 10, 30), 60, ROUND, True),
    ]


def test_anniversaries_2025_holds_the_years_great_round_anniversaries(cast, reference):
    names = {
        "Ngày thành lập Đảng Cộng sản Việt Nam",
        "Ngày Giải phóng miền Nam, thống nhất đất nước",
        "Ngày thiết lập quan hệ ngoại giao Việt Nam - Hoa Kỳ",
        "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam",
    }

    items = for_unit(cast.school_b, 2025)

    assert rows(items, names) == [
        ("Ngày thành lập Đảng Cộng sản Việt Nam", date(2025, 2, 3), 95, HALF, True),
        ("Ngày Giải phóng miền Nam, thống nhất đất nước", date(2025, 4, 30), 50, ROUND, True),
        ("Ngày thiết lập quan hệ ngoại giao Việt Nam - Hoa Kỳ", date(2025, 7, 12), 30, ROUND, True),
        ("Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam", date(2025, 9, 2), 80, ROUND, True),
    ]


def test_anniversaries_half_round_year_is_not_even_under_the_round_rule(cast, reference, settings):
    settings.EVEN_YEAR_RULE = "round"

    items = for_unit(cast.school_b, 2025)

    assert rows(items, {"Ngày thành lập Đảng Cộng sản Việt Nam"}) == [
        ("Ngày thành lập Đảng Cộng sản Việt Nam", date(2025, 2, 3), 95, HALF, False)
    ]


def test_anniversaries_for_a_unit_leave_out_another_provinces_local_day(cast, reference):
    items = for_unit(cast.school_a, 2023)

    assert rows(items, {"Ngày thành lập tỉnh Quảng Ninh", "Ngày giải phóng Hải Phòng"}) == [
        ("Ngày giải phóng Hải Phòng", date(2023, 5, 13), 68, OTHER, False)
    ]


def test_commemorations_for_without_a_unit_holds_every_local_day(cast, reference):
    items = queries.anniversaries(queries.commemorations_for(None), 2023)

    assert [a.commemoration.name for a in items if a.commemoration.unit] == [
        "Ngày giải phóng Hải Phòng",
        "Ngày thành lập tỉnh Quảng Ninh",
    ]


# --- Dates ------------------------------------------------------------------------------------


def test_anniversaries_give_tet_its_vietnamese_date_not_the_chinese(db):
    tet = CommemorationFactory(
        name="Tết Nguyên đán", calendar=CalendarKind.LUNAR, month=1, day=1, origin_year=None
    )

    items = queries.anniversaries([tet], 1985)

    assert [(a.date, a.lunar_date.year, a.lunar_date.month, a.lunar_date.day) for a in items] == [
        (date(1985, 1, 21), 1985, 1, 1)
    ]


def test_anniversaries_move_29_february_to_28_february_in_a_common_year(db):
    brunei = CommemorationFactory(month=2, day=29, origin_year=1992)

    dates = [a.date for year in (2024, 2025) for a in queries.anniversaries([brunei], year)]

    assert dates == [date(2024, 2, 29), date(2025, 2, 28)]


def test_anniversaries_move_lunar_day_30_to_29_in_a_short_month(db):
    eve = CommemorationFactory(
        name="Giao thừa", calendar=CalendarKind.LUNAR, month=12, day=30, origin_year=None
    )

    items = queries.anniversaries([eve], 2025)  # lunar 12/2024 has 29 days; Tết 2025 is 29/1

    assert [(a.date, a.lunar_date.day) for a in items] == [(date(2025, 1, 28), 29)]


def test_anniversaries_find_a_lunar_day_twice_in_one_solar_year(db):
    first_of_the_last_month = CommemorationFactory(
        calendar=CalendarKind.LUNAR, month=12, day=1, origin_year=None
    )

    items = queries.anniversaries([first_of_the_last_month], 2022)

    assert [(a.date, a.lunar_date.year) for a in items] == [
        (date(2022, 1, 3), 2021),
        (date(2022, 12, 23), 2022),
    ]


def test_anniversaries_skip_years_before_and_of_the_origin(db):
    founded = CommemorationFactory(origin_year=2024)

    counts = [len(queries.anniversaries([founded], year)) for year in (2023, 2024, 2025)]

    assert counts == [0, 0, 1]


@pytest.mark.parametrize("year", [1899, 2101, 0, -5])
def test_anniversaries_refuse_a_year_outside_1900_2100(db, year):
    with pytest.raises(
        queries.YearOutOfRange, match="outside the years the calendar covers, 1900 to 2100"
    ):
        queries.anniversaries([], year)


def test_anniversaries_of_1900_skip_a_lunar_day_of_the_uncovered_lunar_1899(db):
    late_in_the_lunar_year = CommemorationFactory(
        calendar=CalendarKind.LUNAR, month=12, day=20, origin_year=None
    )

    items = queries.anniversaries([late_in_the_lunar_year], 1900)

    assert items == []  # lunar 12/20 of 1900 is 8/2/1901


# --- The plan paragraph -----------------------------------------------------------------------


def test_phrase_prints_the_seeds_style(cast, reference):
    party = next(
        a
        for a in for_unit(cast.school_a, 2022)
        if a.commemoration.name.startswith("Ngày thành lập Đảng")
    )

    assert party.phrase == "92 năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 - 3/2/2022)"


def test_plan_paragraph_lists_the_even_anniversaries_separated_by_semicolons(cast, reference):
    items = [
        a
        for a in for_unit(cast.outsider_so, 2023)
        if a.commemoration.unit or a.commemoration.partner in {"France", "Japan"}
    ]

    paragraph = queries.plan_paragraph(items)

    assert paragraph == (
        "50 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Pháp (12/4/1973 - 12/4/2023); "
        "50 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Nhật Bản (21/9/1973 - 21/9/2023); "
        "60 năm Ngày thành lập tỉnh Quảng Ninh (30/10/1963 - 30/10/2023)."
    )


def test_plan_paragraph_is_empty_without_an_even_anniversary(cast, reference):
    items = [a for a in for_unit(cast.school_a, 2022) if not a.is_even]

    assert queries.plan_paragraph(items) == ""


def test_phrase_of_a_lunar_anniversary_names_the_lunar_origin(db):
    lunar_day = CommemorationFactory(
        name="Ngày hội làng", calendar=CalendarKind.LUNAR, month=3, day=10, origin_year=1975
    )

    (item,) = queries.anniversaries([lunar_day], 2025)

    assert item.phrase == "50 năm Ngày hội làng (10/3 âm lịch năm 1975 - 7/4/2025)"


# --- JSON, filters, grid, upcoming --------------------------------------------------------------


def test_to_json_gives_the_issues_fields(cast, reference):
    (item,) = [a for a in for_unit(cast.outsider_so, 2023) if a.commemoration.unit]

    assert queries.to_json(item) == {
        "name": "Ngày thành lập tỉnh Quảng Ninh",
        "date": "2023-10-30",
        "ordinal": 60,
        "class": "round",
        "even": True,
        "scope": "province",
        "category": "history",
        "unit": "SGD-QN",
        "calendar": "solar",
        "lunar": None,
        "origin_year": 1963,
        "verification": "verified",
        "verification_note": "",
    }


def test_filter_anniversaries_keeps_the_chosen_category_scope_and_class(cast, reference):
    items = for_unit(cast.school_a, 2025)

    kept = queries.filter_anniversaries(
        items, category="party_state", scope=Scope.NATIONAL, year_class=YearClass.HALF
    )

    assert [(a.commemoration.name, a.ordinal) for a in kept] == [
        ("Ngày thành lập Đảng Cộng sản Việt Nam", 95),
        ("Ngày sinh Chủ tịch Hồ Chí Minh", 135),
        ("Ngày truyền thống Mặt trận Tổ quốc Việt Nam", 95),
    ]


def test_month_weeks_start_on_monday_and_carry_lunar_dates_and_anniversaries(cast, reference):
    items = for_unit(cast.school_a, 2023)

    weeks = queries.month_weeks(2023, 1, items)

    tet = weeks[3][6]
    assert (
        weeks[0][0].date,
        len(weeks),
        tet.date,
        tet.lunar_date,
        [a.commemoration.name for a in tet.anniversaries],
    ) == (
        date(2022, 12, 26),
        6,
        date(2023, 1, 22),
        queries.LunarDate(2023, 1, 1),
        ["Tết Nguyên đán"],
    )


def test_upcoming_lists_the_next_years_within_the_calendar(db):
    commemoration = CommemorationFactory(origin_year=1950)

    items = queries.upcoming(commemoration, from_year=2098, count=5)

    assert [(a.date.year, a.ordinal, a.year_class) for a in items] == [
        (2098, 148, OTHER),
        (2099, 149, OTHER),
        (2100, 150, ROUND),
    ]


# --- Reminders --------------------------------------------------------------------------------


def test_reminders_list_each_even_anniversary_of_the_lead_time_once(cast, reference):
    member("double-hat", cast.school_a, Role.LEADER)
    person = member("double-hat", cast.school_b, Role.OFFICER)

    due = queries.reminders(person, today=date(2025, 4, 1), lead_days=45)

    assert [(a.commemoration.name, a.date, a.ordinal) for a in due] == [
        ("Ngày Giải phóng miền Nam, thống nhất đất nước", date(2025, 4, 30), 50),
        ("Ngày giải phóng Hải Phòng", date(2025, 5, 13), 70),
    ]


def test_reminders_cross_into_the_next_year(cast, reference):
    due = queries.reminders(cast.phong_officer, today=date(2024, 12, 20), lead_days=44)

    assert [(a.commemoration.name, a.date) for a in due] == [
        ("Ngày thành lập Quân đội nhân dân Việt Nam", date(2024, 12, 22)),
        ("Ngày truyền thống Học sinh - Sinh viên Việt Nam", date(2025, 1, 9)),
        ("Ngày thiết lập quan hệ ngoại giao Việt Nam - Trung Quốc", date(2025, 1, 18)),
        ("Ngày thiết lập quan hệ ngoại giao Việt Nam - Liên bang Nga (Liên Xô)", date(2025, 1, 30)),
        ("Ngày thiết lập quan hệ ngoại giao Việt Nam - Cộng hòa Séc", date(2025, 2, 2)),
        ("Ngày thiết lập quan hệ ngoại giao Việt Nam - Slovakia", date(2025, 2, 2)),
    ]


def test_reminders_leave_out_another_provinces_day_and_viewers(cast, reference):
    viewer = member("viewer", cast.outsider_so, Role.VIEWER)

    outsider = [
        a.commemoration.name
        for a in queries.reminders(cast.outsider, today=date(2025, 4, 1), lead_days=45)
    ]
    viewers = queries.reminders(viewer, today=date(2025, 4, 1), lead_days=45)

    assert (outsider, viewers) == (["Ngày Giải phóng miền Nam, thống nhất đất nước"], [])


def test_reminders_reach_a_school_for_its_provinces_day(cast, db):
    hai_phong = local(cast.so, "Ngày giải phóng Hải Phòng", day=13, month=5, origin_year=1955)

    due = queries.reminders(cast.teacher_a, today=date(2025, 5, 1), lead_days=30)

    assert [a.commemoration for a in due] == [hai_phong]
