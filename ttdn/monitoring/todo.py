""" "Việc cần làm" of press monitoring: negative mentions to look at, cases and press requests
to answer."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from ttdn.core import access
from ttdn.core.todo import TodoItem
from ttdn.monitoring.enums import OPEN_CASE_STATES, PressRequestStatus, Severity, Tone
from ttdn.monitoring.models import Case, Mention, PressRequest


def items(user: Any) -> list[TodoItem]:
    """Negative mentions alerted and not yet looked at (no case, tone not labelled by a
    person), open cases and press requests of the units the person acts for and below."""
    units = access.supervised_units(user, access.WRITING_ROLES).values("pk")
    if not access.memberships(user):
        return []
    return [*_mentions(units), *_cases(units), *_press_requests(units)]


def _mentions(units: Any) -> list[TodoItem]:
    mentions = (
        Mention.objects.filter(unit__in=units, tone=Tone.NEGATIVE, alerted_at__isnull=False)
        .filter(tone_labelled_by__isnull=True)
        .exclude(
            Exists(
                Case.objects.filter(
                    mention__item__story=OuterRef("item__story"), unit=OuterRef("unit")
                )
            )
        )
        .select_related("unit", "item__source")[:20]
    )
    return [
        TodoItem(
            title=_("Negative mention: %(title)s") % {"title": m.item.title},
            url=m.get_absolute_url(),
            unit_name=m.unit.name,
            detail=m.item.source.name,
            urgent=True,
        )
        for m in mentions
    ]


def _cases(units: Any) -> list[TodoItem]:
    cases = Case.objects.filter(unit__in=units, status__in=OPEN_CASE_STATES).select_related("unit")
    return [
        TodoItem(
            title=_("Answer the case: %(title)s") % {"title": c.title},
            url=c.get_absolute_url(),
            unit_name=c.unit.name,
            due=c.deadline.date(),
            detail=_("Respond by %(deadline)s")
            % {"deadline": c.deadline.strftime("%H:%M %d/%m/%Y")},
            urgent=c.is_overdue or c.severity in {Severity.CRITICAL, Severity.HIGH},
        )
        for c in cases[:20]
    ]


def _press_requests(units: Any) -> list[TodoItem]:
    requests = PressRequest.objects.filter(unit__in=units, status=PressRequestStatus.RECEIVED)
    return [
        TodoItem(
            title=_("Answer the press: %(outlet)s") % {"outlet": r.outlet},
            url=r.get_absolute_url(),
            unit_name=r.unit.name,
            due=r.deadline.date(),
            detail=r.journalist,
        )
        for r in requests.select_related("unit")[:20]
    ]
