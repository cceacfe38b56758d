"""Check the citations of a text against the legal library, as of the citing document's date.

Every citation `parse_citations` finds gets one status, the first that applies:

1. `unknown`: no document of the library is the one cited. A legal normative document (its
   symbol carries its year, "72/2015/NĐ-CP") is identified by its number and symbol (compared
   by `number_symbol_key`); any other document (a plan, a letter, a report, a decision on a
   single matter: "24/KH-SGDĐT") by its issuer, number and symbol and year: a document of
   another issuer or another year is another document, never a mismatch. Short forms are
   resolved: "Nghị định 72/2015" by number, year and type, "Luật Báo chí năm 2016" by name
   and year.
2. `malformed`: the symbol is written wrongly: a Party shape for a state issuer ("21-CT/TTg"
   for "21/CT-TTg") or the reverse, or a legal document's symbol without its year
   ("72/NĐ-CP ngày 07/9/2015", resolved by number, type and date). The detail gives the right form.
3. `future`: the citation (or the library's document) is dated after the citing document.
4. `date_mismatch`: the text dates it otherwise than the library (the detail gives the library's date).
5. `issuer_mismatch`: the text names another issuer (`issuers_agree` allows a shortened name
   and a head signing for the body: "Bộ trưởng Bộ GDĐT" is "Bộ GDĐT").
6. `chronology`: the text says it implements a document issued after it (dates from the
   library where known, else from the text).
7. `not_in_force`: on the day the citing document is dated (`on`, today by default) the
   document had expired or been replaced (by a replacement in force by then; a replacement of
   unknown date counts as in force).
8. `ok_unverified`: all agrees, but the library's record is not verified yet.
9. `ok`.

Where several documents share a key, the citation is matched with the one that agrees best:
same date, then same issuer, then same year, then the newest.

`check_for(user, text)` is what the plans app calls to check a plan's legal bases while it is
edited; it sees the library the way that person does.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.text import fold
from ttdn.documents.citations import (
    NORMATIVE_TYPES,
    Citation,
    corrected_symbol,
    document_date,
    has_year,
    issuers_agree,
    number_symbol_key,
    parse_citations,
)
from ttdn.documents.enums import NOT_IN_FORCE, CitationStatus, RelationKind, Verification
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
    """Every citation of `text`, in order, checked against `documents` as of `on`: by default
    the date of the citing document (its header's "…, ngày … tháng … năm …"), else today.

    Never raises for any text; runs two queries whatever the number of citations.
    """
    on = on or document_date(text) or timezone.localdate()
    citations = parse_citations(text)
    if not citations:
        return []
    lookups = [_Lookup.of(citation) for citation in citations]
    found = _candidates(documents, lookups)
    matched = [
        lookup.match(citation, found) for lookup, citation in zip(lookups, citations, strict=True)
    ]
    return [_check(i, citations, lookups, matched, on) for i in range(len(citations))]


def in_problem_order(results: list[CheckedCitation]) -> list[CheckedCitation]:
    """Problems first, then unknown documents, unverified matches and the rest; each group
    in the order of the text."""
    return sorted(results, key=lambda result: result.status.rank)


@dataclass(frozen=True)
class _Lookup:
    """How to find a citation's document: by its keys (the symbol as cited, then as it
    should be written: corrected shape, year added from the date), by a key prefix for a
    short form ("72/2015/"), or by a law's name and year."""

    keys: tuple[str, ...]
    prefix: str | None = None
    law: tuple[str, int] | None = None

    @classmethod
    def of(cls, citation: Citation) -> _Lookup:
        if not citation.number_symbol:
            return cls((), law=(_law_title(citation.title or ""), citation.year or 0))
        if "/" in citation.number_symbol and not any(c.isalpha() for c in citation.number_symbol):
            return cls((), prefix=number_symbol_key(citation.number_symbol) + "/")
        keys = [citation.key]
        if corrected := corrected_symbol(citation.number_symbol):
            keys.append(number_symbol_key(corrected))
        if _missing_year(citation):
            number, rest = citation.number_symbol.split("/", 1)
            keys.append(number_symbol_key(f"{number}/{citation.date.year}/{rest}"))  # type: ignore[union-attr]
        return cls(tuple(keys))

    def query(self) -> Q:
        if self.law is not None:
            return Q(type__in=_LAW_TYPES, issued_on__year=self.law[1])
        if self.prefix is not None:
            return Q(symbol_key__startswith=self.prefix)
        return Q(symbol_key__in=self.keys)

    def match(self, citation: Citation, found: list[Document]) -> Document | None:
        for key in self.keys or (None,):
            possible = [d for d in found if self._fits(citation, d, key) and _may_be(citation, d)]
            if possible:
                return max(possible, key=lambda document: _agreement(citation, document))
        return None

    def _fits(self, citation: Citation, document: Document, key: str | None) -> bool:
        if self.law is not None:
            return (
                document.type in _LAW_TYPES
                and document.issued_on is not None
                and document.issued_on.year == self.law[1]
                and _law_title(document.title) == self.law[0]
            )
        if self.prefix is not None:
            return document.symbol_key.startswith(self.prefix) and document.type == citation.type
        return document.symbol_key == key


_LAW_TYPES = ("law", "legal_code", "ordinance")


def _law_title(title: str) -> str:
    """A law's name without its type: "Luật Báo chí" → "bao chi"."""
    return re.sub(r"^(?:bo luat|luat|phap lenh)\s+", "", fold(title)).strip()


def _missing_year(citation: Citation) -> bool:
    """A legal normative document cited without the year of its symbol ("72/NĐ-CP")."""
    return (
        citation.type in NORMATIVE_TYPES
        and citation.date is not None
        and not has_year(citation.number_symbol)
        and corrected_symbol(citation.number_symbol) is None
        and citation.number_symbol.count("/") == 1
        and citation.number_symbol.split("/")[0].isdigit()
    )


def _candidates(documents: QuerySet[Document], lookups: list[_Lookup]) -> list[Document]:
    replacements = DocumentRelation.objects.filter(
        kind=RelationKind.REPLACES, source__in=documents.values("pk")
    )
    wanted = Q()
    for lookup in lookups:
        wanted |= lookup.query()
    return list(
        documents.filter(wanted)
        .defer("full_text")
        .prefetch_related(
            Prefetch(
                "relations_in",
                queryset=replacements.select_related("source"),
                to_attr="replacements",
            )
        )
    )


def _agreement(citation: Citation, document: Document) -> tuple[bool, bool, bool, datetime.date]:
    return (
        citation.date is not None and citation.date == document.issued_on,
        bool(citation.issuer) and issuers_agree(citation.issuer or "", document.issuer),
        citation.date is not None
        and document.issued_on is not None
        and citation.date.year == document.issued_on.year,
        document.issued_on or datetime.date.min,
    )


def _may_be(citation: Citation, document: Document) -> bool:
    """Whether the document can be the one cited. A symbol without a year is numbered anew
    each year by each issuer: another year, or another issuer, is another document."""
    if has_year(citation.number_symbol) or not citation.number_symbol:
        return True
    if citation.issuer and document.issuer and not issuers_agree(citation.issuer, document.issuer):
        return False
    if citation.date is None or document.issued_on is None:
        return True
    return citation.date.year == document.issued_on.year


def _check(
    index: int,
    citations: list[Citation],
    lookups: list[_Lookup],
    matched: list[Document | None],
    on: datetime.date,
) -> CheckedCitation:
    citation, document = citations[index], matched[index]
    if problem := _symbol_problem(citation, lookups[index], document):
        return problem
    if document is None:
        return CheckedCitation(citation, CitationStatus.UNKNOWN, detail=_("Not in the library."))
    if problem := _dated_after(citation, document, on):
        return problem
    if citation.date and document.issued_on and citation.date != document.issued_on:
        detail = _("The library dates it %(date)s.") % {"date": _day(document.issued_on)}
        return CheckedCitation(citation, CitationStatus.DATE_MISMATCH, document, detail=detail)
    if citation.issuer and not issuers_agree(citation.issuer, document.issuer):
        detail = _("The library names its issuer “%(issuer)s”.") % {"issuer": document.issuer}
        return CheckedCitation(citation, CitationStatus.ISSUER_MISMATCH, document, detail=detail)
    if detail := _chronology(index, citations, matched):
        return CheckedCitation(citation, CitationStatus.CHRONOLOGY, document, detail=detail)
    if not_in_force := _not_in_force(citation, document, on):
        return not_in_force
    if document.verification in (Verification.PARTLY, Verification.UNVERIFIED):
        detail = _("The library's record of it is not verified yet.")
        return CheckedCitation(citation, CitationStatus.OK_UNVERIFIED, document, detail=detail)
    return CheckedCitation(citation, CitationStatus.OK, document)


def _symbol_problem(
    citation: Citation, lookup: _Lookup, document: Document | None
) -> CheckedCitation | None:
    corrected = corrected_symbol(citation.number_symbol) if citation.number_symbol else None
    if corrected is not None:
        detail = _("Written “%(cited)s”; it is written “%(right)s”.") % {
            "cited": citation.number_symbol,
            "right": document.number_symbol if document else corrected,
        }
        return CheckedCitation(citation, CitationStatus.MALFORMED, document, detail=detail)
    if document is not None and lookup.keys and document.symbol_key != lookup.keys[0]:
        detail = _("Written “%(cited)s” without its year; the library has “%(right)s”.") % {
            "cited": citation.number_symbol,
            "right": document.number_symbol,
        }
        return CheckedCitation(citation, CitationStatus.MALFORMED, document, detail=detail)
    return None


def _dated_after(
    citation: Citation, document: Document, on: datetime.date
) -> CheckedCitation | None:
    dated = citation.date or document.issued_on
    if dated is None or dated <= on:
        return None
    detail = _("Dated %(date)s, after the citing document (%(on)s).") % {
        "date": _day(dated),
        "on": _day(on),
    }
    return CheckedCitation(citation, CitationStatus.FUTURE, document, detail=detail)


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


def _not_in_force(
    citation: Citation, document: Document, on: datetime.date
) -> CheckedCitation | None:
    """Not in force on `on`: expired by then, or replaced by a document in force by then (one
    of unknown date counts from 1 January of its symbol's year, else as in force now)."""
    replacements = [
        relation.source
        for relation in getattr(document, "replacements", [])
        if _in_force_from(relation.source) <= on
    ]
    expired = document.expiry_on is not None and document.expiry_on <= on
    undated = document.status in NOT_IN_FORCE and not getattr(document, "replacements", [])
    if not (replacements or expired or (undated and document.expiry_on is None)):
        return None
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


def _in_force_from(document: Document) -> datetime.date:
    if document.effective_on or document.issued_on:
        return document.effective_on or document.issued_on  # type: ignore[return-value]
    if has_year(document.number_symbol):
        return datetime.date(int(document.number_symbol.split("/")[1]), 1, 1)
    return timezone.localdate()


def _day(day: datetime.date) -> str:
    return f"{day:%d/%m/%Y}"
