"""Screens of report forms: the list, making one, and the editor of its sections, indicators
(with their categories) and checks, with a preview of what a reporting unit fills in.

Every change goes to the latest version; when a round uses it, the change makes a new version
and the page says so."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core import access
from ttdn.core.feedback import attempt
from ttdn.core.forms import form_errors
from ttdn.reports import rules, services, standard
from ttdn.reports.forms import (
    IndicatorForm,
    ReportFormForm,
    RuleForm,
    ScheduleForm,
    SectionForm,
    indicator_initial,
    values_form,
)
from ttdn.reports.models import FormVersion, Indicator, ReportForm, Rule, Schedule, Section
from ttdn.reports.validation import ValuesInvalid
from ttdn.reports.views.common import entry_sections


def _form(request: HttpRequest, pk: int) -> ReportForm:
    return get_object_or_404(
        ReportForm.objects.visible_to(request.user).select_related("owner"), pk=pk
    )


def _editable(request: HttpRequest, pk: int) -> ReportForm:
    form = _form(request, pk)
    if not rules.can_edit_form(request.user, form):
        raise PermissionDenied
    return form


def _changed(form: ReportForm, before: FormVersion, done: str) -> str:
    """What was done, and that a new version was made if the latest one was in use."""
    after = services.latest_version(form)
    if after.number != before.number:
        done += " " + _(
            "Version %(old)s is used by a round, so the change made version %(new)s; "
            "the rounds keep version %(old)s."
        ) % {"old": before.number, "new": after.number}
    return done


def _apply(
    request: HttpRequest,
    form: ReportForm,
    done: str,
    service: Callable[..., Any],
    *args: Any,
    **kwargs: Any,
) -> HttpResponse:
    """Run one service on the form (`core.feedback.attempt`): its refusal becomes a message
    and nothing is written; success says whether a new version was made."""
    before = services.latest_version(form)
    attempt(request, lambda: _changed(form, before, done), service, *args, **kwargs)
    return redirect(form)


@login_required
def form_list(request: HttpRequest) -> HttpResponse:
    forms_ = ReportForm.objects.visible_to(request.user).select_related("owner")
    unit = access.acting_unit(request)
    can_create = unit is not None and rules.can_create_form(request.user, unit)
    adopted = (
        {f.standard: f for f in ReportForm.objects.filter(owner=unit).exclude(standard="")}
        if unit is not None
        else {}
    )
    context = {
        "rows": [(f, rules.can_edit_form(request.user, f)) for f in forms_],
        "can_create": can_create,
        "unit": unit,
        "standards": [
            {
                "form": found,
                "computed": sum(1 for i in found.indicators if i.get("computed")),
                "adopted": adopted.get(found.key),
            }
            for found in standard.standard_forms()
        ],
    }
    return render(request, "reports/form_list.html", context)


@require_POST
@login_required
def standard_adopt(request: HttpRequest, key: str) -> HttpResponse:
    """The acting unit adopts a standard form as its own (with its schedule, switched off)."""
    unit = access.acting_unit(request)
    if unit is None or not rules.can_create_form(request.user, unit):
        raise PermissionDenied
    try:
        form = services.adopt_standard(unit, key, by=request.user)
    except ValuesInvalid as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reports:form_list")
    messages.success(
        request,
        _(
            "The form is your unit's now: change what you need, then switch its schedule on "
            "for the rounds to open by themselves."
        ),
    )
    return redirect(form)


@require_POST
@login_required
def schedule_set(request: HttpRequest, pk: int) -> HttpResponse:
    report_form = _editable(request, pk)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.set_schedule(
                report_form,
                period_kind=data["period_kind"],
                title=data["title"],
                opens=(data["opens_month"], data["opens_day"]),
                closes=(data["closes_month"], data["closes_day"]),
                deadlines=data["deadlines"],
                levels=data["levels"],
                active=data["active"],
                by=request.user,
            )
        except ValuesInvalid as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The schedule is saved."))
    else:
        messages.error(request, form_errors(form))
    return redirect(f"{report_form.get_absolute_url()}#schedule")


@login_required
def form_create(request: HttpRequest) -> HttpResponse:
    unit = access.acting_unit(request)
    if unit is None or not rules.can_create_form(request.user, unit):
        raise PermissionDenied
    form = ReportFormForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report_form = services.create_form(unit, by=request.user, **form.cleaned_data)
        except ValuesInvalid as error:
            for field, message in error.errors.items():
                form.add_error(field or None, message)
        else:
            messages.success(request, _("The form is made; add its sections and indicators."))
            return redirect(report_form)
    return render(request, "reports/form_create.html", {"form": form, "unit": unit})


@login_required
def form_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report_form = _form(request, pk)
    version = services.latest_version(report_form)
    indicators = list(version.indicators.select_related("section"))
    sections = [
        {
            "section": section,
            "items": [
                {"indicator": i, "categories": [c for c in indicators if c.parent_id == i.pk]}
                for i in indicators
                if i.section_id == section.pk and i.parent_id is None
            ],
        }
        for section in version.sections.all()
    ]
    context = {
        "report_form": report_form,
        "version": version,
        "versions": report_form.versions.all(),
        "rounds": version.rounds.select_related("owner"),
        "sections": sections,
        "rules": version.rules.all(),
        "can_edit": rules.can_edit_form(request.user, report_form),
        "name_form": ReportFormForm(
            initial={"name": report_form.name, "description": report_form.description},
            with_code=False,
        ),
        "section_form": SectionForm(),
        "rule_form": RuleForm(indicators=indicators),
        **_schedule_context(report_form),
    }
    return render(request, "reports/form_detail.html", context)


def _schedule_context(report_form: ReportForm) -> dict[str, Any]:
    schedule = Schedule.objects.filter(form=report_form).first()
    initial = ScheduleForm.initial_of(schedule) if schedule else {"title": report_form.name}
    return {
        "schedule": schedule,
        "next_round": services.next_round(schedule) if schedule else None,
        "schedule_form": ScheduleForm(initial=initial),
    }


@login_required
def form_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The entry form as a reporting unit sees it, empty."""
    report_form = _form(request, pk)
    version = services.latest_version(report_form)
    indicators = list(version.indicators.select_related("section"))
    entry = values_form(indicators, initial={}, disabled=False)
    context = {
        "report_form": report_form,
        "version": version,
        "sections": entry_sections(entry, indicators, {}, {}),
    }
    return render(request, "reports/form_preview.html", context)


@require_POST
@login_required
def form_update(request: HttpRequest, pk: int) -> HttpResponse:
    report_form = _editable(request, pk)
    form = ReportFormForm(request.POST, with_code=False)
    if not form.is_valid():
        messages.error(request, _("Give the form a name."))
        return redirect(report_form)
    services.update_form(report_form, by=request.user, **form.cleaned_data)
    messages.success(request, _("Saved."))
    return redirect(report_form)


# --- Sections ---------------------------------------------------------------------------------


def _section(request: HttpRequest, pk: int, section_pk: int) -> tuple[ReportForm, Section]:
    report_form = _editable(request, pk)
    version = services.latest_version(report_form)
    return report_form, get_object_or_404(Section, pk=section_pk, version=version)


@require_POST
@login_required
def section_add(request: HttpRequest, pk: int) -> HttpResponse:
    report_form = _editable(request, pk)
    title = request.POST.get("title", "")
    return _apply(
        request,
        report_form,
        _("Section added."),
        services.add_section,
        report_form,
        title=title,
        by=request.user,
    )


@require_POST
@login_required
def section_update(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    report_form, section = _section(request, pk, section_pk)
    title = request.POST.get("title", "")
    return _apply(
        request,
        report_form,
        _("Section renamed."),
        services.rename_section,
        section,
        title=title,
        by=request.user,
    )


@require_POST
@login_required
def section_remove(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    report_form, section = _section(request, pk, section_pk)
    return _apply(
        request,
        report_form,
        _("Section removed."),
        services.remove_section,
        section,
        by=request.user,
    )


@require_POST
@login_required
def section_move(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    report_form, section = _section(request, pk, section_pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    return _apply(
        request,
        report_form,
        _("Section moved."),
        services.move_section,
        section,
        step=step,
        by=request.user,
    )


# --- Indicators -------------------------------------------------------------------------------


def _indicator(request: HttpRequest, pk: int, indicator_pk: int) -> tuple[ReportForm, Indicator]:
    report_form = _editable(request, pk)
    version = services.latest_version(report_form)
    indicator = get_object_or_404(Indicator, pk=indicator_pk, version=version, parent=None)
    return report_form, indicator


def _indicator_page(
    request: HttpRequest, report_form: ReportForm, indicator: Indicator | None
) -> HttpResponse:
    version = services.latest_version(report_form)
    initial = indicator_initial(indicator) if indicator else {"section": request.GET.get("section")}
    form = IndicatorForm(request.POST or None, initial=initial, sections=version.sections.all())
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            if indicator is None:
                services.add_indicator(report_form, by=request.user, **data)
            else:
                services.update_indicator(indicator, by=request.user, **data)
        except ValuesInvalid as error:
            for field, message in error.errors.items():
                form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _changed(report_form, version, _("Indicator saved.")))
            return redirect(report_form)
    context = {"report_form": report_form, "version": version, "form": form, "indicator": indicator}
    status = 422 if form.errors else 200
    return render(request, "reports/indicator_form.html", context, status=status)


@login_required
def indicator_create(request: HttpRequest, pk: int) -> HttpResponse:
    report_form = _editable(request, pk)
    if not services.latest_version(report_form).sections.exists():
        messages.error(request, _("Add a section first."))
        return redirect(report_form)
    return _indicator_page(request, report_form, None)


@login_required
def indicator_update(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    report_form, indicator = _indicator(request, pk, indicator_pk)
    return _indicator_page(request, report_form, indicator)


@require_POST
@login_required
def indicator_remove(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    report_form, indicator = _indicator(request, pk, indicator_pk)
    return _apply(
        request,
        report_form,
        _("Indicator removed."),
        services.remove_indicator,
        indicator,
        by=request.user,
    )


@require_POST
@login_required
def indicator_move(request: HttpRequest, pk: int, indicator_pk: int) -> HttpResponse:
    report_form, indicator = _indicator(request, pk, indicator_pk)
    step = -1 if request.POST.get("direction") == "up" else 1
    return _apply(
        request,
        report_form,
        _("Indicator moved."),
        services.move_indicator,
        indicator,
        step=step,
        by=request.user,
    )


# --- Checks across indicators -----------------------------------------------------------------


@require_POST
@login_required
def rule_add(request: HttpRequest, pk: int) -> HttpResponse:
    report_form = _editable(request, pk)
    indicators = list(services.latest_version(report_form).indicators.all())
    form = RuleForm(request.POST, indicators=indicators)
    if not form.is_valid():
        messages.error(request, _("Choose two indicators of the form."))
        return redirect(report_form)
    return _apply(
        request,
        report_form,
        _("Check added."),
        services.add_rule,
        report_form,
        by=request.user,
        **form.cleaned_data,
    )


@require_POST
@login_required
def rule_remove(request: HttpRequest, pk: int, rule_pk: int) -> HttpResponse:
    report_form = _editable(request, pk)
    version = services.latest_version(report_form)
    rule = get_object_or_404(Rule, pk=rule_pk, version=version)
    return _apply(
        request, report_form, _("Check removed."), services.remove_rule, rule, by=request.user
    )
