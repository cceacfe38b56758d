"""The PDF, through LibreOffice: where the blocks of the page really land.

Positions come from `pdftotext -bbox-layout` (points from the top-left corner of the page)
and rules from the pixels of a `pdftoppm` rendering. Without LibreOffice or poppler these
tests skip, unless TTDN_CI=1, where they fail.
"""

import math
import struct
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest

from ttdn.docgen import pdf
from ttdn.docgen.model import Document, DocumentIncomplete, DocumentType
from ttdn.docgen.samples import letter, main, plan
from ttdn.docgen.tests.support import (
    LONG_TITLE,
    POINTS_PER_MM,
    Line,
    gray_page,
    line_equal_to,
    pdf_lines,
    require_tools,
)

PAGE_WIDTH_PT, PAGE_HEIGHT_PT = 595.3, 841.9
LEFT_MARGIN_PT, RIGHT_MARGIN_PT, TOP_MARGIN_PT = (
    30 * POINTS_PER_MM,
    15 * POINTS_PER_MM,
    20 * POINTS_PER_MM,
)
TOOLS = ("soffice", "pdftotext", "pdftoppm")


@pytest.fixture(scope="module")
def plan_pdf() -> bytes:
    require_tools(*TOOLS)
    return pdf.render(plan())


@pytest.fixture(scope="module")
def header(plan_pdf: bytes) -> dict[str, Line]:
    """The header's lines on page 1 of the plan, by role."""
    lines = pdf_lines(plan_pdf, page=1)
    wanted = {
        "parent": "UBND THÀNH PHỐ CẨM PHẢ",
        "issuer": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        "nation": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "motto": "Độc lập - Tự do - Hạnh phúc",
        "number": "Số: 242/KH-PGDĐT",
        "date": "Cẩm Phả, ngày 14 tháng 3 năm 2023",
        "type": "KẾ HOẠCH",
        "summary": "Công tác thông tin đối ngoại năm 2023",
    }
    return {role: line_equal_to(lines, text) for role, text in wanted.items()}


@pytest.mark.pdf
def test_pdf_issuing_body_sits_top_left(header: dict[str, Line]) -> None:
    parent, issuer = header["parent"], header["issuer"]

    assert parent.y_min == pytest.approx(TOP_MARGIN_PT, abs=4)
    assert issuer.y_min > parent.y_min
    assert issuer.x_min >= LEFT_MARGIN_PT - 1
    assert issuer.x_max < PAGE_WIDTH_PT / 2
    assert issuer.centre == pytest.approx(parent.centre, abs=1)


@pytest.mark.pdf
def test_pdf_national_title_sits_top_right_level_with_the_issuer(header: dict[str, Line]) -> None:
    nation, motto, parent = header["nation"], header["motto"], header["parent"]

    assert nation.x_min > header["issuer"].x_max
    assert nation.x_max <= PAGE_WIDTH_PT - RIGHT_MARGIN_PT + 1
    assert nation.y_min == pytest.approx(parent.y_min, abs=2)
    assert motto.y_min > nation.y_min
    assert motto.centre == pytest.approx(nation.centre, abs=1)


@pytest.mark.pdf
def test_pdf_number_sits_under_the_issuing_body(header: dict[str, Line]) -> None:
    number, issuer = header["number"], header["issuer"]

    assert number.y_min > issuer.y_max
    assert number.centre == pytest.approx(issuer.centre, abs=1)


@pytest.mark.pdf
def test_pdf_place_and_date_sit_under_the_motto_level_with_the_number(
    header: dict[str, Line],
) -> None:
    date, motto, number = header["date"], header["motto"], header["number"]

    assert date.y_min > motto.y_max
    assert date.centre == pytest.approx(header["nation"].centre, abs=1)
    assert date.y_max == pytest.approx(number.y_max, abs=3)


@pytest.mark.pdf
def test_pdf_type_name_and_summary_are_centred_below_the_header(header: dict[str, Line]) -> None:
    text_centre = LEFT_MARGIN_PT + (PAGE_WIDTH_PT - LEFT_MARGIN_PT - RIGHT_MARGIN_PT) / 2
    type_name, summary = header["type"], header["summary"]

    assert type_name.y_min > header["date"].y_min
    assert summary.y_min > type_name.y_min
    assert (type_name.centre, summary.centre) == (pytest.approx(text_centre, abs=1),) * 2


@pytest.mark.pdf
def test_pdf_draws_the_rules_under_motto_issuer_and_summary(
    plan_pdf: bytes, header: dict[str, Line]
) -> None:
    page = gray_page(plan_pdf, page=1)

    def rule_under(line: Line) -> float:
        return page.longest_dark_run_pt(
            (line.x_min - 20, line.x_max + 20), (line.y_max, line.y_max + 8)
        )

    assert rule_under(header["motto"]) == pytest.approx(header["motto"].width, abs=2)
    assert 1 / 3 <= rule_under(header["issuer"]) / header["issuer"].width <= 1 / 2
    assert 1 / 3 <= rule_under(header["summary"]) / header["summary"].width <= 1 / 2


@pytest.mark.pdf
def test_pdf_page_numbers_start_on_page_two_centred_in_the_top_margin(plan_pdf: bytes) -> None:
    text_centre = LEFT_MARGIN_PT + (PAGE_WIDTH_PT - LEFT_MARGIN_PT - RIGHT_MARGIN_PT) / 2

    first = [line.text for line in pdf_lines(plan_pdf, page=1) if line.y_max < TOP_MARGIN_PT]
    second = [line for line in pdf_lines(plan_pdf, page=2) if line.y_max < TOP_MARGIN_PT]

    assert first == []
    assert [line.text for line in second] == ["2"]
    assert second[0].centre == pytest.approx(text_centre, abs=2)


@pytest.mark.pdf
def test_pdf_closing_blocks_stand_side_by_side(plan_pdf: bytes) -> None:
    lines = pdf_lines(plan_pdf, page=3)

    recipients = line_equal_to(lines, "Nơi nhận:")
    authority = line_equal_to(lines, "KT. TRƯỞNG PHÒNG")
    name = line_equal_to(lines, "Lê Thị Lan")
    archive = line_equal_to(lines, "- Lưu: VT, CTTT.")

    assert recipients.x_min == pytest.approx(LEFT_MARGIN_PT, abs=1)
    assert authority.x_min > PAGE_WIDTH_PT / 2
    assert authority.y_min == pytest.approx(recipients.y_min, abs=4)
    assert name.centre == pytest.approx(authority.centre, abs=1)
    assert name.y_min - authority.y_max > 20 * POINTS_PER_MM
    assert archive.x_min == pytest.approx(LEFT_MARGIN_PT, abs=1)


@pytest.mark.pdf
def test_pdf_letter_prints_vv_under_the_number_and_no_type_name() -> None:
    require_tools(*TOOLS)

    lines = pdf_lines(pdf.render(letter()), page=1)

    number = line_equal_to(lines, "Số: 315/PGDĐT-CTTT")
    summary = next(line for line in lines if line.text.startswith("V/v "))
    assert summary.y_min > number.y_max
    assert summary.x_max < PAGE_WIDTH_PT / 2
    assert line_equal_to(lines, "Kính gửi: - Hiệu trưởng các trường mầm non;").y_min > summary.y_max


@pytest.mark.pdf
def test_pdf_long_title_wraps_inside_the_margins() -> None:
    require_tools(*TOOLS)
    doc = replace(plan(), title=LONG_TITLE)

    lines = pdf_lines(pdf.render(doc), page=1)

    title = [
        line
        for line in lines
        if line.text.startswith("Tăng cường") or "trong trường học" in line.text
    ]
    assert len(title) >= 3
    assert min(line.x_min for line in title) >= LEFT_MARGIN_PT - 1
    assert max(line.x_max for line in title) <= PAGE_WIDTH_PT - RIGHT_MARGIN_PT + 1


@pytest.mark.pdf
def test_pdf_page_png_renders_an_a4_page(plan_pdf: bytes) -> None:
    image = pdf.page_png(plan_pdf, page=1, dpi=100)

    width, height = struct.unpack(">II", image[16:24])
    assert image[:8] == b"\x89PNG\r\n\x1a\n"
    assert (width, height) == (
        math.ceil(PAGE_WIDTH_PT / 72 * 100),
        math.ceil(PAGE_HEIGHT_PT / 72 * 100),
    )


@pytest.mark.pdf
def test_pdf_samples_script_writes_png_files(tmp_path: Path) -> None:
    require_tools(*TOOLS)

    status = main([str(tmp_path), "giay-moi"])

    assert status == 0
    assert [path.name for path in tmp_path.iterdir()] == ["giay-moi.png"]


def test_pdf_render_reports_unavailable_without_libreoffice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PATH", "")

    with pytest.raises(pdf.PdfUnavailable, match="PDF unavailable"):
        pdf.render(plan())

    assert pdf.available() is False


def test_pdf_render_checks_the_document_before_converting() -> None:
    with pytest.raises(DocumentIncomplete):
        pdf.render(Document(doc_type=DocumentType.LETTER))


@pytest.mark.pdf
def test_pdf_parallel_conversions_do_not_share_a_profile() -> None:
    require_tools(*TOOLS)

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(pdf.render, [plan(), letter()]))

    assert [result[:5] for result in results] == [b"%PDF-", b"%PDF-"]
