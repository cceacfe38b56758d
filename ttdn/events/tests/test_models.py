import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from ttdn.events.enums import CalendarKind, Category, Scope, YearClass, classify, even_classes
from ttdn.events.models import Commemoration
from ttdn.events.tests.factories import CommemorationFactory, local
from ttdn.org.enums import Role
from ttdn.org.tests.factories import member


def names(commemorations):
    return sorted(c.name for c in commemorations)


@pytest.fixture
def local_days(cast):
    """A national day, one day of each cast unit, and one of the outsider's province."""
    CommemorationFactory(name="Quốc khánh")
    local(cast.so, "Ngày của Sở", day=1, month=2, origin_year=1955)
    local(cast.phong, "Ngày của Phòng", day=1, month=3, origin_year=1960, scope=Scope.LOCAL)
    local(cast.school_a, "Ngày của trường A", day=1, month=4, origin_year=1970, scope=Scope.LOCAL)
    local(cast.school_b, "Ngày của trường B", day=1, month=5, origin_year=1980, scope=Scope.LOCAL)
    local(cast.outsider_so, "Ngày của tỉnh khác", day=1, month=6, origin_year=1963)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"month": 2, "day": 30}, "day", "30/2 is not a date."),
        ({"month": 4, "day": 31}, "day", "31/4 is not a date."),
        (
            {"month": 2, "day": 29, "origin_year": 1993},
            "day",
            "1993 is not a leap year: it has no 29 February.",
        ),
        ({"month": 13, "day": 1}, "month", "A month runs from 1 to 12."),
        (
            {"calendar": CalendarKind.LUNAR, "month": 3, "day": 31},
            "day",
            "A lunar month has 29 or 30 days.",
        ),
        ({"origin_year": 2101}, "origin_year", "The origin year must lie between 1 and 2100."),
    ],
)
def test_commemoration_clean_refuses_an_impossible_date_with_the_reason(db, fields, field, message):
    commemoration = Commemoration(
        name="X",
        scope=Scope.NATIONAL,
        category=Category.HISTORY,
        **{"month": 1, "day": 1, **fields},
    )

    with pytest.raises(ValidationError) as refused:
        commemoration.clean()

    assert refused.value.message_dict[field] == [message]


def test_commemoration_clean_accepts_29_february_of_a_leap_year_and_lunar_day_30(db):
    leap_day = Commemoration(
        name="X", scope=Scope.NATIONAL, category=Category.HISTORY, month=2, day=29, origin_year=1992
    )
    lunar_30 = Commemoration(
        name="Y",
        scope=Scope.NATIONAL,
        category=Category.CULTURE,
        calendar=CalendarKind.LUNAR,
        month=12,
        day=30,
    )

    assert (leap_day.clean(), lunar_30.clean()) == (None, None)


def test_commemoration_clean_wants_a_unit_for_a_local_scope_and_none_for_a_national_one(cast):
    without_unit = Commemoration(
        name="X", scope=Scope.LOCAL, category=Category.HISTORY, month=1, day=1
    )
    with_unit = Commemoration(
        name="Y",
        scope=Scope.NATIONAL,
        category=Category.HISTORY,
        month=1,
        day=1,
        unit=cast.school_a,
    )

    errors = []
    for commemoration in (without_unit, with_unit):
        with pytest.raises(ValidationError) as refused:
            commemoration.clean()
        errors.append(refused.value.message_dict["unit"])

    assert errors == [
        ["A provincial or local commemoration belongs to a unit."],
        ["Only a provincial or local commemoration belongs to a unit."],
    ]


def test_commemoration_database_refuses_a_local_one_without_a_unit(db):
    with pytest.raises(IntegrityError):
        Commemoration.objects.create(
            name="X", scope=Scope.LOCAL, category=Category.HISTORY, month=1, day=1
        )


def test_visible_to_school_officer_sees_national_own_and_the_units_above(cast, local_days):
    assert names(Commemoration.objects.visible_to(cast.teacher_a)) == [
        "Ngày của Phòng",
        "Ngày của Sở",
        "Ngày của trường A",
        "Quốc khánh",
    ]


def test_visible_to_phong_officer_sees_its_schools_days(cast, local_days):
    assert names(Commemoration.objects.visible_to(cast.phong_officer)) == [
        "Ngày của Phòng",
        "Ngày của Sở",
        "Ngày của trường A",
        "Ngày của trường B",
        "Quốc khánh",
    ]


def test_visible_to_outsider_sees_nothing_of_this_province(cast, local_days):
    assert names(Commemoration.objects.visible_to(cast.outsider)) == [
        "Ngày của tỉnh khác",
        "Quốc khánh",
    ]


def test_visible_to_operator_sees_everything(cast, local_days):
    assert Commemoration.objects.visible_to(cast.operator).count() == 6


def test_for_unit_holds_national_own_and_ancestors_not_siblings(cast, local_days):
    assert names(Commemoration.objects.for_unit(cast.school_b)) == [
        "Ngày của Phòng",
        "Ngày của Sở",
        "Ngày của trường B",
        "Quốc khánh",
    ]


def test_editable_by_officers_and_leaders_of_the_unit_or_above_only(cast, local_days):
    viewer = member("viewer", cast.phong, Role.VIEWER)

    editable = {
        who: names(Commemoration.objects.editable_by(user))
        for who, user in [
            ("teacher_a", cast.teacher_a),
            ("phong_leader", cast.phong_leader),
            ("viewer", viewer),
            ("outsider", cast.outsider),
        ]
    }

    assert editable == {
        "teacher_a": ["Ngày của trường A"],
        "phong_leader": ["Ngày của Phòng", "Ngày của trường A", "Ngày của trường B"],
        "viewer": [],
        "outsider": ["Ngày của tỉnh khác"],
    }


@pytest.mark.parametrize(
    ("ordinal", "year_class"),
    [
        (1, YearClass.OTHER),
        (5, YearClass.HALF),
        (10, YearClass.ROUND),
        (92, YearClass.OTHER),
        (95, YearClass.HALF),
        (130, YearClass.ROUND),
    ],
)
def test_classify_follows_decree_145_2013(ordinal, year_class):
    assert classify(ordinal) == year_class


def test_even_classes_per_rule():
    assert (even_classes("round"), even_classes("round_and_half")) == (
        frozenset({YearClass.ROUND}),
        frozenset({YearClass.ROUND, YearClass.HALF}),
    )
