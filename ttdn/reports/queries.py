"""Reads of the reports app: a unit's consolidation of a round, completeness and timeliness,
and the trend of an indicator across rounds."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ttdn.org.enums import UnitLevel
from ttdn.org.models import Unit
from ttdn.reports.enums import Aggregation, Basis, IndicatorKind, SubmissionStatus, bases_of
from ttdn.reports.models import Indicator, RollUp, Round, Submission, Value


@dataclass
class Cell:
    """Partial aggregates that combine: count, total, minimum, maximum, count of yes."""

    count: int = 0
    total: Decimal = Decimal(0)
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    yes_count: int = 0

    def add(self, other: Cell) -> None:
        self.count += other.count
        self.total += other.total
        self.yes_count += other.yes_count
        for name, pick in (("minimum", min), ("maximum", max)):
            mine, theirs = getattr(self, name), getattr(other, name)
            setattr(
                self,
                name,
                theirs if mine is None else mine if theirs is None else pick(mine, theirs),
            )

    @classmethod
    def of(cls, number: Decimal, *, yes_no: bool) -> Cell:
        return cls(1, number, number, number, int(yes_no and number != 0))

    def value(self, aggregation: str) -> Decimal | None:
        """The figure by the indicator's aggregation rule; None when nobody reported."""
        if not self.count:
            return None
        if aggregation == Aggregation.AVERAGE:
            return (self.total / self.count).quantize(Decimal("0.01"))
        return {
            Aggregation.SUM: self.total,
            Aggregation.MIN: self.minimum,
            Aggregation.MAX: self.maximum,
            Aggregation.COUNT_YES: Decimal(self.yes_count),
        }.get(Aggregation(aggregation))


@dataclass
class Part:
    """A child unit (as the round froze the tree) or a level, in a breakdown."""

    key: str
    name: str
    unit_id: int | None = None
    submission: Submission | None = None


@dataclass
class IndicatorRow:
    indicator: Indicator
    total: Decimal | None
    count: int
    by_child: list[Decimal | None]
    by_level: list[Decimal | None]


@dataclass
class NarrativeEntry:
    unit_name: str
    text: str


@dataclass
class Narrative:
    indicator: Indicator
    entries: list[NarrativeEntry]


@dataclass
class Consolidation:
    round: Round
    unit: Unit
    basis: str
    children: list[Part]
    levels: list[Part]
    rows: list[IndicatorRow]
    narratives: list[Narrative]
    counted: int
    changed_since_approval: list[str] = field(default_factory=list)

    def row(self, code: str) -> IndicatorRow:
        return next(r for r in self.rows if r.indicator.code == code)


def _statuses(basis: str) -> list[str]:
    return [s for s in SubmissionStatus.values if basis in bases_of(s)]


def place_in_round(round_: Round, unit: Unit) -> tuple[str, int]:
    """The unit's path and depth as the round froze them (its current ones if it has no
    submission there)."""
    own = Submission.objects.filter(round=round_, unit=unit).values_list("path", "depth").first()
    return own if own else (unit.path, unit.depth)


def consolidation(round_: Round, unit: Unit, *, basis: str = Basis.APPROVED) -> Consolidation:
    """Totals of the reports below `unit` per indicator by its aggregation rule, from the
    pre-computed roll-ups; broken down by child unit (an expected child by its own report, any
    other by its roll-up) and by level of the reporting units; narratives listed by unit."""
    indicators = list(round_.form_version.indicators.select_related("section"))
    numeric = [i for i in indicators if i.rolls_up]
    path, depth = place_in_round(round_, unit)
    own_rows = RollUp.objects.filter(round=round_, unit=unit, basis=basis)
    totals, by_level = _cells(own_rows, by_level=True)
    children, by_child = _children(round_, unit, basis, numeric)
    levels = [Part(lv, str(UnitLevel(lv).label)) for lv in UnitLevel.values if lv in by_level]
    rows = [
        IndicatorRow(
            indicator=i,
            total=totals.get(i.pk, Cell()).value(i.aggregation),
            count=totals.get(i.pk, Cell()).count,
            by_child=[by_child[c.key].get(i.pk, Cell()).value(i.aggregation) for c in children],
            by_level=[by_level[lv.key].get(i.pk, Cell()).value(i.aggregation) for lv in levels],
        )
        for i in numeric
    ]
    contributing = Submission.objects.filter(
        round=round_, status__in=_statuses(basis)
    ).contributing_to(unit.pk, path, depth)
    return Consolidation(
        round=round_,
        unit=unit,
        basis=basis,
        children=children,
        levels=levels,
        rows=rows,
        narratives=_narratives(contributing, indicators),
        counted=contributing.count(),
        changed_since_approval=_changed(contributing),
    )


def _cells(
    rows: Iterable[RollUp], *, by_level: bool
) -> tuple[dict[int, Cell], dict[str, dict[int, Cell]]]:
    totals: dict[int, Cell] = defaultdict(Cell)
    levels: dict[str, dict[int, Cell]] = defaultdict(lambda: defaultdict(Cell))
    for row in rows:
        cell = Cell(row.count, row.total, row.minimum, row.maximum, row.yes_count)
        totals[row.indicator_id].add(cell)
        if by_level and row.count:
            levels[row.level][row.indicator_id].add(cell)
    return totals, levels


def _children(
    round_: Round, unit: Unit, basis: str, numeric: list[Indicator]
) -> tuple[list[Part], dict[str, dict[int, Cell]]]:
    """The unit's children in the frozen tree, each with its cells: an expected child by its
    own report (when it counts under `basis`), any other by its roll-up."""
    parts: dict[int, Part] = {}
    cells: dict[str, dict[int, Cell]] = defaultdict(lambda: defaultdict(Cell))
    expected = Submission.objects.filter(round=round_, parent=unit).prefetch_related("values")
    yes_no = {i.pk for i in numeric if i.kind == IndicatorKind.YES_NO}
    wanted = {i.pk for i in numeric}
    for submission in expected:
        parts[submission.unit_id] = Part(
            str(submission.unit_id), submission.unit_name, submission.unit_id, submission
        )
        if basis in bases_of(submission.status):
            for v in submission.values.all():
                if v.indicator_id in wanted and v.number is not None:
                    cells[str(submission.unit_id)][v.indicator_id] = Cell.of(
                        v.number, yes_no=v.indicator_id in yes_no
                    )
    rolled = RollUp.objects.filter(round=round_, parent=unit, basis=basis).exclude(
        unit_id__in=list(parts)
    )
    for row in rolled:
        cells[str(row.unit_id)][row.indicator_id].add(
            Cell(row.count, row.total, row.minimum, row.maximum, row.yes_count)
        )
        parts.setdefault(row.unit_id, Part(str(row.unit_id), "", row.unit_id))
    names = dict(
        Unit.objects.filter(pk__in=[p for p, part in parts.items() if not part.name]).values_list(
            "pk", "name"
        )
    )
    for pk, part in parts.items():
        part.name = part.name or names.get(pk, str(pk))
    return sorted(parts.values(), key=lambda p: p.name), cells


def _narratives(contributing: Any, indicators: list[Indicator]) -> list[Narrative]:
    texts = [i for i in indicators if not i.is_numeric or i.aggregation == Aggregation.NONE]
    if not texts:
        return []
    found: dict[int, list[NarrativeEntry]] = defaultdict(list)
    values = (
        Value.objects.filter(submission__in=contributing, indicator__in=texts)
        .exclude(text="", number__isnull=True)
        .select_related("submission")
        .order_by("submission__path")
    )
    for v in values:
        text = v.text or (format(v.number.normalize(), "f") if v.number is not None else "")
        found[v.indicator_id].append(NarrativeEntry(v.submission.unit_name, text))
    return [Narrative(i, found[i.pk]) for i in texts]


def _changed(contributing: Any) -> list[str]:
    approved = contributing.filter(status=SubmissionStatus.APPROVED).prefetch_related(
        "values__indicator"
    )
    return [s.unit_name for s in approved if s.changed_since_approval]


# --- Completeness and timeliness --------------------------------------------------------------


@dataclass
class Tally:
    key: str
    name: str
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    approved: int = 0
    returned: int = 0
    overdue: int = 0

    def count(self, s: Submission, today: datetime.date) -> None:
        self.expected += 1
        self.submitted += int(s.is_submitted)
        self.on_time += int(s.on_time)
        self.approved += int(s.status == SubmissionStatus.APPROVED)
        self.returned += int(s.status == SubmissionStatus.RETURNED)
        self.overdue += int(s.is_overdue(today))

    def rate(self, part: int) -> int | None:
        return round(100 * part / self.expected) if self.expected else None

    @property
    def submitted_rate(self) -> int | None:
        return self.rate(self.submitted)

    @property
    def on_time_rate(self) -> int | None:
        return self.rate(self.on_time)

    @property
    def approved_rate(self) -> int | None:
        return self.rate(self.approved)


@dataclass
class Completeness:
    round: Round
    unit: Unit
    total: Tally
    by_child: list[Tally]
    missing: list[Submission]
    levels: list[str]


def completeness(
    round_: Round,
    unit: Unit,
    *,
    level: str = "",
    group_id: int | None = None,
    today: datetime.date | None = None,
) -> Completeness:
    """For the expected units below `unit`: expected, submitted, submitted on time, approved,
    returned and overdue, in total and per child unit of the frozen tree; and the units that
    have not submitted. Filtered by level of the expected unit and by group."""
    today = today or timezone.localdate()
    path, depth = place_in_round(round_, unit)
    submissions = Submission.objects.filter(round=round_).in_subtree(path).exclude(unit=unit)
    levels = sorted(set(submissions.values_list("level", flat=True)), key=UnitLevel.values.index)
    if level:
        submissions = submissions.filter(level=level)
    if group_id:
        submissions = submissions.filter(unit__unit_groups=group_id)
    submissions = submissions.only(
        "pk", "unit_id", "unit_name", "path", "status", "first_submitted_at", "due_on", "parent_id"
    )
    total = Tally("", unit.name)
    tallies: dict[int, Tally] = {}
    missing = []
    for s in submissions:
        total.count(s, today)
        child = int(s.path.strip("/").split("/")[depth + 1])
        tallies.setdefault(
            child, Tally(str(child), s.unit_name if child == s.unit_id else "")
        ).count(s, today)
        if not s.is_submitted:
            missing.append(s)
    _name(tallies)
    return Completeness(
        round=round_,
        unit=unit,
        total=total,
        by_child=sorted(tallies.values(), key=lambda t: t.name),
        missing=missing,
        levels=levels,
    )


def _name(tallies: dict[int, Tally]) -> None:
    unnamed = [pk for pk, t in tallies.items() if not t.name]
    names = dict(Unit.objects.filter(pk__in=unnamed).values_list("pk", "name"))
    for pk in unnamed:
        tallies[pk].name = names.get(pk, str(pk))


# --- Trend ------------------------------------------------------------------------------------


@dataclass
class TrendPoint:
    round: Round
    value: Decimal | None


def trend(round_: Round, unit: Unit, code: str, *, basis: str = Basis.APPROVED) -> list[TrendPoint]:
    """The indicator `code` across the rounds of the same owner and form (any version) and
    period kind, oldest first: one bar per period."""
    rounds = Round.objects.filter(
        owner=round_.owner,
        form_version__form=round_.form_version.form,
        period_kind=round_.period_kind,
    ).order_by("data_from")
    points = []
    for r in rounds.select_related("form_version"):
        indicator = r.form_version.indicators.filter(code=code).first()
        if indicator is None or not indicator.rolls_up:
            continue
        totals, _levels = _cells(
            RollUp.objects.filter(round=r, unit=unit, basis=basis, indicator=indicator),
            by_level=False,
        )
        points.append(TrendPoint(r, totals.get(indicator.pk, Cell()).value(indicator.aggregation)))
    return points


def own_report_source(submission: Submission) -> tuple[Round, Unit] | None:
    """Where `submission`'s unit can start its report from: reports below it in the same round,
    else its own round for the same period."""
    unit = submission.unit
    inside = Submission.objects.filter(round=submission.round).contributing_to(
        unit.pk, submission.path, submission.depth
    )
    if inside.exists():
        return submission.round, unit
    rounds = Round.objects.filter(owner=unit, period_key=submission.round.period_key)
    form = submission.round.form_version.form_id
    own = rounds.filter(form_version__form=form).first() or rounds.first()
    return (own, unit) if own else None


@dataclass(frozen=True)
class Reminder:
    submission: Submission
    overdue: bool


def reminders_due(*, today: datetime.date | None = None, days_before: int = 3) -> list[Reminder]:
    """Reports of open rounds not yet handed in whose deadline is within `days_before` days or
    past, and whose unit was not reminded today."""
    today = today or timezone.localdate()
    waiting = (
        Submission.objects.waiting()
        .filter(
            round__opens_on__lte=today,
            due_on__lte=today + datetime.timedelta(days=days_before),
        )
        .exclude(reminded_on=today)
        .select_related("round")
        .order_by("due_on", "path")
    )
    return [Reminder(s, s.due_on < today) for s in waiting]
