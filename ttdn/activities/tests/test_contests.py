"""Multi-level contests: who sees entries (pupils' names are personal data), who judges which
level, and the advancement rules."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ttdn.activities import services
from ttdn.activities.enums import LevelScope, Prize
from ttdn.activities.models import Contest, Entry, Result
from ttdn.org.enums import GroupKind, Role, UnitKind
from ttdn.org.models import UnitGroup
from ttdn.org.tests.factories import UnitFactory, member


@pytest.fixture
def contest(cast):
    """Phòng's contest: a cluster level (school A and school C in one cluster, school B in
    another, one entry advancing per cluster), then the district level."""
    school_c = UnitFactory(
        code="HB-C", name="Trường THCS Hùng Vương", kind=UnitKind.LOWER_SECONDARY, parent=cast.phong
    )
    cluster_1 = UnitGroup.objects.create(
        code="CUM-1", name="Cụm 1", kind=GroupKind.CLUSTER, owner=cast.phong
    )
    cluster_1.members.add(cast.school_a, school_c)
    cluster_2 = UnitGroup.objects.create(
        code="CUM-2", name="Cụm 2", kind=GroupKind.CLUSTER, owner=cast.phong
    )
    cluster_2.members.add(cast.school_b)
    contest = services.organise_contest(
        cast.phong,
        by=cast.phong_officer,
        title="Chúng em với an toàn giao thông",
        year=2026,
        team_size=3,
    )
    services.add_level(
        contest, by=cast.phong_officer, name="Cấp cụm", scope=LevelScope.GROUPS,
        groups=[cluster_1, cluster_2], advance_quota=1, jurors=[cast.teacher_b],
    )  # fmt: skip
    services.add_level(contest, by=cast.phong_officer, name="Cấp quận", scope=LevelScope.WHOLE)
    contest.school_c = school_c
    return contest


def enter(contest, unit, by, title="Đội 1"):
    return services.enter_contest(contest, unit, by=by, title=title, pupils=["Nguyễn Minh An — 8A"])


def levels(contest):
    return list(contest.levels.order_by("rank"))


def test_a_school_sees_its_own_entries_the_organiser_all_the_outsider_none(cast, contest):
    entry_a = enter(contest, cast.school_a, cast.teacher_a)
    entry_c = enter(contest, contest.school_c, cast.phong_officer)

    seen = {
        user: list(Entry.objects.visible_to(user).filter(contest=contest))
        for user in (cast.teacher_a, cast.phong_officer, cast.so_leader, cast.outsider)
    }

    assert seen == {
        cast.teacher_a: [entry_a],
        cast.phong_officer: [entry_a, entry_c],
        cast.so_leader: [entry_a, entry_c],
        cast.outsider: [],
    }


def test_the_outsider_does_not_see_the_contest(cast, contest):
    assert (
        list(Contest.objects.visible_to(cast.outsider)),
        list(Contest.objects.visible_to(cast.teacher_a)),
    ) == ([], [contest])


def test_a_school_cannot_enter_for_another_school_or_too_many_pupils(cast, contest):
    with pytest.raises(PermissionDenied):
        enter(contest, cast.school_b, cast.teacher_a)
    with pytest.raises(ValidationError):
        services.enter_contest(
            contest, cast.school_a, by=cast.teacher_a, title="Đội lớn", pupils=["A", "B", "C", "D"]
        )

    assert contest.entries.count() == 0


def test_entries_close_on_their_day(cast, contest):
    contest.entries_close_on = datetime.date(2026, 3, 1)
    contest.save()

    with pytest.raises(ValidationError):
        services.enter_contest(
            contest, cast.school_a, by=cast.teacher_a, title="Muộn", pupils=["A"],
            on=datetime.date(2026, 3, 2),
        )  # fmt: skip

    assert contest.entries.count() == 0


def test_a_juror_judges_only_the_level_of_the_jury(cast, contest):
    cluster, district = levels(contest)
    entry = enter(contest, cast.school_a, cast.teacher_a)
    services.record_result(
        entry, cluster, by=cast.teacher_b, score=Decimal("9.5"), prize=Prize.FIRST
    )
    services.set_advancement(
        Result.objects.get(entry=entry, level=cluster), by=cast.teacher_b, advances=True
    )

    with pytest.raises(PermissionDenied):
        services.record_result(entry, district, by=cast.teacher_b, score=Decimal("8"))
    with pytest.raises(PermissionDenied):
        services.record_result(entry, cluster, by=cast.teacher_a, score=Decimal("10"))

    assert list(entry.results.values_list("level__rank", "score", "prize", "advanced")) == [
        (1, Decimal("9.50"), "first", True)
    ]


def test_an_entry_competes_at_the_next_level_only_after_advancing(cast, contest):
    cluster, district = levels(contest)
    entry = enter(contest, cast.school_a, cast.teacher_a)

    with pytest.raises(ValidationError):
        services.record_result(entry, district, by=cast.phong_officer, score=Decimal("8"))
    result = services.record_result(entry, cluster, by=cast.phong_officer, score=Decimal("9"))
    services.set_advancement(result, by=cast.phong_officer, advances=True)
    services.record_result(
        entry, district, by=cast.phong_officer, score=Decimal("8"), prize=Prize.SECOND
    )

    assert (services.reached_rank(entry), list(entry.results.values_list("level__rank", "prize"))) == (
        2, [(1, ""), (2, "second")],
    )  # fmt: skip


def test_results_of_a_level_close_once_the_entry_moved_on(cast, contest):
    cluster, district = levels(contest)
    entry = enter(contest, cast.school_a, cast.teacher_a)
    result = services.record_result(entry, cluster, by=cast.phong_officer, score=Decimal("9"))
    services.set_advancement(result, by=cast.phong_officer, advances=True)
    services.record_result(entry, district, by=cast.phong_officer, score=Decimal("8"))

    with pytest.raises(ValidationError):
        services.record_result(entry, cluster, by=cast.phong_officer, score=Decimal("1"))
    with pytest.raises(ValidationError):
        services.set_advancement(result, by=cast.phong_officer, advances=False)

    result.refresh_from_db()
    assert result.score == Decimal("9.00")
    assert result.advanced


def test_the_quota_holds_per_cluster_round(cast, contest):
    cluster, _district = levels(contest)
    first = enter(contest, cast.school_a, cast.teacher_a, "Đội A")
    same_cluster = enter(contest, contest.school_c, cast.phong_officer, "Đội C")
    other_cluster = enter(contest, cast.school_b, cast.teacher_b, "Đội B")
    results = [
        services.record_result(e, cluster, by=cast.phong_officer, score=Decimal("9"))
        for e in (first, same_cluster, other_cluster)
    ]

    services.set_advancement(results[0], by=cast.phong_officer, advances=True)
    with pytest.raises(ValidationError):
        services.set_advancement(results[1], by=cast.phong_officer, advances=True)
    services.set_advancement(results[2], by=cast.phong_officer, advances=True)

    assert [r.advanced for r in Result.objects.filter(pk__in=[r.pk for r in results]).order_by("pk")] == [
        True, False, True,
    ]  # fmt: skip


def test_the_last_level_has_no_advancement(cast, contest):
    cluster, district = levels(contest)
    entry = enter(contest, cast.school_a, cast.teacher_a)
    services.set_advancement(
        services.record_result(entry, cluster, by=cast.phong_officer),
        by=cast.phong_officer,
        advances=True,
    )
    final = services.record_result(entry, district, by=cast.phong_officer, prize=Prize.FIRST)

    with pytest.raises(ValidationError):
        services.set_advancement(final, by=cast.phong_officer, advances=True)

    final.refresh_from_db()
    assert final.advanced is False


def test_a_school_outside_every_cluster_has_no_round(cast, contest):
    cluster, _district = levels(contest)
    loner = UnitFactory(
        code="HB-D", name="Trường Mầm non Hoa Sen", kind=UnitKind.PRESCHOOL, parent=cast.phong
    )
    entry = enter(contest, loner, cast.phong_officer)

    with pytest.raises(ValidationError):
        services.record_result(entry, cluster, by=cast.phong_officer, score=Decimal("5"))

    assert entry.results.count() == 0


def test_levels_by_unit_of_the_tree_group_entries_under_their_office(cast):
    contest = services.organise_contest(cast.so, by=cast.so_leader, title="Hội thi", year=2026)
    level = services.add_level(
        contest,
        by=cast.so_leader,
        name="Cấp huyện",
        scope=LevelScope.UNIT_LEVEL,
        unit_level="district",
    )

    rounds = [services.round_of(level, unit) for unit in (cast.school_a, cast.school_b, cast.so)]

    assert rounds == [f"unit:{cast.phong.pk}", f"unit:{cast.phong.pk}", None]


def test_a_juror_must_be_a_person_of_the_organisers_tree(cast, contest):
    with pytest.raises(ValidationError):
        services.add_level(
            contest, by=cast.phong_officer, name="Cấp thành phố", jurors=[cast.outsider]
        )

    assert contest.levels.count() == 2


def test_only_the_organiser_adds_levels(cast, contest):
    member("teacher-a-leader", cast.school_a, Role.LEADER)

    with pytest.raises(PermissionDenied):
        services.add_level(contest, by=cast.teacher_a, name="Cấp trường")

    assert contest.levels.count() == 2
