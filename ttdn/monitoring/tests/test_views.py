import datetime
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry
from ttdn.monitoring import services
from ttdn.monitoring.enums import CaseStatus, Severity, SourceFormat
from ttdn.monitoring.models import Case, Source, Watch
from ttdn.monitoring.tests.factories import SourceFactory, WatchFactory, mention_of
from ttdn.org.enums import Role
from ttdn.org.tests.factories import MembershipFactory


def _cases(cast, n):
    return [
        services.open_case(
            mention_of(cast.school_a, title=f"Tin {i}"),
            by=cast.teacher_a,
            title=f"Vụ {i}",
            severity=Severity.HIGH,
        )
        for i in range(n)
    ]


@pytest.mark.parametrize("item_count", [1, 3])
def test_the_desk_lists_mentions_in_a_fixed_number_of_queries(
    cast, client, django_assert_num_queries, item_count
):
    for i in range(item_count):
        mention_of(cast.school_a, title=f"Tin {i}")
    client.force_login(cast.phong_officer)

    with django_assert_num_queries(QUERIES["desk"]):
        response = client.get(reverse("monitoring:desk"))

    assert (response.status_code, len(response.context["page"])) == (200, item_count)


@pytest.mark.parametrize("item_count", [1, 3])
def test_the_desk_cuts_the_snippets_the_pipeline_left_to_it_without_more_queries(
    cast, client, django_assert_num_queries, item_count
):
    for i in range(item_count):
        mention_of(cast.school_a, title=f"Tin {i}", snippet="", paragraph=0)
    client.force_login(cast.phong_officer)

    with django_assert_num_queries(QUERIES["desk"]):
        response = client.get(reverse("monitoring:desk"))

    marked = f"viết về <mark>{cast.school_a.name}</mark>."  # its words, one run
    assert response.content.decode().count(marked) == item_count


def test_the_desk_and_a_story_leave_the_pages_as_fetched_in_the_database(cast, client):
    """A page as fetched is tens of kilobytes of evidence: lists never read it."""
    mention = mention_of(cast.school_a, title="Tin", snippet="", paragraph=0)
    client.force_login(cast.phong_officer)

    desk = client.get(reverse("monitoring:desk"))
    story = client.get(mention.item.story.get_absolute_url())

    shown = desk.context["page"].object_list[0].item
    assert {"raw", "signature"} <= shown.get_deferred_fields()
    assert all({"raw", "signature"} <= c.get_deferred_fields() for c in story.context["copies"])


@pytest.mark.parametrize("item_count", [1, 3])
def test_the_case_board_in_a_fixed_number_of_queries(
    cast, client, django_assert_num_queries, item_count
):
    _cases(cast, item_count)
    client.force_login(cast.phong_officer)

    with django_assert_num_queries(QUERIES["case_board"]):
        response = client.get(reverse("monitoring:case_board"))

    assert dict(response.context["board"])[CaseStatus.NEW.label] == list(
        Case.objects.order_by("deadline", "pk")
    )


@pytest.mark.parametrize("item_count", [1, 3])
def test_the_source_list_in_a_fixed_number_of_queries(
    cast, client, django_assert_num_queries, item_count
):
    for _ in range(item_count):
        SourceFactory(unit=cast.phong)
    client.force_login(cast.phong_officer)

    with django_assert_num_queries(QUERIES["source_list"]):
        response = client.get(reverse("monitoring:source_list"))

    assert len(response.context["rows"]) == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_the_watch_list_in_a_fixed_number_of_queries(
    cast, client, django_assert_num_queries, item_count
):
    for _ in range(item_count):
        WatchFactory(unit=cast.phong)
    client.force_login(cast.phong_officer)

    with django_assert_num_queries(QUERIES["watch_list"]):
        response = client.get(reverse("monitoring:watch_list"))

    assert len(response.context["page"]) == item_count


def test_the_watch_list_links_to_the_edit_page_only_for_whom_may_edit(cast, client):
    watch = WatchFactory(unit=cast.phong, name="Học phí")
    viewer = MembershipFactory(unit=cast.phong, role=Role.VIEWER).user
    edit_url = reverse("monitoring:watch_edit", args=[watch.pk])

    pages = {}
    for who, user in (("viewer", viewer), ("officer", cast.phong_officer)):
        client.force_login(user)
        pages[who] = client.get(reverse("monitoring:watch_list")).content.decode()

    assert edit_url not in pages["viewer"]
    assert "Học phí" in pages["viewer"]
    assert edit_url in pages["officer"]


@pytest.mark.parametrize("item_count", [1, 3])
def test_the_press_request_list_in_a_fixed_number_of_queries(
    cast, client, django_assert_num_queries, item_count
):
    for i in range(item_count):
        services.record_press_request(
            cast.phong,
            by=None,
            journalist=f"PV {i}",
            outlet="Báo",
            question="?",
            deadline=timezone.now(),
        )
    client.force_login(cast.phong_officer)

    with django_assert_num_queries(QUERIES["press_request_list"]):
        response = client.get(reverse("monitoring:press_request_list"))

    assert len(response.context["page"]) == item_count


QUERIES = {"desk": 6, "case_board": 5, "source_list": 6, "watch_list": 10, "press_request_list": 8}


def test_the_outsider_gets_404_for_a_mention_a_story_and_a_case(cast, client):
    mention = mention_of(cast.school_a)
    case = services.open_case(mention, by=cast.teacher_a, title="Vụ", severity=Severity.HIGH)
    client.force_login(cast.outsider)

    codes = [
        client.get(url).status_code
        for url in (
            mention.get_absolute_url(),
            reverse("monitoring:story_detail", args=[mention.item.story_id]),
            case.get_absolute_url(),
        )
    ]

    assert codes == [404, 404, 404]


def test_the_outsider_desk_is_empty(cast, client):
    mention_of(cast.school_a)
    client.force_login(cast.outsider)

    response = client.get(reverse("monitoring:desk"))

    assert list(response.context["page"]) == []


def test_an_officer_opens_a_case_from_a_mention_and_moves_it(cast, client):
    mention = mention_of(cast.school_a)
    client.force_login(cast.teacher_a)

    opened = client.post(
        reverse("monitoring:open_case", args=[mention.pk]),
        {"title": "Tin sai", "severity": "critical"},
    )
    case = Case.objects.get()
    client.post(reverse("monitoring:case_move", args=[case.pk, "verify"]))
    client.post(
        reverse("monitoring:case_respond", args=[case.pk]),
        {"kind": "statement", "text": "Đính chính: thông tin sai."},
    )
    client.post(reverse("monitoring:case_move", args=[case.pk, "close"]))

    case.refresh_from_db()
    assert opened.url == case.get_absolute_url()
    assert case.status == CaseStatus.CLOSED
    assert case.responded_on_time


def test_a_refused_move_shows_why_and_changes_nothing(cast, client):
    case = services.open_case(
        mention_of(cast.school_a), by=cast.teacher_a, title="Vụ", severity=Severity.HIGH
    )
    client.force_login(cast.teacher_a)

    response = client.post(reverse("monitoring:case_move", args=[case.pk, "close"]), follow=True)

    case.refresh_from_db()
    assert ([str(m) for m in response.context["messages"]], case.status) == (
        ["Không thể chuyển từ “Mới” sang “Đã đóng”."],
        CaseStatus.NEW,
    )


def test_a_teacher_of_another_school_cannot_act_on_the_case(cast, client):
    case = services.open_case(
        mention_of(cast.school_a), by=cast.teacher_a, title="Vụ", severity=Severity.HIGH
    )
    client.force_login(cast.teacher_b)

    response = client.post(reverse("monitoring:case_move", args=[case.pk, "verify"]))

    assert response.status_code == 404


def test_adding_a_source_with_a_bad_weight_shows_the_error(cast, client):
    client.force_login(cast.phong_officer)
    data = {
        "unit": cast.phong.pk,
        "name": "Báo",
        "url": "http://127.0.0.1:9/rss",
        "format": SourceFormat.FEED,
        "kind": "domestic_press",
        "language": "vi",
        "country": "VN",
        "weight": 500,
        "interval_minutes": 60,
        "state": "active",
    }

    response = client.post(reverse("monitoring:source_create"), data)

    assert (
        response.status_code,
        response.context["form"].errors["weight"],
        Source.objects.count(),
    ) == (
        400,
        ["Nhập trọng số từ 1 đến 100."],
        0,
    )


def test_a_watch_is_added_from_the_list(cast, client):
    client.force_login(cast.teacher_a)

    client.post(
        reverse("monitoring:watch_list"),
        {
            "unit": cast.school_a.pk,
            "name": "Học phí",
            "query": "học phí OR lạm thu",
            "is_active": "on",
        },
    )

    assert list(Watch.objects.values_list("unit__code", "query")) == [
        ("HB-A", "học phí OR lạm thu")
    ]


def test_a_press_request_is_answered_from_its_page(cast, client):
    request = services.record_press_request(
        cast.phong,
        by=None,
        journalist="PV",
        outlet="Báo",
        question="?",
        deadline=timezone.now() + datetime.timedelta(days=1),
    )
    client.force_login(cast.phong_leader)

    client.post(request.get_absolute_url(), {"answer": "Trả lời."})

    request.refresh_from_db()
    assert (request.status, request.answer) == ("answered", "Trả lời.")


def test_every_page_opens_for_the_units_officer(cast, client):
    mention = mention_of(cast.school_a)
    case = services.open_case(mention, by=cast.teacher_a, title="Vụ", severity=Severity.HIGH)
    source = SourceFactory(unit=cast.school_a, format=SourceFormat.MANUAL, url="")
    watch = WatchFactory(unit=cast.school_a)
    request = services.record_press_request(
        cast.school_a, by=None, journalist="PV", outlet="Báo", question="?", deadline=timezone.now()
    )
    client.force_login(cast.teacher_a)
    urls = [
        mention.get_absolute_url(), reverse("monitoring:story_detail", args=[mention.item.story_id]),
        case.get_absolute_url(), source.get_absolute_url(), reverse("monitoring:source_create"),
        reverse("monitoring:watch_edit", args=[watch.pk]), request.get_absolute_url(),
    ]  # fmt: skip

    codes = [client.get(url).status_code for url in urls]

    assert codes == [200] * len(urls)


def test_text_pasted_into_a_manual_source_becomes_an_item(cast, client):
    source = SourceFactory(unit=cast.school_a, format=SourceFormat.MANUAL, url="")
    client.force_login(cast.teacher_a)

    client.post(
        reverse("monitoring:source_paste", args=[source.pk]),
        {"title": "Bài đăng Facebook", "text": "Phụ huynh phản ánh về học phí."},
    )

    assert list(source.items.values_list("title", "stage")) == [("Bài đăng Facebook", "extracted")]


def test_export_gives_the_registers_the_person_may_see_as_text_and_is_audited(client, cast):
    ours = mention_of(cast.school_a, title='=HYPERLINK("http://x") Phụ huynh tố lạm thu')
    mention_of(cast.outsider_so, title="Tin của tỉnh khác")
    services.open_case(
        ours, by=cast.phong_officer, title="Tin sai về lạm thu", severity=Severity.HIGH
    )
    services.record_press_request(
        cast.school_a, by=cast.teacher_a, journalist="Nguyễn Văn Báo", outlet="Báo Quảng Ninh",
        question="Nhà trường thu những khoản nào?", deadline=timezone.now() + datetime.timedelta(days=2),
    )  # fmt: skip
    client.force_login(cast.teacher_a)

    response = client.get(reverse("monitoring:export"), {"tone": "negative"})

    book = load_workbook(BytesIO(response.content))
    rows = {
        sheet.title: [[c.value for c in row][:2] for row in sheet.iter_rows(min_row=2)]
        for sheet in book.worksheets
    }
    assert rows["Tin bài"][0][1] == cast.school_a.name
    assert len(rows["Tin bài"]) == 1
    assert book["Tin bài"]["E2"].data_type == "s"
    assert book["Tin bài"]["E2"].value == '=HYPERLINK("http://x") Phụ huynh tố lạm thu'
    assert rows["Vụ việc"] == [["Tin sai về lạm thu", cast.school_a.name]]
    assert rows["Yêu cầu báo chí"] == [["Nguyễn Văn Báo", "Báo Quảng Ninh"]]
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, actor=cast.teacher_a).count() == 1
