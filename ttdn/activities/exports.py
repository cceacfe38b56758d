"""What a printed certificate says: a prize of a contest level as a docgen Document (Nghị định
30/2020 layout, "GIẤY CHỨNG NHẬN"), on the organiser's letterhead, signed as the contest says."""

from __future__ import annotations

from django.utils import timezone, translation

from ttdn import docgen
from ttdn.activities.models import Result
from ttdn.docgen.pdf import convert
from ttdn.documents.queries import letterhead_for

AUTHORITIES = {a.value: a for a in docgen.Authority}


def certificate_document(result: Result) -> docgen.Document:
    """The certificate of `result`'s prize: who (the entry, its pupils and school), which prize,
    at which level of which contest."""
    entry, level = result.entry, result.level
    contest = level.contest
    letterhead = letterhead_for(contest.unit)
    with translation.override("vi"):
        prize = str(result.get_prize_display())
    school_year = f"{contest.year}–{contest.year + 1}"
    body = (
        docgen.Paragraph(f"Chứng nhận: {entry.title}"),
        docgen.Paragraph("Học sinh: " + "; ".join(entry.pupils)),
        docgen.Paragraph(f"Đơn vị: {entry.unit.name}"),
        docgen.Paragraph(f"Đã đạt {prize} {level.name} {contest.title} năm học {school_year}."),
    )
    return docgen.Document(
        doc_type=docgen.DocumentType.CERTIFICATE,
        issuing_body=letterhead.issuing_body,
        parent_body=letterhead.parent_body,
        symbol=docgen.build_symbol(docgen.DocumentType.CERTIFICATE, letterhead.abbreviation),
        place=letterhead.place,
        date=timezone.localdate(),
        title=f"{prize} {level.name} {contest.title}",
        body=body,
        recipients=(entry.unit.name,),
        signer=signer(contest.signer_position, contest.signer_name),
    )


def signer(position: str, name: str) -> docgen.Signer | None:
    """ "KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG" signs for the head; a bare position signs itself."""
    if not (position or name):
        return None
    principal_line, _, own = position.partition("/")
    prefix, _, principal = principal_line.strip().partition(" ")
    authority = AUTHORITIES.get(prefix.upper()) if own else None
    return docgen.Signer(
        position=own.strip() if authority else position.strip(),
        name=name,
        authority=authority,
        principal=principal.strip() if authority else "",
    )


def docx_bytes(result: Result) -> bytes:
    """Raises DocumentIncomplete naming what the contest lacks (the signer)."""
    return docgen.render_docx(certificate_document(result))


def pdf_bytes(result: Result) -> bytes:
    """Raises PdfUnavailable without LibreOffice."""
    return convert(docx_bytes(result))
