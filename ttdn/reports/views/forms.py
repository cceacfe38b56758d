"""Screens of report forms."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ttdn.reports import services
from ttdn.reports.models import ReportForm


@login_required
def form_list(request: HttpRequest) -> HttpResponse:
    forms_ = ReportForm.objects.visible_to(request.user).select_related("owner")
    return render(request, "reports/form_list.html", {"forms": forms_})


@login_required
def form_detail(request: HttpRequest, pk: int) -> HttpResponse:
    form = get_object_or_404(ReportForm.objects.visible_to(request.user), pk=pk)
    version = services.latest_version(form)
    context = {
        "report_form": form,
        "version": version,
        "versions": form.versions.all(),
        "sections": version.sections.prefetch_related("indicators"),
        "rules": version.rules.all(),
    }
    return render(request, "reports/form_detail.html", context)
