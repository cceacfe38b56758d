"""Inspections: plan, findings with cited rules, remedies followed up until closed, escalation,
and the conclusion printed as an official document."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn import docgen
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.states import transition
from ttdn.documents import checker
from ttdn.documents import services as documents_services
from ttdn.documents.enums import CitationStatus
from ttdn.org.models import Unit
from ttdn.registries import rules
from ttdn.registries.enums import INSPECTION_FLOW, REMEDY_FLOW, InspectionStatus, RemedyStatus
from ttdn.registries.models import Finding, FollowUp, Inspection
from ttdn.registries.services.common import change, create, normalised

# A violation may cite a rule the library knows under another date or issuer wording; it may
# not cite one the library does not have, nor one no longer in force.
REFUSED_CITATIONS = frozenset({CitationStatus.UNKNOWN, CitationStatus.NOT_IN_FORCE})


def _check_subjects(unit: Unit, subjects: list[Unit]) -> None:
    if not subjects:
        raise ValidationError({"subjects": _("Choose at least one unit to inspect.")})
    if any(s.pk == unit.pk or not s.path.startswith(unit.path) for s in subjects):
        raise ValidationError({"subjects": _("A unit inspects only the units below it.")})


@transaction.atomic
def plan_inspection(unit: Unit, *, by: Any, subjects: Iterable[Unit], **fields: Any) -> Inspection:
    """Put an inspection of `subjects` (units below `unit`) in the unit's plan. Raises
    ValidationError without subjects, for a unit not below, or on a wrong field."""
    subjects = list(subjects)
    _check_subjects(unit, subjects)
    if (
        fields.get("ends_on")
        and fields.get("starts_on")
        and fields["ends_on"] < fields["starts_on"]
    ):
        raise ValidationError({"ends_on": _("The end comes before the start.")})
    inspection = create(Inspection, by=by, unit=unit, **fields)
    inspection.subjects.set(subjects)
    return inspection


@transaction.atomic
def update_inspection(
    inspection: Inspection, *, by: Any, subjects: Iterable[Unit], **fields: Any
) -> Inspection:
    """Change a planned or running inspection. Raises ValidationError once concluded, or when a
    unit with findings would leave the subjects."""
    if inspection.status not in (InspectionStatus.PLANNED, InspectionStatus.IN_PROGRESS):
        raise ValidationError(_("A concluded inspection can no longer change."))
    subjects = list(subjects)
    _check_subjects(inspection.unit, subjects)
    kept = {s.pk for s in subjects}
    if inspection.findings.exclude(unit__in=kept).exists():
        raise ValidationError({"subjects": _("A unit with findings stays among the inspected.")})
    change(inspection, by=by, **fields)
    inspection.subjects.set(subjects)
    return inspection


@transaction.atomic
def start_inspection(inspection: Inspection, *, by: Any) -> Inspection:
    _refuse_unless_inspector(inspection, by)
    transition(inspection, flow=INSPECTION_FLOW, to=InspectionStatus.IN_PROGRESS, by=by)
    return inspection


def _refuse_unless_inspector(inspection: Inspection, by: Any) -> None:
    if not rules.can_inspect(by, inspection):
        raise PermissionDenied(_("Only the inspecting unit does this."))


def checked_rule(rule: str, *, by: Any) -> checker.CheckedCitation:
    """The first document `rule` cites, checked against the library. Raises ValidationError
    when it cites none, or one the library lacks or has out of force."""
    found = checker.check_for(by, rule)
    if not found:
        raise ValidationError(
            {
                "rule": _(
                    "Cite the document the violation breaks, e.g. “Quyết định số 3767/QĐ-BGDĐT”."
                )
            }
        )
    first = found[0]
    if first.status in REFUSED_CITATIONS:
        raise ValidationError(
            {
                "rule": f"{first.citation.text}: {CitationStatus(first.status).label}. {first.detail}".strip()
            }
        )
    return first


@transaction.atomic
def record_finding(
    inspection: Inspection,
    *,
    unit: Unit,
    description: str,
    is_violation: bool = False,
    rule: str = "",
    remedy: str = "",
    remedy_due: datetime.date | None = None,
    by: Any,
) -> Finding:
    """Record what the inspection found at `unit`. A violation cites the rule it breaks
    (checked against the library) and carries a remedy with a deadline.

    Raises PermissionDenied unless the person inspects, ValidationError unless the inspection
    is in progress, the unit is inspected, and a violation has its rule, remedy and deadline."""
    _refuse_unless_inspector(inspection, by)
    if inspection.status != InspectionStatus.IN_PROGRESS:
        raise ValidationError(_("Findings are recorded while the inspection is in progress."))
    if not inspection.subjects.filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("This unit is not among those inspected.")})
    fields: dict[str, Any] = {"rule": "", "rule_document": None, "rule_status": ""}
    if is_violation:
        if not remedy.strip() or remedy_due is None:
            raise ValidationError({"remedy": _("A violation needs a remedy and its deadline.")})
        found = checked_rule(rule, by=by)
        fields = {"rule": rule, "rule_document": found.document, "rule_status": found.status}
    return create(
        Finding,
        by=by,
        inspection=inspection,
        unit=unit,
        description=description,
        is_violation=is_violation,
        remedy=remedy,
        remedy_due=remedy_due,
        remedy_status=RemedyStatus.OPEN
        if (remedy.strip() or is_violation)
        else RemedyStatus.CLOSED,
        closed_at=None if (remedy.strip() or is_violation) else timezone.now(),
        **fields,
    )


def _note(finding: Finding, note: str, by: Any) -> None:
    text = normalised({"note": note})["note"]
    if text:
        FollowUp.objects.create(finding=finding, by=by, note=text)


@transaction.atomic
def follow_up(finding: Finding, *, note: str, by: Any) -> FollowUp:
    """A note on the remedy from either side. Raises PermissionDenied for anyone else,
    ValidationError for an empty note or a closed finding."""
    if not rules.can_follow_up(by, finding):
        raise PermissionDenied
    if finding.remedy_status == RemedyStatus.CLOSED:
        raise ValidationError(_("This finding is closed."))
    text = normalised({"note": note})["note"]
    if not text:
        raise ValidationError({"note": _("Write the note.")})
    item = FollowUp.objects.create(finding=finding, by=by, note=text)
    audit.record(AuditAction.CREATE, item, by=by, unit_id=finding.unit_id)
    return item


@transaction.atomic
def report_remedied(finding: Finding, *, note: str, by: Any) -> Finding:
    """The inspected unit reports the remedy done, saying what it did. Raises PermissionDenied
    unless the person acts for the inspected unit, ValidationError without a note,
    InvalidTransition unless open."""
    if not rules.can_report_remedy(by, finding):
        raise PermissionDenied(_("Only the inspected unit reports its remedy."))
    if not note.strip():
        raise ValidationError({"note": _("Say what was done.")})
    finding.remedied_at = timezone.now()
    transition(
        finding,
        flow=REMEDY_FLOW,
        to=RemedyStatus.REMEDIED,
        by=by,
        field="remedy_status",
        unit_id=finding.unit_id,
    )
    _note(finding, note, by)
    return finding


@transaction.atomic
def close_finding(finding: Finding, *, note: str = "", by: Any) -> Finding:
    """The inspecting unit accepts the remedy and closes the finding."""
    _refuse_unless_inspector(finding.inspection, by)
    finding.closed_at = timezone.now()
    transition(
        finding,
        flow=REMEDY_FLOW,
        to=RemedyStatus.CLOSED,
        by=by,
        field="remedy_status",
        unit_id=finding.unit_id,
    )
    _note(finding, note, by)
    return finding


@transaction.atomic
def reopen_finding(finding: Finding, *, note: str, remedy_due: datetime.date, by: Any) -> Finding:
    """The inspecting unit does not accept the remedy: the finding is open again, with a new
    deadline. Raises ValidationError without a reason or with a deadline already past."""
    _refuse_unless_inspector(finding.inspection, by)
    if not note.strip():
        raise ValidationError({"note": _("Say why the remedy is not accepted.")})
    if remedy_due < timezone.localdate():
        raise ValidationError({"remedy_due": _("The new deadline has already passed.")})
    finding.remedy_due, finding.remedied_at, finding.escalated_on = remedy_due, None, None
    transition(
        finding,
        flow=REMEDY_FLOW,
        to=RemedyStatus.OPEN,
        by=by,
        field="remedy_status",
        unit_id=finding.unit_id,
    )
    _note(finding, note, by)
    return finding


@transaction.atomic
def escalate_overdue(*, today: datetime.date | None = None) -> list[Finding]:
    """Mark every open remedy past its deadline and not yet escalated as escalated today: it then
    shows, urgent, to the leaders of the inspected unit's supervising unit and of the inspecting
    unit. Idempotent: a finding is escalated once per deadline."""
    day = today or timezone.localdate()
    overdue = list(
        Finding.objects.overdue_on(day)
        .filter(escalated_on__isnull=True)
        .select_for_update(of=("self",))
    )
    for finding in overdue:
        finding.escalated_on = day
        finding.save(update_fields=["escalated_on"])
        audit.record(
            AuditAction.UPDATE,
            finding,
            unit_id=finding.unit_id,
            changes={"escalated_on": [None, day.isoformat()]},
        )
    return overdue


@transaction.atomic
def conclude_inspection(
    inspection: Inspection, *, conclusion: str, doc: docgen.Document, by: Any
) -> Inspection:
    """Issue the conclusion (Thông báo kết luận kiểm tra, numbered in the inspecting unit's
    register) and mark the inspection concluded. Raises PermissionDenied unless the person
    inspects, ValidationError without a conclusion, InvalidTransition unless in progress,
    DocumentIncomplete when the print lacks a part (nothing numbered then)."""
    _refuse_unless_inspector(inspection, by)
    text = normalised({"conclusion": conclusion})["conclusion"]
    if not text:
        raise ValidationError({"conclusion": _("Write the conclusion.")})
    INSPECTION_FLOW.check(inspection.status, InspectionStatus.CONCLUDED)
    inspection.conclusion = text
    outgoing = documents_services.issue_document(
        inspection.unit, doc=replace(doc, number=None), by=by
    )
    inspection.conclusion_document = outgoing
    transition(inspection, flow=INSPECTION_FLOW, to=InspectionStatus.CONCLUDED, by=by)
    return inspection


@transaction.atomic
def close_inspection(inspection: Inspection, *, by: Any) -> Inspection:
    """Close a concluded inspection once every finding is closed."""
    _refuse_unless_inspector(inspection, by)
    if inspection.findings.open().exists():
        raise ValidationError(_("Some findings are still open; close them first."))
    transition(inspection, flow=INSPECTION_FLOW, to=InspectionStatus.CLOSED, by=by)
    return inspection
