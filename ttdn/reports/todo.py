""" "Việc cần làm" of the reports app: reports to fill in and submit, reports to review, and
requests to unlock."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ttdn.core import access
from ttdn.core.todo import TodoItem
from ttdn.reports.enums import SubmissionStatus
from ttdn.reports.models import Round, Submission, UnlockRequest

REVIEW_LISTED = 5  # reports of one round listed one by one; more are counted in one item


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
    """Each report waiting for review; a round with more than REVIEW_LISTED of them gets one
    item that counts them and opens the round, so a ministry's or a province's list stays
    short however many schools submit (a page of hundreds of items helps nobody)."""
    waiting = Submission.objects.filter(reviewer__in=units, status=SubmissionStatus.SUBMITTED)
    per_round = dict(waiting.values_list("round").annotate(count=Count("pk")).order_by())
    few = [pk for pk, count in per_round.items() if count <= REVIEW_LISTED]
    many = [pk for pk, count in per_round.items() if count > REVIEW_LISTED]
    items = [
        TodoItem(
            title=_("Review the report of %(unit)s: %(round)s")
            % {"unit": s.unit_name, "round": s.round.title},
            url=s.get_absolute_url(),
            unit_name=s.unit_name,
            due=s.round.closes_on,
        )
        for s in (waiting.filter(round__in=few).select_related("round") if few else [])
    ]
    return items + [
        TodoItem(
            title=ngettext(
                "Review the %(count)s submitted report: %(round)s",
                "Review the %(count)s submitted reports: %(round)s",
                per_round[r.pk],
            )
            % {"count": per_round[r.pk], "round": r.title},
            url=r.get_absolute_url(),
            due=r.closes_on,
        )
        for r in (Round.objects.filter(pk__in=many) if many else [])
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
