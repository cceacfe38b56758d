"""The counts the periodic reports take from the registries, and the escalation job."""

from __future__ import annotations

import datetime

from django.core.management import call_command
from django.utils import timezone

from ttdn.registries import queries
from ttdn.registries.enums import AgreementStatus, ApprovalStatus, InspectionStatus, RemedyStatus
from ttdn.registries.tests.factories import (
    AgreementFactory,
    ConferenceFactory,
    CourseFactory,
    DelegationFactory,
    FindingFactory,
    InspectionFactory,
    ProgrammeFactory,
    TraineeFactory,
)
from ttdn.reports import computed

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)
IN = datetime.date(2026, 3, 2)
OUT = datetime.date(2025, 12, 30)


def test_counts_take_the_units_own_records_in_the_window(cast):
    for status in (ApprovalStatus.APPROVED, ApprovalStatus.REPORTED, ApprovalStatus.DRAFT):
        DelegationFactory(unit=cast.phong, status=status, starts_on=IN, ends_on=IN)
    DelegationFactory(
        unit=cast.phong,
        direction="outgoing",
        status=ApprovalStatus.REPORTED,
        starts_on=IN,
        ends_on=IN,
    )
    DelegationFactory(unit=cast.phong, status=ApprovalStatus.REPORTED, starts_on=OUT, ends_on=OUT)
    DelegationFactory(unit=cast.school_a, status=ApprovalStatus.REPORTED, starts_on=IN, ends_on=IN)
    AgreementFactory(
        unit=cast.phong,
        status=AgreementStatus.SIGNED,
        signed_on=datetime.date(2024, 1, 1),
        expires_on=datetime.date(2027, 1, 1),
    )
    AgreementFactory(
        unit=cast.phong,
        status=AgreementStatus.SIGNED,
        signed_on=datetime.date(2020, 1, 1),
        expires_on=datetime.date(2026, 3, 1),
    )
    ProgrammeFactory(unit=cast.phong, starts_on=datetime.date(2024, 9, 1))
    ConferenceFactory(unit=cast.phong, status=ApprovalStatus.APPROVED, starts_on=IN, ends_on=IN)
    course = CourseFactory(unit=cast.phong, starts_on=IN, ends_on=IN)
    TraineeFactory(course=course, unit=cast.phong, attended=True)
    TraineeFactory(course=course, unit=cast.phong, attended=False)
    inspection = InspectionFactory(
        unit=cast.phong, starts_on=IN, ends_on=IN, status=InspectionStatus.CONCLUDED
    )
    FindingFactory(
        inspection=inspection,
        unit=cast.school_a,
        is_violation=True,
        rule="X",
        remedy="Y",
        remedy_status=RemedyStatus.CLOSED,
        closed_at=timezone.make_aware(datetime.datetime(2026, 4, 1)),
    )
    InspectionFactory(unit=cast.phong, starts_on=IN, ends_on=IN)  # only planned

    values = {
        key.removeprefix("registries."): int(computed.compute(key, cast.phong, START, END))
        for key, _label in computed.choices()
        if key.startswith("registries.")
    }

    assert values == {
        "agreements_in_force": 1,
        "conferences_held": 1,
        "courses_held": 1,
        "delegations_received": 2,
        "delegations_sent": 1,
        "inspections_held": 1,
        "people_trained": 1,
        "people_trained_by": 1,
        "programmes_running": 1,
        "violations_remedied": 1,
    }
    assert (
        computed.link("registries.delegations_received", cast.phong, START, END)
        == "/registries/delegations/?year=2026"
    )


def test_escalation_job_is_idempotent(cast):
    inspection = InspectionFactory(unit=cast.phong)
    inspection.subjects.set([cast.school_a])
    late = FindingFactory(
        inspection=inspection,
        unit=cast.school_a,
        is_violation=True,
        rule="X",
        remedy="Y",
        remedy_due=timezone.localdate() - datetime.timedelta(days=2),
    )

    call_command("escalate_overdue_remedies")
    call_command("escalate_overdue_remedies")

    late.refresh_from_db()
    assert (late.escalated_on, list(queries.escalated_remedies(cast.phong_leader))) == (
        timezone.localdate(),
        [late],
    )
