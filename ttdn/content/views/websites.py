"""What makes a school's site: công khai (its items, and the board of the unit above), and the
weekly work schedule."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.content import disclosure, queries, services
from ttdn.content.forms import DisclosureForm, ScheduleRows, WeekForm
from ttdn.content.models import Site
from ttdn.content.views.common import writable_site
from ttdn.core import access, pending
from ttdn.core.feedback import attempt


def _year(request: HttpRequest) -> int:
    """The school year asked for (?year=2025), else the current one."""
    current = disclosure.school_year_of(timezone.localdate())
    try:
        year = int(request.GET.get("year", current))
    except ValueError:
        return current
    return year if current - disclosure.RETENTION_YEARS < year <= current + 1 else current


@login_required
def disclosure_list(request: HttpRequest, code: str) -> HttpResponse:
    """A school's items for a school year, each with its deadline and standing; publish one."""
    site = writable_site(request, code)
    if not disclosure.items_for(site.unit.kind):
        raise Http404
    year = _year(request)
    current = disclosure.school_year_of(timezone.localdate())
    form = DisclosureForm(
        request.POST or None, pending.restore(request) or None, site=site, years=[current, current + 1],
        initial={"school_year": year, "item": request.GET.get("item")},
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if attempt(request, _("The item is published."), _publish, request, site, data):
            pending.discard(request)
            return redirect(f"{request.path}?year={data['school_year']}")
    if form.is_bound:
        pending.keep(request, form)
    context = {
        "site": site,
        "form": form,
        "year": year,
        "label": disclosure.school_year_label(year),
        "statuses": queries.disclosure_status(site, year, timezone.localdate()),
        "recurring": disclosure.recurring_for(site.unit.kind),
        "update_days": disclosure.UPDATE_WORKING_DAYS,
    }
    return render(request, "content/disclosure_list.html", context)


def _publish(request: HttpRequest, site: Site, data: dict[str, Any]) -> None:
    services.publish_disclosure(site, by=request.user, **data)


@login_required
def disclosure_board(request: HttpRequest, code: str) -> HttpResponse:
    """The schools below a unit and the standing of each of their items: who is late."""
    unit = access.visible_unit(request.user, code=code)
    year = _year(request)
    rows = queries.disclosure_board(unit, year, timezone.localdate())
    context = {
        "unit": unit,
        "year": year,
        "label": disclosure.school_year_label(year),
        "years": [(y, disclosure.school_year_label(y)) for y in disclosure.shown_years(
            timezone.localdate())],
        "items": disclosure.CATALOGUE,
        "rows": rows,
        "today": timezone.localdate(),
    }  # fmt: skip
    return render(request, "content/disclosure_board.html", context)


@login_required
def schedule_edit(request: HttpRequest, code: str) -> HttpResponse:
    """The week's schedule as a table: this week or the Monday asked for (?week=2025-09-08)."""
    site = writable_site(request, code)
    try:
        day = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        day = timezone.localdate()
    week = queries.schedule_week(site, day)
    rows = [
        {name: getattr(e, name) for name in services.schedules.FIELDS}
        for _day, entries in week.days
        for e in entries
    ]
    blank = [{"day": week.monday + datetime.timedelta(days=n % 6)} for n in range(12)]
    form = WeekForm(request.POST or None, initial={"note": week.note})
    formset = ScheduleRows(request.POST or None, initial=rows + blank, prefix="rows")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        entries = [row for row in formset.cleaned_data if row]
        if attempt(
            request, _("The week's schedule is saved."), services.save_week, site,
            monday=week.monday, rows=entries, by=request.user, note=form.cleaned_data["note"],
        ):  # fmt: skip
            return redirect(f"{request.path}?week={week.monday.isoformat()}")
    context = {"site": site, "week": week, "form": form, "formset": formset}
    return render(request, "content/schedule_form.html", context)
