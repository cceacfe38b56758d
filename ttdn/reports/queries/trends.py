"""The trend of an indicator across the rounds of the same form and period kind."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ttdn.org.models import Unit
from ttdn.reports.enums import Basis
from ttdn.reports.models import RollUp, Round
from ttdn.reports.queries.figures import Cell, _cells


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
