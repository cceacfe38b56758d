"""Screens of rounds: the list, opening one, and its page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import access
from ttdn.org.models import Unit, UnitGroup
from ttdn.reports import rules, services
from ttdn.reports.forms import (
    RoundForm,
)
from ttdn.reports.models import ReportForm, Round, Submission


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    rounds = Round.objects.visible_to(request.user).select_related("owner", "form_version__form")
    unit = access.acting_unit(request)
    own = (
        {
            s.round_id: s
            for s in Submission.objects.visible_to(request.user).filter(
                unit=unit, round__in=[r.pk for r in rounds]
            )
        }
        if unit
        else {}
    )
    context = {
        "rows": [(r, own.get(r.pk)) for r in rounds],
        "can_open": unit is not None and rules.can_open_round(request.user, unit),
    }
    return render(request, "reports/round_list.html", context)


@login_required
def round_create(request: HttpRequest) -> HttpResponse:
    unit = access.acting_unit(request)
    if unit is None or not rules.can_open_round(request.user, unit):
        raise PermissionDenied
    form = RoundForm(
        request.POST or None,
        initial={"period_year": timezone.localdate().year},
        report_forms=ReportForm.objects.visible_to(request.user),
        groups=UnitGroup.objects.filter(owner=unit),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round_ = services.open_round(
                unit,
                form_version=services.latest_version(data["form"]),
                period=data["period"],
                window=data["window"],
                data_window=data["data_window"],
                title=data["title"],
                levels=data["levels"],
                groups=data["groups"],
                deadlines=data["deadlines"],
                leave_out_covered=data["leave_out_covered"],
                by=request.user,
            )
        except services.RoundCovered as error:
            form.add_error(None, str(error))
            form.add_error(
                "leave_out_covered",
                _("Tick this to open the round for the other units; these keep their report."),
            )
        except services.RoundInvalid as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("The round is open; each unit has its report to do."))
            if round_.left_out:
                messages.info(
                    request,
                    _("Left out, as they already report for this period: %(names)s.")
                    % {"names": "; ".join(round_.left_out)},
                )
            return redirect(round_)
    return render(request, "reports/round_form.html", {"form": form, "unit": unit})


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(
        Round.objects.visible_to(request.user).select_related("owner", "form_version__form"), pk=pk
    )
    submissions = (
        Submission.objects.visible_to(request.user).filter(round=round_).select_related("reviewer")
    )
    context = {
        "round": round_,
        "submissions": submissions,
        "deadlines": round_.deadlines.all(),
        "can_manage": rules.can_manage(request.user, round_),
        "data_units": _consolidation_units(request, round_),
    }
    return render(request, "reports/round_detail.html", context)


def _consolidation_units(request: HttpRequest, round_: Round) -> list[Unit]:
    """Units whose consolidation of this round the person may open: the owner and the
    expected units they see that have reports below them."""
    visible = access.visible_units(request.user)
    units = [round_.owner] if access.can_see_unit(request.user, round_.owner) else []
    reviewers = Submission.objects.filter(round=round_).values("reviewer_id")
    units += list(visible.filter(pk__in=reviewers).exclude(pk=round_.owner_id))
    return units
