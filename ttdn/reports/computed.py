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
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ttdn.activities import queries as activity_queries
from ttdn.activities.enums import ActivityKind, ParticipantGroup
from ttdn.content import queries as content_queries
from ttdn.content.enums import Language
from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry
from ttdn.events.models import Commemoration
from ttdn.monitoring import queries as monitoring_queries
from ttdn.org.models import Unit
from ttdn.plans.enums import PlanStatus
from ttdn.plans.models import Plan
from ttdn.registries import queries as registries_queries

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


def _published_in(language: str) -> Count:
    """Articles of one language the unit's own site published in the window and still shows."""

    def count(unit: Unit, start: datetime.date, end: datetime.date) -> int:
        rows = content_queries.published_counts(
            Unit.objects.filter(pk=unit.pk), since=start, until=end
        )
        return sum(row.count for row in rows if row.language == language)

    return count


def _plans_issued(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    return Plan.objects.filter(
        unit=unit, status=PlanStatus.ISSUED, issued_on__gte=start, issued_on__lte=end
    ).count()


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
    for language in Language:
        register(
            ComputedQuery(
                f"content.articles_published.{language.value}",
                format_lazy("{}: {}", _("Articles the unit's website published"), language.label),
                _published_in(language.value),
                lambda unit, start, end: reverse("portal:home", args=[unit.slug]),
            )
        )
    register(
        ComputedQuery(
            "plans.issued",
            _("Plans the unit issued"),
            _plans_issued,
            lambda unit, start, end: reverse("plans:plan_list"),
        )
    )
    _register_registries()
    register_activities()
    _register_monitoring()


def _year_link(url_name: str) -> Link:
    """The registry's list of the window's year: what the count is made of."""
    return lambda unit, start, end: reverse(url_name) + f"?year={start.year}"


def _register_registries() -> None:
    q = registries_queries
    for key, label, count, link in (
        (
            "delegations_received",
            _("Foreign delegations the unit received"),
            q.delegations_received,
            _year_link("registries:delegation_list"),
        ),
        (
            "delegations_sent",
            _("Delegations the unit sent abroad"),
            q.delegations_sent,
            _year_link("registries:delegation_list"),
        ),
        (
            "agreements_in_force",
            _("Cooperation agreements in force"),
            q.agreements_in_force,
            lambda u, s, e: reverse("registries:agreement_list"),
        ),
        (
            "programmes_running",
            _("Cooperation programmes the unit leads"),
            q.programmes_running,
            lambda u, s, e: reverse("registries:programme_list"),
        ),
        (
            "conferences_held",
            _("International conferences and seminars organised"),
            q.conferences_held,
            _year_link("registries:conference_list"),
        ),
        (
            "people_trained",
            _("People of the unit trained in external information work"),
            q.people_trained,
            lambda u, s, e: reverse("registries:course_list"),
        ),
        (
            "courses_held",
            _("Training courses the unit organised"),
            q.courses_held,
            lambda u, s, e: reverse("registries:course_list"),
        ),
        (
            "people_trained_by",
            _("Attendances at the training courses the unit organised"),
            q.people_trained_by,
            lambda u, s, e: reverse("registries:course_list"),
        ),
        (
            "inspections_held",
            _("Inspections the unit carried out"),
            q.inspections_held,
            _year_link("registries:inspection_list"),
        ),
        (
            "violations_remedied",
            _("Violations remedied after the unit's inspections"),
            q.violations_remedied,
            _year_link("registries:inspection_list"),
        ),
    ):
        register(ComputedQuery(f"registries.{key}", label, count, link))


def register_activities() -> None:
    """The activities app's counts: each activity count in two keys, all recorded activities and
    `….verified` (only those the supervising unit verified): choosing the key of an indicator is
    the form's verified-only switch."""
    for verified_only in (False, True):
        suffix = ".verified" if verified_only else ""
        note = _("verified only") if verified_only else _("recorded or verified")
        register(
            ComputedQuery(
                f"activities.held{suffix}",
                format_lazy("{} ({})", _("Activities the unit held"), note),
                activity_queries.activities_held(verified_only=verified_only),
                activity_queries.activities_link(verified_only=verified_only),
            )
        )
        for kind in ActivityKind:
            register(
                ComputedQuery(
                    f"activities.held.{kind.value}{suffix}",
                    format_lazy("{}: {} ({})", _("Activities the unit held"), kind.label, note),
                    activity_queries.activities_held(kind=kind, verified_only=verified_only),
                    activity_queries.activities_link(kind=kind, verified_only=verified_only),
                )
            )
        for group in ParticipantGroup:
            register(
                ComputedQuery(
                    f"activities.participants.{group.value}{suffix}",
                    format_lazy(
                        "{}: {} ({})", _("Participants in the unit's activities"), group.label, note
                    ),
                    activity_queries.participants(group, verified_only=verified_only),
                    activity_queries.activities_link(verified_only=verified_only),
                )
            )
    register(
        ComputedQuery(
            "activities.movements_joined",
            _("Emulation movements the unit joined"),
            activity_queries.movements_joined,
            lambda unit, start, end: reverse("activities:movement_list"),
        )
    )
    register(
        ComputedQuery(
            "activities.contest_entries",
            _("Contest entries of the unit"),
            activity_queries.contest_entries,
            lambda unit, start, end: reverse("activities:contest_list"),
        )
    )
    register(
        ComputedQuery(
            "activities.prizes",
            _("Contest prizes the unit's entries won"),
            activity_queries.prizes(),
            lambda unit, start, end: reverse("activities:contest_list"),
        )
    )
    for rank in range(1, 5):
        register(
            ComputedQuery(
                f"activities.prizes.level_{rank}",
                format_lazy(_("Contest prizes won at level {}"), rank),
                activity_queries.prizes(rank=rank),
                lambda unit, start, end: reverse("activities:contest_list"),
            )
        )


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
