"""The trend of an indicator across the rounds of the same form and period kind."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ttdn.org.models import Unit
from ttdn.reports.enums import Basis
from ttdn.reports.models import Indicator, RollUp, Round
from ttdn.reports.queries.figures import CELL, Cell, _combine, _fetch


@dataclass
class TrendPoint:
    round: Round
    value: Decimal | None


def trend(round_: Round, unit: Unit, code: str, *, basis: str = Basis.APPROVED) -> list[TrendPoint]:
    """The indicator `code` across the rounds of the same owner and form (any version) and
    period kind, oldest first: one bar per period. Three queries however many rounds."""
    rounds = list(
        Round.objects.filter(
            owner=round_.owner,
            form_version__form=round_.form_version.form,
            period_kind=round_.period_kind,
        )
        .select_related("form_version")
        .order_by("data_from")
    )
    indicators = {
        i.version_id: i
        for i in Indicator.objects.filter(
            version__in={r.form_version_id for r in rounds}, code=code
        )
        if i.rolls_up
    }
    by_round: dict[int, dict[int, Cell]] = {r.pk: {} for r in rounds}
    rows = RollUp.objects.filter(
        round__in=list(by_round), unit=unit, basis=basis, indicator__in=list(indicators.values())
    ).values_list("round_id", "indicator_id", *CELL)
    for round_id, indicator_id, *found in _fetch(rows):
        _combine(by_round[round_id], indicator_id, Cell(*found))
    return [
        TrendPoint(r, by_round[r.pk].get(indicator.pk, Cell()).value(indicator.aggregation))
        for r in rounds
        if (indicator := indicators.get(r.form_version_id)) is not None
    ]
