"""The cascade: a required unit starts its plan from the parent, submits it; the requesting
unit returns or accepts it; reminders by e-mail, one summary per person per day."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import audit, digest
from ttdn.core.enums import AuditAction
from ttdn.core.text import nfc
from ttdn.plans import queries
from ttdn.plans.enums import SubmissionStatus
from ttdn.plans.models import Plan, PlanSubmission, PlanTask
from ttdn.plans.services.plans import copy_plan, transition_submission

# --- The cascade ------------------------------------------------------------------------------


@transaction.atomic
def start_plan(submission: PlanSubmission, *, by: Any, year: int | None = None) -> Plan:
    """The required unit's draft for `year` (the requesting plan's when None), started from
    the requesting plan: its bases, sections and tasks copied and marked derived, its parent
    set. Raises InvalidTransition when started."""
    transition_submission(submission, to=SubmissionStatus.DRAFT, by=by)
    plan = copy_plan(
        submission.requesting_plan, unit=submission.unit, by=by, derived=True, year=year
    )
    plan.parent = submission.requesting_plan
    plan.save(update_fields=["parent"])
    submission.plan = plan
    submission.save(update_fields=["plan", "updated_at"])
    audit.record(AuditAction.CREATE, plan, by=by, changes={"parent": [None, plan.parent_id]})
    return plan


@transaction.atomic
def submit_plan(submission: PlanSubmission, *, by: Any) -> PlanSubmission:
    """Hand the unit's plan to the requesting unit; the time is kept to tell on time from
    late. Raises InvalidTransition unless a draft or returned."""
    transition_submission(submission, to=SubmissionStatus.SUBMITTED, by=by)
    submission.submitted_at = timezone.now()
    submission.save(update_fields=["submitted_at", "updated_at"])
    return submission


@transaction.atomic
def return_submission(submission: PlanSubmission, *, message: str, by: Any) -> PlanSubmission:
    """Send the plan back with a message saying what to fix (kept as its comment). Raises
    InvalidTransition unless submitted, ValidationError without a message."""
    if not message.strip():
        raise ValidationError(_("Say what needs fixing."))
    transition_submission(submission, to=SubmissionStatus.RETURNED, by=by)
    submission.comment = nfc(message.strip())
    submission.save(update_fields=["comment", "updated_at"])
    return submission


@transaction.atomic
def accept_submission(submission: PlanSubmission, *, by: Any) -> PlanSubmission:
    """Accept the submitted plan. Raises InvalidTransition unless submitted."""
    transition_submission(submission, to=SubmissionStatus.ACCEPTED, by=by)
    return submission


def remind_units(plan: Plan, *, by: Any, on: datetime.date | None = None) -> int:
    """E-mail the people of every unit whose plan `plan` still waits for (not yet handed in,
    or returned), one message each, and record the reminder; return how many units."""
    day = on or timezone.localdate()
    waiting = list(plan.submissions.waiting().exclude(reminded_on=day))
    lines = [digest.Line.to_units(_reminder_line(s, day), s.unit_id) for s in waiting]
    digest.deliver([(_("Plans"), lines)], subject_line=_("Plans waiting for your unit"))
    return mark_reminded(waiting, on=day, by=by)


def reminder_batch(today: datetime.date, days_before: int) -> digest.Batch:
    """The plans' part of the daily digest: each unit that owes a plan due within `days_before`
    days or overdue gets a line for it, the requesting unit a line for each overdue unit, and
    the units accountable for or carrying out a task due soon or overdue a line for it. Once
    sent, the plans and tasks are recorded as reminded today."""
    reminders = queries.reminders_due(today=today, days_before=days_before)
    tasks = queries.tasks_due(today=today, days_before=days_before)
    lines, notes = [], []
    for reminder in reminders:
        submission = reminder.submission
        lines.append(digest.Line.to_units(_reminder_line(submission, today), submission.unit_id))
        if reminder.overdue:
            text = _("%(unit)s has not handed in its plan for “%(plan)s” (due %(due)s).") % {
                "unit": submission.unit_name,
                "plan": submission.requesting_plan.title,
                "due": submission.due.strftime("%d/%m/%Y"),
            }
            lines.append(digest.Line.to_units(text, submission.requesting_plan.unit_id))
        notes.append(
            f"{submission.unit.code} plan #{submission.requesting_plan_id} due {submission.due} "
            f"overdue={reminder.overdue}"
        )
    for task in tasks:
        unit_ids = [task.accountable_unit_id or task.plan.unit_id]
        unit_ids += [u.pk for u in task.carrying_units.all()]
        lines.append(digest.Line.to_units(_task_line(task, today), *unit_ids))
        notes.append(f"task #{task.pk} of plan #{task.plan_id} due {task.due}")
    notes.append(f"{len(reminders)} plan reminders, {len(tasks)} task reminders")

    def record() -> None:
        mark_reminded([r.submission for r in reminders], on=today, by=None)
        PlanTask.objects.filter(pk__in=[t.pk for t in tasks]).update(reminded_on=today)

    return digest.Batch(lines, notes, record)


def _task_line(task: PlanTask, day: datetime.date) -> str:
    values = {
        "task": task.title[:200],
        "plan": task.plan.title,
        "due": task.due.strftime("%d/%m/%Y") if task.due else "",
    }
    if task.due and task.due < day:
        return _("Task “%(task)s” of “%(plan)s” is overdue (due %(due)s).") % values
    return _("Task “%(task)s” of “%(plan)s” is due by %(due)s.") % values


def _reminder_line(submission: PlanSubmission, day: datetime.date) -> str:
    values = {
        "unit": submission.unit_name,
        "plan": submission.requesting_plan.title,
        "due": submission.due.strftime("%d/%m/%Y"),
    }
    if submission.due < day:
        return _("%(unit)s: your plan for “%(plan)s” is overdue (due %(due)s).") % values
    return _("%(unit)s: your plan for “%(plan)s” is due by %(due)s.") % values


@transaction.atomic
def mark_reminded(submissions: Iterable[PlanSubmission], *, on: datetime.date, by: Any) -> int:
    """Record that the units were reminded on `on`; return how many were."""
    ids = [s.pk for s in submissions]
    for submission in PlanSubmission.objects.filter(pk__in=ids):
        audit.record(
            AuditAction.UPDATE,
            submission,
            by=by,
            changes={"reminded_on": [_iso(submission.reminded_on), on.isoformat()]},
            unit_id=submission.unit_id,
        )
    return PlanSubmission.objects.filter(pk__in=ids).update(reminded_on=on)


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None
