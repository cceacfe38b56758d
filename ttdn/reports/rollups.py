"""Keeping the pre-computed roll-ups of a round in step with its submissions.

A submission counts in the consolidations of the units from its (frozen) parent up to its
reviewer: the nearest expected unit above it, or the round's owner. Every row exists from the
round's opening (zeros), so keeping them current is only ever an UPDATE of a few rows: counts
and totals move by the difference; a minimum or maximum that leaves is recomputed from the
values still there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.db.models import Max, Min

from ttdn.reports.enums import Basis, IndicatorKind, SubmissionStatus, bases_of
from ttdn.reports.models import Indicator, RollUp, Round, Submission, Value

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
    keys: dict[tuple[int, str], int | None] = {}
    for submission in submissions:
        for unit_id, parent_id in ancestors(submission):
            keys[(unit_id, submission.level)] = parent_id
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
    RollUp.objects.bulk_update(rows, ["count", "total", "yes_count", "minimum", "maximum"])
    for row in stale:
        _recompute_extremes(row, leaving=submission.pk)


def _recompute_extremes(row: RollUp, *, leaving: int) -> None:
    unit = Submission.objects.filter(round_id=row.round_id, unit_id=row.unit_id).first()
    path, depth = _place(row, unit)
    statuses = _statuses(row.basis)
    found = Value.objects.filter(
        indicator_id=row.indicator_id,
        number__isnull=False,
        submission__in=Submission.objects.filter(
            round_id=row.round_id, level=row.level, status__in=statuses
        )
        .contributing_to(row.unit_id, path, depth)
        .exclude(pk=leaving),
    ).aggregate(low=Min("number"), high=Max("number"))
    RollUp.objects.filter(pk=row.pk).update(minimum=found["low"], maximum=found["high"])


def _place(row: RollUp, unit_submission: Submission | None) -> tuple[str, int]:
    """The frozen path and depth of a roll-up's unit: from its own submission, else from any
    submission below it."""
    if unit_submission is not None:
        return unit_submission.path, unit_submission.depth
    below = Submission.objects.filter(
        round_id=row.round_id, path__contains=f"/{row.unit_id}/"
    ).first()
    assert below is not None, "a roll-up row exists only above a submission"
    ids = below.path.strip("/").split("/")
    depth = ids.index(str(row.unit_id))
    return "/" + "/".join(ids[: depth + 1]) + "/", depth


def _statuses(basis: str) -> list[str]:
    return [s for s in SubmissionStatus.values if basis in bases_of(s)]


def rebuild(round_: Round) -> int:
    """Recompute every roll-up of a round from its values (after a bulk load, or to repair).
    Returns the number of rows written."""
    indicators = {i.pk: i for i in round_.form_version.indicators.all() if i.rolls_up}
    yes_no = {pk for pk, i in indicators.items() if i.kind == IndicatorKind.YES_NO}
    sums: dict[Key, list] = defaultdict(lambda: [0, Decimal(0), None, None, 0])
    submissions = {
        s.pk: s
        for s in Submission.objects.filter(round=round_).only(
            "pk", "path", "depth", "reviewer_depth", "level", "status", "round_id"
        )
    }
    places = {pk: ancestors(s) for pk, s in submissions.items()}
    values = Value.objects.filter(
        submission__round=round_, indicator_id__in=list(indicators), number__isnull=False
    ).values_list("submission_id", "indicator_id", "number")
    for submission_id, indicator_id, number in values.iterator(chunk_size=5000):
        submission = submissions[submission_id]
        for basis in bases_of(submission.status):
            for unit_id, _parent in places[submission_id]:
                cell = sums[(unit_id, submission.level, indicator_id, basis)]
                cell[0] += 1
                cell[1] += number
                cell[2] = number if cell[2] is None else min(cell[2], number)
                cell[3] = number if cell[3] is None else max(cell[3], number)
                cell[4] += int(indicator_id in yes_no and number != 0)
    RollUp.objects.filter(round=round_).delete()
    create_rows(round_, submissions.values())
    rows = list(RollUp.objects.filter(round=round_))
    for row in rows:
        found = sums.get((row.unit_id, row.level, row.indicator_id, row.basis))
        if found:
            row.count, row.total, row.minimum, row.maximum, row.yes_count = found
    RollUp.objects.bulk_update(
        rows, ["count", "total", "minimum", "maximum", "yes_count"], batch_size=2000
    )
    return len(rows)
