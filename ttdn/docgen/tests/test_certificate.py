"""Training certificates: the text of each page, one page per person, landscape A4."""

import datetime
import io

import docx
import pytest
from docx.enum.section import WD_ORIENT

from ttdn.docgen import certificate, pdf
from ttdn.docgen.tests.support import pdf_lines, require_tools

CERT = certificate.Certificate(
    issuing_body="Phòng Giáo dục và Đào tạo thành phố Cẩm Phả",
    number="1/2026-GCN-7",
    full_name="Trần Thị Hoa",
    unit_name="Trường THCS Cẩm Phú",
    course="lớp tập huấn nghiệp vụ thông tin đối ngoại",
    period="tổ chức ngày 02/3/2026 tại Cẩm Phả",
    result="Khá",
    place="Cẩm Phả",
    date=datetime.date(2026, 3, 3),
    signer_position="Trưởng phòng",
    signer_name="Vũ Đức Tiến",
)


def _texts(content: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs if p.text]


def test_certificate_says_who_completed_what_with_which_result():
    texts = _texts(certificate.render([CERT]))

    assert texts == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ CẨM PHẢ",
        "GIẤY CHỨNG NHẬN",
        "Số: 1/2026-GCN-7",
        "Chứng nhận ông/bà:",
        "TRẦN THỊ HOA",
        "Đơn vị: Trường THCS Cẩm Phú",
        "Đã hoàn thành lớp tập huấn nghiệp vụ thông tin đối ngoại",
        "tổ chức ngày 02/3/2026 tại Cẩm Phả",
        "Kết quả: Khá",
        "Cẩm Phả, ngày 03 tháng 3 năm 2026",
        "TRƯỞNG PHÒNG",
        "Vũ Đức Tiến",
    ]


def test_certificates_are_landscape_one_per_page():
    word = docx.Document(io.BytesIO(certificate.render([CERT, CERT])))

    breaks = sum(1 for p in word.paragraphs for r in p.runs if 'w:br w:type="page"' in r._r.xml)
    assert (word.sections[0].orientation, breaks) == (WD_ORIENT.LANDSCAPE, 1)


def test_no_certificate_is_refused():
    with pytest.raises(ValueError):
        certificate.render([])


@pytest.mark.pdf
def test_certificate_pdf_has_one_page_per_person():
    require_tools("soffice", "pdftotext")

    content = pdf.convert(certificate.render([CERT, CERT]))

    titles = [
        [line.text for line in pdf_lines(content, page)].count("GIẤY CHỨNG NHẬN") for page in (1, 2)
    ]
    assert titles == [1, 1]
