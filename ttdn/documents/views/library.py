"""Screens of the legal library: list and search, one document, editing, the citation checker,
and each unit's public page of the documents it publishes (no sign-in)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core import access, uploads
from ttdn.core.enums import UploadJobStatus
from ttdn.documents import checker, queries, rules, services
from ttdn.documents.citations import document_date
from ttdn.documents.enums import Classification
from ttdn.documents.forms import (
    CheckForm,
    DocumentFilterForm,
    DocumentForm,
    FileForm,
    PublicSearchForm,
    PublishForm,
    RelationForm,
)
from ttdn.documents.models import Document, DocumentFile, DocumentRelation, Publication
from ttdn.org.models import Unit

CHECK_JOB = "documents.check"  # the worker reads a heavy file (core.uploads)
PREFILL = ("type", "number_symbol", "issued_on", "issuer", "title")

# --- The library -------------------------------------------------------------


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    documents = Document.objects.visible_to(request.user)
    form = DocumentFilterForm(request.GET or None, issuers=queries.issuers(documents))
    filters = form.cleaned_data if form.is_valid() else {}
    library = queries.library_page(documents, page=request.GET.get("page"), **filters)
    partial = "#results" if request.htmx else ""  # type: ignore[attr-defined]
    return render(
        request,
        f"documents/document_list.html{partial}",
        {"form": form, "library": library, "can_add": rules.can_add_documents(request.user)},
    )


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        Document.objects.visible_to(request.user).select_related("unit"), pk=pk
    )
    return _detail(request, document)


def _detail(
    request: HttpRequest, document: Document, status: int = 200, **forms: Any
) -> HttpResponse:
    user = request.user
    can_edit = rules.can_edit_document(user, document)
    publishable = rules.publishing_units(user).exclude(document_publications__document=document)
    context = {
        "document": document,
        "relations": queries.relations(document, Document.objects.visible_to(user)),
        "files": document.files.all(),
        "publications": queries.publications(document, user),
        "managed_unit_ids": set(rules.publishing_units(user).values_list("pk", flat=True)),
        "can_edit": can_edit,
        "relation_form": forms.get("relation_form")
        or (RelationForm(documents=Document.objects.none()) if can_edit else None),
        "file_form": forms.get("file_form") or (FileForm() if can_edit else None),
        "publish_form": forms.get("publish_form")
        or (
            PublishForm(units=publishable)
            if document.classification == Classification.PUBLIC and publishable.exists()
            else None
        ),
    }
    return render(request, "documents/document_detail.html", context, status=status)


@login_required
def document_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_add_documents(request.user):
        raise PermissionDenied
    initial = {name: request.GET[name] for name in PREFILL if name in request.GET}
    form = _document_form(request, initial)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.create_document(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The document is in the library."))
            return redirect(document)
    return render(request, "documents/document_form.html", {"form": form, "document": None})


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.editable_by(request.user), pk=pk)
    form = _document_form(request, {**model_to_dict(document), "unit": document.unit_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.update_document(document, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The document is saved."))
            return redirect(document)
    return render(request, "documents/document_form.html", {"form": form, "document": document})


def _document_form(request: HttpRequest, initial: dict[str, Any]) -> DocumentForm:
    operator = access.is_operator(request.user)
    return DocumentForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        units=rules.owning_units(request.user).order_by("path"),
        unit_required=not operator,
    )


# --- Relations, files and publication of one document -----------------------


@require_POST
@login_required
def relation_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.editable_by(request.user), pk=pk)
    form = RelationForm(
        request.POST, documents=Document.objects.visible_to(request.user).exclude(pk=document.pk)
    )
    if not form.is_valid():
        return _detail(request, document, status=400, relation_form=form)
    services.relate_documents(
        document, form.cleaned_data["target"], kind=form.cleaned_data["kind"], by=request.user
    )
    messages.success(request, _("The relation is recorded."))
    return redirect(document)


@require_POST
@login_required
def relation_remove(request: HttpRequest, pk: int) -> HttpResponse:
    relation = get_object_or_404(
        DocumentRelation.objects.filter(
            source__in=Document.objects.editable_by(request.user).values("pk")
        ),
        pk=pk,
    )
    services.remove_relation(relation, by=request.user)
    messages.success(request, _("The relation is removed."))
    return redirect(relation.source)


@require_POST
@login_required
def file_add(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.editable_by(request.user), pk=pk)
    form = FileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, document, status=400, file_form=form)
    services.attach_file(document, file=form.cleaned_data["file"], by=request.user)
    messages.success(request, _("The file is attached."))
    return redirect(document)


@login_required
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    attached = get_object_or_404(
        DocumentFile.objects.filter(
            document__in=Document.objects.visible_to(request.user).values("pk")
        ),
        pk=pk,
    )
    return FileResponse(attached.file.open("rb"), as_attachment=True, filename=attached.name)


@require_POST
@login_required
def file_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attached = get_object_or_404(
        DocumentFile.objects.filter(
            document__in=Document.objects.editable_by(request.user).values("pk")
        ).select_related("document"),
        pk=pk,
    )
    services.remove_file(attached, by=request.user)
    messages.success(request, _("The file is removed."))
    return redirect(attached.document)


@require_POST
@login_required
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(Document.objects.visible_to(request.user).public(), pk=pk)
    form = PublishForm(request.POST, units=rules.publishing_units(request.user))
    if not form.is_valid():
        return _detail(request, document, status=400, publish_form=form)
    services.publish_document(document, unit=form.cleaned_data["unit"], by=request.user)
    messages.success(
        request,
        _("The document is on the public page of %(unit)s.") % {"unit": form.cleaned_data["unit"]},
    )
    return redirect(document)


@require_POST
@login_required
def unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    publication = get_object_or_404(
        Publication.objects.filter(
            unit__in=rules.publishing_units(request.user).values("pk")
        ).select_related("document", "unit"),
        pk=pk,
    )
    services.unpublish_document(publication, by=request.user)
    messages.success(
        request, _("The document is off the public page of %(unit)s.") % {"unit": publication.unit}
    )
    return redirect(publication.document)


# --- The citation checker ----------------------------------------------------


@login_required
def check(request: HttpRequest) -> HttpResponse:
    form = CheckForm(request.POST or None, request.FILES or None)
    valid = request.method == "POST" and form.is_valid()
    if valid and form.background is not None:  # a heavy file: the worker reads it
        data, name = form.background
        job = uploads.queue_upload(CHECK_JOB, data=data, filename=name, by=request.user)
        return redirect("upload_job", pk=job.pk)
    results = as_of = None
    if valid:
        text = form.cleaned_data["text"]
        as_of = document_date(text) or timezone.localdate()
        results = checker.in_problem_order(checker.check_for(request.user, text, on=as_of))
    context = {
        "form": form,
        "results": results,
        "as_of": as_of,
        "can_add": rules.can_add_documents(request.user),
    }
    return render(request, "documents/check.html", context)


@login_required
def check_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The citations of a file the worker has read."""
    job = uploads.job_of(request.user, pk, kind=CHECK_JOB)
    if job.status != UploadJobStatus.DONE:
        return redirect("upload_job", pk=job.pk)
    text = job.result["text"]
    as_of = document_date(text) or timezone.localdate()
    context = {
        "form": CheckForm(),
        "results": checker.in_problem_order(checker.check_for(request.user, text, on=as_of)),
        "as_of": as_of,
        "can_add": rules.can_add_documents(request.user),
        "checked_file": job.filename,
    }
    return render(request, "documents/check.html", context)


# --- A unit's public page (no sign-in) ---------------------------------------


def public_list(request: HttpRequest, slug: str) -> HttpResponse:
    unit = get_object_or_404(Unit, slug=slug)
    form = PublicSearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    library = queries.library_page(
        Document.objects.published_by(unit), q=q, page=request.GET.get("page")
    )
    return render(
        request, "documents/public_list.html", {"unit": unit, "form": form, "library": library}
    )


def public_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, slug=slug)
    published = Document.objects.published_by(unit)
    document = get_object_or_404(published, pk=pk)
    context = {
        "unit": unit,
        "document": document,
        "relations": queries.relations(document, published),
        "files": document.files.all(),
    }
    return render(request, "documents/public_detail.html", context)


def public_file(request: HttpRequest, slug: str, pk: int, file_pk: int) -> FileResponse:
    unit = get_object_or_404(Unit, slug=slug)
    attached = get_object_or_404(
        DocumentFile.objects.filter(document__in=Document.objects.published_by(unit).values("pk")),
        document_id=pk,
        pk=file_pk,
    )
    return FileResponse(attached.file.open("rb"), as_attachment=True, filename=attached.name)
