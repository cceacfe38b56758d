""" "Việc cần làm" of the events app: round anniversaries coming up, to plan the communication for."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ttdn.core import related
from ttdn.core.todo import TodoItem
from ttdn.events import queries


def items(user: Any) -> list[TodoItem]:
    """One item per năm chẵn anniversary within ANNIVERSARY_LEAD_DAYS that concerns a unit the
    person leads or serves as officer (national ones concern every unit). It is due
    ANNIVERSARY_PREPARE_DAYS before the day, when the communication must be ready, and opens
    the activity a higher app prepares for it (`core.related.draft_for`), else the calendar."""
    today = timezone.localdate()
    return [
        _item(a, today=today, draft=related.draft_for(user, a.commemoration))
        for a in queries.reminders(user, today=today, lead_days=settings.ANNIVERSARY_LEAD_DAYS)
    ]


def _item(
    item: queries.Anniversary, *, today: datetime.date, draft: related.RelatedLink | None
) -> TodoItem:
    c = item.commemoration
    days = (item.date - today).days
    title = ngettext(
        "Plan the communication for %(name)s: %(count)s year",
        "Plan the communication for %(name)s: %(count)s years",
        item.ordinal or 0,
    ) % {"name": c.name, "count": item.ordinal}
    when = (
        ngettext("in %(days)s day", "in %(days)s days", days) % {"days": days}
        if days
        else _("today")
    )
    calendar = reverse("events:month", args=[item.date.year, item.date.month]) + f"#{item.anchor}"
    prepare_by = max(item.date - datetime.timedelta(days=settings.ANNIVERSARY_PREPARE_DAYS), today)
    return TodoItem(
        title=title,
        url=draft.url if draft else calendar,
        unit_name=c.unit.name if c.unit else "",
        due=prepare_by,
        detail=_("Anniversary %(when)s (%(date)s) · %(kind)s")
        % {
            "when": when,
            "date": item.date.strftime("%d/%m/%Y"),
            "kind": item.year_class.label if item.year_class else "",
        },
    )
