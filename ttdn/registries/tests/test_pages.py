"""Every page of the registries renders for the people who use it, with its actions."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ttdn.registries.enums import ApprovalStatus, InspectionStatus
from ttdn.registries.tests.factories import (
    AgreementFactory,
    ConferenceFactory,
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

CREATE_PAGES = [
    "registries:home",
    "registries:partner_create",
    "registries:agreement_create",
    "registries:programme_create",
    "registries:delegation_create",
    "registries:conference_create",
    "registries:contact_create",
    "registries:course_create",
    "registries:inspection_create",
]


@pytest.mark.parametrize("url_name", CREATE_PAGES)
def test_create_pages_render(client, cast, url_name):
    client.force_login(cast.phong_officer)

    response = client.get(reverse(url_name))

    assert response.status_code == 200


def _records(cast):
    today = timezone.localdate()
    partner = PartnerFactory(recorded_by=cast.phong)
    PartnerContactFactory(partner=partner, unit=cast.phong)
    programme = ProgrammeFactory(unit=cast.phong)
    programme.partners.set([partner])
    delegation = DelegationFactory(unit=cast.phong, partner=partner, programme=programme)
    DelegationMemberFactory(delegation=delegation, is_head=True)
    course = CourseFactory(unit=cast.phong, starts_on=today, ends_on=today, programme=programme)
    TraineeFactory(
        course=course, unit=cast.school_a, contact=ContactPersonFactory(unit=cast.school_a)
    )
    inspection = InspectionFactory(unit=cast.phong, status=InspectionStatus.IN_PROGRESS)
    inspection.subjects.set([cast.school_a])
    FindingFactory(
        inspection=inspection,
        unit=cast.school_a,
        is_violation=True,
        rule="Quyết định số 3767/QĐ-BGDĐT",
        remedy="Gỡ bài",
        remedy_due=today - datetime.timedelta(days=1),
    )
    return [
        partner,
        AgreementFactory(unit=cast.phong, partner=partner),
        programme,
        delegation,
        ConferenceFactory(unit=cast.phong, status=ApprovalStatus.APPROVED),
        course,
        inspection,
    ]


def test_detail_and_edit_pages_render_for_the_unit(client, cast):
    records = _records(cast)
    client.force_login(cast.phong_officer)

    details = [client.get(r.get_absolute_url()).status_code for r in records]
    edits = [client.get(r.get_absolute_url() + "edit/").status_code for r in records]

    assert (details, edits) == ([200] * 7, [200] * 7)


def test_detail_pages_render_for_the_leader_above_and_the_school(client, cast):
    records = _records(cast)

    codes = []
    for user in (cast.so_leader, cast.teacher_a):
        client.force_login(user)
        codes.append([client.get(r.get_absolute_url()).status_code for r in records])

    # The school sees only the course it sends a trainee to and the inspection of itself.
    assert codes == [[200] * 7, [404, 404, 404, 404, 404, 200, 200]]


def test_contact_list_shows_who_is_untrained_this_year(client, cast):
    trained = ContactPersonFactory(unit=cast.school_a, full_name="Đã Học")
    waiting = ContactPersonFactory(unit=cast.school_b, full_name="Chưa Học")
    course = CourseFactory(unit=cast.phong)
    TraineeFactory(course=course, unit=cast.school_a, contact=trained, attended=True)
    client.force_login(cast.phong_officer)

    response = client.get(reverse("registries:contact_list"), {"year": course.starts_on.year})

    assert list(response.context["page"].object_list) == [waiting]
