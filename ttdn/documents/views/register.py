"""The outgoing register: a unit's register by year, its .xlsx, one issued document with its
files, the compose screen that issues documents, and the unit's letterhead."""

from __future__ import annotations

import hashlib
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ttdn import docgen
from ttdn.core import access, related
from ttdn.core.feedback import attempt
from ttdn.core.forms import form_errors
from ttdn.documents import exports, queries, rules, services
from ttdn.documents.forms import ComposeForm, LetterheadForm, RegisterFilterForm, WithdrawForm
from ttdn.documents.models import OutgoingDocument
from ttdn.documents.services import LETTERHEAD_FIELDS
from ttdn.org.models import Unit

PAGE_SIZE = 50

# --- The register ------------------------------------------------------------------


@login_required
def register_home(request: HttpRequest) -> HttpResponse:
    membership = access.active_membership(request.user, request.session)
    if membership is None:
        raise Http404(_("You act for no unit."))
    return redirect("register:register", unit_pk=membership.unit_id)


@login_required
def register(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = access.visible_unit(request.user, pk=unit_pk)
    form, found = _register_of(request, unit)
    context = {
        "form": form,
        "register": found,
        "page": Paginator(found.entries, PAGE_SIZE).get_page(request.GET.get("page")),
        "can_issue": rules.issuing_units(request.user).filter(pk=unit.pk).exists(),
        "can_set_letterhead": rules.can_set_letterhead(request.user, unit),
    }
    return render(request, "documents/register.html", context)


@login_required
def register_export(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = access.visible_unit(request.user, pk=unit_pk)
    _form, found = _register_of(request, unit)
    response = HttpResponse(exports.register_workbook(found), content_type=exports.XLSX_TYPE)
    filename = f"so-van-ban-di-{unit.slug}-{found.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _register_of(request: HttpRequest, unit: Unit) -> tuple[RegisterFilterForm, queries.Register]:
    form = RegisterFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    year = filters.get("year") or timezone.localdate().year
    return form, queries.register(unit, year=year, type=filters.get("type", ""))


# --- One issued document -------------------------------------------------------------


def _visible(request: HttpRequest, pk: int) -> OutgoingDocument:
    documents = OutgoingDocument.objects.visible_to(request.user)
    return get_object_or_404(documents.select_related("unit", "issued_by"), pk=pk)


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    outgoing = _visible(request, pk)
    can_withdraw = not outgoing.is_withdrawn and rules.can_withdraw(request.user, outgoing)
    context = {
        "outgoing": outgoing,
        "pdf_available": docgen.pdf_available(),
        "related": related.for_object(request.user, outgoing),
        "withdraw_form": WithdrawForm() if can_withdraw else None,
        "can_publish_on_site": rules.can_publish_on_site(request.user, outgoing),
    }
    return render(request, "documents/outgoing_detail.html", context)


@require_POST
@login_required
def document_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    outgoing = _visible(request, pk)
    if not rules.can_withdraw(request.user, outgoing):
        raise PermissionDenied
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(outgoing)
    attempt(
        request,
        _("%(number)s is withdrawn; its number stays used.") % {"number": outgoing},
        services.withdraw_document,
        outgoing,
        reason=form.cleaned_data["reason"],
        by=request.user,
    )
    return redirect(outgoing)


@require_POST
@login_required
def document_publish_on_site(request: HttpRequest, pk: int) -> HttpResponse:
    outgoing = _visible(request, pk)
    if not rules.can_publish_on_site(request.user, outgoing):
        raise PermissionDenied
    success = _("%(number)s is shown on the unit's public site.") % {"number": outgoing}
    attempt(request, success, services.publish_on_site, outgoing, by=request.user)
    return redirect(outgoing)


@require_POST
@login_required
def document_unpublish_from_site(request: HttpRequest, pk: int) -> HttpResponse:
    outgoing = _visible(request, pk)
    if not rules.can_publish_on_site(request.user, outgoing):
        raise PermissionDenied
    success = _("%(number)s is no longer shown on the unit's public site.") % {"number": outgoing}
    attempt(request, success, services.unpublish_from_site, outgoing, by=request.user)
    return redirect(outgoing)


@login_required
def document_docx(request: HttpRequest, pk: int) -> HttpResponse:
    return exports.docx_response(_visible(request, pk))


@login_required
def document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    outgoing = _visible(request, pk)
    try:
        return exports.pdf_response(outgoing)
    except docgen.PdfUnavailable:
        messages.error(request, _("PDF is unavailable here: LibreOffice is not installed."))
        return redirect(outgoing)


# --- Compose and issue ---------------------------------------------------------------


@login_required
def compose(request: HttpRequest) -> HttpResponse:
    """Compose, preview, then issue from a confirmation that names the number it will take
    and where the document goes; a text changed after its preview is confirmed again. (Whoever
    issues first takes a number: the message after issuing names the one taken.)"""
    units = rules.issuing_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = ComposeForm(request.POST or None, units=units, initial=_signer_initial(request))
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and form.is_valid() and form.document is not None:
        data = form.cleaned_data
        number = queries.next_number_symbol(
            data["unit"], doc_type=form.document.doc_type, drafting_unit=data["drafting_unit"]
        )
        confirmation = _digest(form.document)
        if "issue" in request.POST and request.POST.get("confirmation") == confirmation:
            outgoing = services.issue_document(
                data["unit"],
                doc=form.document,
                by=request.user,
                drafting_unit=data["drafting_unit"],
            )
            messages.success(request, _("Issued as %(number)s.") % {"number": outgoing})
            return redirect(outgoing)
        if "issue" in request.POST:
            messages.warning(request, CONFIRM_AGAIN)
        context |= {
            "preview": exports.preview(form.document),
            "number": number,
            "confirmation": confirmation,
        }
    return render(request, "documents/compose.html", context)


CONFIRM_AGAIN = gettext_lazy(
    "The document changed since its preview, or was not previewed: check it and confirm again."
)


def _digest(doc: docgen.Document) -> str:
    """Ties a confirmation to the text previewed: an edit after the preview asks again."""
    return hashlib.sha256(repr(doc).encode()).hexdigest()[:16]


def _signer_initial(request: HttpRequest) -> dict[str, Any]:
    unit = access.acting_unit(request)
    if unit is None:
        return {"unit": None}
    signer = queries.signer_defaults(unit)
    return {
        "unit": unit.pk,
        "signer_name": signer["signer_name"],
        "authority": "",
        "signer_position": signer["signer_position"],
    }


# --- The letterhead ------------------------------------------------------------------


@login_required
def letterhead(request: HttpRequest, unit_pk: int) -> HttpResponse:
    unit = access.visible_unit(request.user, pk=unit_pk)
    if not rules.can_set_letterhead(request.user, unit):
        raise PermissionDenied
    current = model_to_dict(queries.letterhead_for(unit), fields=LETTERHEAD_FIELDS)
    form = LetterheadForm(request.POST or None, initial=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_letterhead(unit, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The letterhead is saved."))
            return redirect("register:register", unit_pk=unit.pk)
    return render(request, "documents/letterhead_form.html", {"form": form, "unit": unit})
