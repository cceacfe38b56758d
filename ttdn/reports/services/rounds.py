"""Opening a round: the expected units frozen with their place in the tree."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any, cast

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ttdn import docgen
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.text import nfc
from ttdn.documents import services as documents_services
from ttdn.org.models import Unit, UnitGroup
from ttdn.reports import computed, queries, rollups
from ttdn.reports.models import (
    FormVersion,
    Round,
    RoundDeadline,
    Schedule,
    Submission,
    Value,
)
from ttdn.reports.periods import Period, SubmissionWindow
from ttdn.reports.services.errors import RoundCovered, RoundInvalid

# --- Opening a round ------------------------------------------------------------------------


def expected_units(
    owner: Unit, *, levels: Iterable[str] = (), groups: Iterable[UnitGroup] = ()
) -> list[Unit]:
    """The open units below `owner` that must report: with neither levels nor groups, its
    direct children; else its subtree filtered by level and by group membership."""
    levels, groups = list(levels), list(groups)
    units = Unit.objects.subtree_of(owner).exclude(pk=owner.pk).open_on()
    if not levels and not groups:
        return list(units.filter(parent=owner))
    if levels:
        units = units.filter(level__in=levels)
    if groups:
        units = units.filter(unit_groups__in=groups).distinct()
    return list(units.order_by("path"))


@transaction.atomic
def open_round(
    owner: Unit,
    *,
    form_version: FormVersion,
    period: Period,
    window: SubmissionWindow,
    by: Any,
    title: str = "",
    levels: Iterable[str] = (),
    groups: Iterable[UnitGroup] = (),
    deadlines: Mapping[str, datetime.date] | None = None,
    data_window: tuple[datetime.date, datetime.date] | None = None,
    units: Iterable[Unit] | None = None,
    leave_out_covered: bool = False,
    schedule: Schedule | None = None,
) -> Round:
    """Open a round: freeze the expected units (given, or chosen by levels/groups) with their
    place in the tree, give each a submission (computed indicators pre-filled) and its level's
    deadline, and create the zero roll-ups. A unit that already reports on the form (or one
    adopted from the same standard) for the period in a round still open is not asked twice:
    the round is refused (RoundCovered names them) or, with `leave_out_covered`, opened without
    them. Raises RoundInvalid."""
    expected = (
        list(units) if units is not None else expected_units(owner, levels=levels, groups=groups)
    )
    if not expected:
        raise RoundInvalid(_("No unit below yours matches: nobody would report."))
    if any(not u.path.startswith(owner.path) or u.pk == owner.pk for u in expected):
        raise RoundInvalid(_("Only units below yours can be asked to report."))
    covered = queries.covered_elsewhere(
        form_version.form, period.key, [u.pk for u in expected], today=window.opens
    )
    if covered and not leave_out_covered:
        raise RoundCovered(covered_message(covered), covered)
    expected = [u for u in expected if u.pk not in {s.unit_id for s in covered}]
    if not expected:
        raise RoundInvalid(_("Every unit asked already reports for this period in another round."))
    deadlines = dict(deadlines or {})
    if any(day > window.closes for day in deadlines.values()):
        raise RoundInvalid(_("Every deadline falls before the round closes."))
    span = period.data_window()
    start, end = data_window or (span.start, span.end)
    round_ = Round.objects.create(
        title=nfc(title) or f"{form_version.form.name} — {period.label}",
        owner=owner,
        form_version=form_version,
        period_kind=period.kind,
        period_year=period.year,
        period_number=period.number,
        period_start_month=period.start_month,
        period_key=period.key,
        data_from=start,
        data_to=end,
        opens_on=window.opens,
        due_on=window.due,
        closes_on=window.closes,
        opened_by=by,
        levels=sorted(set(levels)),
        schedule=schedule,
        left_out=[f"{s.unit_name} (“{s.round.title}”)" for s in covered],
    )
    round_.groups.set(list(groups))
    RoundDeadline.objects.bulk_create(
        [RoundDeadline(round=round_, level=lv, due_on=day) for lv, day in deadlines.items()]
    )
    submissions = _create_submissions(round_, owner, expected, deadlines)
    _prefill_computed(round_, submissions)
    rollups.create_rows(round_, submissions)
    rollups.create_tallies(round_, submissions)
    audit.record(
        AuditAction.CREATE,
        round_,
        by=by,
        unit_id=owner.pk,
        changes={
            "period": period.key,
            "expected": len(submissions),
            "left_out": len(covered),
        },
    )
    return round_


@transaction.atomic
def issue_consolidation(round_: Round, unit: Unit, *, doc: docgen.Document, by: Any) -> Any:
    """Number the consolidated report of `unit` in its outgoing register (storing the frozen
    DOCX there) and record it on the round; return the register entry. Raises
    DocumentIncomplete when the print lacks a part."""
    outgoing = documents_services.issue_document(unit, doc=replace(doc, number=None), by=by)
    audit.record(
        AuditAction.UPDATE,
        round_,
        by=by,
        unit_id=unit.pk,
        changes={"consolidated_report": [None, outgoing.number_symbol]},
    )
    return outgoing


SHOWN_COVERED = 5


def covered_message(covered: list[Submission]) -> str:
    """Which units already report for the period, and in which round."""
    names = "; ".join(f"{s.unit_name} (“{s.round.title}”)" for s in covered[:SHOWN_COVERED])
    more = len(covered) - SHOWN_COVERED
    if more > 0:
        names += " " + ngettext("and %(count)s more unit", "and %(count)s more units", more) % {
            "count": more
        }
    return ngettext(
        "%(count)s unit already reports on this form for this period in a round that is still "
        "open, and is not asked twice: %(names)s.",
        "%(count)s units already report on this form for this period in a round that is still "
        "open, and are not asked twice: %(names)s.",
        len(covered),
    ) % {"count": len(covered), "names": names}


def _create_submissions(
    round_: Round, owner: Unit, expected: list[Unit], deadlines: Mapping[str, datetime.date]
) -> list[Submission]:
    by_id = {u.pk: u for u in expected}
    submissions = []
    for unit in sorted(expected, key=lambda u: u.path):
        # Units below the owner always have a parent.
        above = [by_id[pk] for pk in reversed(unit.ancestor_ids) if pk in by_id]
        reviewer = above[0] if above else owner
        submissions.append(
            Submission(
                round=round_,
                unit=unit,
                unit_name=unit.name,
                parent_id=cast(int, unit.parent_id),
                path=unit.path,
                depth=unit.depth,
                level=unit.level,
                reviewer=reviewer,
                reviewer_depth=reviewer.depth,
                due_on=deadlines.get(unit.level, round_.due_on),
            )
        )
    return Submission.objects.bulk_create(submissions, batch_size=1000)


def _prefill_computed(round_: Round, submissions: list[Submission]) -> None:
    indicators = [i for i in round_.form_version.indicators.all() if i.computed_key]
    values = []
    for submission in submissions:
        for indicator in indicators:
            number = computed.compute(
                indicator.computed_key, submission.unit, round_.data_from, round_.data_to
            )
            values.append(
                Value(
                    submission=submission,
                    indicator=indicator,
                    number=number,
                    computed_number=number,
                )
            )
    Value.objects.bulk_create(values, batch_size=1000)
