"""Operator screens of the library and the outgoing register. Documents change through the
services (key, status, audit); relations and statuses are changed on the document's page of
the product; the register is read-only here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ttdn.core.admin import AuditedAdmin, ReadOnlyAdmin
from ttdn.documents import services
from ttdn.documents.models import (
    Document,
    DocumentFile,
    Letterhead,
    OutgoingDocument,
    Publication,
)

EDITABLE = [
    "type",
    "number_symbol",
    "issued_on",
    "issuer",
    "signer",
    "title",
    "effective_on",
    "expiry_on",
    "full_text",
    "classification",
    "unit",
    "verification",
    "verification_note",
    "source",
]


@admin.register(Document)
class DocumentAdmin(AuditedAdmin):
    list_display = [
        "number_symbol",
        "type",
        "issued_on",
        "issuer",
        "status",
        "classification",
        "verification",
        "verification_note",
        "unit",
    ]
    list_filter = ["type", "status", "classification", "verification"]
    search_fields = ["number_symbol", "symbol_key", "title", "issuer"]
    autocomplete_fields = ["unit"]
    readonly_fields = ["status", "symbol_key"]
    fields = [*EDITABLE[:8], "status", "symbol_key", *EDITABLE[8:]]

    def save_model(self, request: HttpRequest, obj: Document, form: Any, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in EDITABLE if name in form.cleaned_data}
        if not change:
            obj.pk = services.create_document(by=request.user, **data).pk
            return
        services.update_document(Document.objects.get(pk=obj.pk), by=request.user, **data)


@admin.register(Publication)
class PublicationAdmin(AuditedAdmin):
    list_display = ["unit", "document", "published_at"]
    autocomplete_fields = ["unit", "document"]


@admin.register(DocumentFile)
class DocumentFileAdmin(AuditedAdmin):
    list_display = ["name", "document", "size", "uploaded_at"]
    autocomplete_fields = ["document"]


@admin.register(Letterhead)
class LetterheadAdmin(AuditedAdmin):
    list_display = ["unit", "abbreviation", "issuing_body", "parent_body", "place", "drafting_unit"]
    search_fields = ["unit__name", "abbreviation", "issuing_body"]
    autocomplete_fields = ["unit"]


@admin.register(OutgoingDocument)
class OutgoingDocumentAdmin(ReadOnlyAdmin):
    """The register is written only by services.issue_document: numbers never change here."""

    list_display = ["unit", "year", "number", "symbol", "type", "issued_on", "title"]
    list_filter = ["year", "type"]
    search_fields = ["unit__name", "symbol", "title"]
    exclude = ["docx"]
