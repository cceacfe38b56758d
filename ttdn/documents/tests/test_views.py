import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from ttdn.documents import services
from ttdn.documents.enums import (
    CitationStatus,
    Classification,
    DocumentStatus,
    DocumentType,
    RelationKind,
    Verification,
)
from ttdn.documents.models import Document, DocumentFile, Publication
from ttdn.documents.tests.conftest import seed
from ttdn.documents.tests.factories import DocumentFactory, PublicationFactory
from ttdn.documents.tests.files import docx_bytes, image_pdf
from ttdn.org.enums import Role
from ttdn.org.tests.factories import member

INTERNAL = Classification.INTERNAL


def numbers(response):
    return sorted(row.document.number_symbol for row in response.context["library"].rows)


@pytest.fixture
def documents(cast):
    """A public decree, and internal plans of school A, of the Phòng and of the other province."""
    return {
        "decree": DocumentFactory(
            type=DocumentType.DECREE,
            number_symbol="72/2015/NĐ-CP",
            issuer="Chính phủ",
            title="Về quản lý hoạt động thông tin đối ngoại",
            issued_on=datetime.date(2015, 9, 7),
        ),
        "school": DocumentFactory(
            number_symbol="1/KH-THCS",
            title="Kế hoạch bồi dưỡng của trường",
            classification=INTERNAL,
            unit=cast.school_a,
        ),
        "phong": DocumentFactory(
            number_symbol="2/KH-PGDĐT",
            title="Kế hoạch của phòng",
            classification=INTERNAL,
            unit=cast.phong,
        ),
        "outsider": DocumentFactory(
            number_symbol="3/KH-SGDĐT",
            title="Kế hoạch bồi dưỡng tỉnh bạn",
            classification=INTERNAL,
            unit=cast.outsider_so,
        ),
    }


# --- The list ----------------------------------------------------------------------


def test_document_list_requires_sign_in(db, client):
    response = client.get("/library/")

    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/library/")


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("teacher_a", ["1/KH-THCS", "72/2015/NĐ-CP"]),
        ("teacher_b", ["72/2015/NĐ-CP"]),
        ("phong_officer", ["1/KH-THCS", "2/KH-PGDĐT", "72/2015/NĐ-CP"]),
        ("outsider", ["3/KH-SGDĐT", "72/2015/NĐ-CP"]),
        ("operator", ["1/KH-THCS", "2/KH-PGDĐT", "3/KH-SGDĐT", "72/2015/NĐ-CP"]),
    ],
)
def test_document_list_shows_public_documents_and_internal_ones_of_visible_units(
    cast, client, documents, person, expected
):
    client.force_login(getattr(cast, person))

    response = client.get("/library/")

    assert numbers(response) == expected


@pytest.mark.parametrize("q", ["boi duong", "bồi dưỡng", "BỒI DƯỠNG"])
def test_document_list_search_finds_the_same_documents_with_or_without_tones(
    cast, client, documents, q
):
    client.force_login(cast.operator)

    response = client.get("/library/", {"q": q})

    assert numbers(response) == ["1/KH-THCS", "3/KH-SGDĐT"]


def test_document_list_search_never_finds_internal_documents_of_another_province(
    cast, client, documents
):
    client.force_login(cast.phong_officer)

    response = client.get("/library/", {"q": "boi duong"})

    assert numbers(response) == ["1/KH-THCS"]


def test_document_list_search_marks_the_matches(cast, client, documents):
    services.update_document(
        documents["decree"],
        full_text="Điều 1. <b>Phạm vi</b> hoạt động thông tin đối ngoại.",
        by=None,
    )
    client.force_login(cast.teacher_a)

    response = client.get("/library/", {"q": "doi ngoai"})

    (row,) = response.context["library"].rows
    assert (row.title, row.snippet) == (
        "Về quản lý hoạt động thông tin <mark>đối ngoại</mark>",
        "Điều 1. &lt;b&gt;Phạm vi&lt;/b&gt; hoạt động thông tin <mark>đối ngoại</mark>.",
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"type": "decree"}, ["72/2015/NĐ-CP"]),
        ({"issuer": "Chính phủ"}, ["72/2015/NĐ-CP"]),
        ({"year": "2022"}, ["1/KH-THCS", "2/KH-PGDĐT"]),
        ({"status": "expired"}, ["2/KH-PGDĐT"]),
        ({"q": "ke hoach", "year": "2022", "status": "in_force"}, ["1/KH-THCS"]),
    ],
)
def test_document_list_filters(cast, client, documents, filters, expected):
    services.transition_document(documents["phong"], to=DocumentStatus.EXPIRED, by=None)
    client.force_login(cast.phong_officer)

    response = client.get("/library/", filters)

    assert numbers(response) == expected


def test_document_list_offers_only_visible_issuers(cast, client, documents):
    DocumentFactory(
        issuer="Sở Giáo dục và Đào tạo Quảng Ninh", classification=INTERNAL, unit=cast.outsider_so
    )
    client.force_login(cast.teacher_b)

    response = client.get("/library/")

    assert [value for value, _label in response.context["form"].fields["issuer"].choices] == [
        "",
        "Chính phủ",
    ]


def test_document_list_htmx_request_gets_only_results(cast, client, documents):
    client.force_login(cast.teacher_a)

    response = client.get("/library/", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "<html" not in html


@pytest.mark.parametrize("item_count", [1, 3])
def test_document_list_query_count(cast, client, django_assert_num_queries, item_count):
    for _ in range(item_count):
        DocumentFactory(classification=INTERNAL, unit=cast.school_a)
    client.force_login(cast.teacher_a)

    with django_assert_num_queries(
        8
    ):  # session, user, devices, memberships, issuers, count, page, may add
        client.get("/library/")


@pytest.mark.parametrize("item_count", [1, 3])
def test_document_list_search_query_count(cast, client, django_assert_num_queries, item_count):
    for _ in range(item_count):
        DocumentFactory(title="Kế hoạch đào tạo", classification=INTERNAL, unit=cast.school_a)
    client.force_login(cast.teacher_a)

    with django_assert_num_queries(
        8
    ):  # session, user, devices, memberships, issuers, search, page, may add
        client.get("/library/", {"q": "dao tao"})


# --- One document ------------------------------------------------------------------


def test_document_detail_shows_relations_both_ways(cast, client, documents, in_english):
    circular = DocumentFactory(type=DocumentType.CIRCULAR, number_symbol="22/2016/TT-BTTTT")
    services.relate_documents(circular, documents["decree"], kind=RelationKind.GUIDES, by=None)
    client.force_login(cast.teacher_a)

    decree_page, circular_page = (
        client.get(f"/library/{documents['decree'].pk}/"),
        client.get(f"/library/{circular.pk}/"),
    )

    assert (
        [(r.inverse_label, r.source) for r in decree_page.context["relations"].incoming],
        [(r.get_kind_display(), r.target) for r in circular_page.context["relations"].outgoing],
    ) == ([("Guided by", circular)], [("Guides", documents["decree"])])


def test_document_detail_hides_relations_to_documents_the_person_cannot_see(
    cast, client, documents
):
    services.relate_documents(
        documents["outsider"], documents["decree"], kind=RelationKind.IMPLEMENTS, by=None
    )
    client.force_login(cast.teacher_a)

    response = client.get(f"/library/{documents['decree'].pk}/")

    assert response.context["relations"].incoming == []


@pytest.mark.parametrize("person", ["teacher_a", "teacher_b", "phong_officer", "so_leader"])
def test_document_detail_of_an_internal_document_of_another_province_is_not_found(
    cast, client, documents, person
):
    client.force_login(getattr(cast, person))

    assert client.get(f"/library/{documents['outsider'].pk}/").status_code == 404


def test_document_detail_shows_the_verification_mark_but_not_the_maintainer_note(
    cast, client, library, document_of, in_english
):
    client.force_login(cast.operator)

    response = client.get(f"/library/{document_of('26/2020/NĐ-CP').pk}/")

    page = response.content.decode()
    assert "<strong>Partly verified</strong>" in page
    assert "status after 2026-03-01 unverified" not in page
    assert "no decree under" not in page  # the file's maintainer note


# --- Adding and editing ----------------------------------------------------------


def test_document_create_is_prefilled_from_the_checker(cast, client):
    client.force_login(cast.teacher_a)

    response = client.get(
        "/library/new/",
        {"type": "decree", "number_symbol": "99/2099/NĐ-CP", "issued_on": "2099-01-02"},
    )

    assert response.context["form"].initial == {
        "type": "decree",
        "number_symbol": "99/2099/NĐ-CP",
        "issued_on": "2099-01-02",
    }


def test_document_create_by_a_school_officer_for_the_school(cast, client):
    client.force_login(cast.teacher_a)

    response = client.post(
        "/library/new/",
        {
            "type": "plan",
            "number_symbol": "5/KH-THCS",
            "issuer": "Trường THCS Hồng Bàng",
            "title": "Kế hoạch",
            "status": "in_force",
            "classification": "internal",
            "unit": cast.school_a.pk,
        },
    )

    document = Document.objects.get()
    assert (response.status_code, response.url, document.unit, document.classification) == (
        302,
        f"/library/{document.pk}/",
        cast.school_a,
        INTERNAL,
    )


def test_document_create_refuses_a_unit_of_another_province(cast, client):
    client.force_login(cast.outsider)

    response = client.post(
        "/library/new/",
        {
            "type": "plan",
            "number_symbol": "5/KH-THCS",
            "issuer": "X",
            "title": "Y",
            "status": "in_force",
            "classification": "internal",
            "unit": cast.school_a.pk,
        },
    )

    assert (
        response.status_code,
        Document.objects.count(),
        list(response.context["form"].errors),
    ) == (200, 0, ["unit"])


def test_document_create_needs_a_writing_role(cast, client):
    client.force_login(member("viewer", cast.phong, Role.VIEWER))

    assert client.get("/library/new/").status_code == 403


def test_document_edit_of_the_shared_library_is_for_operators(cast, client, documents):
    client.force_login(cast.so_leader)

    assert client.get(f"/library/{documents['decree'].pk}/edit/").status_code == 404


def test_document_edit_changes_fields_and_status(cast, client, documents):
    client.force_login(cast.operator)

    client.post(
        f"/library/{documents['decree'].pk}/edit/",
        {
            "type": "decree",
            "number_symbol": "72/2015/NĐ-CP",
            "issuer": "Chính phủ",
            "title": "Về TTĐN",
            "issued_on": "2015-09-07",
            "status": "replaced",
            "classification": "public",
        },
    )

    decree = Document.objects.get(pk=documents["decree"].pk)
    assert (decree.title, decree.status) == ("Về TTĐN", DocumentStatus.REPLACED)


def test_document_edit_reports_an_impossible_status(cast, client, documents, in_english):
    services.transition_document(documents["school"], to=DocumentStatus.REPLACED, by=None)
    client.force_login(cast.teacher_a)

    response = client.post(
        f"/library/{documents['school'].pk}/edit/",
        {
            "type": "plan",
            "number_symbol": "1/KH-THCS",
            "issuer": "Trường",
            "title": "Kế hoạch",
            "status": "expired",
            "classification": "internal",
            "unit": cast.school_a.pk,
        },
    )

    assert (response.status_code, response.context["form"].non_field_errors()) == (
        200,
        ["This cannot go from “Replaced” to “Expired”."],
    )


def test_relation_add_finds_the_target_by_its_number(cast, client, documents):
    client.force_login(cast.teacher_a)

    client.post(
        f"/library/{documents['school'].pk}/relations/",
        {"kind": "implements", "target": "72/2015/nd-cp"},
    )

    assert [(r.kind, r.target) for r in documents["school"].relations_out.all()] == [
        ("implements", documents["decree"])
    ]


def test_relation_add_cannot_reach_a_document_the_person_cannot_see(
    cast, client, documents, in_english
):
    client.force_login(cast.teacher_a)

    response = client.post(
        f"/library/{documents['school'].pk}/relations/",
        {"kind": "implements", "target": "3/KH-SGDĐT"},
    )

    assert (response.status_code, response.context["relation_form"].errors["target"]) == (
        400,
        ["No document of the library has this number and symbol."],
    )


def test_relation_add_asks_for_the_year_when_the_number_is_shared(
    cast, client, documents, in_english
):
    DocumentFactory(number_symbol="39/KH-UBND", issued_on=datetime.date(2022, 2, 23))
    other = DocumentFactory(number_symbol="39/KH-UBND", issued_on=datetime.date(2023, 5, 4))
    client.force_login(cast.teacher_a)
    url = f"/library/{documents['school'].pk}/relations/"

    ambiguous = client.post(url, {"kind": "implements", "target": "39/KH-UBND"})
    client.post(
        url,
        {"kind": "implements", "target": "39/KH-UBND", "year": "2023"},
    )

    assert (
        ambiguous.context["relation_form"].errors["year"],
        [r.target for r in documents["school"].relations_out.all()],
    ) == (["Several documents have this number and symbol: give the year of issue."], [other])


def test_file_upload_and_download(cast, client, documents, media):
    client.force_login(cast.teacher_a)

    client.post(
        f"/library/{documents['school'].pk}/files/",
        {"file": SimpleUploadedFile("Kế hoạch.pdf", b"%PDF-1.4 x")},
    )
    attached = DocumentFile.objects.get()
    response = client.get(f"/library/files/{attached.pk}/")

    assert (b"".join(response.streaming_content), response["Content-Disposition"]) == (
        b"%PDF-1.4 x",
        "attachment; filename*=utf-8''K%E1%BA%BF%20ho%E1%BA%A1ch.pdf",
    )


def test_file_download_of_an_internal_document_of_another_province_is_not_found(
    cast, client, documents, media
):
    attached = services.attach_file(
        documents["outsider"], file=SimpleUploadedFile("a.pdf", b"x"), by=None
    )
    client.force_login(cast.so_leader)

    assert client.get(f"/library/files/{attached.pk}/").status_code == 404


def test_file_upload_refuses_an_executable(cast, client, documents, media):
    client.force_login(cast.teacher_a)

    response = client.post(
        f"/library/{documents['school'].pk}/files/",
        {"file": SimpleUploadedFile("virus.exe", b"MZ")},
    )

    assert (response.status_code, DocumentFile.objects.count()) == (400, 0)


# --- Publishing ----------------------------------------------------------------------


def test_publish_by_a_school_leader_puts_the_document_on_the_school_page(cast, client, documents):
    leader = member("leader-a", cast.school_a, Role.LEADER)
    client.force_login(leader)

    client.post(f"/library/{documents['decree'].pk}/publish/", {"unit": cast.school_a.pk})

    assert [(p.unit, p.document) for p in Publication.objects.all()] == [
        (cast.school_a, documents["decree"])
    ]


def test_publish_is_not_for_officers(cast, client, documents):
    client.force_login(cast.teacher_a)

    response = client.post(
        f"/library/{documents['decree'].pk}/publish/", {"unit": cast.school_a.pk}
    )

    assert (response.status_code, Publication.objects.count()) == (400, 0)


def test_publish_of_an_internal_document_is_not_found(cast, client, documents):
    client.force_login(member("leader-a", cast.school_a, Role.LEADER))

    response = client.post(
        f"/library/{documents['school'].pk}/publish/", {"unit": cast.school_a.pk}
    )

    assert (response.status_code, Publication.objects.count()) == (404, 0)


def test_unpublish_by_an_editor_of_the_unit(cast, client, documents):
    publication = services.publish_document(documents["decree"], unit=cast.school_a, by=None)
    client.force_login(member("editor-a", cast.school_a, Role.EDITOR))

    client.post(f"/library/publications/{publication.pk}/remove/")

    assert Publication.objects.count() == 0


def test_unpublish_by_the_outsider_is_not_found(cast, client, documents):
    publication = services.publish_document(documents["decree"], unit=cast.school_a, by=None)
    client.force_login(member("outsider-leader", cast.outsider_so, Role.LEADER))

    assert (
        client.post(f"/library/publications/{publication.pk}/remove/").status_code,
        Publication.objects.count(),
    ) == (404, 1)


# --- A unit's public page ----------------------------------------------------------


def test_public_page_shows_only_what_the_unit_published_and_nothing_internal(
    cast, client, documents
):
    circular = DocumentFactory(type=DocumentType.CIRCULAR, number_symbol="22/2016/TT-BTTTT")
    services.publish_document(documents["decree"], unit=cast.school_a, by=None)
    services.publish_document(circular, unit=cast.school_b, by=None)
    PublicationFactory(
        unit=cast.school_a, document=documents["school"]
    )  # written past the service: must still not show

    response = client.get(f"/don-vi/{cast.school_a.slug}/van-ban/")

    assert (response.status_code, numbers(response)) == (200, ["72/2015/NĐ-CP"])


def test_public_page_search_without_tones(cast, client, documents):
    services.publish_document(documents["decree"], unit=cast.school_a, by=None)

    response = client.get(f"/don-vi/{cast.school_a.slug}/van-ban/", {"q": "thong tin doi ngoai"})

    assert numbers(response) == ["72/2015/NĐ-CP"]


def test_public_detail_shows_a_published_document_without_sign_in(cast, client, documents):
    services.update_document(documents["decree"], full_text="Điều 1. Phạm vi điều chỉnh", by=None)
    services.publish_document(documents["decree"], unit=cast.school_a, by=None)

    response = client.get(f"/don-vi/{cast.school_a.slug}/van-ban/{documents['decree'].pk}/")

    assert response.status_code == 200
    assert "Điều 1. Phạm vi điều chỉnh" in response.content.decode()


@pytest.mark.parametrize("which", ["decree", "school", "outsider"])
def test_public_detail_of_a_document_the_unit_did_not_publish_is_not_found(
    cast, client, documents, which
):
    services.publish_document(documents["decree"], unit=cast.school_b, by=None)
    PublicationFactory(unit=cast.school_a, document=documents["school"])

    assert (
        client.get(f"/don-vi/{cast.school_a.slug}/van-ban/{documents[which].pk}/").status_code
        == 404
    )


def test_public_file_download(cast, client, documents, media):
    services.publish_document(documents["decree"], unit=cast.school_a, by=None)
    attached = services.attach_file(
        documents["decree"], file=SimpleUploadedFile("nd72.pdf", b"%PDF"), by=None
    )

    response = client.get(
        f"/don-vi/{cast.school_a.slug}/van-ban/{documents['decree'].pk}/tep/{attached.pk}/"
    )

    assert b"".join(response.streaming_content) == b"%PDF"


def test_public_file_of_an_internal_document_is_not_found(cast, client, documents, media):
    PublicationFactory(unit=cast.school_a, document=documents["school"])
    attached = services.attach_file(
        documents["school"], file=SimpleUploadedFile("noi-bo.pdf", b"%PDF"), by=None
    )

    assert (
        client.get(
            f"/don-vi/{cast.school_a.slug}/van-ban/{documents['school'].pk}/tep/{attached.pk}/"
        ).status_code
        == 404
    )


@pytest.mark.parametrize("item_count", [1, 3])
def test_public_page_query_count(cast, client, django_assert_num_queries, item_count):
    for _ in range(item_count):
        services.publish_document(DocumentFactory(), unit=cast.school_a, by=None)

    with django_assert_num_queries(3):  # unit, count, page
        client.get(f"/don-vi/{cast.school_a.slug}/van-ban/")


# --- The checker page ------------------------------------------------------------------


def test_check_page_checks_pasted_text(cast, client, library):
    client.force_login(cast.teacher_a)

    response = client.post("/library/check/", {"text": seed("000")})

    statuses = [r.status for r in response.context["results"]]
    assert (len(statuses), statuses[0], statuses[1]) == (  # problems first
        13,
        CitationStatus.DATE_MISMATCH,
        CitationStatus.CHRONOLOGY,
    )


def test_check_page_reads_an_uploaded_docx(cast, client, library):
    client.force_login(cast.teacher_a)
    upload = SimpleUploadedFile(
        "ke-hoach.docx",
        docx_bytes(["Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ;"]),
    )

    response = client.post("/library/check/", {"file": upload})

    assert [(r.citation.number_symbol, r.status) for r in response.context["results"]] == [
        ("72/2015/NĐ-CP", CitationStatus.OK)
    ]


def test_check_page_explains_a_scanned_pdf(cast, client, in_english):
    client.force_login(cast.teacher_a)

    response = client.post(
        "/library/check/",
        {"file": SimpleUploadedFile("scan.pdf", image_pdf())},
    )

    assert (response.context["results"], response.context["form"].errors["file"]) == (
        None,
        [
            "The PDF has no text layer: it is probably a scan or a photo. Run text recognition (OCR) on it, or paste its text."
        ],
    )


def test_check_page_offers_to_add_an_unknown_document(cast, client, library):
    client.force_login(cast.teacher_a)

    response = client.post(
        "/library/check/", {"text": "Nghị định số 99/2099/NĐ-CP ngày 02/01/2099 của Chính phủ"}
    )

    assert (
        "/library/new/?type=decree&amp;number_symbol=99/2099/N%C4%90-CP&amp;issued_on=2099-01-02&amp;issuer=Ch%C3%ADnh%20ph%E1%BB%A7"
        in response.content.decode()
    )


def test_check_page_asks_for_a_text_or_a_file(cast, client, in_english):
    client.force_login(cast.teacher_a)

    response = client.post("/library/check/", {"text": "  "})

    assert response.context["form"].non_field_errors() == ["Paste a text or choose a file."]


def test_check_page_lists_problems_first_in_their_own_colours_as_of_the_documents_date(
    cast, client, library, in_english
):
    client.force_login(cast.phong_officer)
    text = (
        "Hải Phòng, ngày 14 tháng 3 năm 2022\n"
        "Căn cứ Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016 của Bộ Thông tin và Truyền thông;\n"
        "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/8/2015 của Chính phủ;\n"
        "Căn cứ Kế hoạch số 99/KH-XYZ ngày 01/01/2022."
    )

    response = client.post("/library/check/", {"text": text})

    page = response.content.decode()
    assert (
        [(r.citation.number_symbol, r.status.severity) for r in response.context["results"]],
        response.context["as_of"],
        page.count("citation-status-problem"),
        page.count("citation-status-ok"),
    ) == (
        [("72/2015/NĐ-CP", "problem"), ("99/KH-XYZ", "unknown"), ("22/2016/TT-BTTTT", "ok")],
        datetime.date(2022, 3, 14),
        1,
        1,
    )


def test_file_upload_refuses_a_file_whose_content_is_not_what_its_name_says(
    cast, client, documents, media, in_english
):
    client.force_login(cast.teacher_a)

    response = client.post(
        f"/library/{documents['school'].pk}/files/",
        {"file": SimpleUploadedFile("Kế hoạch.pdf", b"MZ\x90\x00 a program")},
    )

    assert (response.status_code, DocumentFile.objects.count()) == (400, 0)
    assert response.context["file_form"].errors["file"] == [
        "The file's content is not what its name (.pdf) says."
    ]


def test_check_page_refuses_a_zip_bomb_docx_with_a_message(cast, client, in_english):
    client.force_login(cast.teacher_a)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", b"<" + b"a" * (200 * 1024 * 1024) + b"/>")

    response = client.post(
        "/library/check/", {"file": SimpleUploadedFile("ke-hoach.docx", bomb.getvalue())}
    )

    assert (response.status_code, response.context["form"].errors["file"]) == (
        200,
        ["The file unpacks to more than 50 MB: it is not read."],
    )


def test_check_page_refuses_a_text_file_beyond_the_pasted_text_limit(cast, client, in_english):
    client.force_login(cast.teacher_a)
    text = "Căn cứ Luật số 1/2020/QH14. " * 20_000  # 560,000 characters

    response = client.post(
        "/library/check/", {"file": SimpleUploadedFile("ke-hoach.txt", text.encode())}
    )

    assert response.context["form"].errors["file"] == [
        "The file holds more than 500000 characters of text, the limit."
    ]


@pytest.mark.parametrize(
    ("mark", "warned"),
    [
        (Verification.VERIFIED, False),
        (Verification.PARTLY, True),
        (Verification.UNVERIFIED, True),
    ],
)
def test_reference_data_not_checked_twice_is_never_shown_as_fact(
    cast, client, documents, mark, warned
):
    decree = documents["decree"]
    Document.objects.filter(pk=decree.pk).update(
        verification=mark,
        verification_note="effective date from hethongphapluat only",
        source="https://a.example/72-2015 ; Kế hoạch 24/KH-SGDĐT (viện dẫn văn bản này)",
    )
    services.publish_document(decree, unit=cast.school_a, by=None)
    client.force_login(cast.teacher_a)

    pages = [
        client.get(decree.get_absolute_url()).content.decode(),
        Client().get(f"/don-vi/{cast.school_a.slug}/van-ban/{decree.pk}/").content.decode(),
    ]

    assert [('id="unchecked-facts"' in page, "hethongphapluat only" in page) for page in pages] == [
        (warned, False),
        (warned, False),
    ]
    assert '<a href="https://a.example/72-2015" rel="external noopener noreferrer">' in pages[0]
