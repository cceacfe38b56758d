"""The reports' lines of the daily digest."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.core import audit, digest
from ttdn.core.enums import AuditAction
from ttdn.reports import queries
from ttdn.reports.models import (
    Submission,
)

# --- Reminders --------------------------------------------------------------------------------


def reminder_batch(today: datetime.date, days_before: int) -> digest.Batch:
    """The reports' part of the daily digest: each unit that owes a report of an open round
    due within `days_before` days or overdue gets a line for it, the reviewing unit a line for
    each overdue unit. Once sent, the reports are recorded as reminded today."""
    reminders = queries.reminders_due(today=today, days_before=days_before)
    lines, notes = [], []
    for reminder in reminders:
        submission = reminder.submission
        lines.append(digest.Line.to_units(_reminder_line(submission, today), submission.unit_id))
        if reminder.overdue:
            text = _("%(unit)s has not submitted its report for “%(round)s” (due %(due)s).")
            lines.append(
                digest.Line.to_units(text % _reminder_values(submission), submission.reviewer_id)
            )
        notes.append(
            f"{submission.unit_name} round #{submission.round_id} due {submission.due_on} "
            f"overdue={reminder.overdue}"
        )
    notes.append(f"{len(reminders)} report reminders")
    return digest.Batch(
        lines,
        notes,
        lambda: mark_reminded([r.submission for r in reminders], on=today, by=None),
    )


def _reminder_values(submission: Submission) -> dict[str, str]:
    return {
        "unit": submission.unit_name,
        "round": submission.round.title,
        "due": submission.due_on.strftime("%d/%m/%Y"),
    }


def _reminder_line(submission: Submission, day: datetime.date) -> str:
    values = _reminder_values(submission)
    if submission.due_on < day:
        return _("%(unit)s: your report for “%(round)s” is overdue (due %(due)s).") % values
    return _("%(unit)s: your report for “%(round)s” is due by %(due)s.") % values


@transaction.atomic
def mark_reminded(submissions: Iterable[Submission], *, on: datetime.date, by: Any) -> int:
    """Record that the units were reminded on `on`; return how many were."""
    ids = [s.pk for s in submissions]
    for submission in Submission.objects.filter(pk__in=ids):
        previous = submission.reminded_on.isoformat() if submission.reminded_on else None
        audit.record(
            AuditAction.UPDATE,
            submission,
            by=by,
            changes={"reminded_on": [previous, on.isoformat()]},
            unit_id=submission.unit_id,
        )
    return Submission.objects.filter(pk__in=ids).update(reminded_on=on)
