"""/api/v1/activities: the activities the caller can see; /api/v1/contests/{id}/entries: a
contest's entries with their results, those the caller may see (pupils' names are personal
data: their school, the units above it, the organiser and the juries)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from ttdn.activities.models import Activity, Contest, Entry
from ttdn.core.api import caller, id_in_path

router = Router(tags=["activities"])
contests_router = Router(tags=["activities"])


class ActivityRow(Schema):
    id: int
    unit: str = Field(description="code of the organising unit")
    kind: str
    title: str
    starts_on: datetime.date
    ends_on: datetime.date | None
    place: str
    status: str = Field(description="draft, recorded or verified")
    participants: dict[str, int]
    tasks: list[int] = Field(description="ids of the plan tasks it carries out")
    commemoration: int | None
    movement: int | None
    article: int | None


class ActivityFilter(Schema):
    unit: str = Field("", description="a unit code")
    kind: str = ""
    status: str = ""
    since: datetime.date | None = None
    until: datetime.date | None = None


class ResultRow(Schema):
    level: int = Field(description="rank of the level, 1 for the first")
    score: Decimal | None
    prize: str
    advanced: bool


class EntryRow(Schema):
    id: int
    unit: str
    title: str
    pupils: list[str]
    public_consent: bool
    results: list[ResultRow]


@router.get("", response=list[ActivityRow], summary="Activities the caller can see")
def list_activities(request: HttpRequest, filters: Query[ActivityFilter]) -> list[dict[str, Any]]:
    activities = Activity.objects.visible_to(caller(request)).select_related("unit")
    for name, lookup in (("unit", "unit__code"), ("kind", "kind"), ("status", "status")):
        if value := getattr(filters, name):
            activities = activities.filter(**{lookup: value})
    if filters.since:
        activities = activities.filter(starts_on__gte=filters.since)
    if filters.until:
        activities = activities.filter(starts_on__lte=filters.until)
    return [_activity(a) for a in activities.prefetch_related("tasks")[:1000]]


def _activity(a: Activity) -> dict[str, Any]:
    groups = ("officials", "teachers", "pupils", "parents", "foreign_guests")
    return {
        "id": a.pk, "unit": a.unit.code, "kind": a.kind, "title": a.title,
        "starts_on": a.starts_on, "ends_on": a.ends_on, "place": a.place, "status": a.status,
        "participants": {group: getattr(a, group) for group in groups},
        "tasks": [task.pk for task in a.tasks.all()], "commemoration": a.commemoration_id,
        "movement": a.movement_id, "article": a.article_id,
    }  # fmt: skip


@contests_router.get(
    "/{int:pk}/entries", response=list[EntryRow], summary="A contest's entries the caller may see"
)
def contest_entries(request: HttpRequest, pk: int = id_in_path()) -> list[dict[str, Any]]:
    user = caller(request)
    contest = get_object_or_404(Contest.objects.visible_to(user), pk=pk)
    entries = (
        Entry.objects.visible_to(user)
        .filter(contest=contest)
        .select_related("unit")
        .order_by("pk")
        .prefetch_related("results__level")
    )
    return [
        {
            "id": e.pk,
            "unit": e.unit.code,
            "title": e.title,
            "pupils": e.pupils,
            "public_consent": e.public_consent,
            "results": [
                {"level": r.level.rank, "score": r.score, "prize": r.prize, "advanced": r.advanced}
                for r in e.results.all()
            ],
        }
        for e in entries
    ]
