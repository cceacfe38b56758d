"""Screens of the calendar: the year, a month, the commemorations, a unit's own ones, the feed."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core import access, related
from ttdn.core.calendar import CalendarEntry
from ttdn.core.calendar import entries as calendar_entries
from ttdn.core.text import fold
from ttdn.events import ics, queries, services
from ttdn.events.enums import EvenYearRule
from ttdn.events.forms import CalendarFilterForm, CommemorationFilterForm, CommemorationForm
from ttdn.events.models import Commemoration, CommemorationQuerySet
from ttdn.org.models import Unit

FEED_SALT = "ttdn.events.feed"
UPCOMING_YEARS = 12


# --- Year and month -------------------------------------------------------------------------


@login_required
def calendar(request: HttpRequest, year: int | None = None) -> HttpResponse:
    year = _year_or_404(year or timezone.localdate().year)
    form, unit, items = _filtered(request, year)
    context = {
        "year": year,
        "form": form,
        "unit": unit,
        "items": items,
        "months": _by_month(
            year,
            items,
            calendar_entries(
                request.user, unit, datetime.date(year, 1, 1), datetime.date(year, 12, 31)
            ),
        ),
        "paragraph": queries.plan_paragraph(queries.filter_anniversaries(items, even_only=True)),
        "feed_url": _feed_url(request, unit),
        "even_rule": EvenYearRule(settings.EVEN_YEAR_RULE).label,
        "month_starts": [datetime.date(year, m, 1) for m in range(1, 13)],
    }
    return render(request, _htmx_partial(request, "events/calendar_year.html", "results"), context)


@login_required
def month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    year = _year_or_404(year)
    if not 1 <= month <= 12:
        raise Http404
    form, unit, items = _filtered(request, year)
    items = [a for a in items if a.date.month == month]
    context = {
        "year": year,
        "month": month,
        "first_day": datetime.date(year, month, 1),
        "form": form,
        "unit": unit,
        "items": items,
        "weeks": queries.month_weeks(year, month, items),
        "entries": calendar_entries(
            request.user, unit, datetime.date(year, month, 1), _month_end(year, month)
        ),
        "weekdays": list(WEEKDAYS_ABBR.values()),
        "previous": _step(year, month, -1),
        "next": _step(year, month, 1),
        "even_rule": EvenYearRule(settings.EVEN_YEAR_RULE).label,
    }
    return render(request, "events/calendar_month.html", context)


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)


def _filtered(
    request: HttpRequest, year: int
) -> tuple[CalendarFilterForm, Unit | None, list[queries.Anniversary]]:
    """The filter form, the unit chosen (by default the one the person acts for), and the year's
    anniversaries of what that person may see, filtered."""
    acting = access.acting_unit(request)
    data = (
        request.GET
        if "unit" in request.GET
        else {**request.GET.dict(), "unit": acting.code if acting else ""}
    )
    form = CalendarFilterForm(data)
    filters = form.cleaned_data if form.is_valid() else {}
    unit = None
    commemorations: CommemorationQuerySet = Commemoration.objects.visible_to(request.user)
    if code := filters.pop("unit", ""):
        unit = access.visible_unit(request.user, code=code)
        commemorations = commemorations.for_unit(unit)
    items = queries.anniversaries(commemorations.select_related("unit"), year)
    return form, unit, queries.filter_anniversaries(items, **filters)


def _htmx_partial(request: HttpRequest, template: str, partial: str) -> str:
    """The page's partial for an htmx request (the same view renders both)."""
    return f"{template}#{partial}" if request.htmx else template  # type: ignore[attr-defined]


def _year_or_404(year: int) -> int:
    try:
        return queries.check_year(year)
    except queries.YearOutOfRange as error:
        raise Http404(str(error)) from error


def _by_month(
    year: int, items: list[queries.Anniversary], entries: list[CalendarEntry]
) -> list[tuple[datetime.date, list[queries.Anniversary], list[CalendarEntry]]]:
    """The anniversaries and the other apps' entries (activities) grouped under the first day of
    their month, month by month; an entry begun the year before stands under January."""
    months: dict[datetime.date, tuple[list[queries.Anniversary], list[CalendarEntry]]] = {}
    for item in items:
        months.setdefault(item.date.replace(day=1), ([], []))[0].append(item)
    for entry in entries:
        first = entry.starts_on.replace(day=1)
        if first.year < year:
            first = datetime.date(year, 1, 1)
        months.setdefault(first, ([], []))[1].append(entry)
    return [(first, rows, found) for first, (rows, found) in sorted(months.items())]


def _step(year: int, month: int, months: int) -> datetime.date | None:
    """The first day of the month `months` away, if the calendar covers it."""
    index = year * 12 + month - 1 + months
    year, month = index // 12, index % 12 + 1
    return (
        datetime.date(year, month, 1) if queries.FIRST_YEAR <= year <= queries.LAST_YEAR else None
    )


# --- Commemorations ---------------------------------------------------------------------------


@login_required
def commemoration_list(request: HttpRequest) -> HttpResponse:
    form = CommemorationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    commemorations = Commemoration.objects.visible_to(request.user).select_related("unit")
    for word in fold(filters.pop("q", "") or "").split():
        commemorations = commemorations.filter(folded_name__contains=word)
    commemorations = commemorations.filter(**{k: v for k, v in filters.items() if v})
    page = Paginator(commemorations, 50).get_page(request.GET.get("page"))
    can_add = any(m.role in access.WRITING_ROLES for m in access.memberships(request.user))
    context = {"form": form, "page": page, "can_add": can_add}
    return render(
        request, _htmx_partial(request, "events/commemoration_list.html", "results"), context
    )


@login_required
def commemoration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    commemoration = get_object_or_404(
        Commemoration.objects.visible_to(request.user).select_related("unit"), pk=pk
    )
    context = {
        "commemoration": commemoration,
        "upcoming": queries.upcoming(
            commemoration, from_year=timezone.localdate().year, count=UPCOMING_YEARS
        ),
        "can_edit": Commemoration.objects.editable_by(request.user).filter(pk=pk).exists(),
        "related": related.for_object(request.user, commemoration),
    }
    return render(request, "events/commemoration_detail.html", context)


@login_required
def commemoration_create(request: HttpRequest) -> HttpResponse:
    units = access.units_with_role(request.user, access.WRITING_ROLES)
    acting = access.acting_unit(request)
    form = CommemorationForm(
        request.POST or None, units=units, initial={"unit": acting.pk if acting else None}
    )
    if request.method == "POST" and form.is_valid():
        commemoration = services.create_commemoration(by=request.user, **form.cleaned_data)
        messages.success(
            request, _("The commemoration “%(name)s” is added.") % {"name": commemoration.name}
        )
        return redirect(commemoration)
    return render(request, "events/commemoration_form.html", {"form": form})


@login_required
def commemoration_update(request: HttpRequest, pk: int) -> HttpResponse:
    commemoration = get_object_or_404(Commemoration.objects.editable_by(request.user), pk=pk)
    own = Unit.objects.filter(commemorations=commemoration)  # keeps its unit a valid choice
    units = (access.units_with_role(request.user, access.WRITING_ROLES) | own).distinct()
    initial = model_to_dict(commemoration, fields=list(CommemorationForm.base_fields))
    form = CommemorationForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_commemoration(commemoration, by=request.user, **form.cleaned_data)
        messages.success(
            request, _("The commemoration “%(name)s” is saved.") % {"name": commemoration.name}
        )
        return redirect(commemoration)
    return render(
        request, "events/commemoration_form.html", {"form": form, "commemoration": commemoration}
    )


@require_POST
@login_required
def commemoration_delete(request: HttpRequest, pk: int) -> HttpResponse:
    commemoration = get_object_or_404(Commemoration.objects.editable_by(request.user), pk=pk)
    services.delete_commemoration(commemoration, by=request.user)
    messages.success(
        request, _("The commemoration “%(name)s” is deleted.") % {"name": commemoration.name}
    )
    return redirect("events:commemoration_list")


# --- The iCalendar feed -----------------------------------------------------------------------


def feed(request: HttpRequest, code: str) -> HttpResponse:
    """The unit's anniversaries of last year, this year and the next two, as iCalendar, for the
    signed-in person or a subscription link.

    A subscription link carries a signed token naming its person; access is decided anew on every
    fetch, so a person who loses their membership (or changes their password) loses the feed.
    """
    user = _feed_user(request)
    if user is None:
        return redirect_to_login(request.get_full_path())
    unit = access.visible_unit(user, code=code)
    this_year = timezone.localdate().year
    commemorations = Commemoration.objects.visible_to(user).for_unit(unit).select_related("unit")
    first, last = datetime.date(this_year - 1, 1, 1), datetime.date(this_year + 2, 12, 31)
    items = queries.anniversaries_between(commemorations, first, last)
    name = f"{_('Commemorations')} — {unit.name}"
    site = f"{request.scheme}://{request.get_host()}"
    host = request.get_host().split(":")[0]
    entries = calendar_entries(user, unit, first, last)
    body = ics.anniversary_feed(items, name=name, host=host, site=site, entries=entries)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{unit.code}.ics"'
    return response


def _feed_user(request: HttpRequest) -> Any:
    """The signed-in person, or the live person a valid subscription token names; None without either."""
    if request.user.is_authenticated:
        return request.user
    if "token" not in request.GET:
        return None
    try:
        payload = signing.loads(request.GET["token"], salt=FEED_SALT)
    except signing.BadSignature as error:
        raise Http404 from error
    user = get_user_model().objects.filter(pk=payload.get("user"), is_active=True).first()
    if user is None or not constant_time_compare(
        payload.get("auth", ""), user.get_session_auth_hash()[:16]
    ):
        raise Http404
    return user


def _feed_url(request: HttpRequest, unit: Unit | None) -> str:
    """A subscription link to the unit's feed for calendar programs, signed for this person."""
    if unit is None:
        return ""
    user: Any = request.user
    token = signing.dumps(
        {"user": user.pk, "auth": user.get_session_auth_hash()[:16]}, salt=FEED_SALT
    )
    return request.build_absolute_uri(reverse("events:feed", args=[unit.code])) + f"?token={token}"
