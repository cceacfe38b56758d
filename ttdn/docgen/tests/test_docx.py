"""The DOCX of each of the six types against the numbers of nd30.md (Phụ lục I).

Ranges are written out here from the decree, not read from `layout`, so that a change of
layout that leaves the decree's ranges fails.
"""

from collections.abc import Callable

import pytest
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm

from ttdn.docgen import docx
from ttdn.docgen.model import Article, Document, DocumentType
from ttdn.docgen.samples import SAMPLES, decision, letter, plan
from ttdn.docgen.tests.support import (
    bottom_rule,
    column_widths_mm,
    emphasis,
    field_codes,
    fonts,
    next_paragraph,
    open_docx,
    paragraph_starting,
    rule_length_mm,
    sizes,
    table_borders,
    text_paragraphs,
    texts,
)
from ttdn.docgen.text import text_width_mm

TYPED = {slug: build for slug, build in SAMPLES.items() if slug != "cong-van"}
REGULAR, BOLD, ITALIC, BOLD_ITALIC = (False, False), (True, False), (False, True), (True, True)
CENTER, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.JUSTIFY


@pytest.fixture(scope="module", params=list(SAMPLES), ids=list(SAMPLES))
def sample(request: pytest.FixtureRequest) -> tuple[Document, WordDocument]:
    doc = SAMPLES[request.param]()
    return doc, open_docx(docx.render(doc))


@pytest.fixture(scope="module", params=list(TYPED), ids=list(TYPED))
def typed(request: pytest.FixtureRequest) -> tuple[Document, WordDocument]:
    doc = TYPED[request.param]()
    return doc, open_docx(docx.render(doc))


def test_docx_page_is_a4_portrait_with_decree_margins(
    sample: tuple[Document, WordDocument],
) -> None:
    _, word = sample

    section = word.sections[0]

    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20


def test_docx_every_run_is_times_new_roman(sample: tuple[Document, WordDocument]) -> None:
    _, word = sample
    section = word.sections[0]
    cells = [cell for table in word.tables for row in table.rows for cell in row.cells]
    paragraphs = [*word.paragraphs, *(p for cell in cells for p in cell.paragraphs)]
    paragraphs += section.header.paragraphs

    names = {name for paragraph in paragraphs for name, _, _, _ in fonts(paragraph)}

    assert names == {"Times New Roman"}


def test_docx_header_table_has_issuer_left_and_nation_right(
    sample: tuple[Document, WordDocument],
) -> None:
    doc, word = sample

    (issuer, nation), _ = (row.cells for row in word.tables[0].rows)

    assert texts(issuer.paragraphs) == [doc.parent_body.upper(), doc.issuing_body.upper()]
    assert texts(nation.paragraphs) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert table_borders(word.tables[0]) == {"nil"}
    assert sum(column_widths_mm(word.tables[0])) == 165.0


def test_docx_header_fonts_follow_the_decree(sample: tuple[Document, WordDocument]) -> None:
    _, word = sample
    (issuer, nation), (number, date) = (row.cells for row in word.tables[0].rows)
    parent, issuing = text_paragraphs(issuer.paragraphs)
    national_title, motto = text_paragraphs(nation.paragraphs)
    number_line, date_line = (
        text_paragraphs(number.paragraphs)[0],
        text_paragraphs(date.paragraphs)[0],
    )

    checks = [
        (parent, (12, 13), REGULAR),
        (issuing, (12, 13), BOLD),
        (national_title, (12, 13), BOLD),
        (motto, (13, 14), BOLD),
        (number_line, (13, 13), REGULAR),
        (date_line, (13, 14), ITALIC),
    ]

    for paragraph, (low, high), style in checks:
        assert emphasis(paragraph) == {style}, paragraph.text
        assert all(low <= size <= high for size in sizes(paragraph)), paragraph.text
        assert paragraph.alignment == CENTER, paragraph.text


def test_docx_header_draws_a_rule_under_issuer_and_motto(
    sample: tuple[Document, WordDocument],
) -> None:
    doc, word = sample
    (issuer, nation), _ = (row.cells for row in word.tables[0].rows)
    issuer_rule, motto_rule = issuer.paragraphs[-1], nation.paragraphs[-1]
    left, right = column_widths_mm(word.tables[0])
    issuing_mm = text_width_mm(doc.issuing_body.upper(), 12, bold=True)
    motto_mm = text_width_mm("Độc lập - Tự do - Hạnh phúc", 13, bold=True)

    issuer_ratio = rule_length_mm(issuer_rule, left) / issuing_mm
    motto_length = rule_length_mm(motto_rule, right)

    assert (bottom_rule(issuer_rule), bottom_rule(motto_rule)) == ("single", "single")
    assert (issuer_rule.text, motto_rule.text) == ("", "")
    assert 1 / 3 <= issuer_ratio <= 1 / 2
    assert motto_length == pytest.approx(motto_mm, abs=0.5)


def test_docx_number_line_reads_so_with_padded_number(
    sample: tuple[Document, WordDocument],
) -> None:
    doc, word = sample
    _, (number, date) = (row.cells for row in word.tables[0].rows)

    number_text = texts(number.paragraphs)[0]

    assert number_text == f"Số: {doc.number:02d}/{doc.symbol}"
    assert texts(date.paragraphs)[0].startswith(f"{doc.place}, ngày ")


def test_docx_typed_document_centres_type_name_and_summary_in_bold(
    typed: tuple[Document, WordDocument],
) -> None:
    doc, word = typed
    type_name = paragraph_starting(word, doc.doc_type.type_name)
    summary = next_paragraph(word, type_name)
    rule = next_paragraph(word, summary)

    assert (type_name.text, summary.text) == (doc.doc_type.type_name, doc.title)
    for paragraph in (type_name, summary):
        assert (paragraph.alignment, emphasis(paragraph)) == (CENTER, {BOLD})
        assert all(13 <= size <= 14 for size in sizes(paragraph))
    assert bottom_rule(rule) == "single"
    assert (
        1 / 3
        <= rule_length_mm(rule, 165) / min(165, text_width_mm(doc.title, 14, bold=True))
        <= 1 / 2
    )


def test_docx_letter_prints_vv_summary_under_the_number() -> None:
    doc = letter()

    word = open_docx(docx.render(doc))

    _, (number, _) = (row.cells for row in word.tables[0].rows)
    _, summary = text_paragraphs(number.paragraphs)
    assert summary.text == f"V/v {doc.title}"
    assert (summary.alignment, emphasis(summary)) == (CENTER, {REGULAR})
    assert all(12 <= size <= 13 for size in sizes(summary))
    assert summary.paragraph_format.space_before.pt == 6
    assert texts(word.paragraphs)[0].startswith("Kính gửi:")  # no type name, no summary


def test_docx_letter_lists_several_addressees_one_per_line() -> None:
    doc = letter()

    word = open_docx(docx.render(doc))

    first = paragraph_starting(word, "Kính gửi:")
    lines = [
        first.text,
        next_paragraph(word, first).text,
        next_paragraph(word, next_paragraph(word, first)).text,
    ]
    assert lines == [
        "Kính gửi: - Hiệu trưởng các trường mầm non;",
        "- Hiệu trưởng các trường tiểu học;",
        "- Hiệu trưởng các trường THCS.",
    ]


def test_docx_body_is_justified_with_first_line_indent(
    sample: tuple[Document, WordDocument],
) -> None:
    doc, word = sample
    first = doc.body[0]
    opening = paragraph_starting(word, "Điều 1." if isinstance(first, Article) else first.text)
    fmt = opening.paragraph_format

    assert opening.alignment == JUSTIFY
    assert fmt.first_line_indent in (Cm(1), Cm(1.27))
    assert max(fmt.space_before.pt, fmt.space_after.pt) >= 6
    assert 1.0 <= fmt.line_spacing <= 1.5
    assert all(13 <= size <= 14 for size in sizes(opening))


def test_docx_section_headings_are_bold_and_upper_case() -> None:
    word = open_docx(docx.render(plan()))

    heading = paragraph_starting(word, "I. ")

    assert heading.text == "I. MỤC ĐÍCH, YÊU CẦU"
    assert emphasis(heading) == {BOLD}
    assert heading.paragraph_format.keep_with_next is True


def test_docx_numbers_pages_from_page_two_at_top_centre(
    sample: tuple[Document, WordDocument],
) -> None:
    _, word = sample
    section = word.sections[0]
    number = section.header.paragraphs[0]

    assert section.different_first_page_header_footer is True
    assert field_codes(section.first_page_header.paragraphs) == []
    assert field_codes(section.header.paragraphs) == [" PAGE "]
    assert number.alignment == CENTER
    assert emphasis(number) == {REGULAR}
    assert all(13 <= size <= 14 for size in sizes(number))


def test_docx_closing_table_puts_recipients_left_and_signature_right(
    sample: tuple[Document, WordDocument],
) -> None:
    doc, word = sample
    assert doc.signer is not None
    closing = word.tables[-1]
    recipients, signature = closing.rows[0].cells
    heading, *entries = text_paragraphs(recipients.paragraphs)

    assert table_borders(closing) == {"nil"}
    assert (heading.text, emphasis(heading), sizes(heading)) == ("Nơi nhận:", {BOLD_ITALIC}, {12.0})
    assert [entry.text for entry in entries] == [
        *(f"- {recipient};" for recipient in doc.recipients),
        f"- Lưu: {', '.join(doc.archive)}.",
    ]
    assert {size for entry in entries for size in sizes(entry)} == {11.0}
    assert texts(signature.paragraphs) == [line.upper() for line in doc.signer.title_lines()] + [
        doc.signer.name
    ]
    for line in text_paragraphs(signature.paragraphs):
        assert (line.alignment, emphasis(line)) == (CENTER, {BOLD})
        assert all(13 <= size <= 14 for size in sizes(line))


def test_docx_signature_leaves_room_for_signature_and_seal() -> None:
    word = open_docx(docx.render(plan()))

    name = text_paragraphs(word.tables[-1].rows[0].cells[1].paragraphs)[-1]

    assert name.paragraph_format.space_before.mm >= 20


def test_docx_decision_prints_preamble_and_articles() -> None:
    doc = decision()

    word = open_docx(docx.render(doc))

    authority = paragraph_starting(word, "TRƯỞNG PHÒNG GIÁO DỤC")
    bases = [paragraph_starting(word, basis[:20]) for basis in doc.bases]
    decides = paragraph_starting(word, "QUYẾT ĐỊNH:")
    article = paragraph_starting(word, "Điều 1.")
    assert (authority.alignment, emphasis(authority)) == (CENTER, {BOLD})
    assert [basis.text[-1] for basis in bases] == [";", ";", "."]
    assert {style for basis in bases for style in emphasis(basis)} == {ITALIC}
    assert (decides.text, decides.alignment, emphasis(decides)) == ("QUYẾT ĐỊNH:", CENTER, {BOLD})
    assert article.runs[0].text == "Điều 1. "
    assert article.runs[0].bold
    assert article.alignment == JUSTIFY


def test_docx_typed_type_names_match_the_document_type() -> None:
    names = []

    for build in TYPED.values():
        doc = build()
        word = open_docx(docx.render(doc))
        names.append(paragraph_starting(word, doc.doc_type.type_name).text)

    assert names == [
        "KẾ HOẠCH",
        "BÁO CÁO",
        "THÔNG BÁO",
        "QUYẾT ĐỊNH",
        "GIẤY MỜI",
        "GIẤY CHỨNG NHẬN",
    ]


def test_docx_samples_cover_every_type() -> None:
    builders: list[Callable[[], Document]] = list(SAMPLES.values())

    kinds = {build().doc_type for build in builders}

    assert kinds == set(DocumentType)
