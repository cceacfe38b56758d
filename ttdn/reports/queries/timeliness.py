"""Completeness and timeliness of a round below a unit, from the pre-computed tallies."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import F
from django.utils import timezone

from ttdn.org.enums import UnitLevel
from ttdn.org.models import Unit
from ttdn.reports.enums import SubmissionStatus
from ttdn.reports.models import Round, Submission, Tally
from ttdn.reports.queries.figures import place_in_round


@dataclass
class Counts:
    key: str
    name: str
    expected: int = 0
    submitted: int = 0
    on_time: int = 0
    approved: int = 0
    returned: int = 0
    overdue: int = 0

    def merge(self, other: Counts) -> None:
        for name in ("expected", "submitted", "on_time", "approved", "returned", "overdue"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def add(self, row: Tally, today: datetime.date) -> None:
        """Add a pre-computed tally's counters."""
        self.expected += row.expected
        self.submitted += row.submitted
        self.on_time += row.on_time
        self.approved += row.approved
        self.returned += row.returned
        self.overdue += row.waiting if today > row.due_on else 0

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
    total: Counts
    by_child: list[Counts]
    missing: list[Submission]
    levels: list[str]
    missing_count: int = 0


MISSING_SHOWN = 200


def completeness(
    round_: Round,
    unit: Unit,
    *,
    level: str = "",
    group_id: int | None = None,
    today: datetime.date | None = None,
    missing: int | None = MISSING_SHOWN,
) -> Completeness:
    """For the expected units below `unit`: expected, submitted, submitted on time, approved,
    returned and overdue, in total and per child unit of the frozen tree; and the first
    `missing` units that have not submitted (None: all). Filtered by level of the expected unit
    and by group. Read from the pre-computed tallies; a group filter cuts across the tree, so
    it counts the submissions themselves."""
    today = today or timezone.localdate()
    path, depth = place_in_round(round_, unit)
    below = Submission.objects.filter(round=round_).in_subtree(path).exclude(unit=unit)
    if group_id:
        levels, by_child = _count_reports(below, level, group_id, today, depth)
    else:
        levels, by_child = _read_tallies(round_, unit, level, today)
    _name(round_, by_child)
    total = Counts("", unit.name)
    for counts in by_child.values():
        total.merge(counts)
    if level:
        below = below.filter(level=level)
    if group_id:
        below = below.filter(unit__unit_groups=group_id)
    waiting = (
        below.filter(first_submitted_at__isnull=True)
        .only("pk", "unit_name", "path", "status", "due_on")
        .annotate(unit_code=F("unit__code"))
    )
    return Completeness(
        round=round_,
        unit=unit,
        total=total,
        by_child=sorted(by_child.values(), key=lambda t: t.name),
        missing=list(waiting if missing is None else waiting[:missing]),
        levels=sorted(levels, key=UnitLevel.values.index),
        missing_count=total.expected - total.submitted,
    )


def _read_tallies(
    round_: Round, unit: Unit, level: str, today: datetime.date
) -> tuple[set[str], dict[int, Counts]]:
    """The levels below `unit`, and its children's counts from their tallies."""
    rows = Tally.objects.filter(round=round_, parent=unit)
    levels = set(rows.values_list("level", flat=True).distinct())
    by_child: dict[int, Counts] = {}
    for row in rows.filter(level=level) if level else rows:
        by_child.setdefault(row.unit_id, Counts(str(row.unit_id), "")).add(row, today)
    return levels, by_child


def _count_reports(
    below: Any, level: str, group_id: int, today: datetime.date, depth: int
) -> tuple[set[str], dict[int, Counts]]:
    """The same from the reports themselves, for a group (it cuts across the tree)."""
    levels = set(below.values_list("level", flat=True).distinct())
    if level:
        below = below.filter(level=level)
    submissions = below.filter(unit__unit_groups=group_id).only(
        "pk", "unit_id", "path", "status", "first_submitted_at", "due_on"
    )
    by_child: dict[int, Counts] = {}
    for s in submissions:
        child = int(s.path.strip("/").split("/")[depth + 1])
        by_child.setdefault(child, Counts(str(child), "")).count(s, today)
    return levels, by_child


def _name(round_: Round, tallies: dict[int, Counts]) -> None:
    """Child units by the name their report froze, else by their name now."""
    names = dict(
        Submission.objects.filter(round=round_, unit__in=list(tallies)).values_list(
            "unit_id", "unit_name"
        )
    )
    unnamed = [pk for pk in tallies if pk not in names]
    names.update(Unit.objects.filter(pk__in=unnamed).values_list("pk", "name"))
    for pk, tally in tallies.items():
        tally.name = names.get(pk, str(pk))
