import json

import pytest

from ttdn.documents.enums import Classification
from ttdn.documents.forms import MAX_CHECK_TEXT
from ttdn.documents.tests.conftest import seed
from ttdn.documents.tests.factories import DocumentFactory

CHECK = "/api/v1/citations/check"


def post(client, body, headers=None):
    return client.post(
        CHECK,
        data=body if isinstance(body, str) else json.dumps(body),
        content_type="application/json",
        **(headers or {}),
    )


def test_check_requires_authentication(db, client):
    response = post(client, {"text": "Nghị định số 72/2015/NĐ-CP"})

    assert (response.status_code, response.json()) == (
        401,
        {"message": "Cần xác thực: hãy gửi một mã API hợp lệ."},
    )


def test_check_lists_the_citations_of_seed_000_in_order(cast, client, bearer, library):
    response = post(client, {"text": seed("000")}, bearer(cast.teacher_a))

    body = response.json()
    assert (response.status_code, [(c["number_symbol"], c["status"]) for c in body]) == (
        200,
        [
            ("24/KH-SGDĐT", "ok_unverified"),
            ("72/2015/NĐ-CP", "date_mismatch"),
            ("22/2016/TT-BTTTT", "ok"),
            ("42/2018/QĐ-UBND", "chronology"),
            ("1191/QĐ-TTg", "ok"),
            ("180/KH-UBND", "ok_unverified"),
            ("1160/QĐ-TTg", "ok"),
            ("5406/BTTTT-TTĐN", "ok"),
            ("39/KH-UBND", "ok_unverified"),
            ("05-CT/TW", "ok"),
            ("45-NQ/TW", "ok"),
            ("76-Ctr/TU", "ok_unverified"),
            ("45-NQ/TW", "ok"),
        ],
    )


def test_check_gives_each_citation_in_the_documented_shape(cast, client, bearer, document_of):
    response = post(
        client,
        {"text": "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/8/2015 của Chính phủ;"},
        {**bearer(cast.teacher_a), "HTTP_ACCEPT_LANGUAGE": "en"},
    )

    assert response.json() == [
        {
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
    ]


def test_check_of_an_unknown_document_has_no_document(cast, client, bearer, library):
    response = post(client, {"text": "Thông tư số 1/2099/TT-BGDĐT"}, bearer(cast.teacher_a))

    assert [(c["status"], c["document"]) for c in response.json()] == [("unknown", None)]


def test_check_never_reveals_an_internal_document_of_another_province(cast, client, bearer):
    DocumentFactory(
        number_symbol="9/KH-SGDĐT", classification=Classification.INTERNAL, unit=cast.outsider_so
    )

    response = post(client, {"text": "Kế hoạch số 9/KH-SGDĐT"}, bearer(cast.so_leader))

    assert [(c["status"], c["document"]) for c in response.json()] == [("unknown", None)]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"text": None},
        {"text": ["Nghị định"]},
        {"text": {"a": 1}},
        {"content": "Nghị định số 72/2015/NĐ-CP"},
        {"text": "x" * (MAX_CHECK_TEXT + 1)},
        "[1, 2",
        "",
        "null",
        '"just a string"',
    ],
)
def test_check_refuses_bad_input_with_422(cast, client, bearer, body):
    response = post(client, body, bearer(cast.teacher_a))

    assert response.status_code == 422
    assert "message" in response.json()


def test_check_of_text_without_citations_is_an_empty_list(cast, client, bearer):
    response = post(client, {"text": "Không trích dẫn gì."}, bearer(cast.teacher_a))

    assert (response.status_code, response.json()) == (200, [])


# --- /api/v1/documents ---------------------------------------------------------------


def test_documents_require_authentication(db, client):
    assert client.get("/api/v1/documents").status_code == 401


def test_documents_list_the_visible_library(cast, client, bearer):
    DocumentFactory(
        number_symbol="1/KH-THCS", classification=Classification.INTERNAL, unit=cast.school_a
    )
    DocumentFactory(
        number_symbol="2/KH-SGDĐT", classification=Classification.INTERNAL, unit=cast.outsider_so
    )
    DocumentFactory(number_symbol="72/2015/NĐ-CP")

    response = client.get("/api/v1/documents", **bearer(cast.teacher_a))

    body = response.json()
    assert (body["count"], sorted(d["number_symbol"] for d in body["items"])) == (
        2,
        ["1/KH-THCS", "72/2015/NĐ-CP"],
    )


def test_documents_search_without_tones(cast, client, bearer, library):
    response = client.get(
        "/api/v1/documents", {"q": "bao ve du lieu ca nhan", "limit": 2}, **bearer(cast.teacher_a)
    )

    body = response.json()
    assert (body["count"], len(body["items"])) == (3, 2)


def test_document_detail_gives_the_full_text(cast, client, bearer):
    document = DocumentFactory(full_text="Điều 1.")

    response = client.get(f"/api/v1/documents/{document.pk}", **bearer(cast.teacher_a))

    assert (response.json()["full_text"], response.json()["verification"]) == ("Điều 1.", "")


def test_document_detail_of_another_provinces_internal_document_is_not_found(cast, client, bearer):
    document = DocumentFactory(classification=Classification.INTERNAL, unit=cast.outsider_so)

    assert (
        client.get(f"/api/v1/documents/{document.pk}", **bearer(cast.so_leader)).status_code == 404
    )


def test_documents_refuse_a_bad_filter_with_422(cast, client, bearer):
    assert (
        client.get("/api/v1/documents", {"type": "sắc lệnh"}, **bearer(cast.teacher_a)).status_code
        == 422
    )


@pytest.mark.parametrize("item_count", [1, 3])
def test_api_document_list_query_count(client, cast, bearer, django_assert_num_queries, item_count):
    for _ in range(item_count):
        DocumentFactory(unit=cast.phong)
    headers = bearer(cast.teacher_a)

    with django_assert_num_queries(5):
        page = client.get("/api/v1/documents", **headers).json()

    assert page["count"] == item_count
