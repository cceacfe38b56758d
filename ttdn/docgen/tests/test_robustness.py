from dataclasses import replace

from ttdn.docgen import docx
from ttdn.docgen.model import Paragraph
from ttdn.docgen.samples import plan
from ttdn.docgen.tests.support import (
    LONG_TITLE,
    column_widths_mm,
    open_docx,
    paragraph_starting,
    texts,
)
from ttdn.docgen.text import clean


def test_clean_strips_characters_xml_cannot_carry() -> None:
    text = "A\x00B\x07C\x0bD\x1fE\ud800F\ufffeG\tH\nI"

    result = clean(text)

    assert result == "ABCDEFG\tH\nI"


def test_clean_keeps_emoji_and_composes_vietnamese() -> None:
    text = "Tie\u0302\u0301ng Vie\u0323\u0302t 😀"

    result = clean(text)

    assert result == "Tiếng Việt 😀"


def test_render_survives_control_characters_surrogates_and_emoji() -> None:
    doc = replace(
        plan(),
        title="Kế hoạch\x00 năm\x1b 2023 😀\ud83d",
        body=(Paragraph("Nội dung\x0c có ký tự lạ \U0001f4da và \ufffe hết."),),
        recipients=("Sở GD&ĐT\x08 (b/c)",),
    )

    word = open_docx(docx.render(doc))

    assert paragraph_starting(word, "Kế hoạch").text == "Kế hoạch năm 2023 😀"
    assert paragraph_starting(word, "Nội dung").text == "Nội dung có ký tự lạ 📚 và  hết."
    assert texts(word.tables[-1].rows[0].cells[0].paragraphs)[1] == "- Sở GD&ĐT (b/c);"


def test_render_keeps_a_very_long_title_whole_in_one_wrapping_paragraph() -> None:
    doc = replace(plan(), title=LONG_TITLE)

    word = open_docx(docx.render(doc))

    title = paragraph_starting(word, "Tăng cường")
    assert title.text == LONG_TITLE
    assert title.paragraph_format.left_indent is None
    assert title.paragraph_format.right_indent is None


def test_render_keeps_header_columns_fixed_for_an_unbreakable_issuing_body() -> None:
    doc = replace(plan(), issuing_body="PHÒNGGIÁODỤCVÀĐÀOTẠO" * 8)

    word = open_docx(docx.render(doc))

    assert column_widths_mm(word.tables[0]) == [72.0, 93.0]
    assert word.tables[0].autofit is False
