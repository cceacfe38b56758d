"""The registries' pages: lists with their query counts, details with their access, the forms."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from ttdn.org.enums import Role
from ttdn.org.tests.factories import MembershipFactory
from ttdn.registries.enums import ApprovalStatus, InspectionStatus
from ttdn.registries.models import Delegation, Partner
from ttdn.registries.tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    ContactPersonFactory,
    CourseFactory,
    DelegationFactory,
    DelegationMemberFactory,
    FindingFactory,
    InspectionFactory,
    PartnerFactory,
    ProgrammeFactory,
    TraineeFactory,
)


def signed_in(client, user):
    client.force_login(user)
    return client


def _inspection(unit, subjects):
    inspection = InspectionFactory(unit=unit)
    inspection.subjects.set(subjects)
    return inspection


def _programme(unit):
    programme = ProgrammeFactory(unit=unit)
    programme.partners.set([PartnerFactory()])
    return programme


MAKERS = {
    "registries:partner_list": lambda cast: PartnerFactory(recorded_by=cast.phong),
    "registries:agreement_list": lambda cast: AgreementFactory(unit=cast.phong),
    "registries:programme_list": lambda cast: _programme(cast.phong),
    "registries:delegation_list": lambda cast: DelegationFactory(unit=cast.phong),
    "registries:conference_list": lambda cast: ConferenceFactory(unit=cast.phong),
    "registries:contact_list": lambda cast: ContactPersonFactory(unit=cast.school_a),
    "registries:course_list": lambda cast: CourseFactory(unit=cast.phong),
    "registries:inspection_list": lambda cast: _inspection(cast.phong, [cast.school_a]),
}
# What every page costs (session, user, memberships, the layout), then the page's own queries
# (count and rows, plus one per prefetched relation): the same for 1 and 3 rows.
QUERIES = {
    "registries:partner_list": 6,
    "registries:agreement_list": 6,
    "registries:programme_list": 7,
    "registries:delegation_list": 6,
    "registries:conference_list": 6,
    "registries:contact_list": 7,  # one more: which rows the person may edit
    "registries:course_list": 6,
    "registries:inspection_list": 6,
}


@pytest.mark.parametrize("url_name", sorted(MAKERS))
@pytest.mark.parametrize("item_count", (1, 3))
def test_list_query_count(client, cast, django_assert_num_queries, url_name, item_count):
    for _ in range(item_count):
        MAKERS[url_name](cast)
    signed_in(client, cast.phong_officer).get(reverse("home"))  # warm the session

    with django_assert_num_queries(QUERIES[url_name]):
        response = client.get(reverse(url_name))

    assert (response.status_code, len(response.context["page"].object_list)) == (200, item_count)


@pytest.mark.parametrize("url_name", sorted(MAKERS))
def test_outsider_lists_are_empty(client, cast, url_name):
    MAKERS[url_name](cast)

    response = signed_in(client, cast.outsider).get(reverse(url_name))

    assert list(response.context["page"].object_list) == []


def test_outsider_gets_404_on_every_detail(client, cast):
    records = [
        AgreementFactory(unit=cast.phong),
        _programme(cast.phong),
        DelegationFactory(unit=cast.phong),
        ConferenceFactory(unit=cast.phong),
        CourseFactory(unit=cast.phong),
        _inspection(cast.phong, [cast.school_a]),
        PartnerFactory(recorded_by=cast.phong),
    ]

    codes = [
        signed_in(client, cast.outsider).get(r.get_absolute_url()).status_code for r in records
    ]

    assert codes == [404] * len(records)


def test_record_a_delegation_through_the_form(client, cast):
    partner = PartnerFactory(name="Sở Giáo dục và Thể thao tỉnh Hủa Phăn")
    data = {
        "unit": cast.phong.pk,
        "direction": "incoming",
        "partner": partner.pk,
        "purpose": "Trao đổi kinh nghiệm",
        "starts_on": "2026-03-02",
        "ends_on": "2026-03-04",
        "place": "Hồng Bàng",
        "hosts": "Lãnh đạo Phòng",
    }

    response = signed_in(client, cast.phong_officer).post(
        reverse("registries:delegation_create"), data
    )

    delegation = Delegation.objects.get()
    assert (response.status_code, response.url, delegation.unit, delegation.status) == (
        302,
        delegation.get_absolute_url(),
        cast.phong,
        ApprovalStatus.DRAFT,
    )


def test_delegation_form_refuses_an_end_before_the_start(client, cast):
    data = {
        "unit": cast.phong.pk,
        "direction": "incoming",
        "partner": PartnerFactory().pk,
        "purpose": "X",
        "starts_on": "2026-03-04",
        "ends_on": "2026-03-02",
        "place": "Hồng Bàng",
    }

    response = signed_in(client, cast.phong_officer).post(
        reverse("registries:delegation_create"), data
    )

    assert (response.status_code, Delegation.objects.count()) == (200, 0)
    assert response.context["form"].errors["ends_on"] == ["Ngày kết thúc trước ngày bắt đầu."]


def test_a_unit_cannot_record_for_a_unit_outside_its_subtree(client, cast):
    data = {"unit": cast.so.pk, "name": "Đại sứ quán Pháp", "kind": "embassy", "country": "Pháp"}

    response = signed_in(client, cast.phong_officer).post(
        reverse("registries:partner_create"), data
    )

    assert (response.status_code, Partner.objects.count()) == (200, 0)


def test_leader_above_decides_through_the_page(client, cast):
    delegation = DelegationFactory(unit=cast.phong, status=ApprovalStatus.REQUESTED)
    DelegationMemberFactory(delegation=delegation)
    page = signed_in(client, cast.so_leader).get(delegation.get_absolute_url())

    response = client.post(
        reverse("registries:approval_decide", args=["delegation", delegation.pk]),
        {"approve": "yes"},
    )

    delegation.refresh_from_db()
    assert page.context["can_decide"]
    assert response.status_code == 302
    assert delegation.status == ApprovalStatus.APPROVED


def test_officer_of_the_unit_cannot_decide_its_own_request(client, cast):
    delegation = DelegationFactory(unit=cast.phong, status=ApprovalStatus.REQUESTED)

    signed_in(client, cast.phong_officer).post(
        reverse("registries:approval_decide", args=["delegation", delegation.pk]),
        {"approve": "yes"},
    )

    delegation.refresh_from_db()
    assert delegation.status == ApprovalStatus.REQUESTED


def test_inspected_school_page_shows_only_its_findings(client, cast):
    inspection = _inspection(cast.phong, [cast.school_a, cast.school_b])
    inspection.status = InspectionStatus.IN_PROGRESS
    inspection.save()
    own = FindingFactory(inspection=inspection, unit=cast.school_a, description="Thiếu sổ theo dõi")
    FindingFactory(inspection=inspection, unit=cast.school_b, description="Bí mật của trường B")

    response = signed_in(client, cast.teacher_a).get(inspection.get_absolute_url())

    assert [f for f, _may in response.context["findings"]] == [own]
    assert "Bí mật của trường B" not in response.content.decode()


def test_course_page_shows_a_school_only_its_own_trainees(client, cast):
    course = CourseFactory(unit=cast.phong)
    own = TraineeFactory(course=course, unit=cast.school_a, full_name="Nguyễn Thị Một")
    TraineeFactory(course=course, unit=cast.school_b, full_name="Trần Văn Hai")

    response = signed_in(client, cast.teacher_a).get(course.get_absolute_url())

    assert response.context["trainees"] == [own]
    assert "Trần Văn Hai" not in response.content.decode()


def test_home_lists_requests_waiting_for_the_leader(client, cast):
    delegation = DelegationFactory(
        unit=cast.phong,
        status=ApprovalStatus.REQUESTED,
        requested_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    )

    response = signed_in(client, cast.so_leader).get(reverse("registries:home"))

    assert response.context["awaiting"] == [delegation]


def test_contact_list_links_to_the_edit_page_only_for_whom_may_edit(client, cast):
    contact = ContactPersonFactory(unit=cast.school_a, full_name="Trần Thị Liên")
    viewer = MembershipFactory(unit=cast.phong, role=Role.VIEWER).user
    edit_url = reverse("registries:contact_update", args=[contact.pk])

    pages = {
        who: signed_in(client, user).get(reverse("registries:contact_list")).content.decode()
        for who, user in (("viewer", viewer), ("officer", cast.phong_officer))
    }

    assert edit_url not in pages["viewer"]
    assert "Trần Thị Liên" in pages["viewer"]
    assert edit_url in pages["officer"]
