"""Reads of the library that views, the API and the public pages share, and of the outgoing
register: a unit's letterhead (saved or by default) and its register for a year."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from ttdn import docgen
from ttdn.core import access, search
from ttdn.core.text import fold
from ttdn.documents.citations import DocumentType as CitedType
from ttdn.documents.models import (
    Document,
    DocumentRelation,
    Letterhead,
    OutgoingDocument,
    Publication,
    RegisterCounter,
)
from ttdn.org.enums import Role, UnitKind
from ttdn.org.models import Unit

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


# --- The outgoing register ---------------------------------------------------------

_LOCALITY_PREFIXES = ("thành phố ", "tỉnh ", "quận ", "huyện ", "thị xã ", "phường ", "xã ")
_OFFICE_DEFAULTS = {
    UnitKind.MINISTRY: ("BGDĐT", "BỘ GIÁO DỤC VÀ ĐÀO TẠO"),
    UnitKind.DEPARTMENT: ("SGDĐT", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
    UnitKind.DISTRICT_OFFICE: ("PGDĐT", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"),
}
DEFAULT_DRAFTING_UNIT = "VP"  # văn phòng, the office that drafts most letters
_SCHOOL_HEAD = "Hiệu trưởng"
_HEAD_POSITIONS = {
    UnitKind.MINISTRY: "Bộ trưởng",
    UnitKind.DEPARTMENT: "Giám đốc",
    UnitKind.DISTRICT_OFFICE: "Trưởng phòng",
    UnitKind.PROVINCE_COMMITTEE: "Chủ tịch",
    UnitKind.DISTRICT_COMMITTEE: "Chủ tịch",
    UnitKind.COMMUNE_COMMITTEE: "Chủ tịch",
    UnitKind.PRESCHOOL: _SCHOOL_HEAD,
    UnitKind.PRIMARY: _SCHOOL_HEAD,
    UnitKind.LOWER_SECONDARY: _SCHOOL_HEAD,
    UnitKind.UPPER_SECONDARY: _SCHOOL_HEAD,
    UnitKind.MULTI_LEVEL: _SCHOOL_HEAD,
    UnitKind.CONTINUING: "Giám đốc",
    UnitKind.CENTRE: "Giám đốc",
}


def letterhead_for(unit: Unit) -> Letterhead:
    """The unit's saved letterhead, or an unsaved one with the defaults of `default_letterhead`."""
    saved = Letterhead.objects.filter(unit=unit).first()
    return saved or default_letterhead(unit)


def default_letterhead(unit: Unit) -> Letterhead:
    """What a unit prints before a leader sets its letterhead, from its kind and name.

    Sở, Phòng and Bộ take the names of Phụ lục I ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" under "UBND QUẬN
    HỒNG BÀNG", abbreviation PGDĐT); other units print their own name under their parent's and
    abbreviate it by initials ("Trường THCS Hồng Bàng" → THCSHB). The place is the locality in
    the name of the unit or, failing that, of its parent.
    """
    locality = _locality(unit.name)
    parent = unit.parent
    if unit.kind in _OFFICE_DEFAULTS:
        abbreviation, issuing_body = _OFFICE_DEFAULTS[UnitKind(unit.kind)]
        parent_body = f"UBND {locality.upper()}" if locality else ""
    else:
        abbreviation, issuing_body = _initials(unit.name), unit.name.upper()
        parent_body = parent.name.upper() if parent else ""
        locality = locality or (_locality(parent.name) if parent else "")
    return Letterhead(
        unit=unit,
        abbreviation=abbreviation,
        issuing_body=issuing_body,
        parent_body=parent_body,
        place=_place(locality),
        drafting_unit=DEFAULT_DRAFTING_UNIT,
        head_position=_HEAD_POSITIONS.get(UnitKind(unit.kind), ""),
        head_name=_head_name(unit, _HEAD_POSITIONS.get(UnitKind(unit.kind), "")),
    )


def _head_name(unit: Unit, position: str) -> str:
    """The name of the unit's one leader whose position is the head's, else nothing."""
    if not position:
        return ""
    leaders = [
        membership.user.get_full_name()
        for membership in unit.memberships.active().filter(role=Role.LEADER).select_related("user")
        if fold(membership.title).strip() == fold(position)
    ]
    return leaders[0] if len(leaders) == 1 else ""


def signer_defaults(unit: Unit) -> dict[str, str]:
    """Who signs the unit's documents unless the writer names another: the head set in its
    letterhead (signing in their own name, no "KT."), never the person writing."""
    letterhead = letterhead_for(unit)
    return {
        "signer_authority": "",
        "signer_position": letterhead.head_position,
        "signer_name": letterhead.head_name,
    }


def _locality(name: str) -> str:
    """ "Phòng Giáo dục và Đào tạo quận Hồng Bàng" → "quận Hồng Bàng"."""
    head, _marker, rest = name.partition("Đào tạo ")
    return rest.strip() if head else ""


def _place(locality: str) -> str:
    """ "quận Hồng Bàng" → "Hồng Bàng": the place name of the date line."""
    for prefix in _LOCALITY_PREFIXES:
        if locality.lower().startswith(prefix):
            return locality[len(prefix) :].strip()
    return locality


def _initials(name: str) -> str:
    words = name.split()
    if words and words[0].lower() == "trường":
        words = words[1:]
    return "".join(word if word.isupper() else word[0].upper() for word in words if word)


def symbol_for(unit: Unit, doc_type: docgen.DocumentType, drafting_unit: str = "") -> str:
    """The symbol the unit's register gives a document of this type: "KH-PGDĐT", a letter's
    "PGDĐT-VP" (from `drafting_unit`, by default the letterhead's). Raises ValueError when
    the symbol cannot be built."""
    letterhead = letterhead_for(unit)
    if doc_type is not docgen.DocumentType.LETTER:
        return docgen.build_symbol(doc_type, letterhead.abbreviation)
    return docgen.build_symbol(
        doc_type, letterhead.abbreviation, drafting_unit or letterhead.drafting_unit
    )


def next_number_symbol(
    unit: Unit,
    *,
    doc_type: docgen.DocumentType,
    drafting_unit: str = "",
    on: datetime.date | None = None,
) -> str:
    """What issuing a document of this type now would print after "Số:" ("02/KH-PGDĐT"), for a
    confirmation step. Nothing is reserved: whoever issues first takes the number."""
    year = (on or timezone.localdate()).year
    counter = RegisterCounter.objects.filter(unit=unit, year=year).first()
    number = (counter.last_number if counter else 0) + 1
    return f"{docgen.format_number(number)}/{symbol_for(unit, doc_type, drafting_unit)}"


@dataclass(frozen=True)
class Register:
    unit: Unit
    year: int
    years: list[int]  # the years with entries, and this year
    entries: QuerySet[OutgoingDocument]


def register(unit: Unit, *, year: int, type: str = "") -> Register:
    """One unit's register for a year, newest first, optionally of one type."""
    this_year = timezone.localdate().year
    years = set(OutgoingDocument.objects.filter(unit=unit).values_list("year", flat=True))
    entries = (
        OutgoingDocument.objects.in_register(unit, year)
        .of_type(type)
        .select_related("issued_by")
        .defer("docx")
    )
    return Register(unit, year, sorted(years | {this_year, year}, reverse=True), entries)


def issued_on_site(unit: Unit, *, q: str = "", page: Any = 1) -> Page[OutgoingDocument]:
    """One page of what the unit's public site shows of its register, newest first
    (`OutgoingDocument.objects.on_site_of`); with `q`, the entries whose number, symbol or
    summary hold every word of it, compared folded ("ke hoach" finds "Kế hoạch").

    A unit publishes few of its entries, so the folded comparison reads their summaries
    rather than keeping an index of its own.
    """
    entries = OutgoingDocument.objects.on_site_of(unit).defer("docx", "addressees", "recipients")
    words = fold(q).split()
    if words:
        rows = entries.values_list("pk", "number", "symbol", "title")
        entries = entries.filter(
            pk__in=[
                pk
                for pk, number, symbol, title in rows
                if all(w in fold(f"{docgen.format_number(number)}/{symbol} {title}") for w in words)
            ]
        )
    return Paginator(entries, PAGE_SIZE).get_page(page)
