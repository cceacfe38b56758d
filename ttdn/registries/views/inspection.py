"""Inspections: the plan, findings, remedies and their follow-up, the conclusion."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core import access
from ttdn.core.feedback import attempt
from ttdn.org.models import Unit
from ttdn.registries import exports, rules
from ttdn.registries.forms import (
    ConclusionForm,
    FindingForm,
    InspectionForm,
    NoteForm,
    OptionalNoteForm,
    ReopenForm,
    YearForm,
    limit,
)
from ttdn.registries.models import Finding, FollowUp, Inspection
from ttdn.registries.services import inspection as services
from ttdn.registries.views.common import (
    apply_errors,
    can_record,
    form_page,
    issue,
    page_of,
    recording_units,
    save_or_show,
)


@login_required
def inspection_list(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() else None
    rows = Inspection.objects.visible_to(request.user).of_year(year).select_related("unit")
    context = {"form": form, "page": page_of(request, rows), "can_record": can_record(request)}
    return render(request, "registries/inspection_list.html", context)


@login_required
def inspection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(
        Inspection.objects.visible_to(request.user).select_related("unit", "conclusion_document"),
        pk=pk,
    )
    findings = (
        Finding.objects.visible_to(request.user)
        .filter(inspection=inspection)
        .select_related("unit", "rule_document")
        .prefetch_related(Prefetch("follow_ups", queryset=FollowUp.objects.select_related("by")))
    )
    inspects = rules.can_inspect(request.user, inspection)
    finding_form = limit(FindingForm(), unit=inspection.subjects.all()) if inspects else None
    context = {
        "inspection": inspection,
        "subjects": inspection.subjects.all(),
        "findings": [(f, rules.can_report_remedy(request.user, f)) for f in findings],
        "inspects": inspects,
        "finding_form": finding_form,
        "conclusion_form": ConclusionForm() if inspects else None,
    }
    return render(request, "registries/inspection_detail.html", context)


def _below(request: HttpRequest) -> Any:
    """Units below the ones the person records for: those they may inspect."""
    units = recording_units(request)
    return (
        Unit.objects.in_subtrees([u.path for u in units])
        .exclude(pk__in=units.values("pk"))
        .open_on()
    )


@login_required
def inspection_create(request: HttpRequest) -> HttpResponse:
    form = limit(
        InspectionForm(
            request.POST or None,
            units=recording_units(request),
            initial={"unit": access.acting_unit(request)},
        ),
        subjects=_below(request),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        inspection = save_or_show(
            form, lambda: services.plan_inspection(unit, by=request.user, **data)
        )
        if inspection is not None:
            messages.success(request, _("The inspection is in the plan."))
            return redirect(inspection)
    return form_page(
        request, form, title=_("Plan an inspection"), back="registries:inspection_list"
    )


@login_required
def inspection_update(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection.objects.editable_by(request.user), pk=pk)
    initial = {
        n: getattr(inspection, n)
        for n in InspectionForm.base_fields
        if n not in ("unit", "subjects")
    }
    initial["subjects"] = list(inspection.subjects.all())
    form = limit(InspectionForm(request.POST or None, initial=initial), subjects=_below(request))
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_show(
            form,
            lambda: services.update_inspection(inspection, by=request.user, **form.cleaned_data),
        )
    ):
        messages.success(request, _("The inspection is saved."))
        return redirect(inspection)
    return form_page(
        request, form, title=_("Edit the inspection"), back=inspection.get_absolute_url()
    )


@require_POST
@login_required
def inspection_start(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user), pk=pk)
    attempt(
        request,
        _("The inspection has started."),
        services.start_inspection,
        inspection,
        by=request.user,
    )
    return redirect(inspection)


@require_POST
@login_required
def inspection_close(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user), pk=pk)
    attempt(
        request,
        _("The inspection is closed."),
        services.close_inspection,
        inspection,
        by=request.user,
    )
    return redirect(inspection)


@require_POST
@login_required
def inspection_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(
        Inspection.objects.editable_by(request.user).select_related("unit"), pk=pk
    )
    form = ConclusionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the conclusion, the signer and the recipients."))
        return redirect(inspection)
    doc = exports.inspection_conclusion(inspection, **form.cleaned_data)
    conclusion = form.cleaned_data["conclusion"]
    issue(
        request,
        _("The conclusion is issued and registered."),
        lambda: services.conclude_inspection(
            inspection, conclusion=conclusion, doc=doc, by=request.user
        ),
    )
    return redirect(inspection)


@require_POST
@login_required
def finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    inspection = get_object_or_404(Inspection.objects.editable_by(request.user), pk=pk)
    form = limit(FindingForm(request.POST), unit=inspection.subjects.all())
    if form.is_valid():
        try:
            services.record_finding(inspection, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The finding is recorded."))
            return redirect(inspection)
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}: {message}" if label else str(message))
    return redirect(inspection)


def _finding(request: HttpRequest, pk: int) -> Finding:
    return get_object_or_404(
        Finding.objects.visible_to(request.user).select_related("inspection", "unit"), pk=pk
    )


@require_POST
@login_required
def finding_remedied(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _finding(request, pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    attempt(
        request,
        _("The remedy is reported to the inspecting unit."),
        services.report_remedied,
        finding,
        note=note,
        by=request.user,
    )
    return redirect(finding)


@require_POST
@login_required
def finding_close(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _finding(request, pk)
    form = OptionalNoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    attempt(
        request,
        _("The finding is closed."),
        services.close_finding,
        finding,
        note=note,
        by=request.user,
    )
    return redirect(finding)


@require_POST
@login_required
def finding_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _finding(request, pk)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why, and give the new deadline."))
        return redirect(finding)
    attempt(
        request,
        _("The remedy is sent back."),
        services.reopen_finding,
        finding,
        by=request.user,
        **form.cleaned_data,
    )
    return redirect(finding)


@require_POST
@login_required
def finding_follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _finding(request, pk)
    form = NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    attempt(
        request, _("The note is added."), services.follow_up, finding, note=note, by=request.user
    )
    return redirect(finding)
