import datetime

import pytest

from ttdn.docgen.model import DocumentType
from ttdn.docgen.numbering import (
    build_symbol,
    format_number,
    number_line,
    place_date_line,
)


@pytest.mark.parametrize(
    ("number", "printed"), [(1, "01"), (5, "05"), (9, "09"), (10, "10"), (242, "242")]
)
def test_format_number_pads_numbers_below_ten(number: int, printed: str) -> None:
    result = format_number(number)

    assert result == printed


def test_format_number_rejects_zero() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        format_number(0)


def test_number_line_joins_number_and_symbol_without_spaces() -> None:
    line = number_line(5, " KH - PGDĐT ")

    assert line == "Số: 05/KH-PGDĐT"


def test_number_line_leaves_room_for_a_number_assigned_after_signing() -> None:
    line = number_line(None, "KH-PGDĐT")

    assert line == "Số: " + "\u00a0" * 8 + "/KH-PGDĐT"


@pytest.mark.parametrize(
    ("doc_type", "issuer", "symbol"),
    [
        (DocumentType.PLAN, "PGDĐT", "KH-PGDĐT"),
        (DocumentType.REPORT, "SGDĐT", "BC-SGDĐT"),
        (DocumentType.NOTICE, "SGDĐT", "TB-SGDĐT"),
        (DocumentType.DECISION, "BNV", "QĐ-BNV"),
        (DocumentType.INVITATION, "PGDĐT", "GM-PGDĐT"),
    ],
)
def test_build_symbol_joins_type_and_issuer(
    doc_type: DocumentType, issuer: str, symbol: str
) -> None:
    result = build_symbol(doc_type, issuer)

    assert result == symbol


def test_build_symbol_of_a_letter_joins_issuer_and_drafting_unit() -> None:
    result = build_symbol(DocumentType.LETTER, "UBND", "VX")

    assert result == "UBND-VX"


@pytest.mark.parametrize(
    ("doc_type", "issuer", "drafting_unit"),
    [
        (DocumentType.LETTER, "UBND", ""),
        (DocumentType.PLAN, "PGDĐT", "CTTT"),
        (DocumentType.PLAN, "  ", ""),
    ],
)
def test_build_symbol_rejects_parts_the_decree_does_not_allow(
    doc_type: DocumentType, issuer: str, drafting_unit: str
) -> None:
    with pytest.raises(ValueError):
        build_symbol(doc_type, issuer, drafting_unit)


@pytest.mark.parametrize(
    ("date", "line"),
    [
        (datetime.date(2023, 3, 14), "Cẩm Phả, ngày 14 tháng 3 năm 2023"),
        (datetime.date(2024, 2, 5), "Cẩm Phả, ngày 05 tháng 02 năm 2024"),
        (datetime.date(2023, 1, 9), "Cẩm Phả, ngày 09 tháng 01 năm 2023"),
        (datetime.date(2023, 10, 1), "Cẩm Phả, ngày 01 tháng 10 năm 2023"),
        (datetime.date(2023, 12, 31), "Cẩm Phả, ngày 31 tháng 12 năm 2023"),
    ],
)
def test_place_date_line_pads_days_below_ten_and_january_february(
    date: datetime.date, line: str
) -> None:
    result = place_date_line("Cẩm Phả", date)

    assert result == line


def test_place_date_line_leaves_blanks_on_an_undated_draft() -> None:
    blank = "\u00a0" * 8

    result = place_date_line("Cẩm Phả", None)

    assert result == f"Cẩm Phả, ngày{blank}tháng{blank}năm{blank}"
