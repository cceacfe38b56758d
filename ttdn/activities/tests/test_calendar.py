"""Activities on the events calendar (month page, .ics feed) and the anniversary reminder that
offers recording the activity."""

import datetime

from django.urls import reverse
from django.utils import timezone

from ttdn.activities import todo
from ttdn.activities.enums import ActivityStatus
from ttdn.activities.tests.factories import ActivityFactory
from ttdn.events.tests.factories import local


def test_the_feed_carries_recorded_activities_over_their_days(client, cast):
    year = timezone.localdate().year
    activity = ActivityFactory(
        unit=cast.school_a, title="Hội diễn văn nghệ", status=ActivityStatus.RECORDED,
        starts_on=datetime.date(year, 11, 19), ends_on=datetime.date(year, 11, 20),
    )  # fmt: skip
    ActivityFactory(unit=cast.school_a, title="Bản nháp", starts_on=datetime.date(year, 11, 1))
    client.force_login(cast.phong_officer)

    body = client.get(reverse("events:feed", args=["HB-A"])).content.decode()
    client.force_login(cast.outsider)
    hidden = client.get(reverse("events:feed", args=["HB-A"]))

    assert f"UID:activity-{activity.pk}@testserver" in body
    assert f"DTSTART;VALUE=DATE:{year}1119\r\nDTEND;VALUE=DATE:{year}1121" in body
    assert "Bản nháp" not in body
    assert hidden.status_code == 404


def test_the_month_page_lists_the_activities_of_the_month(client, cast):
    ActivityFactory(
        unit=cast.school_a, title="Hội thi", status=ActivityStatus.VERIFIED,
        starts_on=datetime.date(2026, 3, 26),
    )  # fmt: skip
    client.force_login(cast.teacher_a)

    page = client.get(reverse("events:month", args=[2026, 3]), {"unit": "HB-A"})

    assert [entry.title for entry in page.context["entries"]] == ["Hội thi"]


def test_a_round_anniversary_just_past_asks_for_its_activity_until_one_is_recorded(cast):
    day = timezone.localdate() - datetime.timedelta(days=3)
    anniversary = local(
        cast.phong, "Ngày giải phóng quận", day=day.day, month=day.month, origin_year=day.year - 60
    )

    before = [
        item.title for item in todo.items(cast.teacher_a) if "Record the activity" in item.title
    ]
    ActivityFactory(unit=cast.school_a, commemoration=anniversary, starts_on=day)
    after = [
        item.title for item in todo.items(cast.teacher_a) if "Record the activity" in item.title
    ]

    assert (before, after) == (["Record the activity for 60 năm Ngày giải phóng quận"], [])
