import datetime

from ttdn.core import access
from ttdn.org import services
from ttdn.org.enums import Role


def codes(units):
    return sorted(u.code for u in units)


def test_visible_units_school_officer_sees_own_school_only(cast):
    assert codes(access.visible_units(cast.teacher_a)) == ["HB-A"]


def test_visible_units_phong_officer_sees_phong_subtree(cast):
    assert codes(access.visible_units(cast.phong_officer)) == ["HB-A", "HB-B", "PGD-HB"]


def test_visible_units_so_leader_sees_whole_province(cast):
    assert codes(access.visible_units(cast.so_leader)) == ["HB-A", "HB-B", "PGD-HB", "SGD-HP"]


def test_visible_units_outsider_sees_only_other_province(cast):
    assert codes(access.visible_units(cast.outsider)) == ["QN-X", "SGD-QN"]


def test_visible_units_operator_sees_everything(cast):
    assert len(access.visible_units(cast.operator)) == 6


def test_visible_units_anonymous_sees_nothing(cast, rf):
    from django.contrib.auth.models import AnonymousUser

    assert list(access.visible_units(AnonymousUser())) == []


def test_visible_units_keeps_closed_unit_visible(cast):
    services.close_unit(cast.school_b, on=datetime.date(2025, 7, 1), by=cast.phong_leader)

    assert codes(access.visible_units(cast.phong_officer)) == ["HB-A", "HB-B", "PGD-HB"]


def test_visible_units_inactive_membership_grants_nothing(cast):
    cast.teacher_a.memberships.update(is_active=False)
    cast.teacher_a._ttdn_memberships = None

    assert list(access.visible_units(cast.teacher_a)) == []


def test_can_act_for_supervising_officer_acts_for_school(cast):
    assert access.can_act_for(cast.phong_officer, cast.school_a) is True


def test_can_act_for_school_officer_cannot_act_for_phong(cast):
    assert access.can_act_for(cast.teacher_a, cast.phong) is False


def test_can_act_for_outsider_cannot_act_here(cast):
    assert access.can_act_for(cast.outsider, cast.school_a) is False


def test_can_act_for_viewer_role_does_not_write(cast):
    from ttdn.org.tests.factories import member

    viewer = member("viewer", cast.phong, Role.VIEWER)

    assert access.can_see_unit(viewer, cast.school_a)
    assert not access.can_act_for(viewer, cast.school_a)


def test_audit_unit_ids_only_leaders_subtree(cast):
    leader_ids = set(access.audit_unit_ids(cast.phong_leader).values_list("pk", flat=True))
    officer_ids = set(access.audit_unit_ids(cast.phong_officer).values_list("pk", flat=True))

    assert (leader_ids, officer_ids) == ({cast.phong.pk, cast.school_a.pk, cast.school_b.pk}, set())


def test_moving_a_school_changes_who_sees_it(cast):
    services.move_unit(cast.school_b, to_parent=cast.outsider_so, by=cast.operator)
    cast.phong_officer._ttdn_memberships = None

    assert (
        codes(access.visible_units(cast.phong_officer)),
        codes(access.visible_units(cast.outsider)),
    ) == (
        ["HB-A", "PGD-HB"],
        ["HB-B", "QN-X", "SGD-QN"],
    )


def test_concerning_unit_ids_are_the_units_above(cast):
    assert access.concerning_unit_ids(cast.teacher_a) == {cast.so.pk, cast.phong.pk}


def test_active_membership_follows_the_switcher_choice(cast):
    from ttdn.org.tests.factories import MembershipFactory

    MembershipFactory(user=cast.teacher_a, unit=cast.school_b, role=Role.EDITOR)

    chosen = access.active_membership(cast.teacher_a, {"unit_id": cast.school_b.pk})
    default = access.active_membership(cast.teacher_a, {})

    assert (chosen.unit, default.unit) == (cast.school_b, cast.school_a)


def test_acting_unit_is_the_chosen_unit_or_none_without_a_membership(cast, rf):
    from django.contrib.auth.models import AnonymousUser

    from ttdn.org.tests.factories import MembershipFactory

    MembershipFactory(user=cast.teacher_a, unit=cast.school_b, role=Role.EDITOR)
    chosen, anonymous = rf.get("/"), rf.get("/")
    chosen.user, chosen.session = cast.teacher_a, {"unit_id": cast.school_b.pk}
    anonymous.user, anonymous.session = AnonymousUser(), {}

    assert access.acting_unit(chosen) == cast.school_b
    assert access.acting_unit(anonymous) is None


def test_editing_roles_are_the_writing_roles_and_the_editor():
    assert {Role.LEADER, Role.OFFICER, Role.EDITOR} == access.EDITING_ROLES
    assert {Role.LEADER, Role.OFFICER} == access.WRITING_ROLES
