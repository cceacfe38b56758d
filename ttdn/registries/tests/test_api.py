from __future__ import annotations

from ttdn.registries.tests.factories import (
    AgreementFactory,
    CourseFactory,
    DelegationFactory,
    DelegationMemberFactory,
    FindingFactory,
    InspectionFactory,
    PartnerFactory,
    TraineeFactory,
)


def test_lists_show_the_caller_only_what_it_may_see(client, cast, bearer):
    ours = DelegationFactory(unit=cast.phong)
    theirs = DelegationFactory(unit=cast.outsider_so)
    AgreementFactory(unit=cast.phong, partner=ours.partner)
    CourseFactory(unit=cast.phong)

    outsider = {
        path: [row["id"] for row in client.get(f"/api/v1/{path}", **bearer(cast.outsider)).json()]
        for path in ("partners", "agreements", "delegations", "trainings", "inspections")
    }

    assert outsider == {
        "partners": [theirs.partner_id],
        "agreements": [],
        "delegations": [theirs.pk],
        "trainings": [],
        "inspections": [],
    }


def test_delegation_detail_has_members_and_hides_from_the_outsider(client, cast, bearer):
    delegation = DelegationFactory(unit=cast.phong)
    DelegationMemberFactory(delegation=delegation, full_name="Khamla Sisouk", is_head=True)

    found = client.get(f"/api/v1/delegations/{delegation.pk}", **bearer(cast.so_leader))
    hidden = client.get(f"/api/v1/delegations/{delegation.pk}", **bearer(cast.outsider))

    assert ([m["full_name"] for m in found.json()["members"]], hidden.status_code) == (
        ["Khamla Sisouk"],
        404,
    )


def test_inspection_detail_shows_a_school_only_its_own_findings(client, cast, bearer):
    inspection = InspectionFactory(unit=cast.phong)
    inspection.subjects.set([cast.school_a, cast.school_b])
    own = FindingFactory(inspection=inspection, unit=cast.school_a)
    FindingFactory(inspection=inspection, unit=cast.school_b)

    body = client.get(f"/api/v1/inspections/{inspection.pk}", **bearer(cast.teacher_a)).json()

    assert [f["id"] for f in body["findings"]] == [own.pk]


def test_course_detail_lists_a_school_only_its_trainees(client, cast, bearer):
    course = CourseFactory(unit=cast.phong)
    TraineeFactory(course=course, unit=cast.school_a, full_name="Một")
    TraineeFactory(course=course, unit=cast.school_b, full_name="Hai")

    body = client.get(f"/api/v1/trainings/{course.pk}", **bearer(cast.teacher_b)).json()

    assert [t["full_name"] for t in body["trainees"]] == ["Hai"]


def test_partners_list_needs_a_token(client, cast):
    PartnerFactory(recorded_by=cast.phong)

    assert client.get("/api/v1/partners").status_code == 401
