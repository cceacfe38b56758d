"""Reads of the library that views, the API and the public pages share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.safestring import SafeString

from ttdn.core import access, search
from ttdn.documents.citations import DocumentType as CitedType
from ttdn.documents.models import Document, DocumentRelation, Publication

PAGE_SIZE = 25
SEARCH_LIMIT = 1000


def search_text(document: Document) -> search.SearchText:
    """What the search indexes: type, number, summary as the title; issuer, signer and full text as the body."""
    type_name = CitedType(document.type).vietnamese_name
    return search.SearchText(
        title=f"{type_name} {document.number_symbol} {document.title}",
        body=f"{document.issuer}\n{document.signer}\n{document.full_text}",
    )


def filtered(
    documents: QuerySet[Document],
    *,
    type: str = "",
    issuer: str = "",
    year: int | None = None,
    status: str = "",
    **ignored: Any,
) -> QuerySet[Document]:
    """`documents` of one type, issuer, year of issue and status (each optional)."""
    if type:
        documents = documents.filter(type=type)
    if issuer:
        documents = documents.filter(issuer=issuer)
    if year:
        documents = documents.filter(issued_on__year=year)
    if status:
        documents = documents.filter(status=status)
    return documents


def issuers(documents: QuerySet[Document]) -> list[str]:
    """The issuing bodies of `documents`, for the filter."""
    return list(documents.order_by("issuer").values_list("issuer", flat=True).distinct())


@dataclass(frozen=True)
class LibraryRow:
    document: Document
    title: SafeString | str
    snippet: SafeString | str = ""


@dataclass(frozen=True)
class LibraryPage:
    page: Page[Any]
    rows: list[LibraryRow]
    searched: bool
    capped: bool  # the search found at least SEARCH_LIMIT documents and shows the best of them


def library_page(
    documents: QuerySet[Document], *, q: str = "", page: Any = 1, **filters: Any
) -> LibraryPage:
    """One page of the library: filtered, and ranked by `q` with highlighted snippets when given."""
    documents = filtered(documents, **filters).select_related("unit")
    query = search.parse(q)
    if not query:
        listed = Paginator(documents.defer("full_text"), PAGE_SIZE).get_page(page)
        return LibraryPage(
            listed, [LibraryRow(d, d.title) for d in listed], searched=False, capped=False
        )
    hits = search.search(query, documents, limit=SEARCH_LIMIT)
    ranked = Paginator(hits, PAGE_SIZE).get_page(page)
    rows = [
        LibraryRow(d, search.highlight(d.title, query), search.snippet(d.full_text, query))
        for d in search.ranked(list(ranked.object_list), documents)
    ]
    return LibraryPage(ranked, rows, searched=True, capped=len(hits) >= SEARCH_LIMIT)


@dataclass(frozen=True)
class Relations:
    outgoing: list[DocumentRelation]  # this document amends, replaces … the target
    incoming: list[DocumentRelation]  # the source amends, replaces … this document


def relations(document: Document, visible: QuerySet[Document]) -> Relations:
    """The document's relations both ways, to documents in `visible` only."""
    ids = visible.values("pk")
    outgoing = document.relations_out.filter(target__in=ids).select_related("target")
    incoming = document.relations_in.filter(source__in=ids).select_related("source")
    return Relations(list(outgoing), list(incoming))


def publications(document: Document, user: Any) -> list[Publication]:
    """The units (visible to the person) that publish the document on their public page."""
    return list(
        document.publications.filter(unit__in=access.visible_unit_ids(user)).select_related("unit")
    )
