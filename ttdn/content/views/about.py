"""A site's about page (Giới thiệu): history, organisation, contacts and map, its leaders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.content import queries, services
from ttdn.content.forms import AboutForm, LeaderForm
from ttdn.content.models import REVIEWING_ROLES, AboutPage, Leader, Site
from ttdn.content.services.about import CONTACT_FIELDS, KEEP
from ttdn.core import access, history, pending
from ttdn.core.feedback import attempt, errors_of
from ttdn.core.models import AuditEntry


def _about_site(request: HttpRequest, code: str) -> Site:
    """A site whose about page the person fills in: its leaders' and those above (as settings)."""
    units = access.supervised_units(request.user, REVIEWING_ROLES)
    return get_object_or_404(
        Site.objects.select_related("unit"), unit__in=units.values("pk"), unit__code=code
    )


@login_required
def about_edit(request: HttpRequest, code: str) -> HttpResponse:
    site = _about_site(request, code)
    about = queries.about(site)
    kind = request.POST.get("form") if request.method == "POST" else None
    page = about.page
    initial = {name: getattr(site, name) for name in CONTACT_FIELDS}
    if page is not None:
        initial |= {"history": page.history, "organisation": page.organisation}
    files = pending.restore(request)
    form = AboutForm(
        request.POST if kind == "about" else None, files if kind == "about" else None,
        initial=initial, prefix="about",
    )  # fmt: skip
    leader_form = LeaderForm(
        request.POST if kind == "leader" else None, files if kind == "leader" else None,
        prefix="leader",
    )  # fmt: skip
    done = (kind == "about" and _save(request, form, _save_about, site)) or (
        kind == "leader" and _save(request, leader_form, _add_leader, site)
    )
    if done:
        pending.discard(request)
        return redirect("content:about_edit", code)
    for bound in (form, leader_form):
        if bound.is_bound:
            pending.keep(request, bound)
    entries = AuditEntry.objects.filter(
        object_type__in=[AboutPage._meta.label, Leader._meta.label], unit_id=site.unit_id
    )
    context = {
        "site": site,
        "about": about,
        "form": form,
        "leader_form": leader_form,
        "history": history.describe(entries.order_by("-pk")[:50]),
    }
    return render(request, "content/about_form.html", context)


def _save(request: HttpRequest, form: Any, save: Any, target: Any) -> bool:
    if not form.is_valid():
        return False
    try:
        save(request, target, dict(form.cleaned_data))
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, errors_of(error))
        return False
    messages.success(request, _("Saved."))
    return True


@transaction.atomic
def _save_about(request: HttpRequest, site: Site, data: dict[str, Any]) -> None:
    """The page and its new map picture together: a refused page leaves no stray picture."""
    upload, alt, remove = data.pop("map_upload"), data.pop("map_alt"), data.pop("map_remove")
    map_image = None if remove else KEEP
    if upload:
        map_image = services.add_image(site, upload=upload, alt=alt, by=request.user)
    services.save_about(site, by=request.user, map_image=map_image, **data)


def _photo(request: HttpRequest, site: Site, data: dict[str, Any]) -> Any:
    upload = data.pop("photo_upload")
    if not upload:
        return KEEP
    alt = f"{data.get('name', '')}, {data.get('role', '')}".strip(", ")
    return services.add_image(site, upload=upload, alt=alt, by=request.user)


@transaction.atomic
def _add_leader(request: HttpRequest, site: Site, data: dict[str, Any]) -> None:
    photo = _photo(request, site, data)
    services.add_leader(site, by=request.user, photo=None if photo is KEEP else photo, **data)


@transaction.atomic
def _update_leader(request: HttpRequest, leader: Leader, data: dict[str, Any]) -> None:
    photo = _photo(request, leader.site, data)
    services.update_leader(leader, by=request.user, photo=photo, **data)


def _leader(request: HttpRequest, pk: int) -> Leader:
    units = access.supervised_units(request.user, REVIEWING_ROLES)
    return get_object_or_404(
        Leader.objects.select_related("site__unit", "photo"),
        pk=pk,
        site__unit__in=units.values("pk"),
    )


@login_required
def leader_edit(request: HttpRequest, pk: int) -> HttpResponse:
    leader = _leader(request, pk)
    names = ("name", "role", "phone", "email", "show_phone", "show_email")
    form = LeaderForm(
        request.POST or None, pending.restore(request) or None,
        initial={name: getattr(leader, name) for name in names},
    )  # fmt: skip
    if request.method == "POST" and _save(request, form, _update_leader, leader):
        pending.discard(request)
        return redirect("content:about_edit", leader.site.unit.code)
    if form.is_bound:
        pending.keep(request, form)
    return render(request, "content/leader_form.html", {"leader": leader, "form": form})


@require_POST
@login_required
def leader_move(request: HttpRequest, pk: int) -> HttpResponse:
    leader = _leader(request, pk)
    step = -1 if request.POST.get("step") == "up" else 1
    attempt(
        request, _("The order is saved."), services.move_leader, leader, by=request.user, step=step
    )
    return redirect("content:about_edit", leader.site.unit.code)


@require_POST
@login_required
def leader_remove(request: HttpRequest, pk: int) -> HttpResponse:
    leader = _leader(request, pk)
    message = _("Removed from the leadership.")
    attempt(request, message, services.remove_leader, leader, by=request.user)
    return redirect("content:about_edit", leader.site.unit.code)
