"""The citation checker on the forms real text takes: issuer identity of non-normative
documents, short and malformed symbols, laws by name, validity as of the citing date,
unverified records and future dates. Every text here was written for these tests."""

import datetime

import pytest

from ttdn.documents import checker
from ttdn.documents.citations import parse_citations
from ttdn.documents.enums import (
    CitationStatus,
    DocumentStatus,
    DocumentType,
    RelationKind,
    Verification,
)
from ttdn.documents.models import Document
from ttdn.documents.tests.factories import DocumentFactory, DocumentRelationFactory

S = CitationStatus
D = datetime.date


@pytest.fixture
def decree(db) -> Document:
    return DocumentFactory(
        type=DocumentType.DECREE,
        number_symbol="72/2015/NĐ-CP",
        issued_on=D(2015, 9, 7),
        issuer="Chính phủ",
        verification=Verification.VERIFIED,
    )


def check(text: str, on: datetime.date | None = None) -> list[tuple[str, S]]:
    return [
        (r.citation.number_symbol, r.status)
        for r in checker.check_text(text, Document.objects.all(), on=on)
    ]


def test_a_plan_of_another_issuer_with_the_same_symbol_is_unknown_not_a_mismatch(db):
    DocumentFactory(
        number_symbol="24/KH-SGDĐT",
        issued_on=D(2022, 3, 1),
        issuer="Sở Giáo dục và Đào tạo Hải Phòng",
    )

    results = check("Kế hoạch số 24/KH-SGDĐT ngày 05/3/2022 của Sở GDĐT Quảng Ninh")

    assert results == [("24/KH-SGDĐT", S.UNKNOWN)]


def test_a_normative_document_is_identified_by_its_symbol_whatever_issuer_is_cited(decree):
    results = check("Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Bộ Giáo dục và Đào tạo")

    assert results == [("72/2015/NĐ-CP", S.ISSUER_MISMATCH)]


@pytest.mark.parametrize(
    "cited",
    [
        "Chủ tịch Ủy ban nhân dân thành phố Hải Phòng",
        "Ủy ban nhân dân thành phố Hải Phòng",
        "UBND thành phố",
    ],
)
def test_a_body_and_its_head_are_one_issuer(db, cited):
    DocumentFactory(
        type=DocumentType.DECISION,
        number_symbol="38/2018/QĐ-UBND",
        issued_on=D(2018, 11, 22),
        issuer="Ủy ban nhân dân thành phố Hải Phòng",
        verification=Verification.VERIFIED,
    )

    results = check(f"Quyết định số 38/2018/QĐ-UBND ngày 22/11/2018 của {cited}")

    assert results == [("38/2018/QĐ-UBND", S.OK)]


def test_a_minister_signs_for_the_ministry(db):
    DocumentFactory(
        type=DocumentType.DECISION,
        number_symbol="3767/QĐ-BGDĐT",
        issued_on=D(2016, 9, 5),
        issuer="Bộ Giáo dục và Đào tạo",
        verification=Verification.VERIFIED,
    )

    results = check("Quyết định số 3767/QĐ-BGDĐT ngày 05/9/2016 của Bộ trưởng Bộ GDĐT")

    assert results == [("3767/QĐ-BGDĐT", S.OK)]


@pytest.mark.parametrize(
    "text",
    [
        "Căn cứ NĐ 72/2015/NĐ-CP về thông tin đối ngoại;",
        "theo 72/2015/NĐ-CP ngày 07/9/2015 về thông tin đối ngoại;",
        "theo Nghị định 72/2015 về thông tin đối ngoại;",
    ],
)
def test_short_forms_of_a_decree_are_resolved(decree, text):
    (result,) = checker.check_text(text, Document.objects.all())

    assert (result.status, result.document) == (S.OK, decree)


def test_a_decree_cited_without_the_year_of_its_symbol_is_resolved_by_its_date_and_flagged(decree):
    (result,) = checker.check_text(
        "Nghị định số 72/NĐ-CP ngày 07/9/2015 của Chính phủ", Document.objects.all()
    )

    assert (result.status, result.document, result.detail) == (
        S.MALFORMED,
        decree,
        "Written “72/NĐ-CP” without its year; the library has “72/2015/NĐ-CP”.",
    )


def test_a_state_directive_written_in_the_party_shape_is_malformed(db):
    directive = DocumentFactory(
        type=DocumentType.DIRECTIVE,
        number_symbol="21/CT-TTg",
        issued_on=D(2012, 9, 25),
        issuer="Thủ tướng Chính phủ",
    )

    (result,) = checker.check_text("Chỉ thị số 21-CT/TTg ngày 25/9/2012", Document.objects.all())

    assert (result.status, result.document, result.detail) == (
        S.MALFORMED,
        directive,
        "Written “21-CT/TTg”; it is written “21/CT-TTg”.",
    )


def test_a_circular_with_a_space_in_its_symbol_and_a_programme_in_lower_case_are_found(db):
    DocumentFactory(
        type=DocumentType.CIRCULAR,
        number_symbol="22/2016/TT-BTTTT",
        issued_on=D(2016, 10, 19),
        issuer="Bộ Thông tin và Truyền thông",
    )
    DocumentFactory(
        type=DocumentType.PROGRAMME, number_symbol="76-CTr/TU", issued_on=None, issuer="Tỉnh ủy"
    )

    results = check(
        "Thông tư số 22/2016/TT- BTTTT ngày 19/10/2016; Chương trình số 76-Ctr/TU của Tỉnh ủy"
    )

    assert results == [("22/2016/TT-BTTTT", S.OK), ("76-Ctr/TU", S.OK)]


def test_a_law_cited_by_its_name_and_year_is_found(db):
    law = DocumentFactory(
        type=DocumentType.LAW,
        number_symbol="103/2016/QH13",
        issued_on=D(2016, 4, 5),
        issuer="Quốc hội",
        title="Luật Báo chí",
    )

    (result,) = checker.check_text("Căn cứ Luật Báo chí năm 2016;", Document.objects.all())

    assert (result.citation.title, result.citation.year, result.document) == (
        "Luật Báo chí",
        2016,
        law,
    )


def test_parse_citations_leaves_the_own_number_line_out():
    assert parse_citations("Số: 94/KH-UBND\nHuế, ngày 21 tháng 8 năm 2023") == []


def test_a_decree_replaced_after_the_citing_date_is_still_in_force_then(decree):
    newer = DocumentFactory(
        type=DocumentType.DECREE, number_symbol="99/2025/NĐ-CP", issued_on=None, issuer="Chính phủ"
    )
    DocumentRelationFactory(source=newer, target=decree, kind=RelationKind.REPLACES)
    text = "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ"

    then = check(text, on=D(2022, 3, 1))
    now = check(text, on=D(2026, 3, 1))

    assert (then, now) == ([("72/2015/NĐ-CP", S.OK)], [("72/2015/NĐ-CP", S.NOT_IN_FORCE)])


def test_a_citation_dated_after_the_citing_document_is_flagged(decree):
    DocumentFactory(number_symbol="5/KH-SGDĐT", issued_on=D(2023, 4, 1))

    (result,) = checker.check_text(
        "Kế hoạch số 5/KH-SGDĐT ngày 01/4/2023 của Sở GDĐT",
        Document.objects.all(),
        on=D(2023, 3, 1),
    )

    assert (result.status, result.detail) == (
        S.FUTURE,
        "Dated 01/04/2023, after the citing document (01/03/2023).",
    )


def test_a_match_against_an_unverified_record_says_so(db):
    DocumentFactory(
        number_symbol="8/KH-UBND",
        issued_on=D(2023, 1, 16),
        issuer="Ủy ban nhân dân thành phố",
        verification=Verification.PARTLY,
    )

    (result,) = checker.check_text("Kế hoạch số 8/KH-UBND ngày 16/01/2023", Document.objects.all())

    assert (result.status, result.detail) == (
        S.OK_UNVERIFIED,
        "The library's record of it is not verified yet.",
    )


def test_problems_come_first_then_unknown_then_unverified_then_ok(decree):
    DocumentFactory(
        number_symbol="8/KH-UBND", issued_on=D(2023, 1, 16), verification=Verification.UNVERIFIED
    )
    text = "Nghị định 72/2015/NĐ-CP ngày 07/9/2015; Kế hoạch số 8/KH-UBND; Kế hoạch số 9/KH-UBND; Nghị định số 72/2015/NĐ-CP ngày 01/9/2015"

    ordered = checker.in_problem_order(checker.check_text(text, Document.objects.all()))

    assert [(r.citation.number_symbol, r.status) for r in ordered] == [
        ("72/2015/NĐ-CP", S.DATE_MISMATCH),
        ("9/KH-UBND", S.UNKNOWN),
        ("8/KH-UBND", S.OK_UNVERIFIED),
        ("72/2015/NĐ-CP", S.OK),
    ]


def test_a_replaced_document_without_dates_is_not_in_force(db):
    DocumentFactory(
        type=DocumentType.DECREE,
        number_symbol="1/2010/NĐ-CP",
        issued_on=D(2010, 1, 1),
        status=DocumentStatus.EXPIRED,
    )

    assert check("Nghị định số 1/2010/NĐ-CP", on=D(2012, 1, 1)) == [
        ("1/2010/NĐ-CP", S.NOT_IN_FORCE)
    ]
