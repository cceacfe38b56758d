"""Check the citations of a text against the legal library.

Every citation `parse_citations` finds gets one status, the first that applies:

1. `unknown`: no document of the library has its number and symbol (compared by
   `number_symbol_key`). A symbol without a year ("24/KH-SGDĐT") is numbered anew each
   year, so a citation dated in another year than the library's document is another document.
2. `date_mismatch`: the text dates it otherwise than the library (the detail gives the library's date).
3. `issuer_mismatch`: the text names another issuer (`issuers_agree` allows a shortened name).
4. `chronology`: the text says it implements a document issued after it (dates from the
   library where known, else from the text).
5. `not_in_force`: the library has it replaced or expired on the day of checking (the detail
   names what replaced it).
6. `ok`.

Where several documents share a key, the citation is matched with the one that agrees best:
same date, then same issuer, then same year, then the newest.

`check_for(user, text)` is what the plans app calls to check a plan's legal bases while it is
edited; it sees the library the way that person does.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.documents.citations import Citation, has_year, issuers_agree, parse_citations
from ttdn.documents.enums import NOT_IN_FORCE, CitationStatus, RelationKind
from ttdn.documents.models import Document, DocumentRelation


@dataclass(frozen=True)
class CheckedCitation:
    citation: Citation
    status: CitationStatus
    document: Document | None = None
    replaced_by: Document | None = None
    detail: str = ""

    def as_json(self) -> dict[str, Any]:
        """The checked citation as the API and `check_citations --json` give it."""
        citation, document = self.citation, self.document
        return {
            "text": citation.text,
            "type": citation.type.value,
            "number_symbol": citation.number_symbol,
            "date": citation.date.isoformat() if citation.date else None,
            "issuer": citation.issuer,
            "status": self.status.value,
            "document": None
            if document is None
            else {
                "id": document.pk,
                "number_symbol": document.number_symbol,
                "issued_on": document.issued_on.isoformat() if document.issued_on else None,
                "issuer": document.issuer,
                "title": document.title,
            },
            "detail": self.detail,
        }


def check_for(user: Any, text: str, *, on: datetime.date | None = None) -> list[CheckedCitation]:
    """The citations of `text` checked against the documents `user` may see (plans call this inline)."""
    return check_text(text, Document.objects.visible_to(user), on=on)


def check_text(
    text: str, documents: QuerySet[Document], *, on: datetime.date | None = None
) -> list[CheckedCitation]:
    """Every citation of `text`, in order, checked against `documents` as of `on` (today by default).

    Never raises for any text; runs two queries whatever the number of citations.
    """
    on = on or timezone.localdate()
    citations = parse_citations(text)
    if not citations:
        return []
    candidates = _candidates(documents, {c.key for c in citations})
    matched = [_match(c, candidates.get(c.key, [])) for c in citations]
    return [_check(i, citations, matched, on) for i in range(len(citations))]


def _candidates(documents: QuerySet[Document], keys: set[str]) -> dict[str, list[Document]]:
    replacements = DocumentRelation.objects.filter(
        kind=RelationKind.REPLACES, source__in=documents.values("pk")
    )
    found = (
        documents.filter(symbol_key__in=keys)
        .defer("full_text")
        .prefetch_related(
            Prefetch(
                "relations_in",
                queryset=replacements.select_related("source"),
                to_attr="replacements",
            )
        )
    )
    by_key: dict[str, list[Document]] = defaultdict(list)
    for document in found:
        by_key[document.symbol_key].append(document)
    return by_key


def _match(citation: Citation, candidates: list[Document]) -> Document | None:
    possible = [d for d in candidates if _may_be(citation, d)]
    if not possible:
        return None

    def agreement(document: Document) -> tuple[bool, bool, bool, datetime.date]:
        return (
            citation.date is not None and citation.date == document.issued_on,
            bool(citation.issuer) and issuers_agree(citation.issuer or "", document.issuer),
            citation.date is not None
            and document.issued_on is not None
            and citation.date.year == document.issued_on.year,
            document.issued_on or datetime.date.min,
        )

    return max(possible, key=agreement)


def _may_be(citation: Citation, document: Document) -> bool:
    """A symbol without a year is numbered anew each year: another year is another document."""
    if has_year(citation.number_symbol) or citation.date is None or document.issued_on is None:
        return True
    return citation.date.year == document.issued_on.year


def _check(
    index: int, citations: list[Citation], matched: list[Document | None], on: datetime.date
) -> CheckedCitation:
    citation, document = citations[index], matched[index]
    if document is None:
        return CheckedCitation(citation, CitationStatus.UNKNOWN, detail=_("Not in the library."))
    if citation.date and document.issued_on and citation.date != document.issued_on:
        detail = _("The library dates it %(date)s.") % {"date": _day(document.issued_on)}
        return CheckedCitation(citation, CitationStatus.DATE_MISMATCH, document, detail=detail)
    if citation.issuer and not issuers_agree(citation.issuer, document.issuer):
        detail = _("The library names its issuer “%(issuer)s”.") % {"issuer": document.issuer}
        return CheckedCitation(citation, CitationStatus.ISSUER_MISMATCH, document, detail=detail)
    if detail := _chronology(index, citations, matched):
        return CheckedCitation(citation, CitationStatus.CHRONOLOGY, document, detail=detail)
    if document.status in NOT_IN_FORCE or (
        document.expiry_on is not None and document.expiry_on <= on
    ):
        return _not_in_force(citation, document)
    return CheckedCitation(citation, CitationStatus.OK, document)


def _chronology(index: int, citations: list[Citation], matched: list[Document | None]) -> str:
    """Why the citation cannot implement the ones the text says it implements, or ""."""
    own = _date_of(citations[index], matched[index])
    for other, (citation, document) in enumerate(zip(citations, matched, strict=True)):
        if citation.implemented_by != index:
            continue
        later = _date_of(citation, document)
        if own is not None and later is not None and own < later:
            return _(
                "Dated %(date)s, it cannot implement %(other)s of %(later)s, issued after it."
            ) % {
                "date": _day(own),
                "other": citations[other].number_symbol,
                "later": _day(later),
            }
    return ""


def _date_of(citation: Citation, document: Document | None) -> datetime.date | None:
    return document.issued_on if document is not None and document.issued_on else citation.date


def _not_in_force(citation: Citation, document: Document) -> CheckedCitation:
    replacements = [relation.source for relation in getattr(document, "replacements", [])]
    if replacements:
        detail = _("Replaced by %(document)s.") % {
            "document": ", ".join(str(r) for r in replacements)
        }
    elif document.expiry_on is not None:
        detail = _("Out of force since %(date)s.") % {"date": _day(document.expiry_on)}
    else:
        detail = _("The library marks it “%(status)s”.") % {"status": document.get_status_display()}
    replaced_by = replacements[0] if replacements else None
    return CheckedCitation(citation, CitationStatus.NOT_IN_FORCE, document, replaced_by, detail)


def _day(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"
