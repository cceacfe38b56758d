"""Excel templates, uploads and consolidation workbooks."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from ttdn.core import uploads
from ttdn.core.enums import UploadJobStatus
from ttdn.core.replica import reads_from_replica
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
    """Send a filled template: the worker reads and stores it while its page shows progress."""
    round_ = get_object_or_404(Round.objects.visible_to(request.user), pk=pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        file = form.cleaned_data["file"]
        job = uploads.queue_upload(
            excel.UPLOAD_JOB,
            data=file.read(),
            filename=file.name or "bao-cao.xlsx",
            by=request.user,
            params={
                "round": round_.pk,
                "by": request.user.pk,
                "language": translation.get_language(),
            },
        )
        return redirect("upload_job", pk=job.pk)
    return render(request, "reports/excel_upload.html", {"round": round_, "form": form})


@login_required
def excel_upload_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A filled template the worker has read: back to the round, or the rows to fix."""
    job = uploads.job_of(request.user, pk, kind=excel.UPLOAD_JOB)
    if job.status != UploadJobStatus.DONE:
        return redirect("upload_job", pk=job.pk)
    round_ = get_object_or_404(Round.objects.visible_to(request.user), pk=job.result["round"])
    errors = [excel.RowError(*e) for e in job.result["errors"]]
    if not errors:
        messages.success(
            request,
            _("%(count)s reports updated from the file.") % {"count": job.result["changed"]},
        )
        return redirect(round_)
    context = {"round": round_, "form": UploadForm(), "errors": errors}
    return render(request, "reports/excel_upload.html", context, status=422)


@login_required
@reads_from_replica
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
