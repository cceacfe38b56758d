"""Screens of units: the list of visible units, one unit, and the unit switcher."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ttdn.core import access
from ttdn.org import queries
from ttdn.org.forms import SwitchUnitForm, UnitFilterForm
from ttdn.org.models import Membership, Unit


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    form = UnitFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    units = queries.search_units(access.visible_units(request.user), **filters)
    page = Paginator(units, 50).get_page(request.GET.get("page"))
    template = "org/unit_list.html#results" if request.htmx else "org/unit_list.html"  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "page": page})


@login_required
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = access.visible_unit(request.user, Unit.objects.select_related("parent"), code=code)
    context = {
        "unit": unit,
        "ancestors": [
            u for u in access.visible_units(request.user).filter(pk__in=unit.ancestor_ids)
        ],
        "children": unit.children.order_by("name"),
        "groups": unit.unit_groups.order_by("name"),
        "members": Membership.objects.active()
        .filter(unit=unit)
        .select_related("user")
        .order_by("role", "user__last_name"),
        "history": unit.changes.select_related("by", "from_parent", "to_parent")[:50],
    }
    return render(request, "org/unit_detail.html", context)


@require_POST
@login_required
def switch_unit(request: HttpRequest) -> HttpResponse:
    form = SwitchUnitForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    membership = next(
        (m for m in access.memberships(request.user) if m.unit_id == form.cleaned_data["unit"]),
        None,
    )
    if membership is None:
        return HttpResponseBadRequest()
    request.session["unit_id"] = membership.unit_id
    target = form.cleaned_data["next"]
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(target if safe and target else "home")
