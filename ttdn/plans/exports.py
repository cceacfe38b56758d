"""What a printed plan says: a Plan as a docgen Document (Nghị định 30/2020 layout), and
its DOCX/PDF bytes. An issued plan prints the DOCX frozen in the outgoing register."""

from __future__ import annotations

import re

from ttdn import docgen
from ttdn.docgen.pdf import convert
from ttdn.documents.queries import letterhead_for
from ttdn.plans import markup
from ttdn.plans.models import Plan, PlanSection

AUTHORITIES = {a.value: a for a in docgen.Authority}
_ARCHIVE = re.compile(r"^Lưu\s*:?\s*", re.IGNORECASE)
_ITEM = re.compile(r"^[-+–•]\s+")


def plan_document(plan: Plan) -> docgen.Document:
    """The plan as it prints, on its unit's letterhead unless it names its own issuer."""
    letterhead = letterhead_for(plan.unit)
    recipients = [r for r in plan.recipients if not _ARCHIVE.match(r)]
    archive = [r for r in plan.recipients if _ARCHIVE.match(r)]
    return docgen.Document(
        doc_type=docgen.DocumentType.PLAN,
        issuing_body=plan.issuer or letterhead.issuing_body,
        parent_body=letterhead.parent_body,
        number=int(plan.number) if plan.number.isdigit() else None,
        symbol=plan.symbol
        or docgen.build_symbol(docgen.DocumentType.PLAN, letterhead.abbreviation),
        place=plan.place or letterhead.place,
        date=plan.issued_on,
        title=plan.title,
        body=tuple(_body(list(plan.sections.all()))),
        recipients=tuple(recipients),
        archive=_archive(archive[0]) if archive else ("VT",),
        signer=signer(plan),
    )


def signer(plan: Plan) -> docgen.Signer | None:
    """The signature block: "KT. TRƯỞNG PHÒNG" splits into the authority and its principal."""
    if not (plan.signer_position or plan.signer_name):
        return None
    prefix, _, principal = plan.signer_authority.partition(" ")
    authority = AUTHORITIES.get(prefix.upper())
    return docgen.Signer(
        position=plan.signer_position,
        name=plan.signer_name,
        authority=authority,
        principal=principal.strip() if authority else "",
    )


def _archive(line: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in _ARCHIVE.sub("", line).rstrip(".").split(",") if p.strip())


def _body(sections: list[PlanSection]) -> list[docgen.Block]:
    blocks: list[docgen.Block] = []
    for section in sections:
        if section.heading:
            blocks.append(docgen.Heading(min(section.depth + 1, 3), section.heading))
        blocks.extend(_blocks(markup.paragraphs(section.body)))
    return blocks


def _blocks(paragraphs: list[str]) -> list[docgen.Block]:
    """Paragraphs, with runs of "- item" paragraphs as dash lists."""
    blocks: list[docgen.Block] = []
    items: list[str] = []
    for text in [*paragraphs, ""]:
        if _ITEM.match(text) and text.startswith("-"):
            items.append(_ITEM.sub("", text))
            continue
        if items:
            blocks.append(docgen.ListBlock(tuple(items)))
            items = []
        if text:
            blocks.append(docgen.Paragraph(text))
    return blocks


def docx_bytes(plan: Plan) -> bytes:
    """The DOCX: frozen in the register when issued, rendered now otherwise. Raises
    DocumentIncomplete naming what a draft lacks."""
    if plan.outgoing is not None:
        return bytes(plan.outgoing.docx)
    return docgen.render_docx(plan_document(plan))


def pdf_bytes(plan: Plan) -> bytes:
    """The PDF converted from `docx_bytes`. Raises PdfUnavailable without LibreOffice."""
    return convert(docx_bytes(plan))
