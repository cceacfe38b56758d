"""A site's sections, settings, exemplary figures and consents."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.content import services
from ttdn.content.enums import PALETTE_HEX, ExemplarRole, Palette
from ttdn.content.forms import (
    ConsentForm,
    ExemplarForm,
    NewSectionForm,
    SectionForm,
    SiteForm,
)
from ttdn.content.models import (
    REVIEWING_ROLES,
    Consent,
    Section,
    Site,
)
from ttdn.content.views.common import writable_site
from ttdn.core import access, pending
from ttdn.core.feedback import attempt, errors_of

# --- Sections ------------------------------------------------------------------------------


@login_required
def section_list(request: HttpRequest, code: str) -> HttpResponse:
    site = writable_site(request, code)
    form = NewSectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        message = _("The section is added.")
        if attempt(
            request, message, services.create_section, site, by=request.user, **form.cleaned_data
        ):
            return redirect("content:section_list", code)
    sections = site.sections.annotate(article_count=Count("articles"))
    return render(
        request, "content/section_list.html", {"site": site, "form": form, "sections": sections}
    )


def _section(request: HttpRequest, pk: int) -> Section:
    units = access.supervised_units(request.user, access.EDITING_ROLES)
    return get_object_or_404(
        Section.objects.select_related("site__unit"), pk=pk, site__unit__in=units.values("pk")
    )


@login_required
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = _section(request, pk)
    initial = {
        "title": section.title,
        "slug": section.slug,
        "is_hidden": section.is_hidden,
        "parent": section.parent_id,
    }
    form = SectionForm(request.POST or None, initial=initial, section=section)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_section(section, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, errors_of(error))
        else:
            messages.success(request, _("The section is saved."))
            return redirect("content:section_list", section.site.unit.code)
    return render(request, "content/section_form.html", {"section": section, "form": form})


@require_POST
@login_required
def section_move(request: HttpRequest, pk: int) -> HttpResponse:
    section = _section(request, pk)
    step = -1 if request.POST.get("step") == "up" else 1
    attempt(
        request,
        _("The order is saved."),
        services.move_section,
        section,
        by=request.user,
        step=step,
    )
    return redirect("content:section_list", section.site.unit.code)


@require_POST
@login_required
def section_delete(request: HttpRequest, pk: int) -> HttpResponse:
    section = _section(request, pk)
    attempt(
        request, _("The section is deleted."), services.delete_section, section, by=request.user
    )
    return redirect("content:section_list", section.site.unit.code)


# --- Exemplary figures and consents --------------------------------------------------------


@login_required
def exemplar_list(request: HttpRequest, code: str) -> HttpResponse:
    site = writable_site(request, code)
    form = ExemplarForm(request.POST or None, pending.restore(request) or None, site=site)
    if request.method == "POST" and form.is_valid():
        message = _("The exemplary figure is added.")
        if attempt(request, message, _create_exemplar, request, site, dict(form.cleaned_data)):
            pending.discard(request)
            return redirect("content:exemplar_list", code)
    if form.is_bound:
        pending.keep(request, form)
    exemplars = site.exemplars.select_related("consent")
    return render(
        request, "content/exemplar_list.html", {"site": site, "form": form, "exemplars": exemplars}
    )


@transaction.atomic
def _create_exemplar(request: HttpRequest, site: Site, data: dict[str, Any]) -> None:
    """The figure and its photo together: a refused figure leaves no stray photo behind."""
    photo = None
    if upload := data.pop("photo_upload"):
        photo = services.add_image(
            site, upload=upload, alt=data.pop("photo_alt") or data["name"], by=request.user,
            shows_pupils=data["role"] == ExemplarRole.PUPIL, consent=data["consent"],
        )  # fmt: skip
    data.pop("photo_alt", None)
    services.create_exemplar(site, by=request.user, photo=photo, **data)


@login_required
def site_settings(request: HttpRequest, code: str) -> HttpResponse:
    units = access.supervised_units(request.user, REVIEWING_ROLES)
    site = get_object_or_404(
        Site.objects.select_related("unit"), unit__in=units.values("pk"), unit__code=code
    )
    files = pending.restore(request) or None
    form = SiteForm(request.POST or None, files, initial=SiteForm.initial_for(site))
    if request.method == "POST" and form.is_valid():
        message = _("The site's settings are saved.")
        if attempt(request, message, _save_site, request, site, form.cleaned_data):
            pending.discard(request)
            return redirect("content:site_settings", code)
    if form.is_bound:
        pending.keep(request, form)
    presets = [(PALETTE_HEX[colour], colour.label) for colour in Palette]
    context = {"site": site, "form": form, "presets": presets}
    return render(request, "content/site_settings.html", context)


@transaction.atomic
def _save_site(request: HttpRequest, site: Site, data: dict[str, Any]) -> None:
    if upload := data.pop("logo_upload"):
        data["logo"] = services.add_image(site, upload=upload, alt=site.unit.name, by=request.user)
    alt = data.pop("banner_alt")
    if upload := data.pop("banner_upload"):
        data["banner"] = services.add_image(site, upload=upload, alt=alt, by=request.user)
    services.update_site(site, by=request.user, **data)


@login_required
def consent_list(request: HttpRequest, code: str) -> HttpResponse:
    site = writable_site(request, code)
    form = ConsentForm(request.POST or None, site=site)
    if request.method == "POST" and form.is_valid():
        message = _("The consent is recorded.")
        if attempt(
            request, message, services.record_consent, site, by=request.user, **form.cleaned_data
        ):
            return redirect("content:consent_list", code)
    consents = Consent.objects.filter(site=site)
    return render(
        request, "content/consent_list.html", {"site": site, "form": form, "consents": consents}
    )
