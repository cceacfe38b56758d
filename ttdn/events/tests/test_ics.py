import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from ttdn.events import ics
from ttdn.events.tests.factories import local

STAMP = datetime.datetime(2025, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def feed_of(client, user, code, **query):
    client.force_login(user)
    return client.get(reverse("events:feed", args=[code]), query)


def events(body):
    return icalendar.Calendar.from_ical(body).walk("VEVENT")


# --- The format -----------------------------------------------------------------------------


def test_escape_text_escapes_backslash_semicolon_comma_and_newline():
    assert ics.escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_fold_keeps_lines_within_75_octets_without_splitting_a_vietnamese_letter():
    line = "SUMMARY:" + "Ngày thiết lập quan hệ ngoại giao Việt Nam - Vương quốc Anh " * 3

    folded = ics.fold(line)

    parts = folded.split("\r\n")
    assert max(len(p.encode()) for p in parts) == 75
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_calendar_ends_every_line_with_crlf():
    body = ics.calendar(
        [ics.Event(uid="a@b", day=datetime.date(2025, 9, 2), stamp=STAMP, summary="Quốc khánh")],
        name="Lịch",
    )

    lines = body.split(b"\r\n")
    assert body.endswith(b"END:VCALENDAR\r\n")
    assert not any(b"\n" in line for line in lines)
    assert lines[:2] == [b"BEGIN:VCALENDAR", b"VERSION:2.0"]


def test_calendar_parses_back_as_all_day_events_with_uid_and_dtstamp():
    event = ics.Event(
        uid="x-1@ttdn.test",
        day=datetime.date(2025, 9, 2),
        stamp=STAMP,
        summary="80 năm Quốc khánh, 2/9",
        description="a; b\nc",
        categories=("Lịch sử", "Quốc gia"),
    )

    (parsed,) = events(ics.calendar([event], name="Lịch"))

    assert (
        str(parsed["UID"]),
        parsed.decoded("DTSTAMP"),
        parsed.decoded("DTSTART"),
        parsed.decoded("DTEND"),
        parsed["DTSTART"].params["VALUE"],
        str(parsed["SUMMARY"]),
        str(parsed["DESCRIPTION"]),
        parsed["CATEGORIES"].cats,
    ) == (
        "x-1@ttdn.test",
        STAMP,
        datetime.date(2025, 9, 2),
        datetime.date(2025, 9, 3),
        "DATE",
        "80 năm Quốc khánh, 2/9",
        "a; b\nc",
        ["Lịch sử", "Quốc gia"],
    )


# --- The feed of a unit -----------------------------------------------------------------------


def test_feed_validates_with_a_real_parser_and_has_one_uid_per_occurrence(client, cast, reference):
    response = feed_of(client, cast.teacher_a, "HB-A")

    calendar = icalendar.Calendar.from_ical(response.content)
    vevents = calendar.walk("VEVENT")
    uids = [str(e["UID"]) for e in vevents]
    lines = response.content.split(b"\r\n")
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert str(calendar["VERSION"]) == "2.0"
    assert len(uids) == len(set(uids)) > 100
    assert max(len(line) for line in lines) <= 75
    assert all(b"\n" not in line for line in lines)
    assert all(e["DTSTART"].params["VALUE"] == "DATE" and "DTSTAMP" in e for e in vevents)


def test_feed_holds_last_year_this_year_and_the_next_two(client, cast, db):
    this_year = timezone.localdate().year
    local(cast.so, "Ngày giải phóng", day=13, month=5, origin_year=this_year - 70)

    response = feed_of(client, cast.teacher_a, "HB-A")

    assert [(str(e["SUMMARY"]), e.decoded("DTSTART")) for e in events(response.content)] == [
        (f"{70 + step} năm Ngày giải phóng", datetime.date(this_year + step, 5, 13))
        for step in (-1, 0, 1, 2)
    ]


def test_feed_of_another_provinces_unit_is_not_found(client, cast, reference):
    response = feed_of(client, cast.outsider, "HB-A")

    assert response.status_code == 404


def test_feed_never_holds_another_provinces_day(client, cast, reference):
    response = feed_of(client, cast.teacher_a, "HB-A")

    assert [
        str(e["SUMMARY"]) for e in events(response.content) if "Quảng Ninh" in str(e["SUMMARY"])
    ] == []


def test_feed_without_sign_in_or_token_sends_to_sign_in(client, cast):
    response = client.get(reverse("events:feed", args=["HB-A"]))

    assert (response.status_code, response["Location"]) == (
        302,
        "/accounts/login/?next=/calendar/HB-A.ics",
    )


def test_feed_subscription_link_opens_without_a_session(client, cast, reference):
    client.force_login(cast.teacher_a)
    link = client.get(reverse("events:year", args=[2025]), {"unit": "HB-A"}).context["feed_url"]
    client.logout()

    response = client.get(link)

    assert (response.status_code, response["Content-Type"]) == (200, "text/calendar; charset=utf-8")


@pytest.mark.parametrize("change", ["password", "membership", "tampered"])
def test_feed_subscription_link_stops_working(client, cast, reference, change):
    client.force_login(cast.teacher_a)
    link = client.get(reverse("events:year", args=[2025]), {"unit": "HB-A"}).context["feed_url"]
    client.logout()
    if change == "password":
        cast.teacher_a.set_password("another-long-password")
        cast.teacher_a.save()
    elif change == "membership":
        cast.teacher_a.memberships.update(is_active=False)
    else:
        link = link.replace("token=", "token=x")

    response = client.get(link)

    assert response.status_code == 404
