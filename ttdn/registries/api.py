"""/api/v1/partners, /agreements, /delegations, /trainings, /inspections: what the caller may
see (core.access), read-only. Personal data (delegation members, trainees) only in the detail
of a record the caller sees; findings only those the caller sees (an inspected school, its own).
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from ttdn.core.api import caller, id_in_path, year_field
from ttdn.registries.models import Agreement, Course, Delegation, Finding, Inspection, Partner

partners_router = Router(tags=["registries"])
agreements_router = Router(tags=["registries"])
delegations_router = Router(tags=["registries"])
trainings_router = Router(tags=["registries"])
inspections_router = Router(tags=["registries"])


class YearFilter(Schema):
    year: int | None = year_field(description="only records starting in this year")


class PartnerRow(Schema):
    id: int
    name: str
    kind: str
    country: str
    languages: str


class AgreementRow(Schema):
    id: int
    unit: str = Field(description="code of the unit that signed")
    partner: int
    kind: str
    title: str
    status: str
    signed_on: datetime.date | None
    expires_on: datetime.date | None
    in_force: bool


class DelegationRow(Schema):
    id: int
    unit: str
    direction: str = Field(description="incoming or outgoing")
    partner: int
    purpose: str
    starts_on: datetime.date
    ends_on: datetime.date
    place: str
    status: str = Field(description="draft, requested, approved, refused or reported")
    programme: int | None


class MemberRow(Schema):
    full_name: str
    position: str
    organisation: str
    is_head: bool


class DelegationDetail(DelegationRow):
    members: list[MemberRow]
    decision_reason: str
    report: int | None = Field(description="id of the report in the outgoing register")


class CourseRow(Schema):
    id: int
    unit: str
    topic: str
    level: str
    trainer: str
    starts_on: datetime.date
    ends_on: datetime.date


class TraineeRow(Schema):
    unit: str
    full_name: str
    attended: bool | None
    evaluation: str
    certificate_number: str


class CourseDetail(CourseRow):
    trainees: list[TraineeRow]


class FindingRow(Schema):
    id: int
    unit: str
    description: str
    is_violation: bool
    rule: str
    remedy: str
    remedy_due: datetime.date | None
    remedy_status: str


class InspectionRow(Schema):
    id: int
    unit: str
    year: int
    title: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: str


class InspectionDetail(InspectionRow):
    subjects: list[str]
    findings: list[FindingRow]


@partners_router.get("", response=list[PartnerRow], summary="Partners the caller's units work with")
def list_partners(request: HttpRequest) -> Any:
    return Partner.objects.visible_to(caller(request))


def _agreement(a: Agreement) -> dict[str, Any]:
    return {
        "id": a.pk,
        "unit": a.unit.code,
        "partner": a.partner_id,
        "kind": a.kind,
        "title": a.title,
        "status": a.status,
        "signed_on": a.signed_on,
        "expires_on": a.expires_on,
        "in_force": a.is_in_force,
    }


@agreements_router.get("", response=list[AgreementRow], summary="Agreements the caller can see")
def list_agreements(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        _agreement(a) for a in Agreement.objects.visible_to(caller(request)).select_related("unit")
    ]


def _delegation(d: Delegation) -> dict[str, Any]:
    return {
        "id": d.pk,
        "unit": d.unit.code,
        "direction": d.direction,
        "partner": d.partner_id,
        "purpose": d.purpose,
        "starts_on": d.starts_on,
        "ends_on": d.ends_on,
        "place": d.place,
        "status": d.status,
        "programme": d.programme_id,
    }


@delegations_router.get("", response=list[DelegationRow], summary="Delegations in and out")
def list_delegations(request: HttpRequest, filters: Query[YearFilter]) -> list[dict[str, Any]]:
    rows = Delegation.objects.visible_to(caller(request)).select_related("unit")
    if filters.year:
        rows = rows.filter(starts_on__year=filters.year)
    return [_delegation(d) for d in rows]


@delegations_router.get(
    "/{int:pk}", response=DelegationDetail, summary="One delegation with its members"
)
def get_delegation(request: HttpRequest, pk: int = id_in_path()) -> dict[str, Any]:
    d = get_object_or_404(
        Delegation.objects.visible_to(caller(request)).select_related("unit"), pk=pk
    )
    members = [
        {
            "full_name": m.full_name,
            "position": m.position,
            "organisation": m.organisation,
            "is_head": m.is_head,
        }
        for m in d.members.all()
    ]
    return {
        **_delegation(d),
        "members": members,
        "decision_reason": d.decision_reason,
        "report": d.report_id,
    }


def _course(c: Course) -> dict[str, Any]:
    return {
        "id": c.pk,
        "unit": c.unit.code,
        "topic": c.topic,
        "level": c.level,
        "trainer": c.trainer,
        "starts_on": c.starts_on,
        "ends_on": c.ends_on,
    }


@trainings_router.get("", response=list[CourseRow], summary="Training courses the caller can see")
def list_courses(request: HttpRequest, filters: Query[YearFilter]) -> list[dict[str, Any]]:
    rows = Course.objects.visible_to(caller(request)).select_related("unit")
    if filters.year:
        rows = rows.filter(starts_on__year=filters.year)
    return [_course(c) for c in rows]


@trainings_router.get(
    "/{int:pk}", response=CourseDetail, summary="One course with the trainees the caller may see"
)
def get_course(request: HttpRequest, pk: int = id_in_path()) -> dict[str, Any]:
    user = caller(request)
    course = get_object_or_404(Course.objects.visible_to(user).select_related("unit"), pk=pk)
    trainees = [
        {
            "unit": t.unit.code,
            "full_name": t.full_name,
            "attended": t.attended,
            "evaluation": t.evaluation,
            "certificate_number": t.certificate_number,
        }
        for t in course.trainees.visible_to(user).select_related("unit")
    ]
    return {**_course(course), "trainees": trainees}


def _inspection(i: Inspection) -> dict[str, Any]:
    return {
        "id": i.pk,
        "unit": i.unit.code,
        "year": i.year,
        "title": i.title,
        "starts_on": i.starts_on,
        "ends_on": i.ends_on,
        "status": i.status,
    }


@inspections_router.get("", response=list[InspectionRow], summary="Inspections the caller can see")
def list_inspections(request: HttpRequest, filters: Query[YearFilter]) -> list[dict[str, Any]]:
    rows = (
        Inspection.objects.visible_to(caller(request)).of_year(filters.year).select_related("unit")
    )
    return [_inspection(i) for i in rows]


@inspections_router.get(
    "/{int:pk}",
    response=InspectionDetail,
    summary="One inspection with the findings the caller may see",
)
def get_inspection(request: HttpRequest, pk: int = id_in_path()) -> dict[str, Any]:
    user = caller(request)
    inspection = get_object_or_404(
        Inspection.objects.visible_to(user).select_related("unit"), pk=pk
    )
    findings = Finding.objects.visible_to(user).filter(inspection=inspection).select_related("unit")
    return {
        **_inspection(inspection),
        "subjects": [u.code for u in inspection.subjects.all()],
        "findings": [
            {
                "id": f.pk,
                "unit": f.unit.code,
                "description": f.description,
                "is_violation": f.is_violation,
                "rule": f.rule,
                "remedy": f.remedy,
                "remedy_due": f.remedy_due,
                "remedy_status": f.remedy_status,
            }
            for f in findings
        ],
    }
