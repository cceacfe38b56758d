"""A unit's report: filling in, submitting, approving, returning, unlocking, starting from the
consolidation below, issuing the printed report. Each write is atomic and audited."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn import docgen
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.states import transition
from ttdn.core.text import nfc
from ttdn.documents import services as documents_services
from ttdn.reports import breakdowns, queries, rollups
from ttdn.reports.enums import (
    SUBMISSION_FLOW,
    UNLOCK_FLOW,
    Basis,
    IndicatorKind,
    SubmissionStatus,
    UnlockStatus,
    bases_of,
)
from ttdn.reports.models import (
    Indicator,
    Submission,
    UnlockRequest,
    Value,
)
from ttdn.reports.services.errors import Locked, RoundInvalid
from ttdn.reports.validation import (
    Clean,
    ValuesInvalid,
    check_complete,
    clean_value,
    clean_values,
)

# --- Filling in -----------------------------------------------------------------------------


def is_editable(submission: Submission, *, now: datetime.datetime | None = None) -> bool:
    """Values may change: a draft or returned report before the round closes, or any but a
    submitted one while a granted window is open."""
    now = now or timezone.now()
    if submission.status == SubmissionStatus.SUBMITTED:
        return False
    if submission.window_open(now):
        return True
    waiting = submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
    return waiting and not submission.round.is_closed(timezone.localdate(now))


@transaction.atomic
def save_values(
    submission: Submission,
    raw: Mapping[str, Any],
    *,
    by: Any,
    reasons: Mapping[str, str] | None = None,
) -> list[str]:
    """Check and store values by indicator code; return the codes that changed. Every change is
    audited with its value before and after; a changed computed value needs a reason. Raises
    Locked or ValuesInvalid (nothing is written then)."""
    submission = (
        Submission.objects.select_for_update(of=("self",))
        .select_related("round")
        .get(pk=submission.pk)
    )
    if not is_editable(submission):
        raise Locked(_("This report is locked."))
    before = rollups.counters(submission)
    indicators = list(submission.round.form_version.indicators.all())
    cleaned = breakdowns.with_totals(indicators, clean_values(indicators, raw), submission)
    by_code = {i.code: i for i in indicators}
    existing = {v.indicator_id: v for v in submission.values.all()}
    by_id = {i.pk: i for i in indicators}
    for value in existing.values():  # as_json() reads the indicator: not a query per value
        value.indicator = by_id.get(value.indicator_id) or value.indicator
    changes, before_numbers, after_numbers = _store(
        submission, cleaned, by_code, existing, reasons or {}
    )
    if changes:
        _shift_rollups(submission, indicators, before_numbers, after_numbers)
        if submission.status == SubmissionStatus.APPROVED:
            submission.changed_after_approval = (
                submission.current_values_json() != submission.approved_values
            )
            submission.save(update_fields=["changed_after_approval", "updated_at"])
            rollups.shift_tallies(submission, before)  # the count of reports changed since
        audit.record(
            AuditAction.UPDATE, submission, by=by, unit_id=submission.unit_id, changes=changes
        )
    return sorted(changes)


def _store(
    submission: Submission,
    cleaned: Mapping[str, Clean],
    by_code: Mapping[str, Indicator],
    existing: dict[int, Value],
    reasons: Mapping[str, str],
) -> tuple[dict[str, list[Any]], dict[int, Decimal], dict[int, Decimal]]:
    changes: dict[str, list[Any]] = {}
    before_numbers: dict[int, Decimal] = {}
    after_numbers: dict[int, Decimal] = {}
    errors: dict[str, str] = {}
    changed: list[Value] = []
    for code, clean in cleaned.items():
        indicator = by_code[code]
        value = existing.get(indicator.pk) or Value(submission=submission, indicator=indicator)
        before = value.as_json() if value.pk else (None if indicator.is_numeric else "")
        value.number, value.text = clean.number, clean.text
        after = value.as_json()
        if before == after:
            continue
        if indicator.computed_key and value.computed_number != clean.number:
            value.override_reason = (reasons.get(code) or value.override_reason).strip()
            if not value.override_reason:
                errors[code] = _("Say why you change the computed value.")
                continue
        elif indicator.computed_key:
            value.override_reason = ""
        changed.append(value)
        changes[code] = [before, after]
        if before is not None and indicator.is_numeric and before != "":
            before_numbers[indicator.pk] = Decimal(before)
        if clean.number is not None:
            after_numbers[indicator.pk] = clean.number
    if errors:
        raise ValuesInvalid(errors)
    Value.objects.bulk_create([v for v in changed if v.pk is None])
    Value.objects.bulk_update(
        [v for v in changed if v.pk is not None], ["number", "text", "override_reason"]
    )
    return changes, before_numbers, after_numbers


def _shift_rollups(
    submission: Submission,
    indicators: list[Indicator],
    before: dict[int, Decimal],
    after: dict[int, Decimal],
) -> None:
    bases = bases_of(submission.status)
    if not bases:
        return  # a draft's values count nowhere yet
    rollups.touch(submission)  # its narratives too, which do not roll up
    rolling = {i.pk for i in indicators if i.rolls_up}
    yes_no = {i.pk for i in indicators if i.kind == IndicatorKind.YES_NO}
    old = {k: v for k, v in before.items() if k in rolling}
    new = {k: v for k, v in after.items() if k in rolling}
    rollups.apply(submission, old, sign=-1, bases=bases, yes_no=yes_no)
    rollups.apply(submission, new, sign=1, bases=bases, yes_no=yes_no)


def current_values(submission: Submission) -> dict[str, Clean]:
    return {
        v.indicator.code: Clean(number=v.number, text=v.text)
        for v in submission.values.select_related("indicator")
    }


# --- The state machine ----------------------------------------------------------------------


def transition_submission(
    submission: Submission,
    *,
    to: SubmissionStatus,
    by: Any,
    before: rollups.Counters,
    **changes: Any,
) -> None:
    """The one place that sets `Submission.status`, along SUBMISSION_FLOW: moves the roll-ups
    and the tallies (from the counters `before` the submission was touched) with it, audited.
    Raises core.states.InvalidTransition."""

    def move_rollups(source: str, target: str) -> None:
        leaving, entering = bases_of(source) - bases_of(target), bases_of(target) - bases_of(source)
        if leaving or entering:
            indicators = list(submission.round.form_version.indicators.all())
            numbers = rollups.numbers(submission, indicators)
            yes_no = {i.pk for i in indicators if i.kind == IndicatorKind.YES_NO}
            rollups.apply(submission, numbers, sign=-1, bases=leaving, yes_no=yes_no)
            rollups.apply(submission, numbers, sign=1, bases=entering, yes_no=yes_no)

    transition(
        submission,
        flow=SUBMISSION_FLOW,
        to=to,
        by=by,
        unit_id=submission.unit_id,
        changes=changes,
        on_move=move_rollups,
    )
    rollups.shift_tallies(submission, before)
    rollups.touch(submission)


def _locked_copy(submission: Submission) -> Submission:
    return (
        Submission.objects.select_for_update(of=("self",))
        .select_related("round")
        .get(pk=submission.pk)
    )


@transaction.atomic
def submit_submission(submission: Submission, *, by: Any) -> Submission:
    """Send the report to the reviewer: all required values there and every rule kept. The first
    submission fixes whether it was on time. Raises Locked, ValuesInvalid, InvalidTransition."""
    submission = _locked_copy(submission)
    if not is_editable(submission):
        raise Locked(_("This report is locked."))
    before = rollups.counters(submission)
    version = submission.round.form_version
    check_complete(version.indicators.all(), version.rules.all(), current_values(submission))
    now = timezone.now()
    submission.submitted_at = now
    submission.first_submitted_at = submission.first_submitted_at or now
    submission.unlocked_until = None
    transition_submission(submission, to=SubmissionStatus.SUBMITTED, by=by, before=before)
    return submission


@transaction.atomic
def approve_submission(submission: Submission, *, by: Any) -> Submission:
    """Accept the report: its figures are frozen as approved (a later granted window shows
    what changed since). Raises InvalidTransition."""
    submission = _locked_copy(submission)
    before = rollups.counters(submission)
    submission.approved_at = timezone.now()
    submission.approved_values = submission.current_values_json()
    submission.changed_after_approval = False
    submission.return_message = ""
    submission.unlocked_until = None
    transition_submission(submission, to=SubmissionStatus.APPROVED, by=by, before=before)
    return submission


@transaction.atomic
def return_submission(submission: Submission, *, message: str, by: Any) -> Submission:
    """Send the report back to its unit with what to fix. Raises ValuesInvalid without a
    message, InvalidTransition from a draft or a returned report."""
    if not message.strip():
        raise ValuesInvalid({"message": _("Say what the unit should fix.")})
    submission = _locked_copy(submission)
    before = rollups.counters(submission)
    submission.return_message = nfc(message.strip())
    transition_submission(
        submission,
        to=SubmissionStatus.RETURNED,
        by=by,
        before=before,
        message=submission.return_message,
    )
    return submission


# --- Unlocking ------------------------------------------------------------------------------


@transaction.atomic
def request_unlock(submission: Submission, *, reason: str, by: Any) -> UnlockRequest:
    """Ask the reviewer to reopen a locked report. Raises Locked when there is nothing to
    unlock (it is editable or waiting for review) or a request already waits."""
    submission = _locked_copy(submission)
    if not reason.strip():
        raise ValuesInvalid({"reason": _("Say why the report must be reopened.")})
    if is_editable(submission) or submission.status == SubmissionStatus.SUBMITTED:
        raise Locked(_("This report is not locked."))
    if submission.unlocks.pending().exists():
        raise Locked(_("A request to unlock this report is already waiting."))
    request = UnlockRequest.objects.create(
        submission=submission, reason=nfc(reason.strip()), requested_by=by
    )
    audit.record(AuditAction.CREATE, request, by=by, unit_id=submission.unit_id)
    return request


def transition_unlock(
    request: UnlockRequest,
    *,
    to: UnlockStatus,
    by: Any,
    until: datetime.datetime | None = None,
) -> UnlockRequest:
    """The one place that sets `UnlockRequest.status`, along UNLOCK_FLOW: records who decided
    and when; granting opens the report until `until`. Raises core.states.InvalidTransition
    once decided, ValuesInvalid for a window that does not end in the future."""

    def decide(source: str, target: str) -> None:
        if target == UnlockStatus.GRANTED:
            if until is None or until <= timezone.now():
                raise ValuesInvalid({"until": _("The window must end in the future.")})
            request.until = until
        request.decided_by, request.decided_at = by, timezone.now()

    transition(
        request,
        flow=UNLOCK_FLOW,
        to=to,
        by=by,
        unit_id=request.submission.unit_id,
        changes={"until": until.isoformat()} if to == UnlockStatus.GRANTED and until else None,
        on_move=decide,
    )
    if to == UnlockStatus.GRANTED:
        Submission.objects.filter(pk=request.submission_id).update(unlocked_until=until)
    return request


@transaction.atomic
def grant_unlock(request: UnlockRequest, *, until: datetime.datetime, by: Any) -> UnlockRequest:
    """Open a window until `until` in which the unit may change the report (and submit it)."""
    return transition_unlock(request, to=UnlockStatus.GRANTED, until=until, by=by)


@transaction.atomic
def refuse_unlock(request: UnlockRequest, *, by: Any) -> UnlockRequest:
    """Keep the report locked."""
    return transition_unlock(request, to=UnlockStatus.REFUSED, by=by)


# --- The unit's own report, from its consolidation -----------------------------------------


@transaction.atomic
def start_from_consolidation(
    submission: Submission, *, by: Any, basis: str = Basis.APPROVED
) -> list[str]:
    """Fill `submission` from the consolidation of the reports below its unit (in the same
    round, or in the unit's own round for the period): numbers by the aggregation rules, and
    the narratives collected by unit for editing. A figure the indicator cannot hold (a sum of
    percentages) is left out. Returns the codes filled. Raises RoundInvalid, Locked."""
    source = queries.own_report_source(submission)
    if source is None:
        raise RoundInvalid(_("No reports below your unit to start from."))
    data = queries.consolidation(*source, basis=basis, narratives=None)
    indicators = {i.code: i for i in submission.round.form_version.indicators.all()}
    raw: dict[str, Any] = {}
    for row in data.rows:
        if row.total is not None and row.indicator.code in indicators:
            raw[row.indicator.code] = _fitting(indicators[row.indicator.code], row.total)
    for narrative in data.narratives:
        entries = "\n\n".join(f"{e.unit_name}: {e.text}" for e in narrative.entries)
        if entries and narrative.indicator.code in indicators:
            raw[narrative.indicator.code] = _fitting(indicators[narrative.indicator.code], entries)
    raw = {code: value for code, value in raw.items() if value is not None}
    raw = breakdowns.reconcile(indicators.values(), raw)
    reason = _("Taken from the consolidation of the units below.")
    return save_values(submission, raw, by=by, reasons=dict.fromkeys(raw, reason))


def _fitting(indicator: Indicator, value: Any) -> Any:
    try:
        if isinstance(value, Decimal) and indicator.kind != IndicatorKind.YES_NO:
            # an average may have any number of decimals
            places = 0 if indicator.kind == IndicatorKind.INTEGER else 4
            value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        clean_value(indicator, value)
    except (ValueError, InvalidOperation):
        return None
    return value


# --- Issuing the printed report ---------------------------------------------------------------


@transaction.atomic
def issue_report(submission: Submission, *, doc: docgen.Document, by: Any) -> Submission:
    """Number the printed report from its unit's outgoing register (storing the frozen DOCX
    there) and link the entry to the submission; a report whose entry was withdrawn is issued
    anew. Raises ValidationError when already issued, DocumentIncomplete when the print lacks
    a part."""
    submission = _locked_copy(submission)
    if submission.outgoing is not None and not submission.outgoing.is_withdrawn:
        raise ValidationError(_("This report is already issued."))
    outgoing = documents_services.issue_document(
        submission.unit, doc=replace(doc, number=None), by=by
    )
    submission.outgoing = outgoing
    submission.save(update_fields=["outgoing", "updated_at"])
    audit.record(
        AuditAction.UPDATE,
        submission,
        by=by,
        unit_id=submission.unit_id,
        changes={"outgoing": [None, outgoing.pk]},
    )
    return submission
