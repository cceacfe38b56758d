"""Agreements, programmes, delegations and conferences, and the approval flow of the last two."""

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
from ttdn.documents import services as documents_services
from ttdn.org.models import Unit
from ttdn.registries import rules
from ttdn.registries.enums import (
    AGREEMENT_FLOW,
    APPROVAL_FLOW,
    AgreementStatus,
    ApprovalStatus,
)
from ttdn.registries.models import (
    Agreement,
    Conference,
    ConferenceParticipant,
    Delegation,
    DelegationMember,
    Partner,
    Programme,
    ProgrammeResult,
)
from ttdn.registries.services.common import change, create, normalised

Approvable = Delegation | Conference

# --- Agreements -------------------------------------------------------------------------------


@transaction.atomic
def record_agreement(unit: Unit, *, by: Any, **fields: Any) -> Agreement:
    """A new agreement, still being negotiated. Raises ValidationError on a wrong field."""
    return create(Agreement, by=by, unit=unit, status=AgreementStatus.DRAFT, **fields)


@transaction.atomic
def update_agreement(agreement: Agreement, *, by: Any, **fields: Any) -> Agreement:
    return change(agreement, by=by, **fields)


@transaction.atomic
def sign_agreement(
    agreement: Agreement,
    *,
    signed_on: datetime.date,
    expires_on: datetime.date | None,
    by: Any,
) -> Agreement:
    """Record the signature: the agreement is in force from `signed_on` until `expires_on`.
    Raises InvalidTransition unless being negotiated, ValidationError on dates in the wrong order
    or a signature in the future."""
    if signed_on > timezone.localdate():
        raise ValidationError(_("An agreement cannot be signed on a day still to come."))
    if expires_on is not None and expires_on <= signed_on:
        raise ValidationError(_("The agreement must expire after it is signed."))
    agreement.signed_on, agreement.expires_on = signed_on, expires_on
    transition(
        agreement,
        flow=AGREEMENT_FLOW,
        to=AgreementStatus.SIGNED,
        by=by,
        changes={"signed_on": [None, signed_on.isoformat()]},
    )
    return agreement


@transaction.atomic
def terminate_agreement(agreement: Agreement, *, by: Any) -> Agreement:
    """End a signed agreement before its term. Raises InvalidTransition unless signed."""
    transition(agreement, flow=AGREEMENT_FLOW, to=AgreementStatus.TERMINATED, by=by)
    return agreement


@transaction.atomic
def renew_agreement(agreement: Agreement, *, by: Any, **fields: Any) -> Agreement:
    """A new agreement (being negotiated) that renews `agreement`: its reminder stops. Raises
    ValidationError when it has already been renewed or is not signed."""
    if agreement.status != AgreementStatus.SIGNED:
        raise ValidationError(_("Only a signed agreement can be renewed."))
    if agreement.renewals.exists():
        raise ValidationError(_("This agreement has already been renewed."))
    defaults = {"kind": agreement.kind, "title": agreement.title, "partner": agreement.partner}
    return record_agreement(agreement.unit, by=by, renews=agreement, **{**defaults, **fields})


# --- Programmes -------------------------------------------------------------------------------


@transaction.atomic
def record_programme(
    unit: Unit,
    *,
    by: Any,
    partners: Iterable[Partner],
    units: Iterable[Unit] = (),
    **fields: Any,
) -> Programme:
    """A new programme led by `unit`. Raises ValidationError without a partner."""
    partners = list(partners)
    if not partners:
        raise ValidationError({"partners": _("Name at least one partner.")})
    programme = create(Programme, by=by, unit=unit, **fields)
    programme.partners.set(partners)
    programme.units.set(list(units))
    return programme


@transaction.atomic
def update_programme(
    programme: Programme,
    *,
    by: Any,
    partners: Iterable[Partner],
    units: Iterable[Unit] = (),
    **fields: Any,
) -> Programme:
    partners = list(partners)
    if not partners:
        raise ValidationError({"partners": _("Name at least one partner.")})
    change(programme, by=by, **fields)
    programme.partners.set(partners)
    programme.units.set(list(units))
    return programme


@transaction.atomic
def record_result(programme: Programme, *, year: int, results: str, by: Any) -> ProgrammeResult:
    """Record or replace the programme's results of `year`."""
    existing = ProgrammeResult.objects.filter(programme=programme, year=year).first()
    if existing is not None:
        return change(existing, by=by, unit_id=programme.unit_id, results=results)
    return create(
        ProgrammeResult,
        by=by,
        unit_id=programme.unit_id,
        programme=programme,
        year=year,
        results=results,
    )


# --- Delegations and conferences ---------------------------------------------------------------


def _check_dates(starts_on: Any, ends_on: Any) -> None:
    if starts_on and ends_on and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end comes before the start.")})


def _refuse_unless_editable(record: Approvable) -> None:
    if not record.is_editable:
        raise ValidationError(
            _("Once approval is asked, it can no longer be changed; withdraw the request first.")
        )


@transaction.atomic
def record_delegation(
    unit: Unit, *, by: Any, members: Iterable[dict[str, Any]] = (), **fields: Any
) -> Delegation:
    """A new delegation (a draft) with its members. Raises ValidationError on a wrong field."""
    _check_dates(fields.get("starts_on"), fields.get("ends_on"))
    delegation = create(Delegation, by=by, unit=unit, **fields)
    for member in members:
        add_member(delegation, by=by, **member)
    return delegation


@transaction.atomic
def update_delegation(delegation: Delegation, *, by: Any, **fields: Any) -> Delegation:
    """Change a draft or refused delegation. Raises ValidationError once approval is asked."""
    _refuse_unless_editable(delegation)
    _check_dates(
        fields.get("starts_on", delegation.starts_on), fields.get("ends_on", delegation.ends_on)
    )
    return change(delegation, by=by, **fields)


@transaction.atomic
def add_member(delegation: Delegation, *, by: Any, **fields: Any) -> DelegationMember:
    """Add a member while the delegation is a draft or refused: the supervising unit approves
    the delegation with its members."""
    _refuse_unless_editable(delegation)
    return create(
        DelegationMember, by=by, unit_id=delegation.unit_id, delegation=delegation, **fields
    )


@transaction.atomic
def remove_member(member: DelegationMember, *, by: Any) -> None:
    _refuse_unless_editable(member.delegation)
    audit.record(AuditAction.DELETE, member, by=by, unit_id=member.delegation.unit_id)
    member.delete()


@transaction.atomic
def record_conference(
    unit: Unit, *, by: Any, partners: Iterable[Partner] = (), **fields: Any
) -> Conference:
    _check_dates(fields.get("starts_on"), fields.get("ends_on"))
    conference = create(Conference, by=by, unit=unit, **fields)
    conference.partners.set(list(partners))
    return conference


@transaction.atomic
def update_conference(
    conference: Conference, *, by: Any, partners: Iterable[Partner] = (), **fields: Any
) -> Conference:
    _refuse_unless_editable(conference)
    _check_dates(
        fields.get("starts_on", conference.starts_on), fields.get("ends_on", conference.ends_on)
    )
    change(conference, by=by, **fields)
    conference.partners.set(list(partners))
    return conference


@transaction.atomic
def add_participant(conference: Conference, *, by: Any, **fields: Any) -> ConferenceParticipant:
    """Name a participant while the conference is a draft or refused: the supervising unit
    approves the conference with who takes part."""
    _refuse_unless_editable(conference)
    return create(
        ConferenceParticipant,
        by=by,
        unit_id=conference.unit_id,
        conference=conference,
        **fields,
    )


@transaction.atomic
def remove_participant(participant: ConferenceParticipant, *, by: Any) -> None:
    _refuse_unless_editable(participant.conference)
    audit.record(AuditAction.DELETE, participant, by=by, unit_id=participant.conference.unit_id)
    participant.delete()


# --- The approval flow -------------------------------------------------------------------------


@transaction.atomic
def request_approval(record: Approvable, *, by: Any) -> Approvable:
    """Ask the supervising unit to approve. Raises PermissionDenied unless the person records
    for the unit, ValidationError when the unit has no unit above it or (for a delegation) no
    member is listed, InvalidTransition unless a draft or refused."""
    if not rules.can_edit(by, record):
        raise PermissionDenied
    if rules.supervising_unit(record.unit) is None:
        raise ValidationError(_("This unit has no supervising unit to ask for approval."))
    if isinstance(record, Delegation) and not record.members.exists():
        raise ValidationError(_("List the members of the delegation before asking approval."))
    record.requested_at = timezone.now()
    transition(record, flow=APPROVAL_FLOW, to=ApprovalStatus.REQUESTED, by=by)
    return record


@transaction.atomic
def withdraw_request(record: Approvable, *, by: Any) -> Approvable:
    """Take a pending request back to a draft, to change it."""
    if not rules.can_edit(by, record):
        raise PermissionDenied
    transition(record, flow=APPROVAL_FLOW, to=ApprovalStatus.DRAFT, by=by)
    return record


@transaction.atomic
def decide(
    record: Approvable,
    *,
    approve: bool,
    reason: str = "",
    document: Any = None,
    by: Any,
) -> Approvable:
    """The supervising unit's decision on a request. A refusal must give its reason.

    Raises PermissionDenied unless the person leads the supervising unit (or one above it),
    ValidationError for a refusal without a reason, InvalidTransition unless requested."""
    if not rules.can_decide(by, record):
        raise PermissionDenied(_("Only a leader of the supervising unit decides on this request."))
    reason = normalised({"reason": reason})["reason"]
    if not approve and not reason:
        raise ValidationError(_("Give the reason of the refusal."))
    record.decided_at, record.decided_by = timezone.now(), by
    record.decision_reason, record.approval_document = reason, document
    to = ApprovalStatus.APPROVED if approve else ApprovalStatus.REFUSED
    transition(
        record,
        flow=APPROVAL_FLOW,
        to=to,
        by=by,
        changes={"decision_reason": [None, reason]} if reason else None,
    )
    return record


@transaction.atomic
def report_on(record: Approvable, *, outcome: str, doc: docgen.Document, by: Any) -> Approvable:
    """Issue the report after the visit or the conference (a Báo cáo numbered in the unit's
    register) and close the record. Raises PermissionDenied unless the person records for the
    unit, ValidationError without an outcome or before its end, InvalidTransition unless
    approved, DocumentIncomplete when the print lacks a part (nothing is numbered then)."""
    if not rules.can_edit(by, record):
        raise PermissionDenied
    outcome = normalised({"outcome": outcome})["outcome"]
    if not outcome:
        raise ValidationError(_("Write what came of it."))
    if record.ends_on > timezone.localdate():
        raise ValidationError(_("The report is written after the end date."))
    record.outcome = outcome
    outgoing = documents_services.issue_document(record.unit, doc=replace(doc, number=None), by=by)
    record.report = outgoing
    transition(record, flow=APPROVAL_FLOW, to=ApprovalStatus.REPORTED, by=by)
    return record
