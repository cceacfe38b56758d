"""Reads about single reports: where a unit's own report starts from, the reports due for a
reminder, and the indicator names of a report's history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from ttdn.org.models import Unit
from ttdn.reports.models import Round, Submission


def own_report_source(submission: Submission) -> tuple[Round, Unit] | None:
    """Where `submission`'s unit can start its report from: reports below it in the same round,
    else its own round for the same period."""
    unit = submission.unit
    inside = Submission.objects.filter(round=submission.round).contributing_to(
        unit.pk, submission.path, submission.depth
    )
    if inside.exists():
        return submission.round, unit
    rounds = Round.objects.filter(owner=unit, period_key=submission.round.period_key)
    form = submission.round.form_version.form_id
    own = rounds.filter(form_version__form=form).first() or rounds.first()
    return (own, unit) if own else None


@dataclass(frozen=True)
class Reminder:
    submission: Submission
    overdue: bool


def reminders_due(*, today: datetime.date | None = None, days_before: int = 3) -> list[Reminder]:
    """Reports of open rounds not yet handed in whose deadline is within `days_before` days or
    past, and whose unit was not reminded today."""
    today = today or timezone.localdate()
    waiting = (
        Submission.objects.waiting()
        .filter(
            round__opens_on__lte=today,
            due_on__lte=today + datetime.timedelta(days=days_before),
        )
        .exclude(reminded_on=today)
        .select_related("round")
        .order_by("due_on", "path")
    )
    return [Reminder(s, s.due_on < today) for s in waiting]


def indicator_labels(submission_ids: list[str]) -> dict[str, dict[str, str]]:
    """The names of the indicators of each submission's form by code, for its history
    (registered with `ttdn.core.history`: a submission's values are audited by code)."""
    rows = Submission.objects.filter(pk__in=[int(i) for i in submission_ids if i.isdigit()])
    labels: dict[str, dict[str, str]] = {}
    for pk, code, name in rows.values_list(
        "pk", "round__form_version__indicators__code", "round__form_version__indicators__name"
    ):
        if code:
            labels.setdefault(str(pk), {})[code] = name
    return labels
