""" "Việc cần làm" of the registries: agreements to renew, approvals to decide, remedies due,
remedies to review, escalations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.todo import TodoItem
from ttdn.registries import queries


def items(user: Any) -> list[TodoItem]:
    today = timezone.localdate()
    return [
        *(
            TodoItem(
                title=_("Renew the agreement “%(title)s” with %(partner)s")
                % {"title": a.title, "partner": a.partner.name},
                url=a.get_absolute_url(),
                unit_name=a.unit.name,
                due=a.expires_on,
                detail=_("It expires on %(day)s.") % {"day": f"{a.expires_on:%d/%m/%Y}"},
                urgent=bool(a.expires_on and (a.expires_on - today).days <= 30),
            )
            for a in queries.agreements_to_renew(
                user, today=today, days=settings.AGREEMENT_RENEWAL_DAYS
            )
        ),
        *(
            TodoItem(
                title=_("Decide on the request: %(record)s") % {"record": r},
                url=r.get_absolute_url(),
                unit_name=r.unit.name,
                due=r.starts_on,
                detail=_("Approval asked by the unit below."),
                urgent=r.starts_on <= today,
            )
            for r in queries.approvals_awaiting(user)
        ),
        *(
            TodoItem(
                title=_("Remedy: %(finding)s") % {"finding": f.description[:80]},
                url=f.get_absolute_url(),
                unit_name=f.unit.name,
                due=f.remedy_due,
                detail=str(f.inspection),
                urgent=f.is_overdue,
            )
            for f in queries.remedies_due(user)
        ),
        *(
            TodoItem(
                title=_("Check the remedy reported by %(unit)s") % {"unit": f.unit.name},
                url=f.get_absolute_url(),
                unit_name=f.inspection.unit.name,
                due=f.remedy_due,
                detail=f.description[:120],
            )
            for f in queries.remedies_to_review(user)
        ),
        *(
            TodoItem(
                title=_("Overdue remedy at %(unit)s") % {"unit": f.unit.name},
                url=f.get_absolute_url(),
                unit_name=f.unit.name,
                due=f.remedy_due,
                detail=f.description[:120],
                urgent=True,
            )
            for f in queries.escalated_remedies(user)
        ),
    ]
