"""Computed indicators: an indicator may take its value from what the product already records
for the unit in the data window. Apps register a query under a key; an indicator names the key.

The submission shows the value pre-filled with a link to the records it counts; a person may
change it, with a reason.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ttdn.content import queries as content_queries
from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry
from ttdn.events.models import Commemoration
from ttdn.monitoring import queries as monitoring_queries
from ttdn.org.models import Unit

Count = Callable[[Unit, datetime.date, datetime.date], int | Decimal]
Link = Callable[[Unit, datetime.date, datetime.date], str]


@dataclass(frozen=True)
class ComputedQuery:
    key: str
    label: Any
    count: Count
    link: Link | None = None


_queries: dict[str, ComputedQuery] = {}


def register(query: ComputedQuery) -> None:
    """Add or replace the query under its key."""
    _queries[query.key] = query


def get(key: str) -> ComputedQuery | None:
    return _queries.get(key)


def choices() -> list[tuple[str, Any]]:
    return [(q.key, q.label) for q in sorted(_queries.values(), key=lambda q: q.key)]


def compute(
    key: str, unit: Unit, data_from: datetime.date, data_to: datetime.date
) -> Decimal | None:
    """The value of the query `key` for `unit` over the window; None for an unknown key."""
    query = _queries.get(key)
    return None if query is None else Decimal(query.count(unit, data_from, data_to))


def link(key: str, unit: Unit, data_from: datetime.date, data_to: datetime.date) -> str:
    query = _queries.get(key)
    return query.link(unit, data_from, data_to) if query and query.link else ""


# --- The examples over data that exists now ---------------------------------------------------


def _commemorations_added(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    return Commemoration.objects.filter(
        unit=unit, created_at__date__gte=start, created_at__date__lte=end
    ).count()


def _changes_recorded(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    return AuditEntry.objects.filter(
        unit=unit, action=AuditAction.CREATE, at__date__gte=start, at__date__lte=end
    ).count()


def _audit_link(unit: Unit, start: datetime.date, end: datetime.date) -> str:
    query = {"unit": unit.code, "action": AuditAction.CREATE, "since": start, "until": end}
    return reverse("audit_list") + "?" + urlencode(query)


def register_builtin() -> None:
    register(
        ComputedQuery(
            "events.commemorations_added",
            _("Commemorations the unit added"),
            _commemorations_added,
            lambda unit, start, end: reverse("events:commemoration_list"),
        )
    )
    register(
        ComputedQuery(
            "core.records_created",
            _("Records the unit created (audit log)"),
            _changes_recorded,
            _audit_link,
        )
    )
    register(
        ComputedQuery(
            "content.articles_published",
            _("Articles the unit's website published"),
            content_queries.articles_published,
            lambda unit, start, end: reverse("portal:home", args=[unit.slug]),
        )
    )
    register(
        ComputedQuery(
            "content.articles_published_in_subtree",
            _("Articles published by the unit and every unit below it"),
            content_queries.articles_published_in_subtree,
        )
    )
    _register_monitoring()


def _desk_link(**query: str) -> Link:
    return lambda unit, start, end: (
        reverse("monitoring:desk") + ("?" + urlencode(query) if query else "")
    )


def _register_monitoring() -> None:
    """Press monitoring's counts, each over the unit and every unit below it."""
    m = monitoring_queries
    cases = lambda unit, start, end: reverse("monitoring:case_board")  # noqa: E731
    for key, label, count, link in [
        (
            "mentions",
            _("Press mentions of the unit and the units below it"),
            m.mentions_total,
            _desk_link(),
        ),
        (
            "mentions_negative",
            _("Negative press mentions"),
            m.mentions_negative,
            _desk_link(tone="negative"),
        ),
        (
            "mentions_positive",
            _("Positive press mentions"),
            m.mentions_positive,
            _desk_link(tone="positive"),
        ),
        (
            "mentions_foreign",
            _("Press mentions in foreign languages"),
            m.mentions_foreign,
            _desk_link(),
        ),
        (
            "stories",
            _("Press stories about the unit (copies counted once)"),
            m.stories,
            _desk_link(),
        ),
        ("cases_opened", _("Cases of false information opened"), m.cases_opened, cases),
        (
            "cases_responded_on_time",
            _("Cases answered by their deadline"),
            m.cases_responded_on_time,
            cases,
        ),
        ("cases_dismissed", _("Cases dismissed"), m.cases_dismissed, cases),
        (
            "press_requests_answered",
            _("Press requests for information answered"),
            m.press_requests_answered,
            lambda unit, start, end: reverse("monitoring:press_request_list"),
        ),
    ]:
        register(ComputedQuery(f"monitoring.{key}", label, count, link))
