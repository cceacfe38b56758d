"""The citation checker: both seeds citation by citation, then every status on its own."""

import datetime

import pytest

from ttdn.documents import checker, services
from ttdn.documents.enums import CitationStatus, Classification, DocumentType
from ttdn.documents.models import Document
from ttdn.documents.tests.conftest import seed
from ttdn.documents.tests.factories import DocumentFactory

S = CitationStatus
D = datetime.date


def rows(results):
    return [
        (
            r.citation.number_symbol,
            r.status,
            r.document.number_symbol if r.document else None,
            r.document.issued_on if r.document else None,
        )
        for r in results
    ]


# (cited number and symbol, status, library document, its date), in order of appearance.
SEED_000 = [
    ("24/KH-SGDĐT", S.OK_UNVERIFIED, "24/KH-SGDĐT", D(2022, 3, 1)),
    ("72/2015/NĐ-CP", S.DATE_MISMATCH, "72/2015/NĐ-CP", D(2015, 9, 7)),  # cited "ngày 07/8/2015"
    ("22/2016/TT-BTTTT", S.OK, "22/2016/TT-BTTTT", D(2016, 10, 19)),
    (
        "42/2018/QĐ-UBND",
        S.CHRONOLOGY,
        "42/2018/QĐ-UBND",
        D(2018, 12, 21),
    ),  # "triển khai" a 2020 decision
    ("1191/QĐ-TTg", S.OK, "1191/QĐ-TTg", D(2020, 8, 5)),
    (
        "180/KH-UBND",
        S.OK_UNVERIFIED,
        "180/KH-UBND",
        D(2021, 7, 30),
    ),  # implements 1160/QĐ-TTg of 13/7/2021: in order
    ("1160/QĐ-TTg", S.OK, "1160/QĐ-TTg", D(2021, 7, 13)),
    ("5406/BTTTT-TTĐN", S.OK, "5406/BTTTT-TTĐN", D(2021, 12, 31)),
    ("39/KH-UBND", S.OK_UNVERIFIED, "39/KH-UBND", D(2022, 2, 23)),
    ("05-CT/TW", S.OK, "05-CT/TW", D(2016, 5, 15)),
    ("45-NQ/TW", S.OK, "45-NQ/TW", D(2019, 1, 24)),  # "45- NQ/TW" with a stray space
    ("76-Ctr/TU", S.OK_UNVERIFIED, "76-CTr/TU", None),  # the library writes "CTr"; no date anywhere
    ("45-NQ/TW", S.OK, "45-NQ/TW", D(2019, 1, 24)),
]

SEED_001 = [
    ("218/KH-SGDĐT", S.OK_UNVERIFIED, "218/KH-SGDĐT", D(2023, 2, 6)),
    ("72/2015/NĐ-CP", S.OK, "72/2015/NĐ-CP", D(2015, 9, 7)),  # cited "ngày 07/9/2015": right
    ("22/2016/TT-BTTTT", S.OK, "22/2016/TT-BTTTT", D(2016, 10, 19)),
    ("38/2018/QĐ-UBND", S.OK_UNVERIFIED, "38/2018/QĐ-UBND", D(2018, 11, 22)),
    ("08/KH-UBND", S.OK_UNVERIFIED, "08/KH-UBND", D(2023, 1, 16)),
]


def test_check_text_gives_every_citation_of_seed_000_its_status(library):
    results = checker.check_text(seed("000"), Document.objects.all())

    assert rows(results) == SEED_000


def test_check_text_gives_every_citation_of_seed_001_its_status(library):
    results = checker.check_text(seed("001"), Document.objects.all())

    assert rows(results) == SEED_001


def test_check_text_reports_the_72_2015_date_of_seed_000_as_json(library, document_of):
    results = checker.check_text(seed("000"), Document.objects.all())

    assert results[1].as_json() == {
        "text": "Nghị định số 72/2015/NĐ-CP ngày 07/8/2015 của Chính phủ",
        "type": "decree",
        "number_symbol": "72/2015/NĐ-CP",
        "date": "2015-08-07",
        "issuer": "Chính phủ",
        "status": "date_mismatch",
        "document": {
            "id": document_of("72/2015/NĐ-CP").pk,
            "number_symbol": "72/2015/NĐ-CP",
            "issued_on": "2015-09-07",
            "issuer": "Chính phủ",
            "title": "Về quản lý hoạt động thông tin đối ngoại",
        },
        "detail": "The library dates it 07/09/2015.",
    }


def test_check_text_explains_the_chronology_of_seed_000(library):
    results = checker.check_text(seed("000"), Document.objects.all())

    assert (
        results[3].detail
        == "Dated 21/12/2018, it cannot implement 1191/QĐ-TTg of 05/08/2020, issued after it."
    )


# --- Each status ---------------------------------------------------------------


def test_check_text_unknown_document(library):
    (result,) = checker.check_text(
        "Nghị định số 99/2099/NĐ-CP của Chính phủ", Document.objects.all()
    )

    assert (result.status, result.document, result.as_json()["document"], result.detail) == (
        S.UNKNOWN,
        None,
        None,
        "Not in the library.",
    )


def test_check_text_yearless_symbol_of_another_year_is_another_document(library):
    (result,) = checker.check_text(
        "Kế hoạch số 24/KH-SGDĐT ngày 10/01/2023 của Sở GDĐT", Document.objects.all()
    )

    assert result.status == S.UNKNOWN


def test_check_text_yearless_symbol_of_the_same_year_with_another_day_is_a_date_mismatch(library):
    (result,) = checker.check_text(
        "Kế hoạch số 24/KH-SGDĐT ngày 10/3/2022 của Sở GDĐT", Document.objects.all()
    )

    assert (result.status, result.detail) == (S.DATE_MISMATCH, "The library dates it 01/03/2022.")


def test_check_text_issuer_mismatch(library):
    text = "Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ Giáo dục và Đào tạo"

    (result,) = checker.check_text(text, Document.objects.all())

    assert (result.status, result.detail) == (
        S.ISSUER_MISMATCH,
        "The library names its issuer “Bộ Thông tin và Truyền thông”.",
    )


def test_check_text_replaced_document_is_not_in_force_and_names_its_replacement(
    library, document_of
):
    (result,) = checker.check_text(
        "Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ", Document.objects.all()
    )

    assert (result.status, result.replaced_by, result.detail) == (
        S.NOT_IN_FORCE,
        document_of("356/2025/NĐ-CP"),
        "Replaced by Decree 356/2025/NĐ-CP.",
    )


def test_check_text_document_past_its_expiry_is_not_in_force(db):
    DocumentFactory(
        type=DocumentType.DECISION,
        number_symbol="10/2020/QĐ-UBND",
        issued_on=D(2020, 1, 2),
        expiry_on=D(2024, 1, 1),
    )

    (result,) = checker.check_text(
        "Quyết định số 10/2020/QĐ-UBND", Document.objects.all(), on=D(2024, 1, 1)
    )

    assert (result.status, result.detail) == (S.NOT_IN_FORCE, "Out of force since 01/01/2024.")


def test_check_text_document_before_its_expiry_is_ok(db):
    DocumentFactory(
        type=DocumentType.DECISION,
        number_symbol="10/2020/QĐ-UBND",
        issued_on=D(2020, 1, 2),
        expiry_on=D(2024, 1, 1),
    )

    (result,) = checker.check_text(
        "Quyết định số 10/2020/QĐ-UBND", Document.objects.all(), on=D(2023, 12, 31)
    )

    assert result.status == S.OK


def test_check_text_chronology_from_library_dates_when_the_text_gives_none(library):
    text = "Quyết định số 38/2018/QĐ-UBND của Ủy ban nhân dân tỉnh về triển khai Kế hoạch số 08/KH-UBND của Ủy ban nhân dân tỉnh"

    results = checker.check_text(text, Document.objects.all())

    assert [r.status for r in results] == [S.CHRONOLOGY, S.OK_UNVERIFIED]


def test_check_text_implementing_a_newer_document_in_order_is_ok(library):
    text = "Kế hoạch số 180/KH-UBND ngày 30/7/2021 về triển khai Quyết định số 1160/QĐ-TTg ngày 13/7/2021"

    results = checker.check_text(text, Document.objects.all())

    assert [r.status for r in results] == [S.OK_UNVERIFIED, S.OK]


def test_check_text_date_mismatch_comes_before_other_problems(library):
    text = "Nghị định số 13/2023/NĐ-CP ngày 01/01/2023 của Bộ Công an"

    (result,) = checker.check_text(text, Document.objects.all())

    assert result.status == S.DATE_MISMATCH


def test_check_text_picks_the_document_of_the_cited_issuer_among_same_symbols(cast):
    hai_phong = DocumentFactory(
        number_symbol="39/KH-UBND",
        issued_on=D(2022, 2, 23),
        issuer="Ủy ban nhân dân thành phố Hải Phòng",
    )
    DocumentFactory(
        number_symbol="39/KH-UBND",
        issued_on=D(2022, 5, 4),
        issuer="Ủy ban nhân dân tỉnh Quảng Ninh",
    )

    (result,) = checker.check_text(
        "Kế hoạch số 39/KH-UBND của Ủy ban nhân dân thành phố", Document.objects.all()
    )

    assert (result.status, result.document) == (S.OK, hai_phong)


def test_check_text_without_citations_is_empty_and_asks_nothing(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        results = checker.check_text(
            "Không có văn bản nào được trích dẫn ở đây.", Document.objects.all()
        )

    assert results == []


def test_check_text_asks_two_queries_for_any_number_of_citations(
    library, django_assert_num_queries
):
    with django_assert_num_queries(2):
        checker.check_text(seed("000") + seed("001"), Document.objects.all())


@pytest.mark.parametrize(
    "text", ["", "   ", "Nghị định số", "số 72/2015/NĐ-CP", "\x00\ufffd" * 1000]
)
def test_check_text_never_fails_on_odd_text(db, text):
    assert checker.check_text(text, Document.objects.all()) == []


# --- Access ------------------------------------------------------------------------


def test_check_for_never_matches_an_internal_document_of_another_province(cast):
    DocumentFactory(
        number_symbol="7/KH-SGDĐT",
        issuer="Sở Giáo dục và Đào tạo Quảng Ninh",
        classification=Classification.INTERNAL,
        unit=cast.outsider_so,
    )
    text = "Kế hoạch số 7/KH-SGDĐT ngày 01/3/2022"

    statuses = [
        checker.check_for(user, text)[0].status
        for user in (cast.teacher_a, cast.so_leader, cast.outsider)
    ]

    assert statuses == [S.UNKNOWN, S.UNKNOWN, S.OK]


def test_check_for_matches_internal_documents_of_the_own_subtree(cast):
    DocumentFactory(
        number_symbol="7/KH-PGDĐT", classification=Classification.INTERNAL, unit=cast.phong
    )

    statuses = [
        checker.check_for(user, "Kế hoạch số 7/KH-PGDĐT")[0].status
        for user in (cast.phong_officer, cast.teacher_a)
    ]

    assert statuses == [S.OK, S.UNKNOWN]


def test_check_for_does_not_name_a_replacement_the_person_cannot_see(cast):
    old = DocumentFactory(number_symbol="5/KH-PGDĐT", unit=cast.phong)
    new = DocumentFactory(
        number_symbol="6/KH-PGDĐT", classification=Classification.INTERNAL, unit=cast.phong
    )
    services.relate_documents(new, old, kind="replaces", by=None)

    (result,) = checker.check_for(cast.outsider, "Kế hoạch số 5/KH-PGDĐT")

    assert (result.status, result.replaced_by, result.detail) == (
        S.NOT_IN_FORCE,
        None,
        "The library marks it “Replaced”.",
    )
