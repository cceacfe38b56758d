"""Reads of the activities app: links shown on other apps' pages, the evidence of a plan's
tasks, a movement's participation, a contest's table, and the counts reports compute."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.activities.enums import ActivityKind, ActivityStatus, ParticipantGroup, Prize
from ttdn.activities.models import (
    Activity,
    Contest,
    ContestLevel,
    Entry,
    Movement,
    Registration,
    Result,
)
from ttdn.content.models import Article, Consent
from ttdn.core import access
from ttdn.core.calendar import CalendarEntry
from ttdn.core.related import RelatedLink
from ttdn.core.text import fold
from ttdn.events.models import Commemoration
from ttdn.org.models import Unit
from ttdn.plans.enums import PlanStatus, TaskStatus
from ttdn.plans.models import Plan, PlanTask, TaskArticle
from ttdn.registries.models import Programme

# --- Links on other apps' pages (core.related) ------------------------------------------------


def article_activity(user: Any, article: Article) -> list[RelatedLink]:
    """The activity an article was drafted from, shown on the article's page."""
    found = Activity.objects.visible_to(user).filter(article=article).first()
    return (
        [RelatedLink(found.title, found.get_absolute_url(), found.get_status_display())]
        if found
        else []
    )


def task_activities(user: Any, task: PlanTask) -> list[RelatedLink]:
    """The activities that carry out a plan task, shown on the task's page."""
    activities = (
        Activity.objects.visible_to(user)
        .filter(tasks=task)
        .exclude(status=ActivityStatus.DRAFT)
        .select_related("unit")
    )
    return [
        RelatedLink(
            a.title,
            a.get_absolute_url(),
            f"{a.unit.short_name or a.unit.name}, {a.starts_on:%d/%m/%Y}, {a.get_status_display()}",
        )
        for a in activities
    ] + _record_link(user, {"task": task.pk})


def programme_activities(user: Any, programme: Programme) -> list[RelatedLink]:
    """The activities that belong to a cooperation programme, shown on the programme's page."""
    activities = (
        Activity.objects.visible_to(user)
        .filter(programme=programme)
        .exclude(status=ActivityStatus.DRAFT)
        .select_related("unit")
        .order_by("-starts_on", "pk")
    )
    return [
        RelatedLink(
            a.title,
            a.get_absolute_url(),
            f"{a.unit.short_name or a.unit.name}, {a.starts_on:%d/%m/%Y}, {a.get_status_display()}",
        )
        for a in activities
    ]


def _record_link(user: Any, query: dict[str, Any]) -> list[RelatedLink]:
    if not any(m.role in access.WRITING_ROLES for m in access.memberships(user)):
        return []
    url = reverse("activities:activity_create") + "?" + urlencode(query)
    return [RelatedLink(_("Record the activity"), url)]


def commemoration_draft(user: Any, commemoration: Commemoration) -> RelatedLink | None:
    """An activity marking the commemoration, prepared for the person to complete and save."""
    query = {"commemoration": commemoration.pk, "kind": ActivityKind.CEREMONY}
    links = _record_link(user, {**query, "title": commemoration.name})
    return RelatedLink(_("Prepare the activity"), links[0].url) if links else None


def plan_evidence_link(user: Any, plan: Plan) -> list[RelatedLink]:
    """On a plan's page: the page of its tasks' evidence by unit."""
    url = reverse("activities:plan_evidence", args=[plan.pk])
    return [RelatedLink(_("Tasks with and without evidence, by unit"), url)]


# --- The evidence of a plan's tasks -----------------------------------------------------------


@dataclass(frozen=True)
class EvidenceRow:
    task: PlanTask
    activities: list[Activity]
    articles: int

    @property
    def has_evidence(self) -> bool:
        return bool(self.activities) or self.articles > 0


@dataclass(frozen=True)
class EvidenceUnit:
    unit: Unit
    rows: list[EvidenceRow]

    @property
    def with_evidence(self) -> int:
        return sum(1 for row in self.rows if row.has_evidence)


def plan_evidence(user: Any, plan: Plan) -> list[EvidenceUnit]:
    """Each unit carrying the plan's tasks (the plan's own unit when a task names none), with each
    task's recorded activities of that unit and the count of articles linked to it."""
    tasks = list(plan.tasks.prefetch_related("carrying_units"))
    activities = (
        Activity.objects.visible_to(user)
        .filter(tasks__in=tasks)
        .exclude(status=ActivityStatus.DRAFT)
        .select_related("unit")
        .prefetch_related("tasks")
    )
    by_task_unit: dict[tuple[int, int], list[Activity]] = {}
    for activity in activities:
        for task in activity.tasks.all():
            by_task_unit.setdefault((task.pk, activity.unit_id), []).append(activity)
    article_counts = dict(
        TaskArticle.objects.filter(task__in=tasks)
        .values("task")
        .annotate(n=Count("pk"))
        .values_list("task", "n")
    )
    visible = set(access.visible_units(user).values_list("pk", flat=True))
    units: dict[int, Unit] = {}
    rows: dict[int, list[EvidenceRow]] = {}
    for task in tasks:
        for unit in list(task.carrying_units.all()) or [plan.unit]:
            if unit.pk not in visible and not access.is_operator(user):
                continue
            units[unit.pk] = unit
            found = by_task_unit.get((task.pk, unit.pk), [])
            articles = article_counts.get(task.pk, 0) if unit.pk == plan.unit_id else 0
            rows.setdefault(unit.pk, []).append(EvidenceRow(task, found, articles))
    ordered = sorted(units.values(), key=lambda u: u.path)
    return [EvidenceUnit(unit, rows[unit.pk]) for unit in ordered]


def tasks_without_evidence(
    units: QuerySet[Unit, Any], *, today: datetime.date, since: datetime.date
) -> QuerySet[PlanTask]:
    """Open tasks of issued plans, carried out by one of `units` (or, naming no one, owned by
    one), whose time frame ended between `since` and yesterday with no recorded activity and no
    linked article."""
    ended = Q(ends_on__lt=today, ends_on__gte=since) | Q(
        ends_on__isnull=True, due__lt=today, due__gte=since
    )
    proved = Activity.objects.exclude(status=ActivityStatus.DRAFT).values("tasks")
    return (
        PlanTask.objects.filter(ended, plan__status=PlanStatus.ISSUED)
        .exclude(status__in=[TaskStatus.DONE, TaskStatus.DROPPED])
        .filter(Q(carrying_units__in=units) | Q(carrying_units__isnull=True, plan__unit__in=units))
        .exclude(pk__in=proved)
        .exclude(pk__in=TaskArticle.objects.values("task"))
        .select_related("plan__unit")
        .distinct()
    )


# --- Movements and contests -------------------------------------------------------------------


@dataclass(frozen=True)
class Participation:
    unit: Unit
    registration: Registration | None
    activities: int


def participation(user: Any, movement: Movement) -> list[Participation]:
    """The units under the owner that the person sees, whether each joined, and how many
    recorded activities each has under the movement."""
    units = (
        access.visible_units(user)
        .filter(path__under=movement.unit.path)
        .exclude(pk=movement.unit_id)
    )
    registrations = {r.unit_id: r for r in movement.registrations.all()}
    counts = dict(
        movement.activities.exclude(status=ActivityStatus.DRAFT)
        .values("unit")
        .annotate(n=Count("pk"))
        .values_list("unit", "n")
    )
    return [
        Participation(unit, registrations.get(unit.pk), counts.get(unit.pk, 0))
        for unit in units.order_by("path")
    ]


def contest_levels(contest: Contest) -> list[ContestLevel]:
    return list(contest.levels.prefetch_related("groups__members", "jurors"))


def entries_with_results(user: Any, contest: Contest) -> list[Entry]:
    """The contest's entries the person may see, each with its results in level order."""
    return list(
        Entry.objects.visible_to(user)
        .filter(contest=contest)
        .select_related("unit")
        .prefetch_related("results__level", "results__certificate")
    )


# --- Counts for reports (reports.computed) ----------------------------------------------------

CountFunction = Callable[[Unit, datetime.date, datetime.date], int]


def _held(unit: Unit, start: datetime.date, end: datetime.date, verified_only: bool) -> Any:
    return (
        Activity.objects.filter(unit=unit).between(start, end).counted(verified_only=verified_only)
    )


def activities_held(*, kind: str = "", verified_only: bool = False) -> CountFunction:
    """`(unit, start, end) -> int`: the unit's activities (of `kind`) that started in the
    window, recorded or verified, or verified only."""

    def count(unit: Unit, start: datetime.date, end: datetime.date) -> int:
        held = _held(unit, start, end, verified_only)
        return (held.filter(kind=kind) if kind else held).count()

    return count


def participants(group: str, *, verified_only: bool = False) -> CountFunction:
    """`(unit, start, end) -> int`: people of `group` who took part in the unit's activities."""
    ParticipantGroup(group)

    def count(unit: Unit, start: datetime.date, end: datetime.date) -> int:
        return _held(unit, start, end, verified_only).aggregate(n=Sum(group))["n"] or 0

    return count


def activities_link(*, kind: str = "", verified_only: bool = False) -> Callable[..., str]:
    def link(unit: Unit, start: datetime.date, end: datetime.date) -> str:
        query = {"unit": unit.code, "since": start.isoformat(), "until": end.isoformat()}
        if kind:
            query["kind"] = kind
        query["status"] = ActivityStatus.VERIFIED if verified_only else "counted"
        return reverse("activities:activity_list") + "?" + urlencode(query)

    return link


def movements_joined(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Movements the unit joined in the window."""
    return Registration.objects.filter(
        unit=unit, registered_on__gte=start, registered_on__lte=end
    ).count()


def contest_entries(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Contest entries the unit made in the window."""
    return Entry.objects.filter(
        unit=unit, created_at__date__gte=start, created_at__date__lte=end
    ).count()


def prizes(*, rank: int | None = None) -> CountFunction:
    """`(unit, start, end) -> int`: prizes the unit's entries won in the window (at level `rank`)."""

    def count(unit: Unit, start: datetime.date, end: datetime.date) -> int:
        won = Result.objects.filter(
            entry__unit=unit, entered_at__date__gte=start, entered_at__date__lte=end
        ).exclude(prize="")
        return (won.filter(level__rank=rank) if rank else won).count()

    return count


# --- The calendar and the commemoration's page ------------------------------------------------


def calendar_entries(
    user: Any, unit: Unit | None, first: datetime.date, last: datetime.date
) -> list[CalendarEntry]:
    """Recorded and verified activities overlapping [first, last] that the person sees: of
    `unit` and the units below it when one is chosen (registered in `ttdn.core.calendar`)."""
    activities = (
        Activity.objects.visible_to(user)
        .counted()
        .filter(starts_on__lte=last)
        .filter(Q(ends_on__gte=first) | Q(ends_on__isnull=True, starts_on__gte=first))
        .select_related("unit")
    )
    if unit is not None:
        activities = activities.filter(unit__path__under=unit.path)
    return [
        CalendarEntry(
            uid=f"activity-{a.pk}",
            starts_on=a.starts_on,
            ends_on=a.last_day,
            title=a.title,
            url=a.get_absolute_url(),
            stamp=a.updated_at,
            detail=", ".join(part for part in (a.unit.short_name or a.unit.name, a.place) if part),
            category=str(a.get_kind_display()),
        )
        for a in activities
    ]


def commemoration_activities(user: Any, commemoration: Commemoration) -> list[RelatedLink]:
    """On a commemoration's page: the activities marking it, and recording one."""
    activities = (
        Activity.objects.visible_to(user).filter(commemoration=commemoration).select_related("unit")
    )
    links = [
        RelatedLink(
            a.title,
            a.get_absolute_url(),
            f"{a.unit.short_name or a.unit.name}, {a.starts_on:%d/%m/%Y}",
        )
        for a in activities
    ]
    return links + _record_link(
        user, {"commemoration": commemoration.pk, "kind": ActivityKind.CEREMONY}
    )


# --- Public results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicPrize:
    prize: str
    entry: str
    school: str
    pupils: tuple[str, ...]


@dataclass(frozen=True)
class PublicLevel:
    name: str
    prizes: tuple[PublicPrize, ...]


def _pupil_name(pupil: str) -> str:
    """ "Nguyễn Minh An — 8A" names "Nguyễn Minh An"."""
    return pupil.split("—")[0].split(" - ")[0].strip()


def consented_pupils(entry: Entry, consents: dict[int, set[str]]) -> tuple[str, ...]:
    """The entry's pupils who may be named in public: the school stated the guardians agree,
    and a guardian's consent valid today is on record at the school's portal (the rule of
    content's pictures and profiles). The others are left out, never replaced by a hint."""
    if not entry.public_consent:
        return ()
    on_record = consents.get(entry.unit_id, set())
    return tuple(p for p in entry.pupils if fold(_pupil_name(p)) in on_record)


def public_results(contest: Contest) -> list[PublicLevel]:
    """The prizes of a published contest, level by level from the highest: the school and the
    prize always, the pupils only with consent."""
    results = list(
        Result.objects.filter(level__contest=contest)
        .exclude(prize="")
        .select_related("entry__unit", "level")
    )
    schools = {r.entry.unit_id for r in results}
    consents: dict[int, set[str]] = {}
    for consent in Consent.objects.filter(
        site__unit__in=schools, valid_until__gte=timezone.localdate()
    ).select_related("site"):
        consents.setdefault(consent.site.unit_id, set()).add(fold(consent.pupil))
    order = {prize.value: index for index, prize in enumerate(Prize)}
    levels: dict[int, list[Result]] = {}
    for result in results:
        levels.setdefault(result.level.rank, []).append(result)
    return [
        PublicLevel(
            name=rows[0].level.name,
            prizes=tuple(
                PublicPrize(
                    prize=str(r.get_prize_display()),
                    entry=r.entry.title,
                    school=r.entry.unit.name,
                    pupils=consented_pupils(r.entry, consents),
                )
                for r in sorted(rows, key=lambda r: (order[r.prize], r.entry.unit.path, r.pk))
            ),
        )
        for _rank, rows in sorted(levels.items(), reverse=True)
    ]
