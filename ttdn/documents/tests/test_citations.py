"""The citation parser: both seeds citation by citation, every shape, robustness.

Pure Python: no Django, no database. The seeds are read from tests/seeds/
(byte copies of ../shared/seeds, so the suite runs from any checkout).
"""

import re
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from ttdn.documents.citations import (
    TYPE_NAMES,
    Citation,
    DocumentType,
    implementation_pairs,
    issuer_key,
    issuers_agree,
    normalise_number_symbol,
    normalise_text,
    number_symbol_key,
    parse_citations,
)

SEEDS = Path(__file__).resolve().parents[3] / "tests" / "seeds"  # byte copies of ../shared/seeds

Row = tuple[str, DocumentType, str, date | None, str | None]


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def _rows(citations: list[Citation]) -> list[Row]:
    return [(c.text, c.type, c.number_symbol, c.date, c.issuer) for c in citations]


def _row(text: str) -> Row:
    (citation,) = parse_citations(text)
    return _rows([citation])[0]


# Written by reading the seeds, in order of appearance. Seed 000 is PDF text:
# several of these citations are split over lines and blank lines there.
SEED_000 = [
    (
        "Kế hoạch số 24/KH-SGDĐT ngày 01/3/2022 của Sở GDĐT",
        DocumentType.PLAN,
        "24/KH-SGDĐT",
        date(2022, 3, 1),
        "Sở GDĐT",
    ),
    (
        "Nghị định số 72/2015/NĐ-CP ngày 07/8/2015 của Chính phủ",
        DocumentType.DECREE,
        "72/2015/NĐ-CP",
        date(2015, 8, 7),  # the library says 07/9/2015: the checker's date_mismatch
        "Chính phủ",
    ),
    (
        "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ Thông tin và Truyền thông",
        DocumentType.CIRCULAR,
        "22/2016/TT-BTTTT",
        date(2016, 10, 19),
        "Bộ Thông tin và Truyền thông",
    ),
    (
        "Quyết định số 42/2018/QĐ-UBND ngày 21/12/2018 của Ủy ban nhân dân thành phố",
        DocumentType.DECISION,
        "42/2018/QĐ-UBND",
        date(2018, 12, 21),
        "Ủy ban nhân dân thành phố",
    ),
    (
        "Quyết định số 1191/QĐ-TTg ngày 05/8/2020 của Thủ tướng Chính phủ",
        DocumentType.DECISION,
        "1191/QĐ-TTg",
        date(2020, 8, 5),
        "Thủ tướng Chính phủ",
    ),
    (
        "Kế hoạch số 180/KH-UBND ngày 30/7/2021 của Ủy ban nhân dân thành phố",
        DocumentType.PLAN,
        "180/KH-UBND",
        date(2021, 7, 30),
        "Ủy ban nhân dân thành phố",
    ),
    (
        "Quyết định số 1160/QĐ-TTg ngày 13/7/2021 của Thủ tướng Chính phủ",
        DocumentType.DECISION,
        "1160/QĐ-TTg",
        date(2021, 7, 13),
        "Thủ tướng Chính phủ",
    ),
    (
        "Công văn số 5406/BTTTT-TTĐN ngày 31/12/2021 của Bộ Thông tin và Truyền thông",
        DocumentType.OFFICIAL_LETTER,
        "5406/BTTTT-TTĐN",
        date(2021, 12, 31),
        "Bộ Thông tin và Truyền thông",
    ),
    (
        "Kế hoạch số 39/KH-UBND ngày 23/02/2022 của Ủy ban nhân dân thành phố",
        DocumentType.PLAN,
        "39/KH-UBND",
        date(2022, 2, 23),
        "Ủy ban nhân dân thành phố",
    ),
    (
        "Chỉ thị 05-CT/TW của Bộ Chính trị",
        DocumentType.DIRECTIVE,
        "05-CT/TW",
        None,
        "Bộ Chính trị",
    ),
    (
        "Nghị quyết số 45- NQ/TW của Bộ Chính trị",
        DocumentType.RESOLUTION,
        "45-NQ/TW",
        None,
        "Bộ Chính trị",
    ),
    (
        "Chương trình hành động số 76-Ctr/TU của Ban Thường vụ Thành ủy",
        DocumentType.ACTION_PROGRAMME,
        "76-Ctr/TU",
        None,
        "Ban Thường vụ Thành ủy",
    ),
    (
        "Nghị quyết số 45-NQ/TW",
        DocumentType.RESOLUTION,
        "45-NQ/TW",
        None,
        None,
    ),
]

# The header "Số: 242/KH-PGDĐT" is the plan's own number, not a citation.
SEED_001 = [
    (
        "Kế hoạch số 218/KH-SGDĐT ngày 06/02/2023 của Sở Giáo dục và Đào tạo",
        DocumentType.PLAN,
        "218/KH-SGDĐT",
        date(2023, 2, 6),
        "Sở Giáo dục và Đào tạo",
    ),
    (
        "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ",
        DocumentType.DECREE,
        "72/2015/NĐ-CP",
        date(2015, 9, 7),
        "Chính phủ",
    ),
    (
        "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ Thông tin và Truyền thông",
        DocumentType.CIRCULAR,
        "22/2016/TT-BTTTT",
        date(2016, 10, 19),
        "Bộ Thông tin và Truyền thông",
    ),
    (
        "Quyết định số 38/2018/QĐ-UBND ngày 22/11/2018 của Ủy ban nhân dân tỉnh",
        DocumentType.DECISION,
        "38/2018/QĐ-UBND",
        date(2018, 11, 22),
        "Ủy ban nhân dân tỉnh",
    ),
    (
        "Kế hoạch số 08/KH-UBND ngày 16/01/2023 của Ủy ban nhân dân tỉnh",
        DocumentType.PLAN,
        "08/KH-UBND",
        date(2023, 1, 16),
        "Ủy ban nhân dân tỉnh",
    ),
]


# --- The seeds ------------------------------------------------------------


def test_parse_citations_lists_every_citation_of_seed_000_in_order() -> None:
    text = _seed("000")

    citations = parse_citations(text)

    assert _rows(citations) == SEED_000


def test_parse_citations_lists_every_citation_of_seed_001_in_order() -> None:
    text = _seed("001")

    citations = parse_citations(text)

    assert _rows(citations) == SEED_001


@pytest.mark.parametrize("prefix", ["000", "001"])
def test_parse_citations_offsets_span_the_citation_text(prefix: str) -> None:
    text = _seed(prefix)

    citations = parse_citations(text)

    normalised = normalise_text(text)
    spans = [re.sub(r"\s+", " ", normalised[c.start : c.end]) for c in citations]
    assert spans == [c.text for c in citations]


def test_implementation_pairs_expose_the_chronology_problem_of_seed_000() -> None:
    text = _seed("000")
    citations = parse_citations(text)

    pairs = implementation_pairs(citations, text)

    assert [(a.number_symbol, b.number_symbol) for a, b in pairs] == [
        ("42/2018/QĐ-UBND", "1191/QĐ-TTg"),
        ("180/KH-UBND", "1160/QĐ-TTg"),
        ("76-Ctr/TU", "45-NQ/TW"),
    ]
    impossible = [
        (a.number_symbol, b.number_symbol)
        for a, b in pairs
        if a.date is not None and b.date is not None and a.date < b.date
    ]
    assert impossible == [("42/2018/QĐ-UBND", "1191/QĐ-TTg")]


def test_parse_citations_marks_which_citation_implements_another_in_seed_000() -> None:
    text = _seed("000")

    citations = parse_citations(text)

    marked = [
        (i, c.implemented_by) for i, c in enumerate(citations) if c.implemented_by is not None
    ]
    assert marked == [(4, 3), (6, 5), (12, 11)]


def test_implementation_pairs_finds_none_in_seed_001() -> None:
    text = _seed("001")

    pairs = implementation_pairs(parse_citations(text), text)

    assert pairs == []


def test_parse_citations_reads_nfd_seed_like_nfc() -> None:
    text = _seed("000")

    from_nfd = parse_citations(unicodedata.normalize("NFD", text))

    assert from_nfd == parse_citations(unicodedata.normalize("NFC", text))


# --- Shapes ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Nghị định số 72/2015/NĐ-CP ngày 07/8/2015 của Chính phủ về quản lý",
            (
                "Nghị định số 72/2015/NĐ-CP ngày 07/8/2015 của Chính phủ",
                DocumentType.DECREE,
                "72/2015/NĐ-CP",
                date(2015, 8, 7),
                "Chính phủ",
            ),
        ),
        (
            "Thông tư số 22/2016/TT-BTTTT;",
            ("Thông tư số 22/2016/TT-BTTTT", DocumentType.CIRCULAR, "22/2016/TT-BTTTT", None, None),
        ),
        (
            "Thực hiện Kế hoạch số 24/KH-SGDĐT ngày 01/3/2022 của Sở GDĐT về Công tác",
            (
                "Kế hoạch số 24/KH-SGDĐT ngày 01/3/2022 của Sở GDĐT",
                DocumentType.PLAN,
                "24/KH-SGDĐT",
                date(2022, 3, 1),
                "Sở GDĐT",
            ),
        ),
        (
            "Quyết định số 1191/QĐ-TTg ngày 05/8/2020 của Thủ tướng Chính phủ phê duyệt mục tiêu",
            (
                "Quyết định số 1191/QĐ-TTg ngày 05/8/2020 của Thủ tướng Chính phủ",
                DocumentType.DECISION,
                "1191/QĐ-TTg",
                date(2020, 8, 5),
                "Thủ tướng Chính phủ",
            ),
        ),
        (
            "Công văn số 5406/BTTTT-TTĐN.",
            (
                "Công văn số 5406/BTTTT-TTĐN",
                DocumentType.OFFICIAL_LETTER,
                "5406/BTTTT-TTĐN",
                None,
                None,
            ),
        ),
        (
            "kết quả thực hiện Chỉ thị 05-CT/TW,",
            ("Chỉ thị 05-CT/TW", DocumentType.DIRECTIVE, "05-CT/TW", None, None),
        ),
        (
            "Nghị quyết số 45- NQ/TW",
            ("Nghị quyết số 45- NQ/TW", DocumentType.RESOLUTION, "45-NQ/TW", None, None),
        ),
        (
            "Chương trình hành động số 76-Ctr/TU",
            (
                "Chương trình hành động số 76-Ctr/TU",
                DocumentType.ACTION_PROGRAMME,
                "76-Ctr/TU",
                None,
                None,
            ),
        ),
        (
            "Kết luận số 57-KL/TW của Bộ Chính trị",
            (
                "Kết luận số 57-KL/TW của Bộ Chính trị",
                DocumentType.CONCLUSION,
                "57-KL/TW",
                None,
                "Bộ Chính trị",
            ),
        ),
        (
            "Thông báo kết luận số 12-TB/TW",
            ("Thông báo kết luận số 12-TB/TW", DocumentType.NOTICE, "12-TB/TW", None, None),
        ),
        (
            "Hướng dẫn số 03-HD/BTGTW",
            ("Hướng dẫn số 03-HD/BTGTW", DocumentType.GUIDANCE, "03-HD/BTGTW", None, None),
        ),
        (
            "Báo cáo số 15/BC-PGDĐT",
            ("Báo cáo số 15/BC-PGDĐT", DocumentType.REPORT, "15/BC-PGDĐT", None, None),
        ),
        (
            "Thông tri số 01-TT/TU",
            ("Thông tri số 01-TT/TU", DocumentType.INSTRUCTION, "01-TT/TU", None, None),
        ),
        (
            "Căn cứ Luật Giáo dục số 43/2019/QH14 ngày 14/6/2019;",
            (
                "Luật Giáo dục số 43/2019/QH14 ngày 14/6/2019",
                DocumentType.LAW,
                "43/2019/QH14",
                date(2019, 6, 14),
                None,
            ),
        ),
        (
            "Luật số 91/2025/QH15 của Quốc hội",
            (
                "Luật số 91/2025/QH15 của Quốc hội",
                DocumentType.LAW,
                "91/2025/QH15",
                None,
                "Quốc hội",
            ),
        ),
        (
            "Văn bản số 12/QĐ-UBND",
            ("Văn bản số 12/QĐ-UBND", DocumentType.DECISION, "12/QĐ-UBND", None, None),
        ),
        (
            "Văn bản số 05/BNV-VP",
            ("Văn bản số 05/BNV-VP", DocumentType.OFFICIAL_LETTER, "05/BNV-VP", None, None),
        ),
    ],
)
def test_parse_citations_reads_each_shape(text: str, expected: Row) -> None:
    row = _row(text)

    assert row == expected


@pytest.mark.parametrize(
    "text",
    [
        "Nghị định số 72/2015/NĐ-CP ngày 07/8/2015",
        "Nghị định số 72/2015/NĐ-CP ngày 7 tháng 8 năm 2015",
        "Nghị định số 72/2015/NĐ-CP ngày 07-8-2015",
        "Nghị định số 72/2015/NĐ-CP ngày 07.8.2015",
        "Nghị định số 72/2015/NĐ-CP, ngày 07/08/2015",
        "Nghị định số 72/2015/NĐ-CP của Chính phủ ngày 07/8/2015",
    ],
)
def test_parse_citations_reads_each_date_shape(text: str) -> None:
    (citation,) = parse_citations(text)

    assert citation.date == date(2015, 8, 7)


def test_parse_citations_reads_upper_case_titles() -> None:
    text = "QUYẾT ĐỊNH SỐ 1191/QĐ-TTg NGÀY 05/8/2020 CỦA THỦ TƯỚNG CHÍNH PHỦ"

    row = _row(text)

    assert row == (
        text,
        DocumentType.DECISION,
        "1191/QĐ-TTg",
        date(2020, 8, 5),
        "THỦ TƯỚNG CHÍNH PHỦ",
    )


def test_parse_citations_reads_citations_split_by_pdf_line_breaks() -> None:
    text = "công tác; Kế \n\nhoạch số 39/KH-UBND ngày \n\n23/02/2022 của Ủy \n \nban nhân dân thành phố về \n\nviệc"

    row = _row(text)

    assert row == (
        "Kế hoạch số 39/KH-UBND ngày 23/02/2022 của Ủy ban nhân dân thành phố",
        DocumentType.PLAN,
        "39/KH-UBND",
        date(2022, 2, 23),
        "Ủy ban nhân dân thành phố",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Nghị quyết số 45- NQ/TW",
        "Nghị quyết số 45 -NQ/TW",
        "Nghị quyết 45-\n\nNQ/ TW",
        "Nghị quyết số:45–NQ/TW",
    ],
)
def test_parse_citations_removes_stray_spaces_from_the_symbol(text: str) -> None:
    (citation,) = parse_citations(text)

    assert citation.number_symbol == "45-NQ/TW"


def test_parse_citations_does_not_take_a_following_word_into_the_symbol() -> None:
    text = "Nghị quyết số 45-NQ/TW - Trung ương, Kế hoạch số 24/KH-SGDĐT-Hải Phòng"

    citations = parse_citations(text)

    assert [c.number_symbol for c in citations] == ["45-NQ/TW", "24/KH-SGDĐT"]


def test_parse_citations_offsets_refer_to_the_normalised_text() -> None:
    text = unicodedata.normalize("NFD", "Căn cứ Nghị định số 72/2015/NĐ-CP;")

    (citation,) = parse_citations(text)

    assert normalise_text(text)[citation.start : citation.end] == "Nghị định số 72/2015/NĐ-CP"


def test_parse_citations_reads_the_eth_look_alike_as_d_with_stroke() -> None:
    text = "Nghị định số 72/2015/N\u00d0-CP"

    (citation,) = parse_citations(text)

    assert citation.number_symbol == "72/2015/NĐ-CP"


def test_parse_citations_keeps_an_impossible_date_in_the_text_only() -> None:
    text = "Quyết định số 1/QĐ-UBND ngày 31/02/2022 của UBND tỉnh"

    row = _row(text)

    assert row == (text, DocumentType.DECISION, "1/QĐ-UBND", None, "UBND tỉnh")


def test_parse_citations_does_not_overlap_a_law_title_with_its_number() -> None:
    text = "Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13"

    citations = parse_citations(text)

    assert _rows(citations) == [(text, DocumentType.LAW, "80/2015/QH13", None, None)]


# --- Issuers --------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "Thông tư số 1/2020/TT-BVHTTDL của Bộ Văn hóa, Thể thao và Du lịch về",
            "Bộ Văn hóa, Thể thao và Du lịch",
        ),
        ("Thông tư số 1/2020/TT-BKHĐT của Bộ Kế hoạch và Đầu tư về", "Bộ Kế hoạch và Đầu tư"),
        (
            "Thông tư số 1/2020/TT-BLĐTBXH của Bộ Lao động - Thương binh và Xã hội.",
            "Bộ Lao động - Thương binh và Xã hội",
        ),
        ("Chỉ thị 05-CT/TW của Bộ Chính trị và Nghị quyết Đại hội XIII", "Bộ Chính trị"),
        ("Quyết định số 5/QĐ-UBND của UBND tỉnh Quảng Ninh", "UBND tỉnh Quảng Ninh"),
        (
            "Kế hoạch số 5/KH-UBND của Ủy ban nhân dân tỉnh ban hành kèm theo",
            "Ủy ban nhân dân tỉnh",
        ),
        ("Quyết định số 5/QĐ-UBND của (Ủy ban)", None),
    ],
)
def test_parse_citations_ends_the_issuer_where_its_name_ends(text: str, issuer: str | None) -> None:
    (citation,) = parse_citations(text)

    assert citation.issuer == issuer


def test_issuer_key_spells_out_abbreviations() -> None:
    keys = [issuer_key(name) for name in ("Sở GDĐT", "Sở GD&ĐT", "UBND tỉnh", "BTTTT")]

    assert keys == [
        "so giao duc va dao tao",
        "so giao duc va dao tao",
        "uy ban nhan dan tinh",
        "bo thong tin va truyen thong",
    ]


@pytest.mark.parametrize(
    ("cited", "recorded", "agree"),
    [
        ("Ủy ban nhân dân thành phố", "Ủy ban nhân dân thành phố Hải Phòng", True),
        ("Sở GDĐT", "Sở Giáo dục và Đào tạo Hải Phòng", True),
        ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh Quảng Ninh", True),
        ("Chính phủ", "Thủ tướng Chính phủ", False),
        ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân thành phố Hải Phòng", False),
    ],
)
def test_issuers_agree_when_one_names_the_other(cited: str, recorded: str, agree: bool) -> None:
    result = issuers_agree(cited, recorded)

    assert result == agree


# --- Implementation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        ("Kế hoạch số 1/KH-UBND thực hiện Chỉ thị số 2-CT/TW", [("1/KH-UBND", "2-CT/TW")]),
        (
            "Kế hoạch số 1/KH-UBND ngày 2/3/2022 của UBND tỉnh về việc triển khai Quyết định số 3/QĐ-TTg",
            [("1/KH-UBND", "3/QĐ-TTg")],
        ),
        (
            "Hướng dẫn số 1/HD-SGDĐT hướng dẫn thực hiện Thông tư số 2/2020/TT-BGDĐT",
            [("1/HD-SGDĐT", "2/2020/TT-BGDĐT")],
        ),
        ("Nghị định số 1/2020/NĐ-CP; Thông tư số 2/2020/TT-BGDĐT", []),
        ("Kế hoạch số 1/KH-UBND thực hiện nhiệm vụ năm 2022 và Chỉ thị số 2-CT/TW", []),
    ],
)
def test_implementation_pairs_reads_what_stands_between_two_citations(
    text: str, pairs: list[tuple[str, str]]
) -> None:
    citations = parse_citations(text)

    found = implementation_pairs(citations, text)

    assert [(a.number_symbol, b.number_symbol) for a, b in found] == pairs


# --- Symbols and types ----------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("45- NQ/TW", "45-NQ/TW"),
        (" 72 / 2015 / NĐ – CP ", "72/2015/NĐ-CP"),
        ("72/2015/Nđ-CP", "72/2015/NĐ-CP"),
        ("72/2015/N\u00d0-CP", "72/2015/NĐ-CP"),
        ("1191/QĐ-TTg", "1191/QĐ-TTg"),
        ("76-Ctr/TU", "76-Ctr/TU"),
        ("08-QĐi/TW", "08-QĐi/TW"),
    ],
)
def test_normalise_number_symbol_gives_the_canonical_form(raw: str, canonical: str) -> None:
    result = normalise_number_symbol(raw)

    assert result == canonical


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("72/2015/NĐ-CP", "72/2015/nd-cp"),
        ("05-CT/TW", "5-ct/tw"),
        ("76-Ctr/TU", "76-ctr/tu"),
        ("76-CTr/TU", "76-ctr/tu"),
        ("45- NQ/TW", "45-nq/tw"),
        ("24/KH-SGDĐT", "24/kh-sgddt"),
    ],
)
def test_number_symbol_key_folds_the_symbol(raw: str, key: str) -> None:
    result = number_symbol_key(raw)

    assert result == key


def test_citation_key_is_the_number_symbol_key() -> None:
    (citation,) = parse_citations("Chỉ thị 05-CT/TW")

    assert citation.key == "5-ct/tw"


def test_document_type_names_every_type_in_vietnamese() -> None:
    names = {kind: kind.vietnamese_name for kind in DocumentType}

    assert len(TYPE_NAMES) == len(DocumentType)
    assert (names[DocumentType.DECREE], names[DocumentType.ACTION_PROGRAMME]) == (
        "Nghị định",
        "Chương trình hành động",
    )


# --- Robustness -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00\ufffd/-/-///--- số số ngày của ???",
        "Số: 242/KH-PGDĐT",
        "Cẩm Phả, ngày 14 tháng 3 năm 2023",
        "Luật Giáo dục; Nghị quyết Đại hội XIII của Đảng; Chương trình hành động của Chính phủ",
        "Kế hoạch 5 năm 2021-2025; kế hoạch số 3 trong năm",
        "Kế hoạch số 24/",
    ],
)
def test_parse_citations_finds_nothing_where_no_numbered_document_is_cited(text: str) -> None:
    citations = parse_citations(text)

    assert citations == []


# Inputs built to make a backtracking regex explode. Each parses in linear
# time: 1 MB of Vietnamese prose without citations took about 0.06-0.1 s and
# 1 MB of the seeds repeated (about 1,200 citations) about 0.15 s when measured;
# no timing is asserted here, a catastrophic pattern would simply hang.
@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Kế hoạch số " * 20_000, 0),
        ("Nghị định số 1" + "/A" * 100_000 + "ế", 1),
        ("Quyết định số 1" + "- " * 100_000, 0),
        ("Kế" + " " * 200_000 + "hoạch", 0),
        ("Nghị định số 1/NĐ-CP của " + "Ab " * 100_000, 1),
        ("Nghị định số 1/NĐ-CP ngày " + "1/" * 100_000, 1),
        ("Luật" + " Giáo dục" * 50_000 + " số 1/QH", 0),
        ("1/" * 200_000, 0),
    ],
)
def test_parse_citations_stays_linear_on_pathological_text(text: str, count: int) -> None:
    citations = parse_citations(text)

    assert len(citations) == count
