"""A unit's consolidation of a round: totals per indicator from the pre-computed roll-ups,
broken down by child unit and by level, and the narratives of the reports below it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connections
from django.db.models import Case, DecimalField, F, Sum, When

from ttdn.org.enums import UnitLevel
from ttdn.org.models import Unit
from ttdn.reports.enums import Aggregation, Basis, IndicatorKind, SubmissionStatus, bases_of
from ttdn.reports.models import Indicator, ReportCount, RollUp, Round, Submission, Value

FOUR_PLACES = Decimal("0.0001")


def _number(value: Any) -> Decimal | None:
    """A number as the database gave it (SQLite: int or float; PostgreSQL: Decimal)."""
    kind = type(value)
    if kind is int:
        return Decimal(value)
    if kind is float:
        return Decimal(repr(value)).quantize(FOUR_PLACES)
    return value  # Decimal or None


@dataclass
class Cell:
    """Partial aggregates that combine: count, total, minimum, maximum, count of yes. Numbers
    may come raw from the database; they become Decimal when combined or read (`value`), so
    that a page of thousands of roll-ups converts only the figures it shows."""

    count: int = 0
    total: Any = Decimal(0)
    minimum: Any = None
    maximum: Any = None
    yes_count: int = 0

    def add(self, other: Cell) -> None:
        self.count += other.count
        self.total = (_number(self.total) or 0) + (_number(other.total) or 0)
        self.yes_count += other.yes_count
        for name, pick in (("minimum", min), ("maximum", max)):
            mine, theirs = _number(getattr(self, name)), _number(getattr(other, name))
            setattr(
                self,
                name,
                theirs if mine is None else mine if theirs is None else pick(mine, theirs),
            )

    def value(self, aggregation: str) -> Decimal | None:
        """The figure by the indicator's aggregation rule; None when nobody reported."""
        name = PICKED.get(aggregation)
        return figure(aggregation, self.count, getattr(self, name) if name else None)


# The partial aggregate each aggregation rule reads its figure from (with the count).
PICKED: dict[str, str] = {
    Aggregation.SUM: "total",
    Aggregation.AVERAGE: "total",
    Aggregation.MIN: "minimum",
    Aggregation.MAX: "maximum",
    Aggregation.COUNT_YES: "yes_count",
}


def figure(aggregation: str, count: int, picked: Any) -> Decimal | None:
    """The figure by an aggregation rule from the count and the partial aggregate it reads
    (`PICKED`); None when nobody reported."""
    if not count or aggregation not in PICKED:
        return None
    if aggregation == Aggregation.AVERAGE:
        return ((_number(picked) or Decimal(0)) / count).quantize(Decimal("0.01"))
    return _number(picked)


def _picked(aggregations: dict[int, str]) -> Case:
    """`PICKED` in SQL: per row of roll-ups, the column its indicator's rule reads, so that a
    page of thousands of them fetches one number per row instead of five."""
    by_column: dict[str, list[int]] = defaultdict(list)
    for indicator_id, aggregation in aggregations.items():
        by_column[PICKED.get(aggregation, "total")].append(indicator_id)
    return Case(
        *(
            When(indicator_id__in=ids, then=F(column))
            for column, ids in by_column.items()
            if column != "total"
        ),
        default=F("total"),
        output_field=DecimalField(),
    )


def _combine(cells: dict[int, Cell], key: int, cell: Cell) -> None:
    """Put `cell` under `key`, adding it to what is there already."""
    found = cells.get(key)
    if found is None:
        cells[key] = cell
    else:
        found.add(cell)


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
    more: bool = False  # entries were left off (the page lists the first ones)


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


NARRATIVES_SHOWN = 50


def consolidation(
    round_: Round,
    unit: Unit,
    *,
    basis: str = Basis.APPROVED,
    narratives: int | None = NARRATIVES_SHOWN,
) -> Consolidation:
    """Totals of the reports below `unit` per indicator by its aggregation rule, from the
    pre-computed roll-ups; broken down by child unit (an expected child by its own report, any
    other by its roll-up) and by level of the reporting units; narratives listed by unit, the
    first `narratives` of each (None: all of them, for exports and the unit's own report)."""
    indicators = list(round_.form_version.indicators.select_related("section"))
    numeric = [i for i in indicators if i.rolls_up]
    path, depth = place_in_round(round_, unit)
    own_rows = RollUp.objects.filter(round=round_, unit=unit, basis=basis)
    totals, by_level = _cells(own_rows, by_level=True)
    children, by_child = _children(round_, unit, basis, numeric)
    nobody: list[Decimal | None] = [None] * len(children)
    levels = [Part(lv, str(UnitLevel(lv).label)) for lv in UnitLevel.values if lv in by_level]
    empty = Cell()
    rows = [
        IndicatorRow(
            indicator=i,
            total=totals.get(i.pk, empty).value(i.aggregation),
            count=totals.get(i.pk, empty).count,
            by_child=by_child.get(i.id, nobody),
            by_level=[by_level[lv.key].get(i.pk, empty).value(i.aggregation) for lv in levels],
        )
        for i in numeric
    ]
    # Both counts are kept with the roll-ups; the names are read only when a report did change
    # since its approval, which most consolidations never see.
    counts = ReportCount.objects.filter(round=round_, unit=unit, basis=basis).aggregate(
        counted=Sum("reports", default=0), changed=Sum("changed", default=0)
    )
    return Consolidation(
        round=round_,
        unit=unit,
        basis=basis,
        children=children,
        levels=levels,
        rows=rows,
        narratives=_narratives(
            contributing_values(round_, unit, path, depth, basis), indicators, limit=narratives
        ),
        counted=counts["counted"],
        changed_since_approval=list(
            Submission.objects.filter(
                round=round_,
                status=SubmissionStatus.APPROVED,
                changed_after_approval=True,
            )
            .contributing_to(unit.pk, path, depth)
            .values_list("unit_name", flat=True)
        )
        if counts["changed"]
        else [],
    )


CELL = ("count", "total", "minimum", "maximum", "yes_count")


def _fetch(queryset: Any) -> list[tuple[Any, ...]]:
    """The rows of a values_list() straight from the cursor: a province's page reads thousands
    of roll-ups, and Django's per-value converters cost more than the query. Numbers become
    Decimal in `Cell` instead."""
    alias = queryset.db  # the replica on a page that reads from it (ttdn/core/replica.py)
    sql, params = queryset.query.get_compiler(alias).as_sql()
    with connections[alias].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _cells(rows: Any, *, by_level: bool) -> tuple[dict[int, Cell], dict[str, dict[int, Cell]]]:
    totals: dict[int, Cell] = {}
    levels: dict[str, dict[int, Cell]] = defaultdict(dict)
    for indicator_id, level, *found in _fetch(rows.values_list("indicator_id", "level", *CELL)):
        _combine(totals, indicator_id, Cell(*found))
        if by_level and found[0]:
            _combine(levels[level], indicator_id, Cell(*found))
    return totals, levels


def _children(
    round_: Round, unit: Unit, basis: str, numeric: list[Indicator]
) -> tuple[list[Part], dict[int, list[Decimal | None]]]:
    """The unit's children in the frozen tree, and per indicator the figure of each child in
    that order: an expected child's by its own report (when it counts under `basis`), any other
    child's by its roll-ups, its levels combined. A province's page shows thousands of these
    figures, so they are computed straight from the rows, in one pass."""
    aggregations = {i.id: i.aggregation for i in numeric}
    yes_no = {i.id for i in numeric if i.kind == IndicatorKind.YES_NO}
    columns: dict[int, dict[int, Decimal | None]] = {i: {} for i in aggregations}
    parts: dict[int, Part] = {}
    counted: dict[int, int] = {}  # submission → unit, of the expected reports that count
    for pk, unit_id, unit_name, status in Submission.objects.filter(
        round=round_, parent=unit
    ).values_list("pk", "unit_id", "unit_name", "status"):
        parts[unit_id] = Part(str(unit_id), unit_name, unit_id)
        if basis in bases_of(status):
            counted[pk] = unit_id
    if counted:
        own = Value.objects.filter(
            submission__in=list(counted), indicator__in=list(aggregations), number__isnull=False
        ).values_list("submission_id", "indicator_id", "number")
        for submission_id, indicator_id, number in _fetch(own):
            aggregation = aggregations[indicator_id]
            if aggregation == Aggregation.COUNT_YES:
                number = int(indicator_id in yes_no and number != 0)
            columns[indicator_id][counted[submission_id]] = figure(aggregation, 1, number)
    rows = _fetch(
        RollUp.objects.filter(round=round_, parent=unit, basis=basis)
        .exclude(unit_id__in=list(parts))
        .values_list("unit_id", "indicator_id", "count")
        .annotate(picked=_picked(aggregations))
    )
    several = set()  # (unit, indicator) of the children with roll-ups at several levels
    for unit_id, indicator_id, count, picked in rows:
        column = columns.get(indicator_id)
        if column is None:  # an indicator that no longer rolls up
            continue
        if unit_id in column:
            several.add((unit_id, indicator_id))
        elif unit_id not in parts:
            parts[unit_id] = Part(str(unit_id), "", unit_id)
        column[unit_id] = figure(aggregations[indicator_id], count, picked)
    if several:
        cells: dict[tuple[int, int], Cell] = {}
        for unit_id, indicator_id, count, picked in rows:
            if (unit_id, indicator_id) in several:
                name = PICKED[aggregations[indicator_id]]
                cell = Cell(count, **{name: picked})
                _combine(cells, (unit_id, indicator_id), cell)  # type: ignore[arg-type]
        for (unit_id, indicator_id), cell in cells.items():
            columns[indicator_id][unit_id] = cell.value(aggregations[indicator_id])
    names = dict(
        Unit.objects.filter(pk__in=[p for p, part in parts.items() if not part.name]).values_list(
            "pk", "name"
        )
    )
    for pk, part in parts.items():
        part.name = part.name or names.get(pk, str(pk))
    children = sorted(parts.values(), key=lambda p: p.name)
    return children, {
        indicator_id: [column.get(part.unit_id) for part in children]  # type: ignore[arg-type]
        for indicator_id, column in columns.items()
    }


def contributing_values(round_: Round, unit: Unit, path: str, depth: int, basis: str) -> Any:
    """The values of the reports that make up `unit`'s consolidation, as a join (not an IN of
    submissions) so that the database walks them in tree order from the path index."""
    return Value.objects.filter(
        submission__round=round_,
        submission__path__under=path,
        submission__reviewer_depth__lte=depth,
        submission__status__in=_statuses(basis),
    ).exclude(submission__unit=unit)


def _narratives(values: Any, indicators: list[Indicator], *, limit: int | None) -> list[Narrative]:
    """Each narrative indicator's answers among `values` (those of the contributing reports) by
    unit in tree order: the first `limit` (one query each, stopping early), or all of them."""
    texts = [i for i in indicators if not i.is_numeric or i.aggregation == Aggregation.NONE]
    if not texts:
        return []
    values = (
        values.exclude(text="", number__isnull=True)
        .order_by("submission__path")
        .values_list("indicator_id", "submission__unit_name", "text", "number")
    )
    if limit is None:
        found: dict[int, list[tuple]] = defaultdict(list)
        for row in values.filter(indicator__in=texts):
            found[row[0]].append(row)
    else:
        found = {i.pk: list(values.filter(indicator=i)[: limit + 1]) for i in texts}
    narratives = []
    for indicator in texts:
        rows = found[indicator.pk]
        entries = [
            NarrativeEntry(
                name, text or (format(number.normalize(), "f") if number is not None else "")
            )
            for _pk, name, text, number in rows[:limit]
        ]
        narratives.append(Narrative(indicator, entries, more=len(rows) > len(entries)))
    return narratives
