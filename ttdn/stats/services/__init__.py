"""Writes of the statistics app: figures from approved reports, entered by hand or imported,
their approval and revisions; press documents, their review, publication (which freezes the
figures they cite) and correction notices. Every service is atomic and audited."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from ttdn import docgen
from ttdn.activities.models import ContestLevel, Result
from ttdn.core import access, audit
from ttdn.core.enums import AuditAction
from ttdn.core.states import InvalidTransition, transition
from ttdn.core.text import nfc
from ttdn.documents import services as documents_services
from ttdn.org.enums import Role
from ttdn.org.models import Unit
from ttdn.reports.enums import PeriodKind, SubmissionStatus
from ttdn.reports.models import Round, Submission
from ttdn.reports.periods import Period
from ttdn.reports.rollups import ancestors
from ttdn.stats.enums import (
    FIGURE_FLOW,
    PRESS_FLOW,
    FigureStatus,
    PressKind,
    PressStatus,
    Source,
)
from ttdn.stats.models import (
    Dataset,
    Figure,
    FigureReference,
    ImportFile,
    PressContact,
    PressDocument,
)
from ttdn.stats.queries import PLACEHOLDER, number_text
from ttdn.stats.rules import (
    can_approve_figure,
    can_enter_figures,
    can_publish_press,
    can_write_press,
)
from ttdn.stats.services import portal

MAX_VALUE = Decimal("1e17")
LEADERS = frozenset({Role.LEADER})

# --- Figures from approved reports ------------------------------------------------------------


@dataclass
class Wanted:
    """What a figure should say after a refresh, and where it comes from."""

    value: Decimal
    unit_id: int
    parent_id: int | None
    path: str
    round: Round | None
    submission_id: int | None = None
    reports_counted: int = 0
    unit_name: str = ""
    source: str = Source.ROUND
    period_start: datetime.date | None = None
    contest_ids: set[int] = field(default_factory=set)


Key = tuple[int, int, str]  # dataset, unit, period key


@dataclass
class Refresh:
    created: int = 0
    revised: list[Figure] = field(default_factory=list)


def _number(raw: Any) -> Decimal | None:
    if raw in (None, ""):
        return None
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        return None


def _path_of(submission: Submission, depth: int) -> str:
    return "/" + "/".join(submission.path.strip("/").split("/")[: depth + 1]) + "/"


def round_figures(round_: Round, datasets: Iterable[Dataset]) -> dict[Key, Wanted]:
    """The figures a round's approved reports give, by dataset, unit and period: a unit with
    an approved report of its own says its own number; a unit above sums the approved reports
    that count in its consolidation (reports' rule: from a report's parent up to its reviewer).
    Only the values frozen at approval are read (`approved_values`), never a later edit."""
    codes = {d.indicator_code: d.pk for d in datasets if d.indicator_code}
    approved = Submission.objects.filter(round=round_, status=SubmissionStatus.APPROVED).only(
        "unit_id", "unit_name", "parent_id", "path", "depth", "reviewer_depth", "approved_values"
    )
    own: dict[Key, Wanted] = {}
    summed: dict[Key, Wanted] = {}
    key = round_.period_key
    for s in approved.order_by("path"):
        for code, dataset_id in codes.items():
            number = _number(s.approved_values.get(code))
            if number is None:
                continue
            own[(dataset_id, s.unit_id, key)] = Wanted(
                number, s.unit_id, s.parent_id, s.path, round_, s.pk, 1, s.unit_name
            )
            for unit_id, parent_id in ancestors(s):
                depth = s.path.strip("/").split("/").index(str(unit_id))
                cell = summed.setdefault(
                    (dataset_id, unit_id, key),
                    Wanted(Decimal(0), unit_id, parent_id, _path_of(s, depth), round_),
                )
                cell.value += number
                cell.reports_counted += 1
    return {**summed, **own}


def contest_figures(datasets: Iterable[Dataset]) -> dict[Key, Wanted]:
    """The awards of contests whose results are published (`results_published_on` reached):
    the prizes of each contest's last level, counted for the entry's school and every unit
    above it, for the contest's school year; a dataset with a `contest_level` counts only the
    contests organised at that level, one with `contest_international` set only the
    international contests (yes) or only the others (no). Each figure names the contests it
    counts."""
    wanted: dict[Key, Wanted] = {}
    datasets = list(datasets)
    if not datasets:
        return wanted
    last_level = ContestLevel.objects.filter(contest=OuterRef("level__contest")).order_by("-rank")
    awards = list(
        Result.objects.exclude(prize="")
        .filter(
            level__contest__results_published_on__lte=timezone.localdate(),
            level__rank=Subquery(last_level.values("rank")[:1]),
        )
        .values_list(
            "level__contest_id", "level__contest__year", "level__contest__unit__level",
            "level__contest__international", "entry__unit__path",
        )
    )  # fmt: skip
    ids = {int(i) for *_rest, path in awards for i in path.strip("/").split("/")}
    units = {
        u["pk"]: u
        for start in range(0, len(ids), 900)  # under SQLite's limit of variables
        for u in Unit.objects.filter(pk__in=list(ids)[start : start + 900]).values(
            "pk", "parent_id", "path", "name"
        )
    }
    for contest_id, year, organiser_level, international, path in awards:
        period = Period(PeriodKind.SCHOOL_YEAR, year)
        for dataset in datasets:
            if dataset.contest_level and dataset.contest_level != organiser_level:
                continue
            if dataset.contest_international not in (None, international):
                continue
            for unit_id in (int(i) for i in path.strip("/").split("/")):
                unit = units[unit_id]
                cell = wanted.setdefault(
                    (dataset.pk, unit_id, period.key),
                    Wanted(
                        Decimal(0), unit_id, unit["parent_id"], unit["path"], None,
                        unit_name=unit["name"], source=Source.CONTEST,
                        period_start=period.calendar.start,
                    ),
                )  # fmt: skip
                cell.value += 1
                cell.contest_ids.add(contest_id)
    return wanted


def _add_rates(wanted: dict[Key, Wanted], datasets: Iterable[Dataset]) -> None:
    """A rate's figure per unit: numerator / denominator × 100, rounded to 2 places."""
    for rate in datasets:
        if not rate.is_rate:
            continue
        assert rate.numerator_id is not None and rate.denominator_id is not None
        for (dataset_id, unit_id, key), top in list(wanted.items()):
            if dataset_id != rate.numerator_id:
                continue
            bottom = wanted.get((rate.denominator_id, unit_id, key))
            if bottom is None or not bottom.value:
                continue
            value = (100 * top.value / bottom.value).quantize(Decimal("0.01"))
            wanted[(rate.pk, unit_id, key)] = replace(top, value=value)


def source_rounds() -> list[Round]:
    """The rounds whose forms feed a dataset, a higher owner last (its figures win where two
    rounds of one period count the same unit)."""
    forms = set(Dataset.objects.exclude(form_code="").values_list("form_code", flat=True))
    rounds = Round.objects.filter(form_version__form__code__in=forms).select_related(
        "owner", "form_version__form"
    )
    return sorted(rounds, key=lambda r: (-r.owner.depth, r.opens_on, r.pk))


@transaction.atomic
def refresh_from_reports(
    rounds: Iterable[Round] | None = None, *, by: Any = None, within: Unit | None = None
) -> Refresh:
    """Bring the figures of approved reports up to date: new ones are created approved, a
    figure whose report was approved again with another number gets a new revision (the old
    one is kept, marked replaced, and every press document citing it becomes out of date).
    Without `rounds`, every source round and the awards of published contests are read.
    Figures entered by hand or imported are left alone. Idempotent.

    `within` keeps to the figures of that unit and its subtree (a person refreshing their
    dashboard never touches another unit's figures); the rounds still count in their order,
    so a higher owner's figure wins there as it does in a whole refresh."""
    datasets = list(Dataset.objects.all())
    wanted: dict[Key, Wanted] = {}
    for round_ in rounds if rounds is not None else source_rounds():
        form = round_.form_version.form.code
        mine = [d for d in datasets if d.form_code == form]
        if mine:
            wanted.update(round_figures(round_, mine))
    if rounds is None:
        wanted.update(contest_figures([d for d in datasets if d.from_contests]))
    _add_rates(wanted, datasets)
    if within is not None:
        wanted = {key: w for key, w in wanted.items() if w.path.startswith(within.path)}
    return _apply(wanted, by=by)


def _apply(wanted: dict[Key, Wanted], *, by: Any) -> Refresh:
    keys = {k[2] for k in wanted}
    dataset_ids = {k[0] for k in wanted}
    scope = Figure.objects.filter(dataset_id__in=dataset_ids, period_key__in=keys)
    current = {(f.dataset_id, f.unit_id, f.period_key): f for f in scope.approved()}
    revisions = {
        (r["dataset_id"], r["unit_id"], r["period_key"]): r["last"]
        for r in scope.values("dataset_id", "unit_id", "period_key").annotate(last=Max("revision"))
    }
    names = _unit_names([w.unit_id for w in wanted.values() if not w.unit_name])
    result = Refresh()
    new: list[Figure] = []
    for key, w in wanted.items():
        found = current.get(key)
        if found is not None and (found.source != w.source or found.value == w.value):
            continue
        w.unit_name = w.unit_name or names.get(w.unit_id, "")
        figure = _figure(key, w, revision=revisions.get(key, 0) + 1)
        if found is None:
            new.append(figure)
            continue
        _replace(found, by=by)
        figure.note = (
            _("The report was approved again with another number.")
            if w.source == Source.ROUND
            else _("The published contest results changed.")
        )
        figure.save()
        figure.contests.set(w.contest_ids)
        audit.record(
            AuditAction.UPDATE,
            figure,
            by=by,
            unit_id=figure.unit_id,
            changes={"value": [str(found.value), str(figure.value)]},
        )
        result.revised.append(figure)
    Figure.objects.bulk_create(new, batch_size=2000)
    links = [
        Figure.contests.through(figure_id=figure.pk, contest_id=contest_id)
        for figure in new
        for contest_id in wanted[(figure.dataset_id, figure.unit_id, figure.period_key)].contest_ids
    ]
    Figure.contests.through.objects.bulk_create(links, batch_size=2000)
    result.created = len(new)
    if new:
        audit.record(
            AuditAction.CREATE,
            by=by,
            object_repr=_("Statistics from approved reports"),
            changes={"figures": len(new)},
        )
    return result


def _unit_names(ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for start in range(0, len(ids), 900):  # under SQLite's limit of variables
        found.update(Unit.objects.filter(pk__in=ids[start : start + 900]).values_list("pk", "name"))
    return found


def _figure(key: Key, w: Wanted, *, revision: int) -> Figure:
    return Figure(
        dataset_id=key[0],
        unit_id=w.unit_id,
        parent_id=w.parent_id,
        path=w.path,
        unit_name=w.unit_name,
        period_key=key[2],
        period_start=w.round.data_from if w.round is not None else w.period_start,  # type: ignore[misc]
        value=w.value,
        revision=revision,
        status=FigureStatus.APPROVED,
        source=w.source,
        round=w.round,
        submission_id=w.submission_id,
        reports_counted=w.reports_counted,
        approved_at=timezone.now(),
    )


def _replace(figure: Figure, *, by: Any) -> None:
    transition(figure, flow=FIGURE_FLOW, to=FigureStatus.REPLACED, by=by, unit_id=figure.unit_id)


# --- Figures entered by hand ------------------------------------------------------------------


def clean_value(raw: Any) -> Decimal:
    """A figure: a plain number, at most 17 integer digits and 4 decimals. Raises
    ValidationError."""
    number = _number(nfc(str(raw)).strip().replace(",", ".")) if raw is not None else None
    if number is None or not number.is_finite():
        raise ValidationError(_("Enter a number, e.g. 1250 or 97.5."))
    if abs(number) >= MAX_VALUE or -number.as_tuple().exponent > 4:  # type: ignore[operator]
        raise ValidationError(_("The number is too long: at most 17 digits and 4 decimals."))
    return number


def _next_revision(dataset: Dataset, unit: Unit, period_key: str) -> int:
    found = Figure.objects.filter(dataset=dataset, unit=unit, period_key=period_key)
    return (found.aggregate(last=Max("revision"))["last"] or 0) + 1


@transaction.atomic
def enter_figure(
    dataset: Dataset,
    unit: Unit,
    *,
    period: Period,
    value: Any,
    by: Any,
    note: str = "",
    import_file: str = "",
    import_row: int | None = None,
    source: ImportFile | None = None,
) -> Figure:
    """A figure typed in (or read from a row of an Excel file), waiting for a leader's approval:
    it is shown nowhere outside the unit until then. Raises ValidationError, PermissionDenied."""
    if not can_enter_figures(by, unit):
        raise PermissionDenied(_("You may not enter figures for this unit."))
    if dataset.is_rate:
        raise ValidationError(_("A rate is computed from its two figures; enter those instead."))
    figure = Figure.objects.create(
        dataset=dataset,
        unit=unit,
        parent_id=unit.parent_id,
        path=unit.path,
        unit_name=unit.name,
        period_key=period.key,
        period_start=period.calendar.start,
        value=clean_value(value),
        revision=_next_revision(dataset, unit, period.key),
        status=FigureStatus.DRAFT,
        source=Source.EXCEL if import_file else Source.MANUAL,
        import_file=nfc(import_file),
        import_row=import_row,
        import_source=source,
        entered_by=by,
        note=nfc(note).strip(),
    )
    audit.record(AuditAction.CREATE, figure, by=by, unit_id=unit.pk)
    return figure


@transaction.atomic
def approve_figure(figure: Figure, *, by: Any) -> Figure:
    """A leader of the unit (or above), not the person who entered it, approves the figure: it
    becomes the one in force and the one before it is kept as an older revision. Raises
    PermissionDenied, InvalidTransition."""
    figure = Figure.objects.select_for_update(of=("self",)).get(pk=figure.pk)
    if not can_approve_figure(by, figure):
        raise PermissionDenied(
            _("A leader of the unit other than the person who entered it approves a figure.")
        )

    def on_move(source: str, target: str) -> None:
        before = (
            Figure.objects.approved()
            .filter(dataset=figure.dataset_id, unit=figure.unit_id, period_key=figure.period_key)
            .first()
        )
        if before is not None:
            _replace(before, by=by)
        figure.approved_by = by
        figure.approved_at = timezone.now()

    transition(
        figure,
        flow=FIGURE_FLOW,
        to=FigureStatus.APPROVED,
        by=by,
        unit_id=figure.unit_id,
        on_move=on_move,
    )
    return figure


@transaction.atomic
def refuse_figure(figure: Figure, *, by: Any) -> Figure:
    """Refuse a figure waiting for approval; it stays in the history. Raises PermissionDenied,
    InvalidTransition."""
    if not can_approve_figure(by, figure):
        raise PermissionDenied(
            _("A leader of the unit other than the person who entered it approves a figure.")
        )
    transition(figure, flow=FIGURE_FLOW, to=FigureStatus.REFUSED, by=by, unit_id=figure.unit_id)
    return figure


# --- Press documents --------------------------------------------------------------------------


def placeholders(text: str) -> list[str]:
    """The dataset codes a text cites as {code}."""
    return PLACEHOLDER.findall(text)


def current_figures(unit: Unit, period_key: str, datasets: Iterable[Dataset]) -> dict[int, Figure]:
    """The approved figure of each dataset for the unit and period, by dataset id."""
    found = Figure.objects.approved().filter(
        unit=unit, period_key=period_key, dataset__in=list(datasets)
    )
    return {f.dataset_id: f for f in found}


def _check_references(
    unit: Unit, period_key: str, datasets: list[Dataset], texts: Iterable[str]
) -> None:
    if not datasets:
        raise ValidationError(_("Choose at least one figure to cite."))
    codes = {d.code for d in datasets}
    unknown = sorted({c for text in texts for c in placeholders(text)} - codes)
    if unknown:
        raise ValidationError(
            _("The text cites {%(codes)s}, which is not among the chosen figures.")
            % {"codes": "}, {".join(unknown)}
        )
    have = current_figures(unit, period_key, datasets)
    missing = [d.name for d in datasets if d.pk not in have]
    if missing:
        raise ValidationError(
            _("There is no approved figure yet for: %(names)s.") % {"names": "; ".join(missing)}
        )


@transaction.atomic
def create_press_document(
    unit: Unit,
    *,
    kind: str,
    title: str,
    title_en: str,
    period_key: str,
    datasets: list[Dataset],
    by: Any,
    body: str = "",
    body_en: str = "",
    corrects: PressDocument | None = None,
) -> PressDocument:
    """A draft fact sheet or press release citing figures by reference: every cited figure must
    be approved for the unit and period, and every {code} in the text must be one of them.
    Raises ValidationError, PermissionDenied."""
    if not can_enter_figures(by, unit):
        raise PermissionDenied(_("You may not write press documents for this unit."))
    _check_references(unit, period_key, datasets, [body, body_en])
    document = PressDocument(
        unit=unit,
        kind=kind,
        title=nfc(title).strip(),
        title_en=nfc(title_en).strip(),
        body=nfc(body).strip(),
        body_en=nfc(body_en).strip(),
        period_key=period_key,
        corrects=corrects,
        created_by=by,
    )
    document.full_clean()
    document.save()
    FigureReference.objects.bulk_create(
        [FigureReference(document=document, dataset=d, order=n) for n, d in enumerate(datasets)]
    )
    audit.record(AuditAction.CREATE, document, by=by, unit_id=unit.pk)
    return document


def transition_press_document(
    document: PressDocument, *, to: str, by: Any, on_move: Any = None
) -> PressDocument:
    """The one move of a press document's status (PRESS_FLOW). Raises InvalidTransition."""
    transition(document, flow=PRESS_FLOW, to=to, by=by, unit_id=document.unit_id, on_move=on_move)
    return document


@transaction.atomic
def submit_press_document(document: PressDocument, *, by: Any) -> PressDocument:
    """Send the draft to the unit's leaders for review. Raises PermissionDenied,
    InvalidTransition."""
    if not can_write_press(by, document):
        raise PermissionDenied(_("You may not write press documents for this unit."))
    return transition_press_document(document, to=PressStatus.IN_REVIEW, by=by)


@transaction.atomic
def return_press_document(document: PressDocument, *, by: Any) -> PressDocument:
    """A leader sends the document back to its writers. Raises PermissionDenied,
    InvalidTransition."""
    if not can_publish_press(by, document):
        raise PermissionDenied(_("Only a leader of the unit publishes press documents."))
    return transition_press_document(document, to=PressStatus.DRAFT, by=by)


@transaction.atomic
def publish_press_document(document: PressDocument, *, by: Any) -> PressDocument:
    """A leader of the unit publishes the reviewed document: the figures it cites are frozen
    (revision and value) as they are now, and its article goes to the portal's review
    (`portal.post_to_portal`); the press kit shows it once a reviewer has approved the article.
    Raises PermissionDenied, InvalidTransition, ValidationError (a cited figure is not
    approved, the unit has no portal)."""
    document = PressDocument.objects.select_for_update(of=("self",)).get(pk=document.pk)
    if not can_publish_press(by, document):
        raise PermissionDenied(_("Only a leader of the unit publishes press documents."))
    references = list(document.references.select_related("dataset"))

    def on_move(source: str, target: str) -> None:
        datasets = [r.dataset for r in references]
        _check_references(document.unit, document.period_key, datasets, [])
        figures = current_figures(document.unit, document.period_key, datasets)
        for reference in references:
            reference.figure = figures[reference.dataset_id]
            reference.value = reference.figure.value
        FigureReference.objects.bulk_update(references, ["figure", "value"])
        document.published_at = timezone.now()
        document.published_by = by
        portal.post_to_portal(document, by=by)

    return transition_press_document(document, to=PressStatus.PUBLISHED, by=by, on_move=on_move)


@transaction.atomic
def withdraw_press_document(document: PressDocument, *, by: Any) -> PressDocument:
    """Take a published document out of the press kit and its article off the portal (both
    stay in the history). Raises PermissionDenied, InvalidTransition."""
    if not can_publish_press(by, document):
        raise PermissionDenied(_("Only a leader of the unit publishes press documents."))

    def on_move(source: str, target: str) -> None:
        portal.take_off_portal(document, by=by)

    return transition_press_document(document, to=PressStatus.WITHDRAWN, by=by, on_move=on_move)


@dataclass(frozen=True)
class Difference:
    """A cited figure that changed since the document froze it."""

    reference: FigureReference
    now: Figure

    @property
    def before(self) -> Decimal | None:
        return self.reference.value

    @property
    def change(self) -> Decimal:
        return self.now.value - (self.reference.value or Decimal(0))


def differences(document: PressDocument) -> list[Difference]:
    """The figures a published document froze that have a newer approved revision since, with
    the value now: empty while the document is up to date (or not published)."""
    if document.status != PressStatus.PUBLISHED:
        return []
    references = [r for r in document.references.select_related("dataset") if r.frozen]
    now = current_figures(document.unit, document.period_key, [r.dataset for r in references])
    return [
        Difference(r, now[r.dataset_id])
        for r in references
        if r.dataset_id in now and now[r.dataset_id].pk != r.figure_id
    ]


def _correction_text(document: PressDocument, changed: list[Difference], language: str) -> str:
    with override(language):
        lines = [
            _("%(title)s, published on %(date)s, gave figures that have since been corrected:")
            % {
                "title": document.title_in(language),
                "date": document.published_at.strftime("%d/%m/%Y") if document.published_at else "",
            }
        ]
        for d in changed:
            lines.append(
                _("- %(name)s: %(before)s %(measure)s, corrected to {%(code)s} %(measure)s.")
                % {
                    "name": d.reference.dataset.name_in(language),
                    "before": number_text(d.before, language),
                    "measure": d.reference.dataset.measure_in(language),
                    "code": d.reference.dataset.code,
                }
            )
        return "\n".join(lines)


@transaction.atomic
def draft_correction(document: PressDocument, *, by: Any) -> PressDocument:
    """One click: a draft correction notice for a published document that is out of date,
    citing the corrected figures in both languages; it goes through review like any press
    document. Raises PermissionDenied, ValidationError (nothing to correct)."""
    changed = differences(document)
    if not changed:
        raise InvalidTransition(_("Every figure of this document is still the one in force."))
    return create_press_document(
        document.unit,
        kind=PressKind.CORRECTION,
        title=_correction_title(document, "vi"),
        title_en=_correction_title(document, "en"),
        body=_correction_text(document, changed, "vi"),
        body_en=_correction_text(document, changed, "en"),
        period_key=document.period_key,
        datasets=[d.reference.dataset for d in changed],
        by=by,
        corrects=document,
    )


def _correction_title(document: PressDocument, language: str) -> str:
    with override(language):
        return (_("Correction: %(title)s") % {"title": document.title_in(language)})[:255]


@transaction.atomic
def save_press_contact(unit: Unit, *, by: Any, **fields: Any) -> PressContact:
    """Record the unit's spokesperson and press contact (Nghị định 09/2017/NĐ-CP). Raises
    PermissionDenied unless a leader of the unit (or above) does it, ValidationError."""
    if not access.can_act_for(by, unit, LEADERS):
        raise PermissionDenied(_("Only a leader of the unit names its spokesperson."))
    contact = PressContact.objects.filter(unit=unit).first() or PressContact(unit=unit)
    before = audit.snapshot(contact) if contact.pk else {}
    for name, value in fields.items():
        setattr(contact, name, nfc(value).strip() if isinstance(value, str) else value)
    contact.full_clean()
    contact.save()
    changes = audit.diff(before, audit.snapshot(contact))
    action = AuditAction.UPDATE if before else AuditAction.CREATE
    audit.record(action, contact, by=by, unit_id=unit.pk, changes=changes)
    return contact


@transaction.atomic
def issue_press_document(
    document: PressDocument, *, doc: docgen.Document, by: Any
) -> PressDocument:
    """Number the published document in the unit's register (a Thông báo) and keep the frozen
    print. Raises PermissionDenied, InvalidTransition (not published, or issued already),
    DocumentIncomplete (nothing is numbered then)."""
    document = PressDocument.objects.select_for_update(of=("self",)).get(pk=document.pk)
    if not can_publish_press(by, document):
        raise PermissionDenied(_("Only a leader of the unit publishes press documents."))
    if document.status != PressStatus.PUBLISHED or document.outgoing_id:
        raise InvalidTransition(_("Only a published document is issued, and only once."))
    document.outgoing = documents_services.issue_document(document.unit, doc=doc, by=by)
    document.save(update_fields=["outgoing", "updated_at"])
    audit.record(
        AuditAction.UPDATE,
        document,
        by=by,
        unit_id=document.unit_id,
        changes={"outgoing": [None, document.outgoing.number_symbol]},
    )
    return document
