"""Reads of press monitoring: the desk's stream, a story's copies, source health, and the counts
that reports pre-fill (each `(unit, start, end) -> int`, over the unit and every unit below)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone, translation

from ttdn.monitoring.enums import CaseStatus, PressRequestStatus, SourceKind, Tone, WatchKind
from ttdn.monitoring.models import Case, Item, Mention, PressRequest, Source
from ttdn.org.models import Unit


def stream(
    user: Any, *, tone: str = "", language: str = "", kind: str = "", q: str = ""
) -> QuerySet[Mention]:
    """The mentions the person may see, newest first, with what a row of the desk shows."""
    mentions = (
        Mention.objects.visible_to(user)
        .select_related("unit", "watch", "item__source")
        .defer(*(f"item__{name}" for name in Item.STORED_ONLY))
    )
    if tone:
        mentions = mentions.filter(tone=tone)
    if language:
        mentions = mentions.filter(item__language=language)
    if kind:
        mentions = mentions.filter(item__source__kind=kind)
    if q:
        mentions = mentions.filter(item__title__icontains=q)
    return mentions.order_by("-created_at", "-pk")


def story_copies(story_id: int, user: Any) -> list[Item]:
    """The copies of a story the person may see, oldest first, with their sources."""
    return list(
        Item.objects.visible_to(user)
        .filter(story_id=story_id)
        .select_related("source")
        .defer(*Item.STORED_ONLY)
        .order_by("published_at", "pk")
    )


@dataclass(frozen=True)
class SourceHealth:
    source: Source
    items: int
    healthy: bool


def source_health(user: Any) -> list[SourceHealth]:
    """The sources the person may see with how many items each gave; failing ones first."""
    sources = (
        Source.objects.visible_to(user).select_related("unit").annotate(item_count=Count("items"))
    )
    rows = [SourceHealth(s, s.item_count, s.failures == 0) for s in sources]
    return sorted(rows, key=lambda r: (r.healthy, r.source.name))


def case_board(user: Any) -> dict[str, list[Case]]:
    """The visible cases by status, each column by deadline."""
    columns: dict[str, list[Case]] = {status: [] for status in CaseStatus.values}
    for case in (
        Case.objects.visible_to(user).select_related("unit", "assignee").order_by("deadline", "pk")
    ):
        columns[case.status].append(case)
    return columns


# --- Counts for reports ------------------------------------------------------


def _window(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    since = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    until = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    return since, until


def _mentions(unit: Unit, start: datetime.date, end: datetime.date) -> QuerySet[Mention]:
    since, until = _window(start, end)
    return Mention.objects.filter(
        unit__path__under=unit.path, created_at__gte=since, created_at__lt=until
    )


def mentions_total(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Mentions of the unit and the units below it found in the window."""
    return _mentions(unit, start, end).count()


def mentions_negative(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    return _mentions(unit, start, end).filter(tone=Tone.NEGATIVE).count()


def mentions_positive(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    return _mentions(unit, start, end).filter(tone=Tone.POSITIVE).count()


def mentions_foreign(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Mentions in a language other than Vietnamese (the foreign press)."""
    return _mentions(unit, start, end).exclude(item__language="vi").count()


def stories(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Distinct stories (all copies of one count once) that mention the unit or a unit below."""
    return _mentions(unit, start, end).values("item__story").distinct().count()


def _cases(unit: Unit, start: datetime.date, end: datetime.date) -> QuerySet[Case]:
    since, until = _window(start, end)
    return Case.objects.filter(
        unit__path__under=unit.path, created_at__gte=since, created_at__lt=until
    )


def cases_opened(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    return _cases(unit, start, end).count()


def cases_responded_on_time(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Cases opened in the window whose response was published by their deadline."""
    return (
        _cases(unit, start, end)
        .filter(responded_at__isnull=False, responded_at__lte=F("deadline"))
        .count()
    )


def cases_dismissed(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    return _cases(unit, start, end).filter(dismiss_reason__gt="").count()


def press_requests_answered(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    since, until = _window(start, end)
    return PressRequest.objects.filter(
        Q(unit__path__under=unit.path),
        status=PressRequestStatus.ANSWERED,
        answered_at__gte=since,
        answered_at__lt=until,
    ).count()


# --- Tổng hợp dư luận báo chí -------------------------------------------------


@dataclass(frozen=True)
class CaseLine:
    title: str
    status: str
    outcome: str
    on_time: bool


@dataclass(frozen=True)
class PressSummary:
    """What a unit's press review says for a period: mentions by tone, topic and source, the
    stories most copied, and the cases with their outcome (the unit and every unit below)."""

    mentions: int
    by_tone: list[tuple[str, int]]
    by_topic: list[tuple[str, int]]
    by_source: list[tuple[str, str, int]]
    stories: list[tuple[str, int]]
    cases_opened: int
    cases_responded_on_time: int
    cases_dismissed: int
    cases_closed: int
    cases: list[CaseLine]
    press_requests_answered: int


def _outcome(case: Case) -> str:
    if case.dismiss_reason:
        return f"Không phản hồi: {case.dismiss_reason}"
    if case.responded_at is None:
        return "Đang xử lý"
    where = f" tại {case.response_url}" if case.response_url else ""
    with translation.override("vi"):
        kind = str(case.get_response_kind_display()) if case.response_kind else "Phản hồi"
    return f"{kind}, ngày {timezone.localtime(case.responded_at):%d/%m/%Y}{where}"


def press_summary(unit: Unit, start: datetime.date, end: datetime.date) -> PressSummary:
    mentions = _mentions(unit, start, end)
    with translation.override("vi"):
        tones = {t.value: str(t.label) for t in Tone}
        kinds = {k.value: str(k.label) for k in SourceKind}
        other = "Khác (tìm kiếm đã lưu, tên đơn vị)"
    by_tone = dict(mentions.values_list("tone").annotate(n=Count("pk")).order_by())
    topics = (
        mentions.values("watch__kind", "watch__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "watch__name")
    )
    by_topic = [(t["watch__name"], t["n"]) for t in topics if t["watch__kind"] == WatchKind.TOPIC]
    rest = sum(t["n"] for t in topics if t["watch__kind"] != WatchKind.TOPIC)
    sources = (
        mentions.values("item__source__name", "item__source__kind")
        .annotate(n=Count("pk"))
        .order_by("-n", "item__source__name")
    )
    top_stories = (
        mentions.filter(item__story__isnull=False)
        .values("item__story__title")
        .annotate(n=Count("item", distinct=True))
        .order_by("-n", "item__story__title")[:10]
    )
    cases = list(_cases(unit, start, end).order_by("created_at", "pk"))
    return PressSummary(
        mentions=mentions.count(),
        by_tone=[(label, by_tone.get(value, 0)) for value, label in tones.items()],
        by_topic=by_topic + ([(other, rest)] if rest else []),
        by_source=[
            (s["item__source__name"], kinds.get(s["item__source__kind"], ""), s["n"])
            for s in sources
        ],
        stories=[(s["item__story__title"], s["n"]) for s in top_stories],
        cases_opened=len(cases),
        cases_responded_on_time=sum(1 for c in cases if c.responded_on_time),
        cases_dismissed=sum(1 for c in cases if c.dismiss_reason),
        cases_closed=sum(1 for c in cases if c.status == CaseStatus.CLOSED),
        cases=[
            CaseLine(
                title=c.title,
                status=_vi(c.get_status_display),
                outcome=_outcome(c),
                on_time=c.responded_on_time,
            )
            for c in cases
        ],
        press_requests_answered=press_requests_answered(unit, start, end),
    )


def _vi(label: Any) -> str:
    with translation.override("vi"):
        return str(label())
