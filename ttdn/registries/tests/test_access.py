"""Who sees which registry records: the outsider sees nothing; an inspected school sees only
its own findings; personal data follows the record it belongs to."""

from __future__ import annotations

from ttdn.registries.models import (
    Agreement,
    ContactPerson,
    Course,
    Delegation,
    DelegationMember,
    Finding,
    Inspection,
    Partner,
    PartnerContact,
    Programme,
    Trainee,
)
from ttdn.registries.tests.factories import (
    AgreementFactory,
    ContactPersonFactory,
    CourseFactory,
    DelegationFactory,
    DelegationMemberFactory,
    FindingFactory,
    InspectionFactory,
    PartnerContactFactory,
    PartnerFactory,
    ProgrammeFactory,
    TraineeFactory,
)


def _world(cast):
    """One of each record in Hải Phòng and one in the outsider province."""
    huaphanh = PartnerFactory(name="Sở Giáo dục tỉnh Hủa Phăn", recorded_by=cast.phong)
    guangxi = PartnerFactory(
        name="Sở Giáo dục Quảng Tây", country="Trung Quốc", recorded_by=cast.outsider_so
    )
    return {
        "partners": (huaphanh, guangxi),
        "agreements": (
            AgreementFactory(unit=cast.phong, partner=huaphanh),
            AgreementFactory(unit=cast.outsider_so, partner=guangxi),
        ),
        "delegations": (
            DelegationFactory(unit=cast.school_a, partner=huaphanh),
            DelegationFactory(unit=cast.outsider_school, partner=guangxi),
        ),
        "contacts": (
            PartnerContactFactory(partner=huaphanh, unit=cast.phong),
            PartnerContactFactory(partner=huaphanh, unit=cast.outsider_so),
        ),
    }


def test_outsider_sees_only_its_own_province(cast):
    world = _world(cast)
    ProgrammeFactory(unit=cast.phong)
    CourseFactory(unit=cast.phong)
    InspectionFactory(unit=cast.phong)

    seen = {
        "partners": list(Partner.objects.visible_to(cast.outsider).order_by("pk")),
        "agreements": list(Agreement.objects.visible_to(cast.outsider)),
        "delegations": list(Delegation.objects.visible_to(cast.outsider)),
        "contacts": list(PartnerContact.objects.visible_to(cast.outsider)),
        "programmes": list(Programme.objects.visible_to(cast.outsider)),
        "courses": list(Course.objects.visible_to(cast.outsider)),
        "inspections": list(Inspection.objects.visible_to(cast.outsider)),
    }

    _huaphanh, guangxi = world["partners"]
    assert seen == {
        "partners": [guangxi],
        "agreements": [world["agreements"][1]],
        "delegations": [world["delegations"][1]],
        "contacts": [world["contacts"][1]],
        "programmes": [],
        "courses": [],
        "inspections": [],
    }


def test_partner_is_seen_by_the_subtree_that_works_with_it(cast):
    world = _world(cast)
    huaphanh = world["partners"][0]

    seen = {
        user.username: list(Partner.objects.visible_to(user).order_by("pk"))
        for user in (cast.so_leader, cast.teacher_a, cast.teacher_b, cast.operator)
    }

    assert seen == {
        "so-leader": [huaphanh],
        "teacher-a": [huaphanh],  # school A received the Huaphanh delegation
        "teacher-b": [],
        "operator": list(world["partners"]),
    }


def test_delegation_members_are_seen_only_with_their_delegation(cast):
    ours = DelegationMemberFactory(delegation=DelegationFactory(unit=cast.school_a))
    theirs = DelegationMemberFactory(delegation=DelegationFactory(unit=cast.outsider_school))

    visible = {
        user.username: list(
            DelegationMember.objects.filter(delegation__in=Delegation.objects.visible_to(user))
        )
        for user in (cast.phong_officer, cast.teacher_b, cast.outsider)
    }

    assert visible == {"phong-officer": [ours], "teacher-b": [], "outsider": [theirs]}


def test_inspected_school_sees_the_inspection_and_only_its_own_findings(cast):
    inspection = InspectionFactory(unit=cast.phong)
    inspection.subjects.set([cast.school_a, cast.school_b])
    at_a = FindingFactory(inspection=inspection, unit=cast.school_a)
    at_b = FindingFactory(inspection=inspection, unit=cast.school_b)

    seen = {
        user.username: (
            list(Inspection.objects.visible_to(user)),
            list(Finding.objects.visible_to(user).order_by("pk")),
        )
        for user in (cast.phong_officer, cast.teacher_a, cast.teacher_b, cast.outsider)
    }

    assert seen == {
        "phong-officer": ([inspection], [at_a, at_b]),
        "teacher-a": ([inspection], [at_a]),
        "teacher-b": ([inspection], [at_b]),
        "outsider": ([], []),
    }


def test_trainees_are_seen_by_their_unit_and_the_organiser(cast):
    course = CourseFactory(unit=cast.phong)
    from_a = TraineeFactory(course=course, unit=cast.school_a)
    from_b = TraineeFactory(course=course, unit=cast.school_b)
    contact = ContactPersonFactory(unit=cast.school_a)

    seen = {
        user.username: (
            list(Trainee.objects.visible_to(user).order_by("pk")),
            list(Course.objects.visible_to(user)),
            list(ContactPerson.objects.visible_to(user)),
        )
        for user in (cast.phong_officer, cast.teacher_a, cast.outsider)
    }

    assert seen == {
        "phong-officer": ([from_a, from_b], [course], [contact]),
        "teacher-a": ([from_a], [course], [contact]),
        "outsider": ([], [], []),
    }
