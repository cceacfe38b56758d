"""Reminders: the reports' lines of the daily digest, and the reminder a reviewing unit sends
by hand ("Nhắc") to the units below it whose reports are still waiting."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import audit, digest
from ttdn.core.enums import AuditAction
from ttdn.org.models import Unit
from ttdn.reports import queries
from ttdn.reports.models import (
    Round,
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


def remind_units(round_: Round, unit: Unit, *, by: Any, on: datetime.date | None = None) -> int:
    """E-mail the people of every unit below `unit` (as the round froze the tree) whose report
    in `round_` still waits (not handed in, or returned), one message each, and record the
    reminder; a unit already reminded that day is left alone. Returns how many units."""
    day = on or timezone.localdate()
    path, _depth = queries.place_in_round(round_, unit)
    waiting = list(
        Submission.objects.filter(round=round_)
        .in_subtree(path)
        .exclude(unit=unit)
        .waiting()
        .exclude(reminded_on=day)
        .select_related("round")
    )
    lines = [digest.Line.to_units(_reminder_line(s, day), s.unit_id) for s in waiting]
    digest.deliver(
        [(_("Periodic reports"), lines)], subject_line=_("Reports waiting for your unit")
    )
    return mark_reminded(waiting, on=day, by=by)


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
