"""The consolidation and completeness of a round."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from ttdn.core import access
from ttdn.org.models import Unit, UnitGroup
from ttdn.reports import charts, queries
from ttdn.reports.enums import Basis
from ttdn.reports.forms import (
    CompletenessFilterForm,
    ConsolidationFilterForm,
)
from ttdn.reports.models import Round
from ttdn.reports.views.common import round_and_unit


@login_required
def consolidation(request: HttpRequest, pk: int) -> HttpResponse:
    form = ConsolidationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    round_, unit = round_and_unit(request, pk, filters.get("unit", ""))
    basis = filters.get("basis") or Basis.APPROVED
    data = queries.consolidation(round_, unit, basis=basis)
    chart_rows = data.rows[:1]
    context = {
        "round": round_,
        "unit": unit,
        "data": data,
        "form": form,
        "basis": basis,
        "charts": [
            charts.bar_chart(
                f"{row.indicator.code}. {row.indicator.name}",
                zip([c.name for c in data.children], row.by_child, strict=True),
            )
            for row in chart_rows
        ],
        "trend": _trend_chart(round_, unit, data, basis),
    }
    return render(request, "reports/consolidation.html", context)


def _trend_chart(round_: Round, unit: Unit, data: queries.Consolidation, basis: str) -> Any:
    if not data.rows:
        return None
    code = data.rows[0].indicator.code
    points = queries.trend(round_, unit, code, basis=basis)
    return charts.bar_chart(
        _("%(code)s across periods") % {"code": code},
        [(p.round.period.label, p.value) for p in points],
    )


@login_required
def completeness(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round.objects.visible_to(request.user), pk=pk)
    groups = UnitGroup.objects.filter(owner__in=access.visible_unit_ids(request.user))
    form = CompletenessFilterForm(request.GET or None, groups=groups)
    filters = form.cleaned_data if form.is_valid() else {}
    round_, unit = round_and_unit(request, pk, filters.get("unit", ""))
    group = filters.get("group")
    data = queries.completeness(
        round_, unit, level=filters.get("level", ""), group_id=group.pk if group else None
    )
    context = {
        "round": round_,
        "unit": unit,
        "data": data,
        "form": form,
        "chart": charts.bar_chart(
            _("Share of expected units that submitted"),
            [(t.name, t.submitted_rate) for t in data.by_child],
        ),
    }
    return render(request, "reports/completeness.html", context)
