"""Reads of the plans app: a plan's outline, the issuing unit's board of required plans,
a derived plan's coverage of its parent, and what is due for reminders."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from ttdn.content.models import Article
from ttdn.core.related import RelatedLink
from ttdn.core.text import fold
from ttdn.documents import checker
from ttdn.documents.checker import CheckedCitation
from ttdn.documents.enums import CitationStatus
from ttdn.documents.models import Document, OutgoingDocument
from ttdn.events.enums import CalendarKind
from ttdn.events.models import Commemoration
from ttdn.org.models import Unit, UnitGroup
from ttdn.plans import markup
from ttdn.plans.enums import BoardColumn, MentionKind, PlanStatus, Recurrence, SubmissionStatus
from ttdn.plans.importer import (
    Deadline,
    Mention,
    ParsedCitation,
    ParsedPlan,
    ParsedSection,
    PlannedTask,
    Signer,
)
from ttdn.plans.importer.citations import same_document
from ttdn.plans.importer.result import body_text
from ttdn.plans.models import (
    Plan,
    PlanCitation,
    PlanSection,
    PlanSubmission,
    PlanTask,
    TaskArticle,
)

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
    submissions = plan.submissions.select_related("unit")
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
            Prefetch(
                "tasks",
                queryset=PlanTask.objects.select_related("section").prefetch_related(
                    "carrying_units", "mentions"
                ),
            ),
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
        .select_related("requesting_plan__unit", "unit")
    )
    return [Reminder(s, s.due < today) for s in waiting]


@dataclass(frozen=True)
class SavedPlan:
    """A saved plan as data: the same `ParsedPlan` an import gives (one JSON of a plan, see
    `ttdn.plans.importer.result`), with the plan's id, unit code, status and parent."""

    id: int
    unit: str
    status: str
    parent: int | None
    plan: ParsedPlan

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "unit": self.unit,
            "status": self.status,
            "parent": self.parent,
            **self.plan.as_dict(),
        }


def saved_plan(plan: Plan) -> SavedPlan:
    """The plan in the JSON of a plan; expects `plan_with_parts` (no query per part)."""
    data = ParsedPlan(
        number=plan.number or None,
        symbol=plan.symbol or None,
        issued_on=plan.issued_on,
        place=plan.place or None,
        year=plan.year,
        title=plan.title,
        issuer=plan.issuer or None,
        citations=tuple(_citation_data(c) for c in plan.citations.all()),
        sections=tuple(_section_data(node) for node in outline(plan)),
        tasks=tuple(_task_data(t) for t in plan.tasks.all()),
        deadlines=tuple(
            Deadline(datetime.date.fromisoformat(d["date"]) if d.get("date") else None, d["text"])
            for d in plan.deadlines
        ),
        recipients=tuple(plan.recipients),
        signer=Signer(
            plan.signer_authority or None, plan.signer_position or None, plan.signer_name or None
        ),
        unrecognised=tuple(plan.unrecognised),
        dropped=(),
        warnings=(),
    )
    return SavedPlan(plan.pk, plan.unit.code, plan.status, plan.parent_id, data)


def _citation_data(citation: PlanCitation) -> ParsedCitation:
    return ParsedCitation(
        text=citation.text,
        type=citation.type,
        number_symbol=citation.number_symbol,
        date=citation.date,
        issuer=citation.issuer or None,
        status=citation.status or "unchecked",
        document=citation.document_id,
    )


def _section_data(node: OutlineNode) -> ParsedSection:
    section = node.section
    return ParsedSection(
        heading=section.heading or None,
        marker=section.marker or None,
        paragraphs=tuple(markup.paragraphs(section.body)),
        children=tuple(_section_data(child) for child in node.children),
        derived=section.derived,
    )


def _task_data(task: PlanTask) -> PlannedTask:
    return PlannedTask(
        title=task.title,
        starts_on=task.starts_on,
        ends_on=task.ends_on,
        due=task.due,
        recurrence=Recurrence(task.recurrence) if task.recurrence else None,
        units=tuple(u.code for u in task.carrying_units.all()) or tuple(task.units_text),
        time_text=task.time_text or None,
        section=task.section.heading if task.section else None,
        mentions=tuple(
            Mention(MentionKind(m.kind), m.text, tuple(m.names), m.date, m.years)
            for m in task.mentions.all()
        ),
        derived=task.derived,
        status=task.status,
        progress=task.progress,
    )


# --- An imported plan: its citations checked, its events on the calendar ---------------------


@dataclass(frozen=True)
class CitationCheck:
    """A document an imported plan cites, with what the checker says of it (None: the
    checker did not see it, e.g. a text it could not read)."""

    citation: ParsedCitation
    result: CheckedCitation | None

    @property
    def status(self) -> CitationStatus | None:
        return self.result.status if self.result else None


def check_parsed(parsed: ParsedPlan, user: Any) -> list[CitationCheck]:
    """Each document the plan cites with the checker's verdict, in the order of the plan.

    The plan's body is checked as one text (so that "X triển khai Y" chronology is seen) as of
    the plan's own date, against the library `user` sees (the whole library for None: the
    CLI, demo data). A document cited several times takes its worst status."""
    text = "\n".join(body_text(parsed.sections))
    documents = Document.objects.all() if user is None else Document.objects.visible_to(user)
    found = checker.check_text(text, documents, on=parsed.issued_on)
    checks = []
    for citation in parsed.citations:
        own = [r for r in found if same_document(citation, r.citation)]
        worst = min(own, key=lambda r: r.status.rank) if own else None
        checks.append(CitationCheck(citation, worst))
    return checks


def problems_first(checks: list[CitationCheck]) -> list[CitationCheck]:
    """Problems, then unknown documents, then unverified matches, then the rest."""
    return sorted(checks, key=lambda check: check.status.rank if check.status else 1)


def citations_problems_first(plan: Plan) -> list[PlanCitation]:
    """A saved plan's legal bases, problems first, each group in the plan's order."""
    return sorted(
        plan.citations.all(),
        key=lambda c: (c.checked_status.rank if c.checked_status else 1, c.order),
    )


def commemoration_for(mention: Mention, candidates: list[Commemoration]) -> Commemoration | None:
    """The calendar's commemoration an event mention names: same folded name (or one inside
    the other), and the same day and month when the text dates it."""
    if mention.kind != MentionKind.EVENT or not mention.names:
        return None
    name = fold(mention.names[0])
    for commemoration in candidates:
        known = commemoration.folded_name
        if not (
            name == known or (min(len(name), len(known)) >= 12 and (name in known or known in name))
        ):
            continue
        if (
            mention.date
            and commemoration.calendar == CalendarKind.SOLAR
            and ((commemoration.month, commemoration.day) != (mention.date.month, mention.date.day))
        ):
            continue
        return commemoration
    return None


@dataclass(frozen=True)
class ImportPreview:
    """What the import preview shows: the parsed plan, its citations checked (problems
    first), and the commemorations its tasks' events link to."""

    parsed: ParsedPlan
    citations: list[CitationCheck]
    events: dict[Mention, Commemoration]


def fingerprint(parsed: ParsedPlan) -> str:
    """The same text read twice gives the same value, whatever the file's format or name."""
    data = json.dumps(parsed.as_dict(), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def duplicates(parsed: ParsedPlan, user: Any, unit: Unit) -> list[Plan]:
    """The unit's plans, as the person sees them, that this import would repeat: the same
    number and symbol from the same issuer, or the same text. Newest first."""
    text = fingerprint(parsed)
    same = Q(fingerprint=text)
    if parsed.number and parsed.symbol:
        same |= Q(number=parsed.number, symbol=parsed.symbol)
    found = Plan.objects.visible_to(user).filter(same, unit=unit).order_by("-pk")
    issuer = fold(parsed.issuer or "")
    return [plan for plan in found if plan.fingerprint == text or fold(plan.issuer) == issuer]


def import_preview(parsed: ParsedPlan, user: Any, unit: Unit) -> ImportPreview:
    candidates = list(Commemoration.objects.for_unit(unit))
    events = {
        mention: found
        for task in parsed.tasks
        for mention in task.mentions
        if (found := commemoration_for(mention, candidates)) is not None
    }
    return ImportPreview(parsed, problems_first(check_parsed(parsed, user)), events)


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
