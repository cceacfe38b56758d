"""The documents a plan cites, each once, with the places it is cited.

Two mentions are one document when their number and symbol agree once folded
("522/QĐ-TTG" is "522/QĐ-TTg") and, for a symbol without a year ("24/KH-SGDĐT", numbered
anew each year), their dates do not put them in different years. The plan's own number
("Kế hoạch số 94/KH-UBND" in its own text) is not a citation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ttdn.documents.citations import Citation, has_year, number_symbol_key, parse_citations
from ttdn.plans.importer.result import ParsedCitation, ParsedSection


def citations(
    sections: Sequence[ParsedSection], *, own: str | None = None
) -> tuple[ParsedCitation, ...]:
    """Each document cited in the body, once, in order of first mention, with the headings
    of the sections citing it ("" for text outside a numbered section). `own` is the plan's
    own number and symbol, left out."""
    own_key = number_symbol_key(own) if own else None
    out: list[ParsedCitation] = []
    for top in sections:
        for section in top.walk():
            text = "\n".join([section.heading or "", *section.paragraphs])
            for citation in parse_citations(text):
                if citation.key != own_key:
                    _add(out, citation, section.heading or "")
    return tuple(out)


def _add(found: list[ParsedCitation], citation: Citation, place: str) -> None:
    for index, known in enumerate(found):
        if same_document(known, citation):
            places = known.places if place in known.places else (*known.places, place)
            found[index] = dataclasses.replace(
                known,
                date=known.date or citation.date,
                issuer=known.issuer or citation.issuer,
                places=places,
            )
            return
    found.append(
        ParsedCitation(
            text=citation.text,
            type=str(citation.type.value),
            number_symbol=citation.number_symbol,
            date=citation.date,
            issuer=citation.issuer,
            places=(place,),
            key=citation.key,
        )
    )


def same_document(known: ParsedCitation, citation: Citation) -> bool:
    """Whether `citation` (a mention found in text) cites the document `known` lists."""
    if (known.key or number_symbol_key(known.number_symbol)) != citation.key:
        return False
    if has_year(citation.number_symbol) or known.date is None or citation.date is None:
        return True
    return known.date.year == citation.date.year
