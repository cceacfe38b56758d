"""Screens of the outgoing register: browsing, .xlsx, files, composing and the letterhead."""

import datetime
import re
import threading
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from io import BytesIO

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from ttdn import docgen
from ttdn.documents import services
from ttdn.documents.models import Letterhead, OutgoingDocument, RegisterCounter
from ttdn.documents.queries import default_letterhead
from ttdn.documents.tests.factories import LetterheadFactory, OutgoingDocumentFactory, letter

TODAY = timezone.localdate()


@pytest.fixture
def client(client, settings):
    """Pages in English, as after the language switch, so messages compare with their msgids."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def register_url(unit):
    return reverse("register:register", args=[unit.pk])


def composed(unit, **changes):
    """A complete công văn as the compose screen posts it."""
    return {
        "unit": unit.pk,
        "type": "letter",
        "title": "Tuyên truyền kỷ niệm Ngày giải phóng thành phố",
        "addressees": "Hiệu trưởng các trường THCS\nHiệu trưởng các trường tiểu học",
        "body": "Thực hiện kế hoạch của Sở, Phòng đề nghị:\nCác trường tổ chức tuyên truyền./.",
        "recipients": "Như trên\nLãnh đạo phòng",
        "drafting_unit": "",
        "authority": "deputy",
        "principal": "Trưởng phòng",
        "signer_position": "Phó Trưởng phòng",
        "signer_name": "Lê Thị Lan",
        **changes,
    }


def confirmed(client, data):
    """Preview `data`, then issue it from the confirmation step, as a person does."""
    preview = client.post(reverse("register:compose"), {**data, "preview": "1"})
    confirmation = preview.context["confirmation"]
    return client.post(
        reverse("register:compose"), {**data, "issue": "1", "confirmation": confirmation}
    )


@pytest.fixture
def issued(cast):
    """Two letters and a plan of the Phòng this year, one letter last year, one of the outsider."""
    last_year = datetime.date(TODAY.year - 1, 6, 1)
    return {
        "old": OutgoingDocumentFactory(unit=cast.phong, by=cast.phong_officer, on=last_year),
        "first": OutgoingDocumentFactory(unit=cast.phong, by=cast.phong_officer),
        "plan": OutgoingDocumentFactory(
            unit=cast.phong,
            by=cast.phong_leader,
            doc=letter(doc_type=docgen.DocumentType.PLAN, title="Công tác năm học"),
        ),
        "outsider": OutgoingDocumentFactory(unit=cast.outsider_so, by=cast.outsider),
    }


def shown(response):
    return [entry.number_symbol for entry in response.context["page"]]


# --- The register ------------------------------------------------------------------


def test_register_home_opens_the_register_of_the_acting_unit(client, cast):
    client.force_login(cast.teacher_a)

    response = client.get(reverse("register:home"))

    assert (response.status_code, response.url) == (302, register_url(cast.school_a))


def test_register_shows_this_year_newest_first(client, cast, issued):
    client.force_login(cast.phong_officer)

    response = client.get(register_url(cast.phong))

    assert (shown(response), response.context["register"].years) == (
        ["02/KH-PGDĐT", "01/PGDĐT-VP"],
        [TODAY.year, TODAY.year - 1],
    )


def test_register_filters_by_year_and_type(client, cast, issued):
    client.force_login(cast.so_leader)

    last_year = client.get(register_url(cast.phong), {"year": TODAY.year - 1})
    plans = client.get(register_url(cast.phong), {"type": "plan"})

    assert (shown(last_year), shown(plans)) == (["01/PGDĐT-VP"], ["02/KH-PGDĐT"])


def test_register_of_another_province_is_not_found(client, cast, issued):
    client.force_login(cast.outsider)
    urls = [
        register_url(cast.phong),
        reverse("register:export", args=[cast.phong.pk]),
        issued["first"].get_absolute_url(),
        reverse("register:document_docx", args=[issued["first"].pk]),
        reverse("register:document_pdf", args=[issued["first"].pk]),
    ]

    statuses = [client.get(url).status_code for url in urls]

    assert statuses == [404, 404, 404, 404, 404]


def test_register_of_a_sibling_school_is_not_found(client, cast, issued):
    OutgoingDocumentFactory(unit=cast.school_a, by=cast.teacher_a)
    client.force_login(cast.teacher_b)

    response = client.get(register_url(cast.school_a))

    assert response.status_code == 404


@pytest.mark.parametrize("item_count", (1, 3))
def test_register_list_queries_do_not_grow_with_entries(
    client, cast, item_count, django_assert_num_queries
):
    for _ in range(item_count):
        OutgoingDocumentFactory(unit=cast.phong, by=cast.phong_officer)
    client.force_login(cast.phong_officer)

    with django_assert_num_queries(9):
        response = client.get(register_url(cast.phong))

    assert len(shown(response)) == item_count


def test_register_export_is_a_workbook_with_one_row_per_entry_in_number_order(client, cast, issued):
    services.withdraw_document(issued["plan"], reason="Ban hành nhầm", by=cast.phong_leader)
    client.force_login(cast.phong_leader)

    response = client.get(reverse("register:export", args=[cast.phong.pk]))

    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    day = TODAY.strftime("%d/%m/%Y")
    assert (response["Content-Type"], rows) == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [
            [
                "Số, ký hiệu văn bản",
                "Ngày tháng văn bản",
                "Tên loại và trích yếu nội dung văn bản",
                "Người ký",
                "Nơi nhận văn bản",
                "Người đăng ký",
                "Ghi chú",
            ],
            [
                "01/PGDĐT-VP",
                day,
                "V/v Tuyên truyền kỷ niệm Ngày thành lập thành phố",
                "Nguyễn Văn Hùng",
                "Hiệu trưởng các trường THCS; Như trên; Lãnh đạo phòng",
                cast.phong_officer.get_full_name(),
                None,
            ],
            [
                "02/KH-PGDĐT",
                day,
                "Kế hoạch: Công tác năm học",
                "Nguyễn Văn Hùng",
                "Hiệu trưởng các trường THCS; Như trên; Lãnh đạo phòng",
                cast.phong_leader.get_full_name(),
                f"Thu hồi ngày {day}: Ban hành nhầm",
            ],
        ],
    )


# --- One issued document -------------------------------------------------------------


def test_document_docx_downloads_the_frozen_file(client, cast, issued):
    client.force_login(cast.so_leader)  # reads the Phòng under the Sở

    response = client.get(reverse("register:document_docx", args=[issued["first"].pk]))

    printed = docx.Document(BytesIO(response.content))
    assert (response["Content-Disposition"], printed.tables[0].rows[1].cells[0].text[:15]) == (
        f'attachment; filename="01-pgddt-vp-{TODAY.year}.docx"',
        "Số: 01/PGDĐT-VP",
    )


def test_document_without_libreoffice_says_pdf_is_unavailable(client, cast, issued, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")  # no soffice to be found
    client.force_login(cast.phong_officer)

    page = client.get(issued["first"].get_absolute_url())
    pdf = client.get(reverse("register:document_pdf", args=[issued["first"].pk]), follow=True)

    assert not page.context["pdf_available"]
    assert 'id="pdf-unavailable"' in page.content.decode()
    assert pdf.status_code == 200
    assert [str(m) for m in pdf.context["messages"]] == [
        "PDF is unavailable here: LibreOffice is not installed."
    ]


def test_leader_withdraws_a_document_which_keeps_its_number_in_the_register(client, cast, issued):
    client.force_login(cast.phong_leader)

    response = client.post(
        reverse("register:document_withdraw", args=[issued["first"].pk]),
        {"reason": "Ban hành nhầm đối tượng"},
        follow=True,
    )
    register = client.get(register_url(cast.phong)).content.decode()
    following = OutgoingDocumentFactory(unit=cast.phong, by=cast.phong_officer)

    issued["first"].refresh_from_db()
    assert [str(m) for m in response.context["messages"]] == [
        "01/PGDĐT-VP is withdrawn; its number stays used."
    ]
    assert issued["first"].withdrawn_on == TODAY
    assert issued["first"].withdrawal_reason == "Ban hành nhầm đối tượng"
    assert issued["first"].withdrawn_by == cast.phong_leader
    assert register.count("badge-withdrawn") == 1
    assert "Ban hành nhầm đối tượng" in register
    assert following.number == 3
    assert 'id="withdraw-form"' not in response.content.decode()


@pytest.mark.parametrize(
    ("person", "reason", "status"),
    [
        ("phong_officer", "Ban hành nhầm", 403),
        ("teacher_a", "Ban hành nhầm", 404),
        ("outsider", "Ban hành nhầm", 404),
        ("phong_leader", " ", 302),
    ],
)
def test_withdrawal_refused_to_all_but_leaders_and_without_a_reason(
    client, cast, issued, person, reason, status
):
    client.force_login(getattr(cast, person))

    response = client.post(
        reverse("register:document_withdraw", args=[issued["first"].pk]), {"reason": reason}
    )

    issued["first"].refresh_from_db()
    assert (response.status_code, issued["first"].withdrawn_on) == (status, None)


def test_withdrawing_twice_is_refused_and_keeps_the_first_reason(cast, issued):
    services.withdraw_document(issued["first"], reason="Sai trích yếu", by=cast.phong_leader)

    with translation.override("en"), pytest.raises(ValidationError) as refusal:
        services.withdraw_document(issued["first"], reason="Lần hai", by=cast.phong_leader)

    issued["first"].refresh_from_db()
    assert (refusal.value.messages, issued["first"].withdrawal_reason) == (
        [f"This document was already withdrawn on {TODAY.strftime('%d/%m/%Y')}."],
        "Sai trích yếu",
    )


# --- Compose and issue -------------------------------------------------------------


def test_compose_preview_shows_the_document_and_writes_nothing(client, cast):
    client.force_login(cast.phong_officer)

    response = client.post(reverse("register:compose"), composed(cast.phong, preview="1"))

    preview = response.context["preview"]
    assert (
        preview.number_line.replace("\u00a0", ""),
        preview.date_line[:10],
        preview.signer_lines,
        OutgoingDocument.objects.count(),
        RegisterCounter.objects.count(),
    ) == ("Số: /PGDĐT-VP", "Hồng Bàng,", ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"], 0, 0)


def test_compose_issue_numbers_the_letter_and_opens_it(client, cast, issued):
    client.force_login(cast.phong_officer)

    response = confirmed(client, composed(cast.phong))

    outgoing = OutgoingDocument.objects.get(unit=cast.phong, year=TODAY.year, number=3)
    assert (
        response.status_code,
        response.url,
        outgoing.number_symbol,
        outgoing.addressees,
        outgoing.signer_position,
        outgoing.issued_by,
    ) == (
        302,
        outgoing.get_absolute_url(),
        "03/PGDĐT-VP",
        ["Hiệu trưởng các trường THCS", "Hiệu trưởng các trường tiểu học"],
        "Phó Trưởng phòng",
        cast.phong_officer,
    )


def test_compose_issues_a_typed_document_with_its_type_in_the_symbol(client, cast):
    client.force_login(cast.teacher_a)

    confirmed(client, composed(cast.school_a, type="invitation", addressees="", authority=""))

    assert list(OutgoingDocument.objects.values_list("symbol", "type")) == [
        ("GM-THCSHB", "invitation")
    ]


def test_compose_preview_confirms_the_number_it_will_take_and_where_it_goes(client, cast, issued):
    client.force_login(cast.phong_officer)

    response = client.post(reverse("register:compose"), composed(cast.phong, preview="1"))

    page = response.content.decode()
    assert (
        response.context["number"],
        re.search(r'id="confirm-number">([^<]+)<', page).group(1),
        re.search(r'id="confirm-recipients">([^<]+)<', page).group(1),
        OutgoingDocument.objects.filter(unit=cast.phong, year=TODAY.year).count(),
    ) == (
        "03/PGDĐT-VP",
        "03/PGDĐT-VP",
        "Hiệu trưởng các trường THCS; Hiệu trưởng các trường tiểu học; Như trên; Lãnh đạo phòng",
        2,
    )


@pytest.mark.parametrize(
    "confirmation",
    [None, "0000000000000000"],
    ids=["issue-without-preview", "text-changed-after-preview"],
)
def test_compose_issue_without_a_matching_confirmation_issues_nothing(client, cast, confirmation):
    client.force_login(cast.phong_officer)
    data = composed(cast.phong, issue="1")
    if confirmation:
        data["confirmation"] = confirmation

    response = client.post(reverse("register:compose"), data)

    assert (
        response.status_code,
        response.context["number"],
        [m.level_tag for m in response.context["messages"]],
        OutgoingDocument.objects.count(),
    ) == (200, "01/PGDĐT-VP", ["warning"], 0)


def test_compose_names_each_missing_part_and_writes_nothing(client, cast):
    client.force_login(cast.phong_officer)
    empty = {"unit": cast.phong.pk, "type": "letter", "authority": "deputy", "issue": "1"}

    response = client.post(reverse("register:compose"), empty)

    assert (
        response.status_code,
        response.context["form"].errors,
        OutgoingDocument.objects.count(),
        RegisterCounter.objects.count(),
    ) == (
        200,
        {
            "title": ["Missing: the summary."],
            "body": ["Missing: the body."],
            "signer_name": ["Missing: the signer."],
            "recipients": ["Missing: the recipients (Nơi nhận)."],
            "addressees": ["Missing: the addressees (Kính gửi)."],
        },
        0,
        0,
    )


def test_compose_names_the_missing_parts_of_the_signer(client, cast):
    client.force_login(cast.phong_officer)
    data = composed(cast.phong, principal="", signer_position=" ", issue="1")

    response = client.post(reverse("register:compose"), data)

    assert (response.context["form"].errors, OutgoingDocument.objects.count()) == (
        {
            "signer_position": ["Missing: the position of the signer."],
            "principal": ["Missing: the head signed for."],
        },
        0,
    )


def test_compose_sends_letterhead_gaps_to_the_letterhead_page(client, cast):
    LetterheadFactory(unit=cast.phong, place="")
    client.force_login(cast.phong_officer)

    response = client.post(reverse("register:compose"), composed(cast.phong, issue="1"))

    assert (response.context["form"].non_field_errors(), OutgoingDocument.objects.count()) == (
        ["Missing: the place name. Set it on the unit's letterhead page."],
        0,
    )


def test_compose_for_a_unit_the_person_does_not_write_for_is_refused(client, cast):
    client.force_login(cast.teacher_b)

    response = client.post(reverse("register:compose"), composed(cast.school_a, issue="1"))

    assert (list(response.context["form"].errors), OutgoingDocument.objects.count()) == (
        ["unit"],
        0,
    )


def test_compose_is_forbidden_to_people_who_write_for_no_unit(client, cast):
    client.force_login(cast.operator)

    response = client.get(reverse("register:compose"))

    assert response.status_code == 403


# --- The letterhead ------------------------------------------------------------------


def test_letterhead_form_shows_the_defaults_and_saves_for_the_leader(client, cast):
    client.force_login(cast.phong_leader)
    url = reverse("register:letterhead", args=[cast.phong.pk])
    initial = client.get(url).context["form"].initial

    response = client.post(url, {**initial, "abbreviation": "GDĐT"})

    saved = Letterhead.objects.get(unit=cast.phong)
    assert (initial["abbreviation"], response.status_code, saved.abbreviation, saved.place) == (
        "PGDĐT",
        302,
        "GDĐT",
        "Hồng Bàng",
    )


@pytest.mark.parametrize(
    ("person", "status"), [("phong_officer", 403), ("teacher_a", 404), ("outsider", 404)]
)
def test_letterhead_is_refused_to_all_but_leaders(client, cast, person, status):
    client.force_login(getattr(cast, person))

    response = client.get(reverse("register:letterhead", args=[cast.phong.pk]))

    assert response.status_code == status


# --- Operators ---------------------------------------------------------------------


def test_admin_shows_the_register_read_only(client, cast, issued):
    cast.operator.is_superuser = True
    cast.operator.save()
    client.force_login(cast.operator)

    listing = client.get("/admin/documents/outgoingdocument/")
    entry = client.get(f"/admin/documents/outgoingdocument/{issued['first'].pk}/change/")

    assert listing.status_code == 200
    assert entry.status_code == 200
    assert not entry.context["has_change_permission"]


# --- Parallel requests -------------------------------------------------------------

REQUESTS = 6


def _http(url: str, cookies: dict[str, str], data: dict[str, str] | None = None) -> str:
    """GET or POST to the live test server; the URL is always its http://127.0.0.1 address."""
    request = urllib.request.Request(  # noqa: S310  (only the live server's http URL)
        url,
        data=urllib.parse.urlencode(data).encode() if data is not None else None,
        headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310  (as above)
        return response.read().decode()


@pytest.mark.django_db(transaction=True)
def test_compose_issued_by_parallel_requests_gives_each_number_once(
    cast, client, live_server, settings
):
    if connection.vendor == "sqlite":
        pytest.skip(
            "on SQLite the live server's threads share the test's one in-memory connection, "
            "so their transactions interleave on it; served for real, each thread has its own "
            "connection and IMMEDIATE transaction. PostgreSQL runs this"
        )
    client.force_login(cast.phong_officer)
    cookies = {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}
    url = f"{live_server.url}{reverse('register:compose')}"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', _http(url, cookies))
    cookies[settings.CSRF_COOKIE_NAME] = token.group(1) if token else ""
    form = {**composed(cast.phong), "csrfmiddlewaretoken": cookies[settings.CSRF_COOKIE_NAME]}
    preview = _http(url, cookies, {**form, "preview": "1"})
    confirmation = re.search(r'name="confirmation" value="([^"]+)"', preview)
    form |= {"issue": "1", "confirmation": confirmation.group(1) if confirmation else ""}
    start = threading.Barrier(REQUESTS)

    def post() -> None:
        start.wait()
        _http(url, cookies, form)

    with ThreadPoolExecutor(REQUESTS) as pool:
        done = [pool.submit(post) for _ in range(REQUESTS)]
    errors = [future.exception() for future in done if future.exception()]

    issued = sorted(OutgoingDocument.objects.values_list("number", flat=True))
    assert (errors, issued) == ([], list(range(1, REQUESTS + 1)))


def test_register_export_keeps_user_text_as_text(client, cast):
    payloads = ['=HYPERLINK("http://evil.example/","x")', "+1+1", "-1+1", "@SUM(1)", "\t=1"]
    OutgoingDocumentFactory(
        unit=cast.phong,
        by=cast.phong_officer,
        doc=letter(title=payloads[0], addressees=tuple(payloads)),
    )
    client.force_login(cast.phong_leader)

    response = client.get(reverse("register:export", args=[cast.phong.pk]))

    sheet = openpyxl.load_workbook(BytesIO(response.content)).active
    row = [cell for cell in sheet[3]]
    assert (
        [cell.coordinate for line in sheet.iter_rows() for cell in line if cell.data_type == "f"],
        row[2].value,
        row[4].value,
    ) == (
        [],
        f"V/v {payloads[0]}",
        # the printed list keeps each addressee as typed, without surrounding blanks
        "; ".join([*(payload.strip() for payload in payloads), "Như trên", "Lãnh đạo phòng"]),
    )


# --- What the composer prints ------------------------------------------------------


def test_compose_preview_prints_typed_punctuation_once(client, cast):
    client.force_login(cast.phong_officer)
    data = composed(cast.phong, recipients="Như trên;\nLãnh đạo phòng.", preview="1")

    response = client.post(reverse("register:compose"), data)

    doc = response.context["preview"].doc
    page = response.content.decode()
    assert doc.recipient_lines() == ["Như trên;", "Lãnh đạo phòng;", "Lưu: VT, VP."]
    assert doc.addressee_lines() == [
        "Hiệu trưởng các trường THCS;",
        "Hiệu trưởng các trường tiểu học.",
    ]
    assert re.findall(r"- (Như trên[^<]*)<", page) == ["Như trên;"]


def test_compose_signer_defaults_to_the_head_in_the_letterhead(client, cast):
    LetterheadFactory(unit=cast.phong, head_position="Trưởng phòng", head_name="Nguyễn Văn An")
    client.force_login(cast.phong_officer)

    initial = client.get(reverse("register:compose")).context["form"].initial

    assert (initial["signer_position"], initial["signer_name"], initial["authority"]) == (
        "Trưởng phòng",
        "Nguyễn Văn An",
        "",
    )


def test_default_letterhead_names_the_one_leader_holding_the_head_position(cast):
    cast.phong_leader.memberships.filter(unit=cast.phong).update(title="trưởng phòng")

    letterhead = default_letterhead(cast.phong)

    assert (letterhead.head_position, letterhead.head_name) == (
        "Trưởng phòng",
        cast.phong_leader.get_full_name(),
    )
