""" "Việc cần làm" of the reports app: reports to fill in and submit, reports to review, and
requests to unlock."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import access
from ttdn.core.todo import TodoItem
from ttdn.reports.enums import SubmissionStatus
from ttdn.reports.models import Submission, UnlockRequest


def items(user: Any) -> list[TodoItem]:
    """Reports the person's units must submit (open rounds, not yet submitted), reports their
    units must review, and unlock requests waiting for them."""
    units = access.units_with_role(user, access.WRITING_ROLES).values("pk")
    today = timezone.localdate()
    return [*_to_submit(units, today), *_to_review(units), *_unlocks(units)]


def _to_submit(units: Any, today: Any) -> list[TodoItem]:
    waiting = Submission.objects.filter(
        unit__in=units,
        status__in=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED],
        round__opens_on__lte=today,
    ).select_related("round")
    return [
        TodoItem(
            title=(
                _("Fix and resubmit the report: %(round)s")
                if s.status == SubmissionStatus.RETURNED
                else _("Submit the report: %(round)s")
            )
            % {"round": s.round.title},
            url=s.get_absolute_url(),
            unit_name=s.unit_name,
            due=s.due_on,
            detail=s.return_message,
            urgent=s.status == SubmissionStatus.RETURNED or s.is_overdue(today),
        )
        for s in waiting
    ]


def _to_review(units: Any) -> list[TodoItem]:
    waiting = Submission.objects.filter(
        reviewer__in=units, status=SubmissionStatus.SUBMITTED
    ).select_related("round")
    return [
        TodoItem(
            title=_("Review the report of %(unit)s: %(round)s")
            % {"unit": s.unit_name, "round": s.round.title},
            url=s.get_absolute_url(),
            unit_name=s.unit_name,
            due=s.round.closes_on,
        )
        for s in waiting
    ]


def _unlocks(units: Any) -> list[TodoItem]:
    waiting = (
        UnlockRequest.objects.pending()
        .filter(submission__reviewer__in=units)
        .select_related("submission__round")
    )
    return [
        TodoItem(
            title=_("Decide on the request to unlock the report of %(unit)s")
            % {"unit": r.submission.unit_name},
            url=r.submission.get_absolute_url(),
            unit_name=r.submission.unit_name,
            detail=r.reason,
            urgent=True,
        )
        for r in waiting
    ]
