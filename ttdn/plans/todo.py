""" "Việc cần làm" of the plans app: plans the person's units must write and submit, and
submitted plans their units must review."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import access
from ttdn.core.todo import TodoItem
from ttdn.plans.enums import PlanStatus, SubmissionStatus
from ttdn.plans.models import PlanSubmission


def items(user: Any) -> list[TodoItem]:
    units = access.units_with_role(user, access.WRITING_ROLES).values("pk")
    today = timezone.localdate()
    owed = (
        PlanSubmission.objects.waiting()
        .filter(unit__in=units)
        .select_related("requesting_plan__unit", "plan")
    )
    to_review = PlanSubmission.objects.filter(
        requesting_plan__unit__in=units, status=SubmissionStatus.SUBMITTED
    ).select_related("requesting_plan")
    return [
        *(
            TodoItem(
                title=_owed_title(s),
                url=s.get_absolute_url(),
                unit_name=s.unit_name,
                due=s.due,
                detail=s.comment,
                urgent=s.status == SubmissionStatus.RETURNED or s.due < today,
            )
            for s in owed
        ),
        *(
            TodoItem(
                title=_("Review the plan of %(unit)s") % {"unit": s.unit_name},
                url=s.get_absolute_url(),
                unit_name=s.unit_name,
                due=s.due,
            )
            for s in to_review
        ),
    ]


def _owed_title(submission: PlanSubmission) -> str:
    """What the unit still has to do: an issued plan only waits to be handed in."""
    if submission.plan is not None and submission.plan.status == PlanStatus.ISSUED:
        return _("Submit your issued plan to %(unit)s: %(plan)s") % {
            "unit": submission.requesting_plan.unit.name,
            "plan": submission.requesting_plan.title,
        }
    if submission.status == SubmissionStatus.RETURNED:
        return _("Fix and resubmit your plan: %(plan)s") % {
            "plan": submission.requesting_plan.title
        }
    return _("Write and submit your plan for: %(plan)s") % {
        "plan": submission.requesting_plan.title
    }
