"""Reads of the plans app: a plan's outline, the issuing unit's board of required plans,
a derived plan's coverage of its parent, and what is due for reminders."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils import timezone

from ttdn.content.models import Article
from ttdn.core.related import RelatedLink
from ttdn.documents.models import OutgoingDocument
from ttdn.org.models import Unit, UnitGroup
from ttdn.plans import markup
from ttdn.plans.enums import BoardColumn, PlanStatus, SubmissionStatus
from ttdn.plans.models import Plan, PlanSection, PlanSubmission, PlanTask, TaskArticle

_COLUMN = {
    SubmissionStatus.NOT_STARTED: BoardColumn.NOT_STARTED,
    SubmissionStatus.DRAFT: BoardColumn.DRAFT,
    SubmissionStatus.RETURNED: BoardColumn.RETURNED,
    SubmissionStatus.ACCEPTED: BoardColumn.ACCEPTED,
}


def column(submission: PlanSubmission) -> BoardColumn:
    """Where the submission stands on the board; submitted plans split by their deadline."""
    if submission.status == SubmissionStatus.SUBMITTED:
        return BoardColumn.LATE if submission.is_late else BoardColumn.ON_TIME
    return _COLUMN[SubmissionStatus(submission.status)]


@dataclass(frozen=True)
class OutlineNode:
    section: PlanSection
    children: list[OutlineNode] = field(default_factory=list)


def outline(plan: Plan) -> list[OutlineNode]:
    """The plan's sections as a tree in document order (one query)."""
    nodes = {s.pk: OutlineNode(s) for s in plan.sections.all()}
    roots: list[OutlineNode] = []
    for node in nodes.values():
        parent = nodes.get(node.section.parent_id) if node.section.parent_id else None
        (parent.children if parent else roots).append(node)
    return roots


@dataclass(frozen=True)
class BoardRow:
    submission: PlanSubmission
    column: BoardColumn


@dataclass(frozen=True)
class Board:
    plan: Plan
    rows: list[BoardRow]
    counts: dict[str, int]

    @property
    def columns(self) -> list[tuple[BoardColumn, int]]:
        return [(c, self.counts.get(c, 0)) for c in BoardColumn]


def board(plan: Plan, *, level: str = "", group: UnitGroup | None = None) -> Board:
    """The units the plan requires, each in its column, filtered by level and group, with
    the count per column."""
    submissions = plan.requests.select_related("unit")
    if level:
        submissions = submissions.filter(unit_level=level)
    if group is not None:
        submissions = submissions.filter(unit__in=group.members.values("pk"))
    rows = [BoardRow(s, column(s)) for s in submissions]
    return Board(plan, rows, dict(Counter(str(r.column) for r in rows)))


@dataclass(frozen=True)
class CoverageRow:
    task: PlanTask
    copies: list[PlanTask]

    @property
    def covered(self) -> bool:
        return bool(self.copies)


@dataclass(frozen=True)
class Coverage:
    plan: Plan
    rows: list[CoverageRow]
    own_tasks: list[PlanTask]

    @property
    def dropped(self) -> list[PlanTask]:
        return [row.task for row in self.rows if not row.covered]


def coverage(plan: Plan) -> Coverage | None:
    """For a derived plan: each task of the parent with the tasks that carry it on here
    (none: dropped), and the plan's own tasks. None when the plan has no parent."""
    if plan.parent is None:
        return None
    tasks = list(plan.tasks.all())
    copies: dict[int, list[PlanTask]] = {}
    for task in tasks:
        if task.derived_from_id:
            copies.setdefault(task.derived_from_id, []).append(task)
    rows = [CoverageRow(t, copies.get(t.pk, [])) for t in plan.parent.tasks.all()]
    return Coverage(plan, rows, [t for t in tasks if not t.derived_from_id])


def tasks_due(*, today: datetime.date | None = None, days_before: int = 3) -> list[PlanTask]:
    """Open tasks of issued plans whose deadline is within `days_before` days or past, not
    reminded today."""
    today = today or timezone.localdate()
    return list(
        PlanTask.objects.open()
        .filter(
            plan__status=PlanStatus.ISSUED, due__lte=today + datetime.timedelta(days=days_before)
        )
        .exclude(reminded_on=today)
        .select_related("plan")
        .prefetch_related("carrying_units")
    )


def plan_with_parts(pk: int, plans: Any) -> Plan:
    """The plan with its citations, sections and tasks prefetched; raises DoesNotExist."""
    return (
        plans.select_related("unit", "parent", "outgoing", "supersedes")
        .prefetch_related(
            "citations",
            "sections",
            Prefetch("tasks", queryset=PlanTask.objects.prefetch_related("carrying_units")),
        )
        .get(pk=pk)
    )


@dataclass(frozen=True)
class Reminder:
    submission: PlanSubmission
    overdue: bool


def reminders_due(*, today: datetime.date | None = None, days_before: int = 3) -> list[Reminder]:
    """Required plans not yet handed in whose deadline is within `days_before` days or past,
    and whose unit was not reminded today."""
    today = today or timezone.localdate()
    waiting = (
        PlanSubmission.objects.waiting()
        .filter(due__lte=today + datetime.timedelta(days=days_before))
        .exclude(reminded_on=today)
        .select_related("request__unit", "unit")
    )
    return [Reminder(s, s.due < today) for s in waiting]


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def _section_dict(node: OutlineNode) -> dict[str, Any]:
    section = node.section
    return {
        "heading": section.heading or None,
        "marker": section.marker or None,
        "text": "\n".join(markup.paragraphs(section.body)),
        "derived": section.derived,
        "children": [_section_dict(child) for child in node.children],
    }


def plan_as_dict(plan: Plan) -> dict[str, Any]:
    """A saved plan in the JSON of a plan (the import's keys), with its id, unit and status."""
    return {
        "id": plan.pk,
        "unit": plan.unit.code,
        "status": plan.status,
        "parent": plan.parent_id,
        "number": plan.number or None,
        "symbol": plan.symbol or None,
        "issued_on": _iso(plan.issued_on),
        "place": plan.place,
        "year": plan.year,
        "title": plan.title,
        "citations": [
            {
                "text": c.text,
                "type": c.type,
                "number_symbol": c.number_symbol,
                "date": _iso(c.date),
                "issuer": c.issuer or None,
                "status": c.status or "unchecked",
                "document": c.document_id,
            }
            for c in plan.citations.all()
        ],
        "sections": [_section_dict(node) for node in outline(plan)],
        "tasks": [
            {
                "title": t.title,
                "starts_on": _iso(t.starts_on),
                "ends_on": _iso(t.ends_on),
                "due": _iso(t.due),
                "recurrence": t.recurrence or None,
                "units": [u.code for u in t.carrying_units.all()] or list(t.units_text),
                "derived": t.derived,
                "status": t.status,
                "progress": t.progress,
            }
            for t in plan.tasks.all()
        ],
        "deadlines": plan.deadlines,
        "recipients": plan.recipients,
        "signer": {
            "authority": plan.signer_authority or None,
            "position": plan.signer_position or None,
            "name": plan.signer_name or None,
        },
        "unrecognised": plan.unrecognised,
    }


# --- Portal articles linked to tasks -------------------------------------------------------


def linkable_articles(user: Any, task: PlanTask) -> QuerySet[Article]:
    """Articles the person may link to the task: of units in the plan unit's subtree that the
    person writes for (`rules.can_link_article`), newest first, not linked yet."""
    return (
        Article.objects.editable_by(user)
        .filter(site__unit__in=Unit.objects.subtree_of(task.plan.unit).values("pk"))
        .exclude(pk__in=task.article_links.values("article_id"))
        .select_related("site__unit")
        .defer("body")
        .order_by("-updated_at", "-pk")
    )


def task_articles(user: Any, task: PlanTask) -> list[TaskArticle]:
    """The task's linked articles the person may read."""
    return list(
        task.article_links.filter(article__in=Article.objects.visible_to(user))
        .select_related("article__site__unit", "linked_by")
        .defer("article__body")
    )


def article_tasks(user: Any, article: Article) -> list[RelatedLink]:
    """The plan tasks an article is linked to, among the plans the person sees: what the
    article's page lists under "Related plan tasks" (registered in `ttdn.core.related`)."""
    links = (
        TaskArticle.objects.filter(article=article, task__plan__in=Plan.objects.visible_to(user))
        .select_related("task__plan")
        .order_by("task__plan__year", "task__order", "task__pk")
    )
    return [
        RelatedLink(
            title=str(link.task),
            url=reverse("plans:task_detail", args=[link.task_id]),
            detail=f"{link.task.plan.title} · {link.get_kind_display()}",
        )
        for link in links
    ]


def outgoing_plans(user: Any, outgoing: OutgoingDocument) -> list[RelatedLink]:
    """The plan a register entry numbered, if the person sees it: what the register entry's
    page lists (registered in `ttdn.core.related`)."""
    plans = Plan.objects.visible_to(user).filter(outgoing=outgoing)
    return [
        RelatedLink(title=plan.title, url=plan.get_absolute_url(), detail=plan.get_status_display())
        for plan in plans
    ]
