"""/api/v1/documents: the library the caller may see; /api/v1/citations/check: the checker."""

from __future__ import annotations

import datetime

import pydantic
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError

from ttdn.core import search
from ttdn.core.api import id_in_path, offset_field, year_field
from ttdn.documents import checker, queries
from ttdn.documents.enums import CitationStatus, DocumentStatus, DocumentType
from ttdn.documents.forms import MAX_CHECK_TEXT
from ttdn.documents.models import Document

router = Router(tags=["documents"])
citations_router = Router(tags=["citations"])


class DocumentRef(Schema):
    id: int
    number_symbol: str
    issued_on: datetime.date | None
    issuer: str
    title: str


class DocumentOut(DocumentRef):
    type: DocumentType
    signer: str
    effective_on: datetime.date | None
    expiry_on: datetime.date | None
    status: DocumentStatus
    classification: str
    unit: str | None = Field(description="code of the owning unit; null for the shared library")
    verification: str = Field(
        description="verified, partly or unverified for reference data; empty otherwise"
    )
    verification_note: str


class DocumentDetailOut(DocumentOut):
    full_text: str


class DocumentFilter(Schema):
    q: str = Field(
        "", max_length=200, description="words with or without tones; “quotes” for an exact phrase"
    )
    type: DocumentType | None = None
    issuer: str = ""
    year: int | None = year_field()
    status: DocumentStatus | None = None
    limit: int = Field(50, ge=1, le=200)
    offset: int = offset_field()


class DocumentPage(Schema):
    count: int
    items: list[DocumentOut]


class CheckIn(Schema):
    text: str = Field(
        ..., max_length=MAX_CHECK_TEXT, description="the text whose citations to check"
    )


class CheckedCitationOut(Schema):
    text: str
    type: str
    number_symbol: str
    date: datetime.date | None
    issuer: str | None
    status: CitationStatus
    document: DocumentRef | None
    detail: str


def document_out(document: Document) -> DocumentOut:
    return DocumentOut(
        id=document.pk,
        number_symbol=document.number_symbol,
        issued_on=document.issued_on,
        issuer=document.issuer,
        title=document.title,
        type=DocumentType(document.type),
        signer=document.signer,
        effective_on=document.effective_on,
        expiry_on=document.expiry_on,
        status=DocumentStatus(document.status),
        classification=document.classification,
        unit=document.unit.code if document.unit else None,
        verification=document.verification,
        verification_note=document.verification_note,
    )


@router.get(
    "",
    response=DocumentPage,
    summary="Documents of the library visible to the caller, searched and filtered",
)
def list_documents(request: HttpRequest, filters: Query[DocumentFilter]) -> DocumentPage:
    documents = queries.filtered(
        Document.objects.visible_to(request.auth).select_related("unit").defer("full_text"),  # type: ignore[attr-defined]
        type=filters.type or "",
        issuer=filters.issuer,
        year=filters.year,
        status=filters.status or "",
    )
    if filters.q:
        hits = search.search(filters.q, documents, limit=queries.SEARCH_LIMIT)
        ranked = search.ranked(hits[filters.offset : filters.offset + filters.limit], documents)
        return DocumentPage(count=len(hits), items=[document_out(d) for d in ranked])
    page = list(documents[filters.offset : filters.offset + filters.limit])
    return DocumentPage(count=documents.count(), items=[document_out(d) for d in page])


@router.get(
    "/{document_id}",
    response=DocumentDetailOut,
    summary="One document with its full text, if visible to the caller",
)
def get_document(request: HttpRequest, document_id: int = id_in_path()) -> DocumentDetailOut:
    user = request.auth  # type: ignore[attr-defined]
    document = get_object_or_404(
        Document.objects.visible_to(user).select_related("unit"), pk=document_id
    )
    return DocumentDetailOut(**document_out(document).dict(), full_text=document.full_text)


def check_input(request: HttpRequest) -> CheckIn:
    """The body as CheckIn. Raises ValidationError (422), for a body that is not even JSON too."""
    try:
        return CheckIn.model_validate_json(request.body or b"")
    except pydantic.ValidationError as error:
        details = error.errors(include_url=False, include_context=False, include_input=False)
        raise ValidationError([dict(detail) for detail in details]) from None


@citations_router.post(
    "/check",
    response=list[CheckedCitationOut],
    summary="Check every citation of a text against the library",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": CheckIn.model_json_schema()}},
        }
    },
)
def check_citations(request: HttpRequest) -> list[dict[str, object]]:
    """The citations in order of appearance, each with its status against the library the caller sees.

    The body is `{"text": "…"}`; it is read here rather than by Ninja so that a body that is not
    JSON is refused like any other invalid input, with 422.
    """
    payload = check_input(request)
    return [checked.as_json() for checked in checker.check_for(request.auth, payload.text)]  # type: ignore[attr-defined]
