"""Figures from an Excel file: upload, a preview of every row with its errors, then recording
them (waiting for a leader's approval) only when the person confirms; the kept file itself."""

from __future__ import annotations

import io
import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ttdn.core import access, pending
from ttdn.org.models import Unit
from ttdn.stats import excel, rules
from ttdn.stats.forms import ImportForm
from ttdn.stats.models import ImportFile
from ttdn.stats.views.common import show_refusal, unit_or_404


def _writable_unit(request: HttpRequest, pk: int) -> Unit:
    unit = unit_or_404(request, pk)
    if not rules.can_enter_figures(request.user, unit):
        raise PermissionDenied
    return unit


@login_required
def figure_import(request: HttpRequest, pk: int) -> HttpResponse:
    """Check the file and show every row (nothing is written); with “confirm”, record them.
    The file is kept between the two steps by the pending-upload mechanism, so the person does
    not choose it again."""
    unit = _writable_unit(request, pk)
    form = ImportForm(request.POST or None, pending.restore(request) or None)
    context = {"unit": unit, "form": form, "sheet": None}
    if request.method != "POST":
        return render(request, "stats/import.html", context)
    if not form.is_valid():
        return render(request, "stats/import.html", context, status=422)
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        context["sheet"] = sheet = excel.read_sheet(data, unit, by=request.user)
    except excel.SheetRefused as error:
        form.add_error("file", str(error))
        return render(request, "stats/import.html", context, status=422)
    if "confirm" in request.POST and sheet.ready:
        try:
            figures = excel.import_sheet(data, upload.name or "", unit, by=request.user)
        except (excel.SheetRefused, ValidationError, PermissionDenied) as error:
            show_refusal(form, error)
        else:
            pending.discard(request)
            messages.success(
                request,
                _("%(count)s figures recorded from the file; a leader of the unit approves them.")
                % {"count": len(figures)},
            )
            return redirect("stats:dashboard", pk=unit.pk)
    pending.keep(request, form)  # the confirm button sends the same file back
    return render(request, "stats/import.html", context, status=200 if sheet.ready else 422)


@require_GET
@login_required
def import_template(request: HttpRequest, pk: int) -> FileResponse:
    unit = _writable_unit(request, pk)
    return FileResponse(
        io.BytesIO(excel.template(unit)), as_attachment=True, filename=f"so-lieu-{unit.code}.xlsx"
    )


@require_GET
@login_required
def import_file(request: HttpRequest, pk: int) -> FileResponse:
    """The file figures were imported from, for those who see its unit."""
    kept = get_object_or_404(ImportFile, pk=pk)
    if not access.can_see_unit(request.user, kept.unit):
        raise Http404
    name = kept.file.name or ""
    if not name or not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(kept.filename)[0] or "application/octet-stream"
    response = FileResponse(
        default_storage.open(name, "rb"), as_attachment=True, filename=kept.filename,
        content_type=content_type,
    )  # fmt: skip
    return response
