"""Training certificates (giấy chứng nhận): one A4 landscape page per person, centred text in
the documents' font, issued by the unit that organised the course.

A certificate is not a Nghị định 30 document (no number in the register, no "Nơi nhận"), so it
has its own small model; `render` lays out several on consecutive pages of one DOCX, and
`pdf.convert` turns that into PDF through the same LibreOffice path.
"""

import datetime
import io
from collections.abc import Sequence
from dataclasses import dataclass

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Mm, Pt

from ttdn.docgen import layout
from ttdn.docgen.numbering import place_date_line
from ttdn.docgen.text import clean

TITLE = "GIẤY CHỨNG NHẬN"


@dataclass(frozen=True)
class Certificate:
    issuing_body: str  # "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ CẨM PHẢ"
    number: str  # "1/2026-GCN-7"
    full_name: str
    unit_name: str
    course: str  # what was completed: "lớp tập huấn nghiệp vụ thông tin đối ngoại"
    period: str  # "từ ngày 02/3/2026 đến ngày 03/3/2026"
    result: str  # "Giỏi", "Khá", "Đạt"
    place: str
    date: datetime.date
    signer_position: str
    signer_name: str


def lines(cert: Certificate) -> list[tuple[str, float, bool]]:
    """The lines of one certificate as (text, size in pt, bold), top to bottom."""
    return [
        (layout.NATIONAL_TITLE, 13, True),
        ("Độc lập - Tự do - Hạnh phúc", 14, True),
        ("", 14, False),
        (clean(cert.issuing_body).upper(), 14, True),
        (TITLE, 26, True),
        (f"Số: {clean(cert.number)}", 13, False),
        ("Chứng nhận ông/bà:", 14, False),
        (clean(cert.full_name).upper(), 20, True),
        (f"Đơn vị: {clean(cert.unit_name)}", 14, False),
        (f"Đã hoàn thành {clean(cert.course)}", 14, False),
        (clean(cert.period), 14, False),
        (f"Kết quả: {clean(cert.result)}", 14, True),
        ("", 14, False),
        (place_date_line(cert.place, cert.date), 14, False),
        (clean(cert.signer_position).upper(), 14, True),
        ("", 14, False),
        ("", 14, False),
        ("", 14, False),
        (clean(cert.signer_name), 14, True),
    ]


def render(certificates: Sequence[Certificate]) -> bytes:
    """One DOCX with a page per certificate. Raises ValueError when there are none."""
    if not certificates:
        raise ValueError("no certificate to render")
    word = docx.Document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(layout.PAGE_HEIGHT_MM), Mm(layout.PAGE_WIDTH_MM)
    for margin in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
        setattr(section, margin, Mm(20))
    word.styles["Normal"].font.name = layout.FONT
    for index, cert in enumerate(certificates):
        for text, size, bold in lines(cert):
            paragraph = word.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_after = Pt(2)
            run = paragraph.add_run(text)
            run.font.size, run.font.bold, run.font.name = Pt(size), bold, layout.FONT
        if index < len(certificates) - 1:
            word.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
