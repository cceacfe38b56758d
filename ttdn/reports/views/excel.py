"""Excel templates, uploads and consolidation workbooks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ttdn.reports import excel, queries, rules
from ttdn.reports.enums import Basis
from ttdn.reports.forms import (
    ConsolidationFilterForm,
    UploadForm,
)
from ttdn.reports.models import Round, Submission
from ttdn.reports.views.common import round_and_unit


@login_required
def excel_template(request: HttpRequest, pk: int) -> FileResponse:
    """One report (?submission=ID) or one row per report the person may fill in."""
    round_ = get_object_or_404(Round.objects.visible_to(request.user), pk=pk)
    submissions = [
        s
        for s in Submission.objects.visible_to(request.user)
        .filter(round=round_)
        .select_related("unit")
        if rules.can_fill(request.user, s)
    ]
    if wanted := request.GET.get("submission"):
        submissions = [s for s in submissions if str(s.pk) == wanted]
    content = excel.template(round_, submissions)
    return FileResponse(
        content, as_attachment=True, filename=f"bao-cao-{round_.pk}-{round_.period_key}.xlsx"
    )


@login_required
def excel_upload(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round.objects.visible_to(request.user), pk=pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    errors: list[excel.RowError] = []
    if request.method == "POST" and form.is_valid():
        allowed = [
            s
            for s in Submission.objects.visible_to(request.user)
            .filter(round=round_)
            .select_related("unit")
            if rules.can_fill(request.user, s)
        ]
        try:
            count = excel.upload(
                round_, form.cleaned_data["file"], allowed=allowed, by=request.user
            )
        except excel.UploadInvalid as error:
            errors = error.errors
        else:
            messages.success(
                request, _("%(count)s reports updated from the file.") % {"count": count}
            )
            return redirect(round_)
    return render(
        request,
        "reports/excel_upload.html",
        {"round": round_, "form": form, "errors": errors},
        status=422 if errors else 200,
    )


@login_required
def consolidation_export(request: HttpRequest, pk: int) -> FileResponse:
    form = ConsolidationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    round_, unit = round_and_unit(request, pk, filters.get("unit", ""))
    data = queries.consolidation(
        round_, unit, basis=filters.get("basis") or Basis.APPROVED, narratives=None
    )
    return FileResponse(
        excel.consolidation_workbook(data),
        as_attachment=True,
        filename=f"tong-hop-{round_.pk}-{unit.code}.xlsx",
    )
