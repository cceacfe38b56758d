"""Case → the letter to the outlet (Công văn), as a docgen document for the outgoing register."""

from __future__ import annotations

from ttdn import docgen
from ttdn.monitoring.models import Case

AUTHORITIES = {a.value: a for a in docgen.Authority}


def signer(authority: str, position: str, name: str) -> docgen.Signer | None:
    """The signature block: "KT. TRƯỞNG PHÒNG" splits into the authority and its principal."""
    if not (position or name):
        return None
    prefix, _, principal = authority.partition(" ")
    found = AUTHORITIES.get(prefix.upper())
    return docgen.Signer(
        position=position, name=name, authority=found, principal=principal.strip() if found else ""
    )


def response_letter(
    case: Case, *, outlet: str, body: str, signer: docgen.Signer | None
) -> docgen.Document:
    """The letter that answers an outlet's article: "V/v cung cấp thông tin về …", addressed to
    the outlet, one paragraph per paragraph of `body`."""
    item = case.mention.item
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip()]
    opening = (
        f"Ngày {item.published_at or item.fetched_at:%d/%m/%Y}, {outlet} đăng bài “{item.title}” "
        f"({item.url}). Về nội dung bài viết, {case.unit.name} cung cấp thông tin như sau:"
        if (item.published_at or item.fetched_at)
        else f"Về bài viết “{item.title}” của {outlet}, {case.unit.name} cung cấp thông tin như sau:"
    )
    return docgen.Document(
        doc_type=docgen.DocumentType.LETTER,
        title=f"Cung cấp thông tin về bài viết “{item.title}”"[:250],
        addressees=(outlet,),
        body=tuple(docgen.Paragraph(p) for p in [opening, *paragraphs]),
        recipients=("Như trên", "Lãnh đạo đơn vị (để b/c)"),
        signer=signer,
    )
