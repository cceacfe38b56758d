"""The consolidation and completeness of a round."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ttdn import docgen
from ttdn.core import access
from ttdn.core.forms import form_errors
from ttdn.core.replica import reads_from_replica
from ttdn.docgen.pdf import convert
from ttdn.documents import printing
from ttdn.documents import queries as register_queries
from ttdn.documents.exports import missing_part_names
from ttdn.org.models import Unit, UnitGroup
from ttdn.reports import charts, exports, kept, queries, rules, services
from ttdn.reports.enums import Basis
from ttdn.reports.forms import (
    CompletenessFilterForm,
    ConsolidationFilterForm,
    PrintForm,
)
from ttdn.reports.models import Round
from ttdn.reports.views.common import round_and_unit


@login_required
@reads_from_replica
def consolidation(request: HttpRequest, pk: int) -> HttpResponse:
    form = ConsolidationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    round_, unit = round_and_unit(request, pk, filters.get("unit", ""))
    basis = filters.get("basis") or Basis.APPROVED
    figures = kept.below(
        "consolidation page", round_.pk, unit.pk, (basis,), lambda: _figures(round_, unit, basis)
    )
    context = {
        "round": round_,
        "unit": unit,
        "figures": figures,
        "form": form,
        "basis": basis,
        "print_form": PrintForm(initial={"recipients": unit.parent.name if unit.parent else ""}),
        "can_issue": rules.can_issue_for(request.user, unit),
        "pdf_available": docgen.pdf_available(),
    }
    return render(request, "reports/consolidation.html", context)


@dataclass(frozen=True)
class Figures:
    """What the consolidation page shows of the figures, the table and charts drawn."""

    counted: int
    changed_since_approval: list[str]
    html: str


def _figures(round_: Round, unit: Unit, basis: str) -> Figures:
    data = queries.consolidation(round_, unit, basis=basis)
    context = {
        "data": data,
        "unit": unit,
        "charts": [
            charts.bar_chart(
                f"{row.indicator.code}. {row.indicator.name}",
                zip([c.name for c in data.children], row.by_child, strict=True),
            )
            for row in data.rows[:1]
        ],
        "trend": _trend_chart(round_, unit, data, basis),
    }
    return Figures(
        data.counted,
        data.changed_since_approval,
        render_to_string("reports/_consolidation_figures.html", context),
    )


INCOMPLETE = gettext_lazy("The consolidated report cannot be printed yet; it lacks: %(parts)s.")


def _page(round_: Round, unit: Unit) -> str:
    url = redirect("reports:consolidation", pk=round_.pk).url
    return f"{url}?{urlencode({'unit': unit.code})}"


@require_POST
@login_required
def consolidation_print(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The consolidation as the Báo cáo the unit sends up, in DOCX or PDF (not numbered)."""
    round_, unit = round_and_unit(request, pk, request.POST.get("unit", ""))
    form = PrintForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(_page(round_, unit))
    doc = exports.consolidated_document(round_, unit, **form.cleaned_data)
    return printing.download(
        request,
        fmt,
        lambda fmt: convert(docgen.render_docx(doc)) if fmt == "pdf" else docgen.render_docx(doc),
        filename=f"bao-cao-tong-hop-{round_.pk}-{unit.code}",
        back=_page(round_, unit),
        incomplete=INCOMPLETE,
    )


@require_POST
@login_required
def consolidation_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Number the consolidated report in the unit's outgoing register, after a confirmation
    that shows the number it takes and who it goes to."""
    round_, unit = round_and_unit(request, pk, request.POST.get("unit", ""))
    if not rules.can_issue_for(request.user, unit):
        raise PermissionDenied
    form = PrintForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(_page(round_, unit))
    doc = exports.consolidated_document(round_, unit, **form.cleaned_data)
    missing = missing_part_names(docgen.missing_parts(doc))
    if "confirm" not in request.POST and not missing:
        context = {
            "round": round_,
            "unit": unit,
            "form": form,
            "doc": doc,
            "back": _page(round_, unit),
            "number": register_queries.next_number_symbol(unit, doc_type=doc.doc_type),
        }
        return render(request, "reports/consolidation_issue_confirm.html", context)
    try:
        outgoing = services.issue_consolidation(round_, unit, doc=doc, by=request.user)
    except docgen.DocumentIncomplete as error:
        messages.error(request, printing.incomplete_message(INCOMPLETE, error))
    else:
        messages.success(
            request,
            _("The consolidated report is issued as %(number)s.")
            % {"number": outgoing.number_symbol},
        )
    return redirect(_page(round_, unit))


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
@reads_from_replica
def completeness(request: HttpRequest, pk: int) -> HttpResponse:
    groups = UnitGroup.objects.filter(owner__in=access.visible_unit_ids(request.user))
    form = CompletenessFilterForm(request.GET or None, groups=groups)
    filters = form.cleaned_data if form.is_valid() else {}
    round_, unit = round_and_unit(request, pk, filters.get("unit", ""))
    group, level = filters.get("group"), filters.get("level", "")
    if group:  # a group cuts across the tree: its members' changes touch no topic of the unit
        data = queries.completeness(round_, unit, level=level, group_id=group.pk)
    else:
        data = kept.below(
            "completeness page",
            round_.pk,
            unit.pk,
            (level, timezone.localdate()),  # a waiting report turns overdue with the date
            lambda: queries.completeness(round_, unit, level=level),
        )
    context = {
        "round": round_,
        "unit": unit,
        "data": data,
        "form": form,
        "can_remind": access.can_act_for(request.user, unit),
        "chart": charts.bar_chart(
            _("Share of expected units that submitted"),
            [(t.name, t.submitted_rate) for t in data.by_child],
        ),
    }
    return render(request, "reports/completeness.html", context)


@require_POST
@login_required
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Nhắc": e-mail the units below the chosen one whose reports are still waiting."""
    round_, unit = round_and_unit(request, pk, request.POST.get("unit", ""))
    if not access.can_act_for(request.user, unit):
        raise PermissionDenied
    count = services.remind_units(round_, unit, by=request.user)
    if count:
        messages.success(request, _("%(count)s units were reminded.") % {"count": count})
    else:
        messages.info(request, _("No unit below yours is waiting for a reminder today."))
    url = redirect("reports:completeness", pk=round_.pk).url
    return redirect(f"{url}?{urlencode({'unit': unit.code})}")
