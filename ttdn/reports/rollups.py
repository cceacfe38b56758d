"""Keeping the pre-computed roll-ups and tallies of a round in step with its submissions.

A submission counts in the consolidations of the units from its (frozen) parent up to its
reviewer: the nearest expected unit above it, or the round's owner. Every row exists from the
round's opening (zeros), so keeping them current is only ever an UPDATE of a few rows: counts
and totals move by the difference; a minimum or maximum that leaves is recomputed from the
values still there. A submission also counts in the tallies (completeness) of every unit on
its frozen path, its own included.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, Max, Min, Q, Sum

from ttdn.reports.enums import Basis, IndicatorKind, SubmissionStatus, bases_of
from ttdn.reports.models import Indicator, RollUp, Round, Submission, Tally, Value

Key = tuple[int, str, int, str]  # unit, level, indicator, basis


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
        RollUp.objects.select_for_update().filter(
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
    for row in stale:
        _recompute_extremes(row, leaving=submission)


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


def _recompute_extremes(row: RollUp, *, leaving: Submission) -> None:
    path, depth = _place_above(leaving, row.unit_id)
    statuses = _statuses(row.basis)
    found = Value.objects.filter(
        indicator_id=row.indicator_id,
        number__isnull=False,
        submission__in=Submission.objects.filter(
            round_id=row.round_id, level=row.level, status__in=statuses
        )
        .contributing_to(row.unit_id, path, depth)
        .exclude(pk=leaving.pk),
    ).aggregate(low=Min("number"), high=Max("number"))
    RollUp.objects.filter(pk=row.pk).update(minimum=found["low"], maximum=found["high"])


def _place_above(submission: Submission, unit_id: int) -> tuple[str, int]:
    """The frozen path and depth of a unit above `submission` (one whose roll-ups count it):
    the beginning of the submission's own frozen path, so no query is needed."""
    ids = submission.path.strip("/").split("/")
    depth = ids.index(str(unit_id))
    return "/" + "/".join(ids[: depth + 1]) + "/", depth


def _statuses(basis: str) -> list[str]:
    return [s for s in SubmissionStatus.values if basis in bases_of(s)]


def rebuild(round_: Round) -> int:
    """Recompute every roll-up and tally of a round from its submissions and values (after a
    bulk load, or to repair). Values are summed by the database per frozen parent, then carried
    up each parent's chain of ancestors. Returns the number of roll-up rows written."""
    indicators = {i.pk: i for i in round_.form_version.indicators.all() if i.rolls_up}
    yes_no = {pk for pk, i in indicators.items() if i.kind == IndicatorKind.YES_NO}
    submissions = list(
        Submission.objects.filter(round=round_).only(
            "pk", "parent_id", "path", "depth", "reviewer_depth", "level", "status", "round_id"
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
        for (unit_id, level), parent_id in _row_keys(submissions).items()
        for indicator_id in indicators
        for basis in Basis.values
    ]
    RollUp.objects.bulk_create(rows, batch_size=2000)
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
    """What `submission` adds to the tallies of the units above it, in its current state."""
    return {
        "expected": 1,
        "submitted": int(submission.is_submitted),
        "on_time": int(submission.on_time),
        "approved": int(submission.status == SubmissionStatus.APPROVED),
        "returned": int(submission.status == SubmissionStatus.RETURNED),
        "waiting": int(submission.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)),
    }


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
            for name, number in found.items():
                cell[name] += number
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
    if submissions is None:
        submissions = Submission.objects.filter(round=round_)
    Tally.objects.filter(round=round_).delete()
    create_tallies(round_, submissions)


def shift_tallies(submission: Submission, before: Counters) -> None:
    """Move the counters of the units above `submission` from `before` to its current state."""
    delta = {
        name: number - before[name]
        for name, number in counters(submission).items()
        if number != before[name]
    }
    if not delta:
        return
    Tally.objects.filter(
        round_id=submission.round_id,
        unit_id__in=[unit_id for unit_id, _parent in tally_units(submission)],
        level=submission.level,
        due_on=submission.due_on,
    ).update(**{name: F(name) + number for name, number in delta.items()})
