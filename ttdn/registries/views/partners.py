"""The registries' home, partners and their contacts, and the Excel sheets."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core import access
from ttdn.core.feedback import attempt
from ttdn.core.text import fold
from ttdn.documents.exports import XLSX_TYPE
from ttdn.registries import excel, queries
from ttdn.registries.forms import ImportForm, PartnerContactForm, PartnerForm, SearchForm
from ttdn.registries.models import Partner, PartnerContact
from ttdn.registries.services import partners as services
from ttdn.registries.views.common import (
    can_record,
    form_page,
    page_of,
    recording_units,
    save_or_show,
)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    context = {
        "awaiting": queries.approvals_awaiting(request.user),
        "can_record": can_record(request),
        "year": timezone.localdate().year,
    }
    return render(request, "registries/home.html", context)


# --- Partners -----------------------------------------------------------------------------------


@login_required
def partner_list(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    rows = Partner.objects.visible_to(request.user)
    words = fold(form.cleaned_data["q"]).split() if form.is_valid() else []
    for word in words:
        rows = rows.filter(folded_name__contains=word)
    context = {"form": form, "page": page_of(request, rows), "can_record": can_record(request)}
    template = "registries/partner_list.html"
    return render(request, f"{template}#results" if request.htmx else template, context)  # type: ignore[attr-defined]


@login_required
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner.objects.visible_to(request.user), pk=pk)
    units = recording_units(request)
    context = {
        "partner": partner,
        "history": queries.partner_history(partner, request.user),
        "contacts": partner.contacts.visible_to(request.user).select_related("unit"),
        "contact_form": PartnerContactForm(
            units=units, initial={"unit": access.acting_unit(request)}
        )
        if units.exists()
        else None,
        "can_edit": units.filter(pk=partner.recorded_by_id).exists(),
    }
    return render(request, "registries/partner_detail.html", context)


@login_required
def partner_create(request: HttpRequest) -> HttpResponse:
    form = PartnerForm(
        request.POST or None,
        units=recording_units(request),
        initial={"unit": access.acting_unit(request)},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        partner = save_or_show(form, lambda: services.record_partner(unit, by=request.user, **data))
        if partner is not None:
            messages.success(
                request, _("The partner “%(name)s” is recorded.") % {"name": partner.name}
            )
            return redirect(partner)
    intro = _("A partner is recorded once for the whole system: search the list before adding one.")
    return form_page(
        request, form, title=_("Record a partner"), back="registries:partner_list", intro=intro
    )


@login_required
def partner_update(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(
        Partner.objects.filter(recorded_by__in=recording_units(request).values("pk")), pk=pk
    )
    initial = {name: getattr(partner, name) for name in PartnerForm.base_fields if name != "unit"}
    form = PartnerForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_show(
            form, lambda: services.update_partner(partner, by=request.user, **form.cleaned_data)
        )
    ):
        messages.success(request, _("The partner “%(name)s” is saved.") % {"name": partner.name})
        return redirect(partner)
    return form_page(request, form, title=_("Edit the partner"), back=partner.get_absolute_url())


@require_POST
@login_required
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner.objects.visible_to(request.user), pk=pk)
    form = PartnerContactForm(request.POST, units=recording_units(request))
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(partner)
    data = dict(form.cleaned_data)
    attempt(
        request, _("The contact is added."), services.add_contact, partner, by=request.user, **data
    )
    return redirect(partner)


@require_POST
@login_required
def contact_remove(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(PartnerContact.objects.editable_by(request.user), pk=pk)
    attempt(
        request, _("The contact is removed."), services.remove_contact, contact, by=request.user
    )
    return redirect(contact.partner)


# --- Excel --------------------------------------------------------------------------------------


def _sheet(name: str) -> excel.Sheet:
    if name not in excel.SHEETS:
        raise Http404
    return excel.SHEETS[name]


@login_required
def sheet_export(request: HttpRequest, name: str) -> HttpResponse:
    sheet = _sheet(name)
    response = HttpResponse(excel.export(sheet, request.user), content_type=XLSX_TYPE)
    stem = f"{sheet.name}-{timezone.localdate():%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.xlsx"'
    return response


@login_required
def sheet_import(request: HttpRequest, name: str) -> HttpResponse:
    sheet = _sheet(name)
    if not recording_units(request).exists():
        raise Http404
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        try:
            result = excel.import_rows(sheet, form.cleaned_data["file"].read(), by=request.user)
        except ValidationError as error:
            form.add_error("file", error.messages)
        if result is not None and not result.errors:
            messages.success(request, _("%(count)s rows imported.") % {"count": result.created})
            return redirect("registries:home")
    context = {"form": form, "sheet": sheet, "result": result}
    return render(request, "registries/import.html", context)
