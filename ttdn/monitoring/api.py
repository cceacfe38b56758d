"""/api/v1/monitoring: sources, mentions, stories and cases the caller may see (core.access)."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from ttdn.core.api import caller, id_in_path
from ttdn.monitoring import queries
from ttdn.monitoring.models import Case, Source

router = Router(tags=["monitoring"])
MAX_ROWS = 500


class SourceRow(Schema):
    id: int
    unit: str = Field(description="code of the owner unit")
    name: str
    url: str
    format: str
    kind: str
    language: str
    state: str
    failures: int
    last_error: str
    last_fetched_at: datetime.datetime | None


class MentionRow(Schema):
    id: int
    unit: str = Field(description="code of the unit the mention concerns")
    watch: str
    source: str
    title: str
    url: str
    language: str
    tone: str = Field(description="positive, neutral or negative; a person's label if given")
    tone_labelled: bool
    story: int | None
    published_at: datetime.datetime | None
    found_at: datetime.datetime


class CopyRow(Schema):
    item: int
    source: str
    title: str
    url: str
    language: str
    published_at: datetime.datetime | None
    fetched_at: datetime.datetime | None
    raw_sha256: str


class StoryOut(Schema):
    id: int
    title: str
    copies: list[CopyRow]


class CaseRow(Schema):
    id: int
    unit: str
    title: str
    status: str
    severity: str
    deadline: datetime.datetime
    responded_at: datetime.datetime | None
    responded_on_time: bool
    response_kind: str
    mention: int


class MentionFilter(Schema):
    tone: str = ""
    language: str = ""
    limit: int = Field(100, ge=1, le=MAX_ROWS)


@router.get(
    "/sources", response=list[SourceRow], summary="Sources the caller can see, with their health"
)
def list_sources(request: HttpRequest) -> list[dict[str, Any]]:
    sources = (
        Source.objects.visible_to(caller(request)).select_related("unit").order_by("name", "pk")
    )
    return [
        {**{f: getattr(s, f) for f in SourceRow.model_fields if f != "unit"}, "unit": s.unit.code}
        for s in sources[:MAX_ROWS]
    ]


@router.get(
    "/mentions", response=list[MentionRow], summary="Mentions the caller can see, newest first"
)
def list_mentions(request: HttpRequest, filters: Query[MentionFilter]) -> list[dict[str, Any]]:
    mentions = queries.stream(caller(request), tone=filters.tone, language=filters.language)
    return [
        {
            "id": m.pk,
            "unit": m.unit.code,
            "watch": m.watch.name,
            "source": m.item.source.name,
            "title": m.item.title,
            "url": m.item.url,
            "language": m.item.language,
            "tone": m.tone,
            "tone_labelled": m.tone_labelled_by_id is not None,
            "story": m.item.story_id,
            "published_at": m.item.published_at,
            "found_at": m.created_at,
        }
        for m in mentions[: filters.limit]
    ]


@router.get(
    "/stories/{story_id}", response=StoryOut, summary="A story with the copies the caller can see"
)
def get_story(request: HttpRequest, story_id: int = id_in_path()) -> dict[str, Any]:
    copies = queries.story_copies(story_id, caller(request))
    if not copies:
        raise HttpError(404, "Not Found")
    return {
        "id": story_id,
        "title": copies[0].story.title if copies[0].story else "",
        "copies": [
            {
                "item": i.pk,
                "source": i.source.name,
                "title": i.title,
                "url": i.url,
                "language": i.language,
                "published_at": i.published_at,
                "fetched_at": i.fetched_at,
                "raw_sha256": i.raw_sha256,
            }
            for i in copies
        ],
    }


@router.get("/cases", response=list[CaseRow], summary="Cases the caller can see, by deadline")
def list_cases(request: HttpRequest) -> list[dict[str, Any]]:
    cases = (
        Case.objects.visible_to(caller(request)).select_related("unit").order_by("deadline", "pk")
    )
    return [_case(c) for c in cases[:MAX_ROWS]]


@router.get("/cases/{case_id}", response=CaseRow, summary="One case")
def get_case(request: HttpRequest, case_id: int = id_in_path()) -> dict[str, Any]:
    case = get_object_or_404(
        Case.objects.visible_to(caller(request)).select_related("unit"), pk=case_id
    )
    return _case(case)


def _case(c: Case) -> dict[str, Any]:
    return {
        "id": c.pk, "unit": c.unit.code, "title": c.title, "status": c.status, "severity": c.severity,
        "deadline": c.deadline, "responded_at": c.responded_at, "responded_on_time": c.responded_on_time,
        "response_kind": c.response_kind, "mention": c.mention_id,
    }  # fmt: skip
