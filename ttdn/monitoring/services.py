"""Writes of press monitoring: sources, watches, tone labels, cases and press requests.

Each is atomic and audited; state moves go through `core.states.transition`. Who may act for
which unit is the caller's check (`rules.py`), except where a service says otherwise.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn import docgen
from ttdn.content.enums import ArticleStatus
from ttdn.content.models import Article
from ttdn.core import access, audit
from ttdn.core.enums import AuditAction
from ttdn.core.states import transition
from ttdn.core.text import nfc
from ttdn.documents import services as documents_services
from ttdn.documents.models import OutgoingDocument
from ttdn.documents.printing import missing_part_names
from ttdn.monitoring import exports, pipeline, queries, tasks, watching
from ttdn.monitoring.enums import (
    CASE_FLOW,
    PRESS_REQUEST_FLOW,
    RESPONSE_HOURS,
    CaseStatus,
    PressRequestStatus,
    ResponseKind,
    Severity,
    SourceFormat,
    SourceState,
    Tone,
    WatchKind,
)
from ttdn.monitoring.models import Case, Item, Mention, PressRequest, Source, Watch
from ttdn.org.models import Unit

SOURCE_FIELDS = [
    "unit_id", "name", "url", "format", "kind", "language", "country", "link_selector",
    "weight", "interval_minutes", "state",
]  # fmt: skip
CASE_FIELDS = ["title", "severity", "deadline", "assignee_id", "escalated_to_id", "notes"]


# --- Sources -----------------------------------------------------------------


@transaction.atomic
def create_source(unit: Unit, *, by: Any, **fields: Any) -> Source:
    """Add a source owned by `unit`; it is fetched at once by the next run of the job.
    Raises ValidationError when a fetched source has no address."""
    source = Source(unit=unit, **fields)
    _check_source(source)
    source.save()
    audit.record(
        AuditAction.CREATE,
        source,
        by=by,
        changes=audit.diff({}, audit.snapshot(source, SOURCE_FIELDS)),
    )
    return source


@transaction.atomic
def update_source(source: Source, *, by: Any, **fields: Any) -> Source:
    """Change a source; resuming a paused one clears its failures and fetches it soon."""
    before = audit.snapshot(source, SOURCE_FIELDS)
    for name, value in fields.items():
        setattr(source, name, value)
    if before["state"] == SourceState.PAUSED and source.state == SourceState.ACTIVE:
        source.failures, source.last_error, source.next_fetch_at = 0, "", timezone.now()
    _check_source(source)
    source.save()
    audit.record(
        AuditAction.UPDATE,
        source,
        by=by,
        changes=audit.diff(before, audit.snapshot(source, SOURCE_FIELDS)),
    )
    return source


def _check_source(source: Source) -> None:
    source.name = nfc(source.name.strip())
    if source.format != SourceFormat.MANUAL and not source.url:
        raise ValidationError(_("Give the address to fetch."))
    source.full_clean()


@transaction.atomic
def paste_item(source: Source, *, by: Any, title: str, text: str, url: str = "") -> Item:
    """Record pasted text (a post, a screenshot's description) as an item of a manual source;
    the worker takes it on to clustering and matching. Raises ValidationError without text."""
    if source.format != SourceFormat.MANUAL:
        raise ValidationError(_("Text can be pasted only into a source of pasted text."))
    if not text.strip():
        raise ValidationError(_("Paste the text of the post or article."))
    item = pipeline.paste_item(source, title=nfc(title.strip()), text=nfc(text.strip()), url=url)
    audit.record(AuditAction.CREATE, item, by=by, unit_id=source.unit_id)
    transaction.on_commit(functools.partial(tasks.process_item.enqueue, item.pk))
    return item


# --- Watches -----------------------------------------------------------------


@transaction.atomic
def create_watch(
    unit: Unit, *, by: Any, name: str, query: str, kind: str = WatchKind.QUERY
) -> Watch:
    """Add a watch of `unit`. Raises ValidationError when the query has nothing to look for."""
    watching.check_query(kind, query)
    watch = Watch.objects.create(
        unit=unit, kind=kind, name=nfc(name.strip()), query=nfc(query.strip())
    )
    audit.record(AuditAction.CREATE, watch, by=by, changes={"query": ["", watch.query]})
    return watch


@transaction.atomic
def update_watch(watch: Watch, *, by: Any, name: str, query: str, is_active: bool) -> Watch:
    """Change a watch; it applies to items matched from now on. Raises ValidationError as create."""
    watching.check_query(watch.kind, query)
    before = audit.snapshot(watch, ["name", "query", "is_active"])
    watch.name, watch.query, watch.is_active = nfc(name.strip()), nfc(query.strip()), is_active
    watch.save()
    audit.record(
        AuditAction.UPDATE,
        watch,
        by=by,
        changes=audit.diff(before, audit.snapshot(watch, ["name", "query", "is_active"])),
    )
    return watch


@transaction.atomic
def add_topic_watches(unit: Unit, *, by: Any) -> list[Watch]:
    """Give `unit` a watch for each sensitive topic of the seeds it does not watch yet."""
    have = set(Watch.objects.filter(unit=unit, kind=WatchKind.TOPIC).values_list("name", flat=True))
    return [
        create_watch(unit, by=by, name=name, query=query, kind=WatchKind.TOPIC)
        for name, query in watching.TOPICS.items()
        if name not in have
    ]


# --- Mentions ----------------------------------------------------------------


@transaction.atomic
def label_tone(mention: Mention, *, by: Any, tone: str) -> Mention:
    """A person's reading of the tone; it overrides the suggestion and is kept."""
    before = mention.tone
    mention.tone = Tone(tone)
    mention.tone_labelled_by = by
    mention.save(update_fields=["tone", "tone_labelled_by", "updated_at"])
    audit.record(AuditAction.UPDATE, mention, by=by, changes={"tone": [before, mention.tone]})
    return mention


# --- Cases -------------------------------------------------------------------


def response_deadline(severity: str, opened_at: datetime.datetime) -> datetime.datetime:
    return opened_at + datetime.timedelta(hours=RESPONSE_HOURS[Severity(severity)])


@transaction.atomic
def open_case(
    mention: Mention, *, by: Any, title: str, severity: str, assignee: Any = None
) -> Case:
    """Open a case about a mention, for the mention's unit. The deadline follows from the
    severity; the evidence (every copy of the story, with the SHA-256 of each page as fetched)
    is frozen into the case now."""
    now = timezone.now()
    case = Case.objects.create(
        unit_id=mention.unit_id, mention=mention, title=nfc(title.strip()) or mention.item.title,
        severity=severity, deadline=response_deadline(severity, now), assignee=assignee,
        evidence=_evidence(mention.item),
    )  # fmt: skip
    audit.record(
        AuditAction.CREATE, case, by=by, changes=audit.diff({}, audit.snapshot(case, CASE_FIELDS))
    )
    return case


def _evidence(item: Item) -> list[dict[str, Any]]:
    copies = item.story.items.select_related("source").order_by("pk") if item.story else [item]
    return [
        {
            "item": copy.pk,
            "source": copy.source.name,
            "url": copy.url,
            "title": copy.title,
            "fetched_at": copy.fetched_at.isoformat() if copy.fetched_at else None,
            "raw_sha256": copy.raw_sha256,
            "text_sha256": copy.text_sha256,
        }
        for copy in copies
    ]


def transition_case(case: Case, *, to: str, by: Any, changes: dict[str, Any] | None = None) -> Case:
    """The one function that moves a case. Raises InvalidTransition."""
    transition(case, flow=CASE_FLOW, to=to, by=by, changes=changes)
    return case


@transaction.atomic
def start_verifying(case: Case, *, by: Any) -> Case:
    return transition_case(case, to=CaseStatus.VERIFYING, by=by)


@transaction.atomic
def respond(
    case: Case,
    *,
    by: Any,
    kind: str,
    text: str = "",
    url: str = "",
    article: Article | None = None,
    published_at: datetime.datetime | None = None,
) -> Case:
    """Record the official response and move the case to responded.

    A statement needs its text; a portal article must be published (through the portal's
    review), and its publication time is when the case was answered. Raises ValidationError
    or InvalidTransition; nothing changes then."""
    kind = ResponseKind(kind)
    if kind == ResponseKind.ARTICLE:
        if article is None or article.status != ArticleStatus.PUBLISHED:
            raise ValidationError(_("Choose a published article of the portal as the response."))
        published_at = article.published_at
    elif not text.strip():
        raise ValidationError(_("Give the text of the response."))
    case.response_kind, case.response_text, case.response_url = kind, nfc(text.strip()), url
    case.response_article = article
    case.responded_at = published_at or timezone.now()
    return transition_case(case, to=CaseStatus.RESPONDED, by=by, changes={"response": [None, kind]})


@transaction.atomic
def respond_with_letter(
    case: Case, *, by: Any, outlet: str, body: str, signer: docgen.Signer | None
) -> Case:
    """Issue a Công văn to the outlet through the unit's outgoing register and record it as the
    response. Raises DocumentIncomplete (nothing numbered), ValidationError, InvalidTransition."""
    CASE_FLOW.check(case.status, CaseStatus.RESPONDED)
    if not body.strip():
        raise ValidationError(_("Give the text of the letter."))
    doc = exports.response_letter(case, outlet=nfc(outlet.strip()), body=nfc(body), signer=signer)
    try:
        case.response_document = documents_services.issue_document(case.unit, doc=doc, by=by)
    except docgen.DocumentIncomplete as error:
        raise ValidationError(
            _("The letter cannot be issued yet; it lacks: %(parts)s.")
            % {"parts": ", ".join(error.missing)}
        ) from error
    return respond(case, by=by, kind=ResponseKind.LETTER, text=body)


@transaction.atomic
def dismiss(case: Case, *, by: Any, reason: str) -> Case:
    """The information is true or not worth an answer. Raises ValidationError without a reason."""
    if not reason.strip():
        raise ValidationError(_("Say why the case is dismissed."))
    case.dismiss_reason = nfc(reason.strip())
    return transition_case(
        case, to=CaseStatus.DISMISSED, by=by, changes={"reason": [None, case.dismiss_reason]}
    )


@transaction.atomic
def close_case(case: Case, *, by: Any) -> Case:
    case.closed_at = timezone.now()
    return transition_case(case, to=CaseStatus.CLOSED, by=by)


@transaction.atomic
def escalate(case: Case, *, by: Any) -> Case:
    """Hand an open case to the unit above; it then answers it. Raises ValidationError for a
    closed case or a unit at the top."""
    if not case.is_open:
        raise ValidationError(_("Only an open case can be escalated."))
    parent = case.unit.parent
    if parent is None:
        raise ValidationError(_("This unit has no supervising unit to escalate to."))
    before = audit.snapshot(case, ["unit_id", "escalated_to_id"])
    case.escalated_to, case.unit = case.unit, parent
    case.save(update_fields=["unit", "escalated_to", "updated_at"])
    audit.record(
        AuditAction.UPDATE,
        case,
        by=by,
        changes=audit.diff(before, audit.snapshot(case, ["unit_id", "escalated_to_id"])),
    )
    return case


@transaction.atomic
def assign_case(case: Case, *, by: Any, assignee: Any, severity: str) -> Case:
    """Change who handles the case and its severity; a new severity resets the deadline."""
    before = audit.snapshot(case, CASE_FIELDS)
    if severity != case.severity:
        case.deadline = response_deadline(severity, case.created_at)
    case.assignee, case.severity = assignee, severity
    case.save()
    audit.record(
        AuditAction.UPDATE,
        case,
        by=by,
        changes=audit.diff(before, audit.snapshot(case, CASE_FIELDS)),
    )
    return case


# --- Press requests ----------------------------------------------------------


@transaction.atomic
def record_press_request(unit: Unit, *, by: Any, **fields: Any) -> PressRequest:
    """Record a journalist's request for information to `unit`."""
    request = PressRequest(
        unit=unit, **{k: nfc(v) if isinstance(v, str) else v for k, v in fields.items()}
    )
    request.full_clean()
    request.save()
    audit.record(AuditAction.CREATE, request, by=by)
    return request


@transaction.atomic
def answer_press_request(request: PressRequest, *, by: Any, answer: str) -> PressRequest:
    """Keep the spokesperson's answer. Raises ValidationError without one, InvalidTransition."""
    if not answer.strip():
        raise ValidationError(_("Give the answer."))
    request.answer, request.answered_at, request.answered_by = (
        nfc(answer.strip()),
        timezone.now(),
        by,
    )
    transition(request, flow=PRESS_REQUEST_FLOW, to=PressRequestStatus.ANSWERED, by=by)
    return request


@transaction.atomic
def decline_press_request(request: PressRequest, *, by: Any, reason: str) -> PressRequest:
    """Refuse (NĐ 09/2017 Art. 8 lists what is not given); the reason is kept as the answer."""
    if not reason.strip():
        raise ValidationError(_("Say why the information is not given."))
    request.answer, request.answered_at, request.answered_by = (
        nfc(reason.strip()),
        timezone.now(),
        by,
    )
    transition(request, flow=PRESS_REQUEST_FLOW, to=PressRequestStatus.DECLINED, by=by)
    return request


MAX_REPORT_DAYS = 366


@transaction.atomic
def issue_press_report(
    unit: Unit,
    *,
    by: Any,
    start: datetime.date,
    end: datetime.date,
    signer: docgen.Signer | None,
    recipients: tuple[str, ...] = (),
) -> OutgoingDocument:
    """Number and store the unit's "Tổng hợp dư luận báo chí" for the period in its outgoing
    register. Raises PermissionDenied unless the person writes for the unit; ValidationError
    for a period that ends before it starts, lies in the future or spans more than a year, and
    when the document lacks a part (nothing is numbered then)."""
    if not access.can_act_for(by, unit):
        raise PermissionDenied
    if end < start:
        raise ValidationError(_("The end comes before the start."))
    if start > timezone.localdate():
        raise ValidationError(_("The period has not begun yet."))
    if (end - start).days >= MAX_REPORT_DAYS:
        raise ValidationError(_("A press review covers at most a year."))
    summary = queries.press_summary(unit, start, end)
    doc = exports.press_report(
        unit,
        summary,
        start=start,
        end=end,
        signer=signer,
        recipients=recipients or ("Như trên", "Lưu: VT"),
    )
    try:
        return documents_services.issue_document(unit, doc=doc, by=by)
    except docgen.DocumentIncomplete as error:
        raise ValidationError(
            _("The report cannot be issued yet; it lacks: %(parts)s.")
            % {"parts": ", ".join(missing_part_names(error.missing))}
        ) from error
