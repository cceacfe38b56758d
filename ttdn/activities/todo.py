""" "Việc cần làm" of the activities app: plan tasks whose time frame ended without evidence,
and round anniversaries just past that the person's units have recorded no activity for."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.activities import queries
from ttdn.activities.enums import ActivityKind
from ttdn.activities.models import Activity
from ttdn.core import access
from ttdn.core.todo import TodoItem
from ttdn.events import queries as event_queries

LOOK_BACK_DAYS = 60  # a task that ended longer ago is the report's business, not a reminder
ANNIVERSARY_DAYS_AFTER = 14


def items(user: Any) -> list[TodoItem]:
    today = timezone.localdate()
    return [*_tasks(user, today), *_anniversaries(user, today)]


def _tasks(user: Any, today: datetime.date) -> list[TodoItem]:
    units = access.units_with_role(user, access.WRITING_ROLES)
    since = today - datetime.timedelta(days=LOOK_BACK_DAYS)
    return [
        TodoItem(
            title=_("Record the evidence of: %(task)s") % {"task": task.title[:120]},
            url=reverse("plans:task_detail", args=[task.pk]),
            unit_name=task.plan.unit.name,
            due=task.ends_on or task.due,
            detail=_("The time frame ended with no activity or article recorded."),
            urgent=True,
        )
        for task in queries.tasks_without_evidence(units, today=today, since=since)[:20]
    ]


def _anniversaries(user: Any, today: datetime.date) -> list[TodoItem]:
    """Round anniversaries of the last two weeks with no activity marking them yet."""
    start = today - datetime.timedelta(days=ANNIVERSARY_DAYS_AFTER)
    past = event_queries.reminders(user, today=start, lead_days=ANNIVERSARY_DAYS_AFTER)
    units = access.units_with_role(user, access.WRITING_ROLES).values("pk")
    marked = set(
        Activity.objects.filter(unit__in=units, starts_on__gte=start - datetime.timedelta(days=7))
        .exclude(commemoration=None)
        .values_list("commemoration", flat=True)
    )
    return [
        TodoItem(
            title=_("Record the activity for %(anniversary)s") % {"anniversary": item.title},
            url=reverse("activities:activity_create")
            + "?"
            + urlencode(
                {
                    "commemoration": item.commemoration.pk,
                    "kind": ActivityKind.CEREMONY,
                    "title": item.title,
                }
            ),
            unit_name=item.commemoration.unit.name if item.commemoration.unit else "",
            due=item.date,
        )
        for item in past
        if item.date <= today and item.commemoration.pk not in marked
    ]
