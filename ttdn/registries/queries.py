"""Reads of the registries that span relations or are reused: reminders, who is untrained, the
counts the periodic reports take, a partner's history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from ttdn.core import access
from ttdn.org.enums import Role
from ttdn.org.models import Unit
from ttdn.registries.enums import (
    ApprovalStatus,
    Direction,
    InspectionStatus,
    RemedyStatus,
)
from ttdn.registries.models import (
    Agreement,
    Conference,
    ContactPerson,
    Course,
    Delegation,
    Finding,
    Inspection,
    Partner,
    Programme,
    Trainee,
)

# --- Reminders ----------------------------------------------------------------------------------


def agreements_to_renew(user: Any, *, today: datetime.date, days: int) -> QuerySet[Agreement]:
    """Agreements of the units the person records for, in force and expiring within `days`,
    not yet renewed: soonest first."""
    return (
        Agreement.objects.editable_by(user)
        .expiring_within(today, days)
        .select_related("unit", "partner")
        .order_by("expires_on", "pk")
    )


def approvals_awaiting(user: Any) -> QuerySet[Delegation] | list[Any]:
    """Delegations and conferences waiting for the person's decision, oldest request first."""
    delegations = Delegation.objects.awaiting_decision_of(user).select_related("unit", "partner")
    conferences = Conference.objects.awaiting_decision_of(user).select_related("unit")
    return sorted([*delegations, *conferences], key=lambda r: (r.requested_at, r.pk))


def remedies_due(user: Any) -> QuerySet[Finding]:
    """Open remedies of the units the person acts for: what they must fix, by when."""
    units = access.supervised_units(user, access.WRITING_ROLES).values("pk")
    return (
        Finding.objects.filter(unit__in=units, remedy_status=RemedyStatus.OPEN)
        .exclude(remedy_due__isnull=True)
        .select_related("unit", "inspection")
        .order_by("remedy_due", "pk")
    )


def remedies_to_review(user: Any) -> QuerySet[Finding]:
    """Remedies reported done in inspections of the units the person acts for."""
    units = access.supervised_units(user, access.WRITING_ROLES).values("pk")
    return (
        Finding.objects.filter(inspection__unit__in=units, remedy_status=RemedyStatus.REMEDIED)
        .select_related("unit", "inspection__unit")
        .order_by("remedied_at", "pk")
    )


def escalated_remedies(user: Any) -> QuerySet[Finding]:
    """Escalated overdue remedies the person leads above: the inspecting unit's leaders and
    the leaders of the units above the inspected one."""
    leading = access.supervised_units(user, {Role.LEADER})
    above = Q(inspection__unit__in=leading.values("pk")) | Q(unit__parent__in=leading.values("pk"))
    return (
        Finding.objects.filter(remedy_status=RemedyStatus.OPEN, escalated_on__isnull=False)
        .filter(above)
        .select_related("unit", "inspection")
        .order_by("remedy_due", "pk")
    )


# --- Training -----------------------------------------------------------------------------------


def untrained_contacts(unit: Unit, year: int) -> QuerySet[ContactPerson]:
    """The active TTĐN contacts of `unit`'s subtree who attended no course starting in `year`."""
    trained = Trainee.objects.filter(
        contact=OuterRef("pk"), attended=True, course__starts_on__year=year
    )
    return (
        ContactPerson.objects.in_subtree(unit.path)
        .filter(is_active=True)
        .exclude(Exists(trained))
        .select_related("unit")
        .order_by("unit__path", "full_name")
    )


# --- Partner history ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryItem:
    day: datetime.date | None
    kind: str
    title: str
    url: str
    unit_name: str


def partner_history(partner: Partner, user: Any) -> list[HistoryItem]:
    """What the person's units did with the partner, newest first: agreements, programmes,
    delegations and conferences."""
    items = [
        *(
            HistoryItem(
                a.signed_on, str(a.get_kind_display()), a.title, a.get_absolute_url(), a.unit.name
            )
            for a in partner.agreements.visible_to(user).select_related("unit")
        ),
        *(
            HistoryItem(
                p.starts_on,
                str(Programme._meta.verbose_name),
                p.name,
                p.get_absolute_url(),
                p.unit.name,
            )
            for p in partner.programmes.visible_to(user).select_related("unit")
        ),
        *(
            HistoryItem(
                d.starts_on,
                str(d.get_direction_display()),
                d.purpose,
                d.get_absolute_url(),
                d.unit.name,
            )
            for d in partner.delegations.visible_to(user).select_related("unit")
        ),
        *(
            HistoryItem(
                c.starts_on, str(c.get_kind_display()), c.title, c.get_absolute_url(), c.unit.name
            )
            for c in partner.conferences.visible_to(user).select_related("unit")
        ),
    ]
    return sorted(items, key=lambda i: i.day or datetime.date.min, reverse=True)


# --- Counts for the periodic reports: (unit, start, end) -> int, the unit's own records -------


def _delegations(unit: Unit, start: datetime.date, end: datetime.date, direction: str) -> int:
    return (
        Delegation.objects.filter(unit=unit, direction=direction)
        .between(start, end)
        .exclude(status__in=[ApprovalStatus.DRAFT, ApprovalStatus.REFUSED])
        .count()
    )


def delegations_received(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Incoming delegations the unit received (approved or reported) starting in the window."""
    return _delegations(unit, start, end, Direction.INCOMING)


def delegations_sent(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Outgoing delegations of the unit (approved or reported) starting in the window."""
    return _delegations(unit, start, end, Direction.OUTGOING)


def agreements_in_force(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """The unit's agreements in force on the window's last day."""
    return Agreement.objects.filter(unit=unit).in_force_on(end).count()


def programmes_running(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Programmes the unit leads that run at some time in the window."""
    return (
        Programme.objects.filter(unit=unit, starts_on__lte=end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        .count()
    )


def conferences_held(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """International conferences and seminars the unit organised (approved or reported)."""
    return (
        Conference.objects.filter(unit=unit)
        .between(start, end)
        .filter(status__in=[ApprovalStatus.APPROVED, ApprovalStatus.REPORTED])
        .count()
    )


def people_trained(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """People of the unit who attended a course starting in the window (once each course)."""
    return Trainee.objects.filter(
        unit=unit, attended=True, course__starts_on__gte=start, course__starts_on__lte=end
    ).count()


def people_trained_by(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Attendances at the courses the unit organised that started in the window (people of
    every unit, each course counted once per person)."""
    return Trainee.objects.filter(
        course__unit=unit, attended=True, course__starts_on__gte=start, course__starts_on__lte=end
    ).count()


def courses_held(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    return Course.objects.filter(unit=unit).between(start, end).count()


def inspections_held(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Inspections the unit carried out that started in the window (not those only planned)."""
    return (
        Inspection.objects.filter(unit=unit, starts_on__gte=start, starts_on__lte=end)
        .exclude(status=InspectionStatus.PLANNED)
        .count()
    )


def violations_remedied(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Violations found by the unit's inspections whose remedy was closed in the window."""
    return Finding.objects.filter(
        inspection__unit=unit,
        is_violation=True,
        remedy_status=RemedyStatus.CLOSED,
        closed_at__date__gte=start,
        closed_at__date__lte=end,
    ).count()
