"""Press documents: writing, review, publication (figures frozen), correction notices,
printing and issuing; the unit's spokesperson."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ttdn import docgen
from ttdn.core import access
from ttdn.core.feedback import attempt
from ttdn.documents import printing
from ttdn.documents import queries as register_queries
from ttdn.documents.exports import missing_part_names
from ttdn.org.enums import Role
from ttdn.stats import exports, queries, rules, services
from ttdn.stats.enums import Language, PressStatus
from ttdn.stats.forms import PressContactForm, PressDocumentForm
from ttdn.stats.models import Dataset, Figure, PressContact, PressDocument
from ttdn.stats.views.common import form_page, show_refusal, unit_or_404

INCOMPLETE = gettext_lazy("The document cannot be printed yet; it lacks: %(parts)s.")


def _document(request: HttpRequest, pk: int) -> PressDocument:
    return get_object_or_404(
        PressDocument.objects.visible_to(request.user).select_related(
            "unit", "corrects", "article"
        ),
        pk=pk,
    )


@login_required
def press_list(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_or_404(request, pk)
    documents = PressDocument.objects.filter(unit=unit).select_related("corrects")
    context = {
        "unit": unit,
        "documents": documents,
        "out_of_date": queries.out_of_date(documents),
        "can_write": rules.can_enter_figures(request.user, unit),
    }
    return render(request, "stats/press_list.html", context)


@login_required
def press_new(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_or_404(request, pk)
    if not rules.can_enter_figures(request.user, unit):
        raise PermissionDenied
    approved = Figure.objects.approved().filter(unit=unit)
    periods = queries.dashboard(unit, completeness=False).periods
    datasets = Dataset.objects.filter(pk__in=approved.values("dataset_id"))
    form = PressDocumentForm(request.POST or None, periods=periods, datasets=datasets)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.create_press_document(unit, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Draft saved. Send it for review when it is ready."))
            return redirect(document)
    return form_page(
        request,
        form,
        title=_("New press document"),
        unit=unit,
        back=reverse("stats:press_list", args=[unit.pk]),
        intro=_("The figures are inserted by reference: publishing freezes them, and a later "
                "correction of a figure marks the document out of date."),
    )  # fmt: skip


@login_required
def press_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    rows = queries.cited(document)
    user = request.user
    context = {
        "document": document,
        "unit": document.unit,
        "rows": rows,
        "texts": [
            (code, label, document.title_in(code), queries.filled_text(document, rows, code))
            for code, label in Language.choices
        ],
        "changed": [row for row in rows if row.now is not None],
        "can_write": rules.can_write_press(user, document),
        "can_publish": rules.can_publish_press(user, document),
        "moves": PressStatus,
        "corrections": document.corrections.all(),
        "is_public": PressDocument.objects.public().filter(pk=document.pk).exists(),
        "next_number": register_queries.next_number_symbol(
            document.unit, doc_type=docgen.DocumentType.NOTICE
        )
        if document.is_published and not document.outgoing_id
        else "",
    }
    return render(request, "stats/press_detail.html", context)


ACTIONS = {
    "submit": (services.submit_press_document, gettext_lazy("Sent for review.")),
    "return": (services.return_press_document, gettext_lazy("Sent back to the writers.")),
    "publish": (
        services.publish_press_document,
        gettext_lazy(
            "Published: its figures are frozen and its article is sent to the portal's review; "
            "the press kit shows it once the article is approved."
        ),
    ),
    "withdraw": (services.withdraw_press_document, gettext_lazy("Withdrawn from the press kit.")),
}


@require_POST
@login_required
def press_move(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    document = _document(request, pk)
    if action not in ACTIONS:
        raise Http404
    service, done = ACTIONS[action]
    attempt(request, str(done), service, document, by=request.user)
    return redirect(document)


@require_POST
@login_required
def press_correction(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    made: list[PressDocument] = []
    drafted = attempt(
        request,
        _("Correction notice drafted: check it and send it for review."),
        lambda: made.append(services.draft_correction(document, by=request.user)),
    )
    return redirect(made[0] if drafted else document)


def _print_doc(document: PressDocument, language: str) -> docgen.Document:
    contact = PressContact.objects.filter(unit=document.unit).first()
    return exports.press_document(document, contact, language)


@login_required
def press_print(request: HttpRequest, pk: int, language: str, fmt: str) -> HttpResponse:
    document = _document(request, pk)
    if language not in Language.values:
        raise Http404
    doc = _print_doc(document, language)
    render_bytes = exports.pdf_bytes if fmt == "pdf" else exports.docx_bytes
    return printing.download(
        request,
        fmt,
        lambda fmt: render_bytes(document, doc),
        filename=f"thong-cao-{document.pk}-{language}",
        back=document,
        incomplete=INCOMPLETE,
    )


@require_POST
@login_required
def press_issue(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document(request, pk)
    doc = _print_doc(document, Language.VI)
    missing = missing_part_names(docgen.missing_parts(doc))
    if missing:
        messages.error(request, str(INCOMPLETE) % {"parts": ", ".join(missing)})
        return redirect(document)
    try:
        services.issue_press_document(document, doc=doc, by=request.user)
    except (ValidationError, PermissionDenied, ValueError) as error:
        messages.error(request, "; ".join(getattr(error, "messages", [str(error)])))
    else:
        document.refresh_from_db()
        number = document.outgoing.number_symbol if document.outgoing else ""
        messages.success(request, _("Issued as %(number)s.") % {"number": number})
    return redirect(document)


@login_required
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_or_404(request, pk)
    if not access.can_act_for(request.user, unit, {Role.LEADER}):
        raise PermissionDenied
    contact = PressContact.objects.filter(unit=unit).first()
    form = PressContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_press_contact(unit, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("Spokesperson saved."))
            return redirect("stats:dashboard", pk=unit.pk)
    return form_page(
        request,
        form,
        title=_("Spokesperson and press contact"),
        unit=unit,
        back=reverse("stats:dashboard", args=[unit.pk]),
        intro=_("Shown on the unit's press kit (Nghị định 09/2017/NĐ-CP)."),
    )
