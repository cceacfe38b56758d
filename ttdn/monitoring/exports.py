"""What monitoring prints through the outgoing register: the letter to an outlet (Công văn)
answering a case, and the weekly or monthly "Tổng hợp dư luận báo chí" (Báo cáo)."""

from __future__ import annotations

import datetime

from ttdn import docgen
from ttdn.monitoring.models import Case
from ttdn.monitoring.queries import PressSummary
from ttdn.org.models import Unit

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


def _table(
    header: tuple[str, ...], rows: list[tuple[str, ...]], widths: tuple[float, ...]
) -> docgen.Table:
    return docgen.Table(header=header, rows=tuple(rows), widths=widths)


def press_report(
    unit: Unit,
    summary: PressSummary,
    *,
    start: datetime.date,
    end: datetime.date,
    signer: docgen.Signer | None,
    recipients: tuple[str, ...],
) -> docgen.Document:
    """Báo cáo tổng hợp dư luận báo chí of `unit` (and the units below) from `start` to `end`:
    mentions by tone, topic and source, the stories most copied, the cases and their outcome."""
    period = f"từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"
    body: list[docgen.Block] = [
        docgen.Paragraph(
            f"{unit.name} báo cáo tổng hợp dư luận báo chí {period} về ngành giáo dục trên địa "
            f"bàn, như sau:"
        ),
        docgen.Heading(1, "I. TÌNH HÌNH THÔNG TIN TRÊN BÁO CHÍ, MẠNG XÃ HỘI"),
        docgen.Paragraph(
            f"Trong kỳ, hệ thống ghi nhận {summary.mentions} tin, bài có nhắc tới đơn vị "
            f"({', '.join(f'{label.lower()}: {n}' for label, n in summary.by_tone)})."
        ),
    ]
    if summary.by_topic:
        body += [
            docgen.Paragraph("Theo chủ đề:"),
            _table(("Chủ đề", "Số tin, bài"), [(t, str(n)) for t, n in summary.by_topic], (5, 1.5)),
        ]
    if summary.by_source:
        body += [
            docgen.Paragraph("Theo nguồn tin:"),
            _table(
                ("Nguồn tin", "Loại nguồn", "Số tin, bài"),
                [(name, kind, str(n)) for name, kind, n in summary.by_source],
                (3.5, 2, 1.5),
            ),
        ]
    if summary.stories:
        body += [
            docgen.Paragraph("Các tin được đăng lại nhiều nhất:"),
            docgen.ListBlock(tuple(f"{title} ({n} bản đăng)" for title, n in summary.stories)),
        ]
    body += [
        docgen.Heading(1, "II. XỬ LÝ, PHẢN HỒI THÔNG TIN"),
        docgen.Paragraph(
            f"Mở {summary.cases_opened} vụ việc cần xác minh, phản hồi; đã phản hồi đúng hạn "
            f"{summary.cases_responded_on_time}; không phản hồi (thông tin đúng hoặc không cần "
            f"phản hồi) {summary.cases_dismissed}; đã kết thúc {summary.cases_closed}. Trả lời "
            f"{summary.press_requests_answered} yêu cầu cung cấp thông tin của báo chí."
        ),
    ]
    if summary.cases:
        body.append(
            _table(
                ("TT", "Vụ việc", "Tình trạng", "Kết quả xử lý", "Đúng hạn"),
                [
                    (str(i), c.title, c.status, c.outcome, "x" if c.on_time else "")
                    for i, c in enumerate(summary.cases, start=1)
                ],
                (0.5, 3, 1.5, 3.5, 1),
            )
        )
    return docgen.Document(
        doc_type=docgen.DocumentType.REPORT,
        title=f"Tổng hợp dư luận báo chí {period}",
        addressees=(unit.parent.name,) if unit.parent else (),
        body=tuple(body),
        recipients=recipients,
        signer=signer,
    )
