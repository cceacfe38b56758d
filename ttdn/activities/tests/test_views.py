"""The screens: access (the outsider gets 404), the forms' errors, the flows a person clicks
through, and query counts that do not grow with the number of rows."""

import datetime

import pytest
from django.urls import reverse

from ttdn.activities import services
from ttdn.activities.enums import ActivityKind, ActivityStatus, LevelScope
from ttdn.activities.models import Activity, Registration
from ttdn.activities.tests.factories import (
    ActivityFactory,
    ContestFactory,
    EntryFactory,
    MovementFactory,
)
from ttdn.content.models import Article
from ttdn.content.tests.factories import jpeg_with_gps
from ttdn.org.tests.factories import UnitFactory
from ttdn.plans.enums import PlanStatus
from ttdn.plans.tests.factories import PlanFactory, PlanTaskFactory


def test_the_outsider_gets_404_on_every_page_of_a_unit_it_cannot_see(client, cast):
    activity = ActivityFactory(unit=cast.school_a)
    movement = MovementFactory(unit=cast.phong)
    contest = ContestFactory(unit=cast.phong)
    plan = PlanFactory(unit=cast.phong, status=PlanStatus.ISSUED)
    client.force_login(cast.outsider)

    codes = [
        client.get(url).status_code
        for url in (
            reverse("activities:activity_detail", args=[activity.pk]),
            reverse("activities:activity_update", args=[activity.pk]),
            reverse("activities:movement_detail", args=[movement.pk]),
            reverse("activities:contest_detail", args=[contest.pk]),
            reverse("activities:plan_evidence", args=[plan.pk]),
        )
    ]
    listed = client.get(reverse("activities:activity_list")).context["page"].object_list

    assert (codes, list(listed)) == ([404] * 5, [])


def test_recording_an_activity_from_a_task_link_saves_a_draft_linked_to_it(client, cast):
    task = PlanTaskFactory(plan=PlanFactory(unit=cast.phong, status=PlanStatus.ISSUED))
    client.force_login(cast.teacher_a)

    form = client.get(reverse("activities:activity_create"), {"task": task.pk})
    response = client.post(
        reverse("activities:activity_create"),
        {
            "unit": cast.school_a.pk, "kind": ActivityKind.CEREMONY, "title": "Lễ chào cờ",
            "starts_on": "2026-03-20", "officials": 1, "teachers": 2, "pupils": 3, "parents": 0,
            "foreign_guests": 0, "tasks": [task.pk],
        },
    )  # fmt: skip

    activity = Activity.objects.get()
    assert (form.context["form"].initial["tasks"], response.url, list(activity.tasks.all())) == (
        [str(task.pk)], activity.get_absolute_url(), [task],
    )  # fmt: skip


def test_the_form_names_a_wrong_field_and_saves_nothing(client, cast):
    client.force_login(cast.teacher_a)

    response = client.post(
        reverse("activities:activity_create"),
        {
            "unit": cast.school_a.pk, "kind": ActivityKind.CEREMONY, "title": "Lễ",
            "starts_on": "2026-03-20", "ends_on": "2026-03-19", "officials": 0, "teachers": 0,
            "pupils": -1, "parents": 0, "foreign_guests": 0,
        },
    )  # fmt: skip

    assert (sorted(response.context["form"].errors), Activity.objects.count()) == (
        ["ends_on", "pupils"], 0,
    )  # fmt: skip


def test_the_school_records_the_office_verifies_through_the_page(client, cast):
    activity = ActivityFactory(unit=cast.school_a)
    url = reverse("activities:activity_transition", args=[activity.pk])

    client.force_login(cast.teacher_a)
    client.post(url, {"to": ActivityStatus.RECORDED})
    refused = client.post(url, {"to": ActivityStatus.VERIFIED}, follow=True)
    client.force_login(cast.phong_officer)
    client.post(url, {"to": ActivityStatus.VERIFIED})

    activity.refresh_from_db()
    assert (activity.status, [str(m) for m in refused.context["messages"]][-1]) == (
        ActivityStatus.VERIFIED, "Only the supervising unit verifies an activity.",
    )  # fmt: skip


def test_photo_then_article_in_one_click(client, cast):
    activity = ActivityFactory(unit=cast.school_a, title="Lễ kỷ niệm 60 năm")
    client.force_login(cast.teacher_a)
    client.post(
        reverse("activities:photo_add", args=[activity.pk]),
        {"file": jpeg_with_gps(), "alt": "Học sinh dâng hoa", "caption": "Dâng hoa"},
    )
    photo = activity.photos.get()

    response = client.post(
        reverse("activities:activity_article", args=[activity.pk]), {"photos": [photo.pk]}
    )

    article = Article.objects.get()
    page = client.get(reverse("content:article_detail", args=[article.pk]))
    assert (response.url, article.gallery.count(), [g.label for g in page.context["related"]]) == (
        reverse("content:article_detail", args=[article.pk]), 1, ["Activity"],
    )  # fmt: skip


def test_a_school_joins_a_movement_and_the_owner_sees_it(client, cast):
    movement = MovementFactory(unit=cast.phong, ends_on=datetime.date(2099, 1, 1))
    client.force_login(cast.teacher_a)

    client.post(
        reverse("activities:movement_detail", args=[movement.pk]),
        {"unit": cast.school_a.pk, "pledge": "Tập thể lao động tiên tiến"},
    )
    client.force_login(cast.phong_officer)
    page = client.get(reverse("activities:movement_detail", args=[movement.pk]))

    rows = [(r.unit.code, r.registration is not None) for r in page.context["rows"]]
    assert (Registration.objects.get().unit, rows) == (
        cast.school_a, [("HB-A", True), ("HB-B", False)],
    )  # fmt: skip


def test_the_task_page_lists_the_activities_that_carry_it_out(client, cast):
    task = PlanTaskFactory(plan=PlanFactory(unit=cast.phong, status=PlanStatus.ISSUED))
    activity = ActivityFactory(unit=cast.school_a, title="Hội thi", status=ActivityStatus.RECORDED)
    activity.tasks.add(task)
    client.force_login(cast.phong_officer)

    page = client.get(reverse("plans:task_detail", args=[task.pk]))

    groups = {g.label: [link.title for link in g.links] for g in page.context["related"]}
    assert groups == {"Activities carrying it out": ["Hội thi", "Record the activity"]}


@pytest.mark.parametrize("item_count", [1, 3])
def test_activity_list_queries_do_not_grow(client, cast, item_count, django_assert_num_queries):
    for n in range(item_count):
        ActivityFactory(unit=cast.school_a, title=f"Hoạt động {n}")
    client.force_login(cast.phong_officer)
    client.get(reverse("activities:activity_list"))

    with django_assert_num_queries(7):
        response = client.get(reverse("activities:activity_list"))

    assert len(response.context["page"].object_list) == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_movement_page_queries_do_not_grow(client, cast, item_count, django_assert_num_queries):
    movement = MovementFactory(unit=cast.so)
    UnitFactory(code="HB-C", name="Trường Mầm non Hoa Sen", parent=cast.phong)  # may still join
    for unit in [cast.phong, cast.school_a, cast.school_b][:item_count]:
        services.register_unit(movement, unit, by=cast.so_leader, on=movement.starts_on)
    client.force_login(cast.so_leader)
    url = reverse("activities:movement_detail", args=[movement.pk])
    client.get(url)

    with django_assert_num_queries(10):
        response = client.get(url)

    assert response.context["joined"] == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_contest_page_queries_do_not_grow(client, cast, item_count, django_assert_num_queries):
    contest = ContestFactory(unit=cast.phong)
    services.add_level(contest, by=cast.phong_officer, name="Cấp quận", scope=LevelScope.WHOLE)
    for n in range(item_count):
        entry = EntryFactory(contest=contest, unit=cast.school_a, title=f"Đội {n}")
        services.record_result(entry, contest.levels.get(), by=cast.phong_officer)
    client.force_login(cast.phong_officer)
    url = reverse("activities:contest_detail", args=[contest.pk])
    client.get(url)

    with django_assert_num_queries(15):
        response = client.get(url)

    assert len(response.context["rows"]) == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_contest_and_movement_lists_queries_do_not_grow(
    client, cast, item_count, django_assert_num_queries
):
    for n in range(item_count):
        ContestFactory(unit=cast.phong, title=f"Hội thi {n}")
        MovementFactory(unit=cast.phong, title=f"Phong trào {n}")
    client.force_login(cast.teacher_a)
    client.get(reverse("activities:contest_list"))

    with django_assert_num_queries(12):
        contests = client.get(reverse("activities:contest_list"))
        movements = client.get(reverse("activities:movement_list"))

    assert (len(contests.context["contests"]), len(movements.context["movements"])) == (
        item_count,
        item_count,
    )


def test_export_and_import_pages(client, cast):
    ActivityFactory(unit=cast.school_a, title="Hội diễn")
    client.force_login(cast.teacher_a)

    exported = client.get(reverse("activities:activity_export"))
    Activity.objects.all().delete()
    from io import BytesIO

    upload = BytesIO(exported.content)
    upload.name = "hoat-dong.xlsx"
    imported = client.post(reverse("activities:activity_import"), {"file": upload})

    assert (exported["Content-Type"][:23], imported.status_code, Activity.objects.get().title) == (
        "application/vnd.openxml", 302, "Hội diễn",
    )  # fmt: skip


def test_the_organiser_sends_an_entry_on_and_takes_it_back(client, cast):
    contest = ContestFactory(unit=cast.phong)
    cluster = services.add_level(contest, by=cast.phong_officer, name="Cấp cụm")
    services.add_level(contest, by=cast.phong_officer, name="Cấp quận")
    entry = EntryFactory(contest=contest, unit=cast.school_a)
    client.force_login(cast.phong_officer)
    client.post(
        reverse("activities:result_record", args=[entry.pk, cluster.pk]),
        {f"r{entry.pk}-score": "9", f"r{entry.pk}-prize": "first"},
    )
    result = entry.results.get()

    client.post(reverse("activities:result_advance", args=[result.pk]), {"advances": "1"})
    sent = client.get(reverse("activities:contest_detail", args=[contest.pk])).context["rows"][0]
    client.post(reverse("activities:result_advance", args=[result.pk]), {"advances": "0"})

    result.refresh_from_db()
    assert sent["current"].name == "Cấp quận"
    assert sent["withdrawable"] == result
    assert not result.advanced
    assert result.prize == "first"


def test_a_document_is_checked_attached_and_served_to_those_who_see_the_activity(client, cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    activity = ActivityFactory(unit=cast.school_a)
    client.force_login(cast.teacher_a)
    pdf = SimpleUploadedFile("Chương trình buổi lễ.pdf", b"%PDF-1.4\n%%EOF\n")
    fake = SimpleUploadedFile("Danh sách.pdf", b"not a pdf")

    client.post(reverse("activities:file_add", args=[activity.pk]), {"file": pdf})
    client.post(reverse("activities:file_add", args=[activity.pk]), {"file": fake})
    stored = activity.files.get()
    served = client.get(reverse("activities:file_download", args=[stored.pk]))
    client.force_login(cast.outsider)
    hidden = client.get(reverse("activities:file_download", args=[stored.pk]))

    assert (stored.filename, served["Content-Type"], hidden.status_code) == (
        "Chương trình buổi lễ.pdf", "application/pdf", 404,
    )  # fmt: skip
