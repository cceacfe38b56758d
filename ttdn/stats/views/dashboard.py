"""A unit's dashboard and the figures behind it: provenance, revisions, manual entries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core import access
from ttdn.core.feedback import attempt
from ttdn.core.replica import reads_from_replica
from ttdn.stats import queries, rules, services
from ttdn.stats.forms import FigureForm
from ttdn.stats.models import Figure, PressContact, PressDocument
from ttdn.stats.views.common import form_page, show_refusal, unit_or_404


@login_required
@reads_from_replica
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard of the unit the person acts for (or their first unit)."""
    unit = (
        access.acting_unit(request) or access.visible_units(request.user).order_by("path").first()
    )
    if unit is None:
        raise Http404
    return redirect("stats:dashboard", pk=unit.pk)


@login_required
@reads_from_replica
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_or_404(request, pk)
    board = queries.dashboard(unit, request.GET.get("period", ""))
    documents = PressDocument.objects.filter(unit=unit)
    context = {
        "unit": unit,
        "board": board,
        "can_write": rules.can_enter_figures(request.user, unit),
        "can_lead": access.can_act_for(request.user, unit, rules.LEADERS),
        "waiting": queries.waiting_figures([unit.pk])[:50],
        "documents": documents[:10],
        "out_of_date": queries.out_of_date(documents),
        "contact": PressContact.objects.filter(unit=unit).first(),
    }
    return render(request, "stats/dashboard.html", context)


@require_POST
@login_required
def refresh(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_or_404(request, pk)
    if not rules.can_enter_figures(request.user, unit):
        raise PermissionDenied
    result = services.refresh_from_reports(by=request.user, within=unit)
    messages.success(
        request,
        _("Statistics brought up to date: %(created)s new figures, %(revised)s corrected.")
        % {"created": result.created, "revised": len(result.revised)},
    )
    return redirect("stats:dashboard", pk=unit.pk)


@login_required
def figure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    figure = get_object_or_404(
        Figure.objects.visible_to(request.user).select_related("dataset", "round", "submission"),
        pk=pk,
    )
    context = {
        "figure": figure,
        "unit": figure.unit,
        "provenance": queries.provenance_text(figure),
        "history": queries.history(figure),
        "documents": queries.citing_documents(figure),
        "contests": figure.contests.order_by("title", "pk"),
        "can_approve": figure.status == "draft" and rules.can_approve_figure(request.user, figure),
        "can_see_submission": figure.submission_id is not None
        and access.can_see_unit(request.user, figure.unit),
    }
    return render(request, "stats/figure_detail.html", context)


@login_required
def figure_new(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_or_404(request, pk)
    if not rules.can_enter_figures(request.user, unit):
        raise PermissionDenied
    form = FigureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            figure = services.enter_figure(
                data["dataset"], unit, period=data["period"], value=data["value"],
                note=data["note"], by=request.user,
            )  # fmt: skip
        except (ValidationError, PermissionDenied) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Figure recorded; a leader of the unit approves it."))
            return redirect(figure)
    intro = _("A figure typed in is shown nowhere until a leader of the unit approves it.")
    return form_page(
        request,
        form,
        title=_("Enter a figure"),
        unit=unit,
        back=reverse("stats:dashboard", args=[unit.pk]),
        intro=intro,
    )


@require_POST
@login_required
def figure_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    figure = get_object_or_404(Figure.objects.visible_to(request.user), pk=pk)
    if decision == "approve":
        attempt(request, _("Figure approved."), services.approve_figure, figure, by=request.user)
    elif decision == "refuse":
        attempt(request, _("Figure refused."), services.refuse_figure, figure, by=request.user)
    else:
        raise Http404
    return redirect(figure)
