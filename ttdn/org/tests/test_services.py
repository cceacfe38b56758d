import datetime

import pytest
from django.core.exceptions import ValidationError

from ttdn.org import services
from ttdn.org.enums import UnitChangeKind, UnitKind
from ttdn.org.models import Unit
from ttdn.org.tests.factories import UnitFactory


def test_create_unit_builds_path_depth_level_and_slug(cast):
    unit = services.create_unit(
        code="HB-C",
        name="Trường Mầm non Hoa Phượng",
        kind=UnitKind.PRESCHOOL,
        parent=cast.phong,
        by=cast.operator,
    )

    assert (unit.path, unit.depth, unit.level, unit.slug) == (
        f"{cast.phong.path}{unit.pk}/",
        2,
        "school",
        "truong-mam-non-hoa-phuong",
    )


def test_create_unit_duplicate_code_is_refused(cast):
    with pytest.raises(ValidationError):
        services.create_unit(
            code="HB-A", name="Khác", kind=UnitKind.PRIMARY, parent=cast.phong, by=cast.operator
        )


def test_create_unit_same_name_gets_code_suffixed_slug(cast):
    unit = services.create_unit(
        code="QN-Y",
        name="Trường THCS Hồng Bàng",
        kind=UnitKind.LOWER_SECONDARY,
        parent=cast.outsider_so,
        by=cast.operator,
    )

    assert unit.slug == "truong-thcs-hong-bang-qn-y"


def test_move_unit_moves_its_whole_subtree(cast):
    class_unit = UnitFactory(code="HB-A-1", parent=cast.school_a)

    services.move_unit(cast.school_a, to_parent=cast.so, by=cast.operator)

    class_unit.refresh_from_db()
    assert (class_unit.path, class_unit.depth) == (
        f"{cast.so.path}{cast.school_a.pk}/{class_unit.pk}/",
        2,
    )


def test_move_unit_under_its_own_descendant_is_refused(cast):
    with pytest.raises(ValidationError):
        services.move_unit(cast.phong, to_parent=cast.school_a, by=cast.operator)


def test_move_unit_keeps_history_of_both_parents(cast):
    services.move_unit(
        cast.school_b, to_parent=cast.so, by=cast.operator, effective_on=datetime.date(2025, 7, 1)
    )

    change = cast.school_b.changes.get(kind=UnitChangeKind.MOVED)
    assert (change.from_parent, change.to_parent, change.effective_on) == (
        cast.phong,
        cast.so,
        datetime.date(2025, 7, 1),
    )


def test_close_unit_keeps_unit_and_records_the_date(cast):
    services.close_unit(cast.school_b, on=datetime.date(2025, 6, 30), by=cast.operator)

    unit = Unit.objects.get(pk=cast.school_b.pk)
    assert unit.closed_on == datetime.date(2025, 6, 30)
    assert unit.is_closed
    assert list(unit.changes.values_list("kind", flat=True))[:1] == ["closed"]


def test_close_unit_before_it_opened_is_refused(cast):
    services.update_unit(cast.school_b, opened_on=datetime.date(2020, 9, 5), by=cast.operator)

    with pytest.raises(ValidationError):
        services.close_unit(cast.school_b, on=datetime.date(2019, 1, 1), by=cast.operator)


def test_unit_cannot_be_deleted_while_it_has_history(cast):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        cast.school_b.delete()


def test_add_membership_twice_keeps_one(cast):
    from ttdn.org.enums import Role

    services.add_membership(cast.teacher_a, cast.school_b, Role.EDITOR, by=cast.operator)
    services.add_membership(cast.teacher_a, cast.school_b, Role.EDITOR, by=cast.operator)

    assert cast.teacher_a.memberships.filter(unit=cast.school_b).count() == 1
