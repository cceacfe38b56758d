"""Plans: the state machine, saving an imported plan, editing a draft, issuing and
superseding. Atomic and audited; `transition_plan` and `transition_submission` are the only
code that assigns a status (through `core.states.transition`)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn import docgen
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.states import InvalidTransition, transition
from ttdn.core.text import nfc
from ttdn.documents import services as documents_services
from ttdn.documents.models import OutgoingDocument
from ttdn.documents.queries import letterhead_for, signer_defaults
from ttdn.events.models import Commemoration
from ttdn.org.models import Unit
from ttdn.plans import markup, queries
from ttdn.plans.enums import PLAN_FLOW, SUBMISSION_FLOW, PlanStatus, SubmissionStatus
from ttdn.plans.importer import ParsedPlan, ParsedSection, PlannedTask
from ttdn.plans.models import (
    Plan,
    PlanCitation,
    PlanSection,
    PlanSubmission,
    PlanTask,
    TaskMention,
)

ALL_SUBORDINATES = ("các đơn vị trực thuộc", "các trường", "các cơ sở giáo dục", "các đơn vị")


# --- State machines -------------------------------------------------------------------------


def transition_plan(plan: Plan, *, to: PlanStatus, by: Any) -> Plan:
    """The only code that sets `Plan.status`, along PLAN_FLOW. Raises InvalidTransition."""
    transition(plan, flow=PLAN_FLOW, to=to, by=by)
    return plan


def transition_submission(submission: PlanSubmission, *, to: SubmissionStatus, by: Any) -> None:
    """The only code that sets `PlanSubmission.status`, along SUBMISSION_FLOW. Raises
    InvalidTransition."""
    transition(submission, flow=SUBMISSION_FLOW, to=to, by=by, unit_id=submission.unit_id)


# --- Import -----------------------------------------------------------------------------------


@transaction.atomic
def save_imported(parsed: ParsedPlan, *, unit: Unit, by: Any) -> Plan:
    """Save an imported plan as a draft of `unit`: header, citations (checked against the
    library as `by` sees it, linked to the matched document), the section tree, the tasks
    ("all subordinate units" resolved to the unit's children) and what was not recognised.
    The number and date it printed are kept as imported; issuing numbers it anew."""
    plan = Plan.objects.create(
        unit=unit,
        year=parsed.year or (parsed.issued_on or timezone.localdate()).year,
        number=parsed.number or "",
        symbol=parsed.symbol or "",
        place=parsed.place or "",
        issued_on=parsed.issued_on,
        title=nfc(parsed.title or _("Plan")),
        issuer=parsed.issuer or "",
        recipients=list(parsed.recipients),
        signer_authority=(parsed.signer.authority or "") if parsed.signer else "",
        signer_position=(parsed.signer.position or "") if parsed.signer else "",
        signer_name=(parsed.signer.name or "") if parsed.signer else "",
        deadlines=[d.as_dict() for d in parsed.deadlines],
        unrecognised=list(parsed.unrecognised),
        fingerprint=queries.fingerprint(parsed),
        created_by=by if getattr(by, "pk", None) else None,
    )
    _save_citations(plan, parsed, by=by)
    by_heading = _save_sections(plan, parsed.sections)
    commemorations = list(Commemoration.objects.for_unit(unit))
    for order, task in enumerate(parsed.tasks):
        row = _save_task(plan, task, order=order, section=by_heading.get(task.section or ""))
        _save_mentions(row, task, commemorations)
    audit.record(AuditAction.IMPORT, plan, by=by, changes={"title": [None, plan.title]})
    return plan


def _save_citations(plan: Plan, parsed: ParsedPlan, *, by: Any) -> None:
    """The cited documents with the statuses the checker gives the plan's text as a whole
    (`queries.check_parsed`), linked to the matched library document."""
    PlanCitation.objects.bulk_create(
        PlanCitation(
            plan=plan,
            order=order,
            text=check.citation.text,
            type=check.citation.type,
            number_symbol=check.citation.number_symbol,
            date=check.citation.date,
            issuer=check.citation.issuer or "",
            status=check.status or "",
            document=check.result.document if check.result else None,
        )
        for order, check in enumerate(queries.check_parsed(parsed, by))
    )


def _save_mentions(
    task: PlanTask, parsed: PlannedTask, commemorations: list[Commemoration]
) -> None:
    TaskMention.objects.bulk_create(
        TaskMention(
            task=task,
            order=order,
            kind=mention.kind,
            text=mention.text,
            names=list(mention.names),
            date=mention.date,
            years=mention.years,
            commemoration=queries.commemoration_for(mention, commemorations),
        )
        for order, mention in enumerate(parsed.mentions)
    )


def _save_sections(plan: Plan, sections: Iterable[ParsedSection]) -> dict[str, PlanSection]:
    """Save the tree depth first, in document order; return sections by heading."""
    saved: dict[str, PlanSection] = {}
    counter = iter(range(100_000))

    def save(section: ParsedSection, parent: PlanSection | None, depth: int) -> None:
        row = PlanSection.objects.create(
            plan=plan,
            parent=parent,
            order=next(counter),
            depth=depth,
            marker=section.marker or "",
            heading=section.heading or "",
            body=markup.from_paragraphs(section.paragraphs),
        )
        if section.heading:
            saved.setdefault(section.heading, row)
        for child in section.children:
            save(child, row, depth + 1)

    for section in sections:
        save(section, None, 0)
    return saved


def _save_task(
    plan: Plan, task: PlannedTask, *, order: int, section: PlanSection | None
) -> PlanTask:
    names = [nfc(name) for name in task.units]
    every = any(name.lower().startswith(ALL_SUBORDINATES) for name in names)
    row = PlanTask.objects.create(
        plan=plan,
        section=section,
        order=order,
        title=nfc(task.title),
        starts_on=task.starts_on,
        ends_on=task.ends_on,
        due=task.due,
        recurrence=str(task.recurrence) if task.recurrence else "",
        time_text=(task.time_text or "")[:255],
        units_text=names,
        all_subordinates=every,
        accountable_unit=plan.unit,
    )
    if every:
        row.carrying_units.set(plan.unit.children.open_on())
    return row


# --- Editing a draft --------------------------------------------------------------------------


def _editable(plan: Plan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise InvalidTransition(_("Only a draft plan can be changed."))


@transaction.atomic
def update_section(section: PlanSection, *, body: str, by: Any) -> PlanSection:
    """Replace the section's text with `body`, sanitised. Raises InvalidTransition unless
    the plan is a draft."""
    _editable(section.plan)
    before = section.body
    section.body = markup.sanitise(body)
    section.save(update_fields=["body"])
    audit.record(
        AuditAction.UPDATE,
        section,
        by=by,
        changes=audit.diff({"body": before}, {"body": section.body}),
        unit_id=section.plan.unit_id,
    )
    return section


@transaction.atomic
def add_task(
    plan: Plan,
    *,
    title: str,
    by: Any,
    section: PlanSection | None = None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    due: datetime.date | None = None,
    recurrence: str = "",
    evidence: str = "",
    units: Iterable[Unit] = (),
    all_subordinates: bool = False,
) -> PlanTask:
    """Add a task of the plan's own. "All subordinate units" is resolved to the unit's open
    children now. Raises InvalidTransition unless the plan is a draft."""
    _editable(plan)
    task = PlanTask.objects.create(
        plan=plan,
        section=section,
        order=plan.tasks.count(),
        title=nfc(title),
        starts_on=starts_on,
        ends_on=ends_on,
        due=due,
        recurrence=recurrence,
        evidence=nfc(evidence),
        accountable_unit=plan.unit,
        all_subordinates=all_subordinates,
    )
    task.carrying_units.set(plan.unit.children.open_on() if all_subordinates else list(units))
    audit.record(AuditAction.CREATE, task, by=by, unit_id=plan.unit_id)
    return task


PLAN_FIELDS = [
    "title",
    "year",
    "place",
    "recipients",
    "signer_authority",
    "signer_position",
    "signer_name",
]


@transaction.atomic
def update_plan(
    plan: Plan,
    *,
    by: Any,
    title: str,
    place: str,
    recipients: list[str],
    signer_authority: str,
    signer_position: str,
    signer_name: str,
    year: int | None = None,
) -> Plan:
    """Change the draft's title, year (None keeps it), place, recipients and signature block
    (NFC). Raises InvalidTransition unless the plan is a draft."""
    _editable(plan)
    before = audit.snapshot(plan, PLAN_FIELDS)
    plan.title, plan.place = nfc(title.strip()), nfc(place.strip())
    plan.year = year or plan.year
    plan.recipients = [nfc(r.strip()) for r in recipients if r.strip()]
    plan.signer_authority = nfc(signer_authority.strip())
    plan.signer_position = nfc(signer_position.strip())
    plan.signer_name = nfc(signer_name.strip())
    plan.save()
    audit.record(
        AuditAction.UPDATE,
        plan,
        by=by,
        changes=audit.diff(before, audit.snapshot(plan, PLAN_FIELDS)),
    )
    return plan


@transaction.atomic
def update_task(task: PlanTask, *, status: str, progress: int, by: Any) -> PlanTask:
    """Record how far the task has come; an issued plan's tasks are tracked this way too.
    Raises ValidationError for a progress outside 0–100."""
    if not 0 <= progress <= 100:
        raise ValidationError(_("Progress is a percentage from 0 to 100."))
    before = audit.snapshot(task, ["status", "progress"])
    task.status, task.progress = status, progress
    task.save(update_fields=["status", "progress"])
    changes = audit.diff(before, audit.snapshot(task, ["status", "progress"]))
    audit.record(AuditAction.UPDATE, task, by=by, changes=changes, unit_id=task.plan.unit_id)
    return task


# --- Issuing ----------------------------------------------------------------------------------


@transaction.atomic
def issue_plan(
    plan: Plan,
    *,
    doc: docgen.Document,
    by: Any,
    required_units: Iterable[Unit] = (),
    submissions_due: datetime.date | None = None,
) -> Plan:
    """Number the plan from its unit's outgoing register (storing the frozen DOCX there),
    freeze it, supersede the plan it replaces, and require `required_units` (frozen now with
    their names and parents) to submit their own plans by `submissions_due`.

    Raises InvalidTransition unless a draft, ValidationError when units are required without
    a date or are not below the plan's unit, DocumentIncomplete when the print lacks a part."""
    units = list(required_units)
    if units and submissions_due is None:  # the form says so too; the API and CLI rely on this
        raise ValidationError(_("Give the date by which the units must submit their plans."))
    if submissions_due is not None and not units:
        raise ValidationError(_("Tick the units that must submit their own plans."))
    if any(u.pk == plan.unit_id or not u.path.startswith(plan.unit.path) for u in units):
        raise ValidationError(_("Only units below the plan's unit can be required to submit."))
    outgoing = documents_services.issue_document(plan.unit, doc=replace(doc, number=None), by=by)
    plan.outgoing = outgoing
    plan.number, plan.symbol = docgen.format_number(outgoing.number), outgoing.symbol
    plan.issued_on, plan.place = outgoing.issued_on, doc.place or plan.place
    plan.submissions_due = submissions_due if units else None
    plan.save()
    transition_plan(plan, to=PlanStatus.ISSUED, by=by)
    if plan.supersedes is not None:
        transition_plan(plan.supersedes, to=PlanStatus.SUPERSEDED, by=by)
    PlanSubmission.objects.bulk_create(
        PlanSubmission(
            requesting_plan=plan,
            unit=unit,
            unit_name=unit.name,
            unit_level=unit.level,
            parent_name=unit.parent.name if unit.parent else "",
            due=submissions_due,
        )
        for unit in units
        if submissions_due is not None
    )
    return plan


@transaction.atomic
def withdraw_plan(plan: Plan, *, reason: str, by: Any) -> Plan:
    """Withdraw (thu hồi) an issued plan: its register entry records the reason and keeps its
    number, the plan is withdrawn and the units it required owe nothing any more. Who may
    is the caller's decision (`rules.can_withdraw`). Raises InvalidTransition unless issued or
    superseded, ValidationError without a reason."""
    if plan.outgoing is None or not PLAN_FLOW.allows(plan.status, PlanStatus.WITHDRAWN):
        raise InvalidTransition(_("Only an issued plan can be withdrawn."))
    documents_services.withdraw_document(plan.outgoing, reason=reason, by=by)
    plan.refresh_from_db(fields=["status"])
    return plan


def withdraw_with_document(outgoing: OutgoingDocument, by: Any) -> None:
    """What withdrawing a register entry means for the plan it numbered: the plan is
    withdrawn (registered with `documents.services.on_withdrawal`)."""
    for plan in Plan.objects.filter(outgoing=outgoing).exclude(status=PlanStatus.WITHDRAWN):
        transition_plan(plan, to=PlanStatus.WITHDRAWN, by=by)


@transaction.atomic
def new_version(plan: Plan, *, by: Any) -> Plan:
    """A draft copy of an issued plan that, once issued, supersedes it; of a withdrawn plan, a
    draft to correct and issue anew (under a new number). Raises InvalidTransition unless the
    plan is issued or withdrawn and has no newer version yet."""
    revisable = plan.status in (PlanStatus.ISSUED, PlanStatus.WITHDRAWN)
    if not revisable or Plan.objects.filter(supersedes=plan).exists():
        raise InvalidTransition(_("Only an issued plan without a newer version can be revised."))
    copy = copy_plan(plan, unit=plan.unit, by=by, derived=False)
    copy.supersedes = plan if plan.status == PlanStatus.ISSUED else None
    copy.parent = plan.parent
    copy.save(update_fields=["supersedes", "parent"])
    audit.record(
        AuditAction.CREATE, copy, by=by, changes={"supersedes": [None, copy.supersedes_id]}
    )
    return copy


def copy_plan(source: Plan, *, unit: Unit, by: Any, derived: bool, year: int | None = None) -> Plan:
    """A draft of `unit` for `year` (the source's when None) with the source's title, bases,
    sections and tasks (tasks linked to the ones they copy). A derived plan is the unit's own:
    its place and signer come from the unit's letterhead, not from the source."""
    own = (
        {"place": letterhead_for(unit).place, "recipients": [], **signer_defaults(unit)}
        if derived
        else {
            "place": source.place,
            "recipients": source.recipients,
            "signer_authority": source.signer_authority,
            "signer_position": source.signer_position,
            "signer_name": source.signer_name,
        }
    )
    plan = Plan.objects.create(
        unit=unit,
        year=year or source.year,
        title=source.title,
        deadlines=source.deadlines,
        created_by=by if getattr(by, "pk", None) else None,
        **own,
    )
    for citation in source.citations.all():
        citation.pk, citation.plan = None, plan
        citation.save()
    sections: dict[int | None, PlanSection | None] = {None: None}
    for section in source.sections.order_by("depth", "order"):
        old_pk = section.pk
        section.pk, section.plan = None, plan
        section.derived = derived or section.derived
        section.parent = sections[section.parent_id]
        section.save()
        sections[old_pk] = section
    for task in source.tasks.prefetch_related("carrying_units"):
        carrying = list(task.carrying_units.all())
        old = task.pk
        task.pk, task.plan = None, plan
        task.section = sections.get(task.section_id)
        task.derived_from_id = old if derived else task.derived_from_id
        task.accountable_unit = unit if derived else task.accountable_unit
        task.save()
        task.carrying_units.set(unit.children.open_on() if derived else carrying)
    return plan
