"""Keeping the pre-computed roll-ups and tallies of a round in step with its submissions.

A submission counts in the consolidations of the units from its (frozen) parent up to its
reviewer: the nearest expected unit above it, or the round's owner. Every row exists from the
round's opening (zeros), so keeping them current is only ever an UPDATE of a few rows: counts
and totals move by the difference; a minimum or maximum that leaves is recomputed from the
values of the level just below (the reports of the unit's expected children and the roll-ups
of its other children), not from every value of the subtree. The same units keep the count of
the reports they consolidate and of those changed since approval (`ReportCount`). A
submission also counts in the tallies (completeness) of every unit on its frozen path, its own
included.

Whatever moves a submission's figures or status touches the topic (core/changes.py) of every unit
on its frozen path, and whatever rewrites a whole round touches EVERY_ROUND, so that what is
computed from these tables can be kept until then (ttdn/reports/kept.py).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, Max, Min, Q, Sum

from ttdn.core import changes
from ttdn.reports.enums import Basis, IndicatorKind, SubmissionStatus, bases_of
from ttdn.reports.models import (
    Indicator,
    ReportCount,
    RollUp,
    Round,
    Submission,
    Tally,
    Value,
)

Key = tuple[int, str, int, str]  # unit, level, indicator, basis

EVERY_ROUND = "reports.rounds"


def topic(unit_id: int) -> str:
    """The topic of the reports below a unit (its own included), in every round."""
    return f"reports.unit.{unit_id}"


def touch(submission: Submission) -> None:
    """Renew, at commit, the topics of the units on the submission's frozen path."""
    changes.touch(*(topic(int(part)) for part in submission.path.strip("/").split("/")))


def ancestors(submission: Submission) -> list[tuple[int, int | None]]:
    """(unit, parent) of each unit whose consolidation counts `submission`, from the frozen
    path: from its parent up to its reviewer."""
    ids = [int(part) for part in submission.path.strip("/").split("/")]
    return [
        (ids[depth], ids[depth - 1] if depth else None)
        for depth in range(submission.reviewer_depth, submission.depth)
    ]


def numbers(submission: Submission, indicators: Iterable[Indicator]) -> dict[int, Decimal]:
    """The submission's numbers of the indicators that roll up, by indicator id."""
    wanted = {i.pk for i in indicators if i.rolls_up}
    return {
        v.indicator_id: v.number
        for v in submission.values.all()
        if v.indicator_id in wanted and v.number is not None
    }


def create_rows(round_: Round, submissions: Iterable[Submission]) -> None:
    """The zero rows of every unit, level, indicator and basis the round's submissions count in."""
    changes.touch(EVERY_ROUND)
    indicators = [i.pk for i in round_.form_version.indicators.all() if i.rolls_up]
    keys = _row_keys(submissions)
    RollUp.objects.bulk_create(
        [
            RollUp(
                round=round_,
                unit_id=unit_id,
                parent_id=parent_id,
                level=level,
                indicator_id=indicator_id,
                basis=basis,
            )
            for (unit_id, level), parent_id in keys.items()
            for indicator_id in indicators
            for basis in Basis.values
        ],
        batch_size=2000,
    )
    ReportCount.objects.bulk_create(_report_counts(round_, submissions, keys), batch_size=2000)


def _report_counts(
    round_: Round,
    submissions: Iterable[Submission],
    keys: Mapping[tuple[int, str], int | None],
) -> list[ReportCount]:
    """The report counts of every unit and level in `keys` and every basis, from `submissions`
    as they are."""
    cells = {(unit_id, level, basis): [0, 0] for unit_id, level in keys for basis in Basis.values}
    for submission in submissions:
        found = counters(submission)
        for unit_id, _parent in ancestors(submission):
            for basis in Basis.values:
                cell = cells[(unit_id, submission.level, basis)]
                cell[0] += found[f"reports_{basis}"]
                cell[1] += found[f"changed_{basis}"]
    return [
        ReportCount(
            round=round_,
            unit_id=unit_id,
            level=level,
            basis=basis,
            reports=reports,
            changed=changed,
        )
        for (unit_id, level, basis), (reports, changed) in cells.items()
    ]


def _row_keys(submissions: Iterable[Submission]) -> dict[tuple[int, str], int | None]:
    """(unit, level) → parent of every roll-up the submissions count in."""
    keys: dict[tuple[int, str], int | None] = {}
    for submission in submissions:
        for unit_id, parent_id in ancestors(submission):
            keys[(unit_id, submission.level)] = parent_id
    return keys


def apply(
    submission: Submission,
    values: Mapping[int, Decimal],
    *,
    sign: int,
    bases: Iterable[str],
    yes_no: set[int],
) -> None:
    """Add (sign=1) or take away (sign=-1) `values` of `submission` in its roll-ups."""
    bases = list(bases)
    units = [unit_id for unit_id, _parent in ancestors(submission)]
    if not (values and bases and units):
        return
    rows = list(
        RollUp.objects.select_for_update(of=("self",)).filter(
            round_id=submission.round_id,
            unit_id__in=units,
            level=submission.level,
            basis__in=bases,
            indicator_id__in=list(values),
        )
    )
    stale = []
    for row in rows:
        number = values[row.indicator_id]
        row.count += sign
        row.total += sign * number
        row.yes_count += sign * int(row.indicator_id in yes_no and number != 0)
        if sign > 0:
            row.minimum = number if row.minimum is None else min(row.minimum, number)
            row.maximum = number if row.maximum is None else max(row.maximum, number)
        elif number in (row.minimum, row.maximum):
            stale.append(row)
    _save_cells(rows)
    if stale:
        _recompute_extremes(stale, leaving=submission)


_CELL_FIELDS = ("count", "total", "yes_count", "minimum", "maximum")


def _save_cells(rows: list[RollUp]) -> None:
    """Write the cells of `rows`, one plain UPDATE by primary key each. `bulk_update` builds a
    CASE expression per row and field, whose resolving cost a submission ~1 s of CPU for the
    hundred-odd rows above a school; the values go through each field's own preparation."""
    if not rows:
        return
    fields = [field for field in RollUp._meta.concrete_fields if field.name in _CELL_FIELDS]
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(field.column or field.name)} = %s" for field in fields)
    sql = f"UPDATE {quote(RollUp._meta.db_table)} SET {columns} WHERE {quote('id')} = %s"  # noqa: S608  # nosec B608  (names from the model, quoted; values are parameters)
    values = [
        (
            *(field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields),
            row.pk,
        )
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def _recompute_extremes(rows: list[RollUp], *, leaving: Submission) -> None:
    """Put right the minimum and maximum of `rows`, which `leaving` held, from the level just
    below each row's unit: the numbers of its expected children's own reports (`leaving`'s
    left out) and the cells of its other children's roll-ups. Units are taken deepest first,
    so each reads its children's cells already put right: two small grouped queries per unit
    and basis, whatever the size of the subtree."""
    depth_of = {int(part): depth for depth, part in enumerate(leaving.path.strip("/").split("/"))}
    groups: dict[tuple[int, str], list[RollUp]] = defaultdict(list)
    for row in rows:
        groups[(row.unit_id, row.basis)].append(row)
    for (unit_id, basis), group in sorted(groups.items(), key=lambda g: -depth_of[g[0][0]]):
        empty = [row for row in group if not row.count]
        for row in empty:
            row.minimum = row.maximum = None
        found = _extremes_below(
            leaving, unit_id, basis, [row.indicator_id for row in group if row.count]
        )
        for row in group:
            if row.count:
                row.minimum, row.maximum = found.get(row.indicator_id, (None, None))
        _save_cells(group)


def _extremes_below(
    leaving: Submission, unit_id: int, basis: str, indicator_ids: list[int]
) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    """indicator → (minimum, maximum) over the level just below `unit_id`, for `leaving`'s
    round and level, without `leaving`."""
    if not indicator_ids:
        return {}
    expected = Submission.objects.filter(round_id=leaving.round_id, parent_id=unit_id)
    reports = (
        Value.objects.filter(
            submission__in=expected.filter(
                level=leaving.level, status__in=_statuses(basis)
            ).exclude(pk=leaving.pk),
            indicator_id__in=indicator_ids,
            number__isnull=False,
        )
        .values_list("indicator_id")
        .annotate(low=Min("number"), high=Max("number"))
        .order_by()
    )
    rolled = (
        RollUp.objects.filter(
            round_id=leaving.round_id,
            parent_id=unit_id,
            level=leaving.level,
            basis=basis,
            indicator_id__in=indicator_ids,
            count__gt=0,
        )
        .exclude(unit_id__in=expected.values("unit_id"))
        .values_list("indicator_id")
        .annotate(low=Min("minimum"), high=Max("maximum"))
        .order_by()
    )
    found: dict[int, tuple[Decimal | None, Decimal | None]] = {}
    for indicator_id, low, high in [*reports, *rolled]:
        was_low, was_high = found.get(indicator_id, (None, None))
        found[indicator_id] = (
            low if was_low is None else min(was_low, low),
            high if was_high is None else max(was_high, high),
        )
    return found


def _statuses(basis: str) -> list[str]:
    return [s for s in SubmissionStatus.values if basis in bases_of(s)]


def rebuild(round_: Round) -> int:
    """Recompute every roll-up and tally of a round from its submissions and values (after a
    bulk load, or to repair). Values are summed by the database per frozen parent, then carried
    up each parent's chain of ancestors. Returns the number of roll-up rows written."""
    changes.touch(EVERY_ROUND)
    indicators = {i.pk: i for i in round_.form_version.indicators.all() if i.rolls_up}
    yes_no = {pk for pk, i in indicators.items() if i.kind == IndicatorKind.YES_NO}
    submissions = list(
        Submission.objects.filter(round=round_).only(
            "pk",
            "parent_id",
            "path",
            "depth",
            "reviewer_depth",
            "level",
            "status",
            "round_id",
            "first_submitted_at",
            "due_on",
            "changed_after_approval",
        )
    )
    chains = {(s.parent_id, s.reviewer_depth): ancestors(s) for s in submissions}
    sums: dict[Key, list] = defaultdict(lambda: [0, Decimal(0), None, None, 0])
    grouped = (
        Value.objects.filter(
            submission__round=round_,
            submission__status__in=[SubmissionStatus.APPROVED, SubmissionStatus.SUBMITTED],
            indicator_id__in=list(indicators),
            number__isnull=False,
        )
        .values_list(
            "submission__parent_id",
            "submission__reviewer_depth",
            "submission__level",
            "submission__status",
            "indicator_id",
        )
        .annotate(
            count=Count("pk"),
            total=Sum("number"),
            low=Min("number"),
            high=Max("number"),
            non_zero=Count("pk", filter=~Q(number=0)),
        )
        .order_by()
    )
    for parent_id, reviewer_depth, level, status, indicator_id, *found in grouped:
        count, total, low, high, non_zero = found
        part = [count, total, low, high, non_zero if indicator_id in yes_no else 0]
        for basis in bases_of(status):
            for unit_id, _parent in chains[(parent_id, reviewer_depth)]:
                _combine(sums[(unit_id, level, indicator_id, basis)], part)
    RollUp.objects.filter(round=round_).delete()
    keys = _row_keys(submissions)
    rows = [
        RollUp(
            round=round_,
            unit_id=unit_id,
            parent_id=parent_id,
            level=level,
            indicator_id=indicator_id,
            basis=basis,
            **dict(
                zip(_FIELDS, sums.get((unit_id, level, indicator_id, basis), _ZERO), strict=True)
            ),
        )
        for (unit_id, level), parent_id in keys.items()
        for indicator_id in indicators
        for basis in Basis.values
    ]
    RollUp.objects.bulk_create(rows, batch_size=2000)
    ReportCount.objects.filter(round=round_).delete()
    ReportCount.objects.bulk_create(_report_counts(round_, submissions, keys), batch_size=2000)
    rebuild_tallies(round_, submissions)
    return len(rows)


_FIELDS = ("count", "total", "minimum", "maximum", "yes_count")
_ZERO = (0, Decimal(0), None, None, 0)


def _combine(cell: list, part: list) -> None:
    cell[0] += part[0]
    cell[1] += part[1]
    cell[2] = part[2] if cell[2] is None else min(cell[2], part[2])
    cell[3] = part[3] if cell[3] is None else max(cell[3], part[3])
    cell[4] += part[4]


# --- Tallies: completeness without scanning submissions ---------------------------------------


Counters = dict[str, int]
TALLY_FIELDS = ("expected", "submitted", "on_time", "approved", "returned", "waiting")


def counters(submission: Submission) -> Counters:
    """What `submission` adds to the tallies of the units above it (TALLY_FIELDS) and to the
    report counts of the consolidations that count it (`reports_<basis>`, `changed_<basis>`),
    in its current state."""
    approved = submission.status == SubmissionStatus.APPROVED
    found = {
        "expected": 1,
        "submitted": int(submission.is_submitted),
        "on_time": int(submission.on_time),
        "approved": int(approved),
        "returned": int(submission.status == SubmissionStatus.RETURNED),
        "waiting": int(submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)),
    }
    changed = int(approved and submission.changed_after_approval)
    for basis in Basis.values:
        counted = int(basis in bases_of(submission.status))
        found[f"reports_{basis}"] = counted
        found[f"changed_{basis}"] = counted * changed
    return found


def tally_units(submission: Submission) -> list[tuple[int, int]]:
    """(unit, parent) of every unit on the frozen path that has a parent, the submission's own
    unit included: the tallies it counts in."""
    ids = [int(part) for part in submission.path.strip("/").split("/")]
    return [(ids[depth], ids[depth - 1]) for depth in range(1, len(ids))]


def create_tallies(round_: Round, submissions: Iterable[Submission]) -> None:
    """The tallies of a round's submissions as they are (at opening: every one a draft)."""
    sums: dict[tuple[int, str, datetime.date], Counters] = {}
    parents: dict[int, int] = {}
    for submission in submissions:
        found = counters(submission)
        for unit_id, parent_id in tally_units(submission):
            parents[unit_id] = parent_id
            cell = sums.setdefault(
                (unit_id, submission.level, submission.due_on), dict.fromkeys(TALLY_FIELDS, 0)
            )
            for name in TALLY_FIELDS:
                cell[name] += found[name]
    Tally.objects.bulk_create(
        [
            Tally(
                round=round_,
                unit_id=unit_id,
                parent_id=parents[unit_id],
                level=level,
                due_on=due_on,
                **cell,
            )
            for (unit_id, level, due_on), cell in sums.items()
        ],
        batch_size=2000,
    )


def rebuild_tallies(round_: Round, submissions: Iterable[Submission] | None = None) -> None:
    changes.touch(EVERY_ROUND)
    if submissions is None:
        submissions = Submission.objects.filter(round=round_)
    Tally.objects.filter(round=round_).delete()
    create_tallies(round_, submissions)


def shift_tallies(submission: Submission, before: Counters) -> None:
    """Move the counters of the units above `submission` from `before` (`counters` of it before
    it was touched) to its current state: its tallies, and the report counts of the
    consolidations that count it."""
    delta = {
        name: number - before[name]
        for name, number in counters(submission).items()
        if number != before[name]
    }
    tally = {name: number for name, number in delta.items() if name in TALLY_FIELDS}
    if tally:
        Tally.objects.filter(
            round_id=submission.round_id,
            unit_id__in=[unit_id for unit_id, _parent in tally_units(submission)],
            level=submission.level,
            due_on=submission.due_on,
        ).update(**{name: F(name) + number for name, number in tally.items()})
    units = [unit_id for unit_id, _parent in ancestors(submission)]
    for basis in Basis.values:
        reports, changed = delta.get(f"reports_{basis}", 0), delta.get(f"changed_{basis}", 0)
        if units and (reports or changed):
            ReportCount.objects.filter(
                round_id=submission.round_id, unit_id__in=units, level=submission.level, basis=basis
            ).update(reports=F("reports") + reports, changed=F("changed") + changed)
