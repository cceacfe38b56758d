import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry
from ttdn.events.enums import Category, Scope
from ttdn.events.models import Commemoration
from ttdn.events.tests.factories import CommemorationFactory, local


def signed_in(client, user):
    client.force_login(user)
    return client


def shown(response, key="items"):
    return [a.commemoration.name for a in response.context[key]]


# --- Year and month -------------------------------------------------------------------------


def test_calendar_defaults_to_the_acting_unit_and_this_year(client, cast, reference):
    response = signed_in(client, cast.teacher_a).get(reverse("events:calendar"))

    local_days = [a.commemoration.name for a in response.context["items"] if a.commemoration.unit]
    assert (
        response.status_code,
        response.context["year"],
        response.context["unit"],
        local_days,
    ) == (200, timezone.localdate().year, cast.school_a, ["Ngày giải phóng Hải Phòng"])


def test_calendar_year_filters_by_class_and_shows_the_plan_paragraph(client, cast, reference):
    response = signed_in(client, cast.teacher_a).get(
        reverse("events:year", args=[2023]),
        {"unit": "HB-A", "year_class": "round", "category": "diplomacy"},
    )

    assert (shown(response)[:2], response.context["paragraph"].split("; ")[0]) == (
        [
            "Ngày thiết lập quan hệ ngoại giao Việt Nam - Australia",
            "Ngày thiết lập quan hệ ngoại giao Việt Nam - Italia",
        ],
        "50 năm Ngày thiết lập quan hệ ngoại giao Việt Nam - Australia (26/2/1973 - 26/2/2023)",
    )


def test_calendar_without_a_unit_shows_what_the_person_sees_and_never_another_province(
    client, cast, reference
):
    response = signed_in(client, cast.outsider).get(
        reverse("events:year", args=[2025]), {"unit": ""}
    )

    local_days = [a.commemoration.name for a in response.context["items"] if a.commemoration.unit]
    assert local_days == ["Ngày thành lập tỉnh Quảng Ninh"]
    assert b"H\xe1\xba\xa3i Ph\xc3\xb2ng" not in response.content


def test_calendar_of_another_provinces_unit_is_not_found(client, cast, reference):
    response = signed_in(client, cast.outsider).get(
        reverse("events:year", args=[2025]), {"unit": "HB-A"}
    )

    assert response.status_code == 404


@pytest.mark.parametrize("year", [1899, 2101])
def test_calendar_of_a_year_outside_the_calendar_is_not_found(client, cast, year):
    response = signed_in(client, cast.teacher_a).get(reverse("events:year", args=[year]))

    assert response.status_code == 404


def test_calendar_htmx_request_gets_the_results_partial(client, cast, reference):
    response = signed_in(client, cast.teacher_a).get(
        reverse("events:year", args=[2025]), {"unit": "HB-A"}, HTTP_HX_REQUEST="true"
    )

    assert response.content.decode().lstrip().startswith('<div id="results">')
    assert b"<html" not in response.content


def test_calendar_needs_sign_in(client, db):
    response = client.get(reverse("events:calendar"))

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_month_shows_the_grid_with_lunar_dates(client, cast, reference):
    response = signed_in(client, cast.teacher_a).get(
        reverse("events:month", args=[2023, 1]), {"unit": "HB-A"}
    )

    tet = response.context["weeks"][3][6]
    assert (
        response.status_code,
        tet.date,
        tet.lunar_date.day,
        [a.commemoration.name for a in tet.anniversaries],
    ) == (200, datetime.date(2023, 1, 22), 1, ["Tết Nguyên đán"])


def test_month_13_is_not_found(client, cast):
    response = signed_in(client, cast.teacher_a).get(reverse("events:month", args=[2023, 13]))

    assert response.status_code == 404


def test_month_at_the_edges_of_the_calendar_has_no_link_beyond(client, cast):
    first = signed_in(client, cast.teacher_a).get(reverse("events:month", args=[1900, 1]))
    last = client.get(reverse("events:month", args=[2100, 12]))

    assert (
        first.status_code,
        first.context["previous"],
        last.status_code,
        last.context["next"],
    ) == (200, None, 200, None)


@pytest.mark.parametrize("item_count", [1, 3])
def test_calendar_year_query_count(client, cast, django_assert_num_queries, item_count):
    for day in range(1, item_count + 1):
        local(cast.school_a, f"Ngày {day}", day=day, month=3, origin_year=1990, scope=Scope.LOCAL)
    client = signed_in(client, cast.teacher_a)

    with django_assert_num_queries(7):  # one of them: the activities of the year (core.calendar)
        response = client.get(reverse("events:year", args=[2025]), {"unit": "HB-A"})

    assert len(response.context["items"]) == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_calendar_month_query_count(client, cast, django_assert_num_queries, item_count):
    for day in range(1, item_count + 1):
        local(cast.school_a, f"Ngày {day}", day=day, month=3, origin_year=1990, scope=Scope.LOCAL)
    client = signed_in(client, cast.teacher_a)

    # The 7th asks the registered calendar providers (activities) for the month.
    with django_assert_num_queries(7):
        response = client.get(reverse("events:month", args=[2025, 3]), {"unit": "HB-A"})

    assert len(response.context["items"]) == item_count


# --- Commemorations -------------------------------------------------------------------------


def test_commemoration_list_searches_without_tones_and_keeps_maintainer_notes_out(
    client, cast, reference
):
    response = signed_in(client, cast.teacher_a).get(
        reverse("events:commemoration_list"), {"q": "thuong binh"}
    )

    assert [c.name for c in response.context["page"]] == ["Ngày Thương binh - Liệt sĩ"]
    assert "weak source for the year" not in response.content.decode()


def test_commemoration_list_never_shows_another_provinces_day(client, cast, reference):
    response = signed_in(client, cast.teacher_a).get(
        reverse("events:commemoration_list"), {"scope": "province"}
    )

    assert [c.name for c in response.context["page"]] == ["Ngày giải phóng Hải Phòng"]


@pytest.mark.parametrize("item_count", [1, 3])
def test_commemoration_list_query_count(client, cast, django_assert_num_queries, item_count):
    for day in range(1, item_count + 1):
        local(cast.school_a, f"Ngày {day}", day=day, month=3, origin_year=1990, scope=Scope.LOCAL)
    client = signed_in(client, cast.teacher_a)

    with django_assert_num_queries(6):
        response = client.get(reverse("events:commemoration_list"))

    assert len(response.context["page"]) == item_count


def test_commemoration_detail_lists_coming_anniversaries(client, cast, reference):
    response = signed_in(client, cast.teacher_a).get(reference.hai_phong.get_absolute_url())

    first = response.context["upcoming"][0]
    assert first.date.year == timezone.localdate().year
    assert first.ordinal == timezone.localdate().year - 1955
    assert not response.context["can_edit"]


def test_commemoration_detail_of_another_province_is_not_found(client, cast, reference):
    response = signed_in(client, cast.outsider).get(reference.hai_phong.get_absolute_url())

    assert response.status_code == 404


def test_commemoration_create_by_a_school_officer_is_audited(client, cast):
    data = {
        "name": "Ngày thành lập trường",
        "unit": cast.school_a.pk,
        "scope": "local",
        "category": "education",
        "calendar": "solar",
        "day": 5,
        "month": 9,
        "origin_year": 1960,
    }

    response = signed_in(client, cast.teacher_a).post(reverse("events:commemoration_create"), data)

    commemoration = Commemoration.objects.get()
    assert (
        response.status_code,
        response["Location"],
        commemoration.unit,
        AuditEntry.objects.filter(
            action=AuditAction.CREATE, object_type="events.Commemoration"
        ).count(),
    ) == (302, commemoration.get_absolute_url(), cast.school_a, 1)


def test_commemoration_create_refuses_an_impossible_date_with_the_reason(client, cast):
    data = {
        "name": "X",
        "unit": cast.school_a.pk,
        "scope": "local",
        "category": "education",
        "calendar": "solar",
        "day": 30,
        "month": 2,
    }

    client.cookies["django_language"] = "en"
    response = signed_in(client, cast.teacher_a).post(reverse("events:commemoration_create"), data)

    assert (
        response.status_code,
        response.context["form"].errors["day"],
        Commemoration.objects.count(),
    ) == (200, ["30/2 is not a date."], 0)


def test_commemoration_create_refuses_a_unit_the_person_does_not_serve(client, cast):
    data = {
        "name": "X",
        "unit": cast.outsider_so.pk,
        "scope": "province",
        "category": "history",
        "calendar": "solar",
        "day": 1,
        "month": 1,
    }

    response = signed_in(client, cast.teacher_a).post(reverse("events:commemoration_create"), data)

    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert Commemoration.objects.count() == 0


def test_commemoration_update_by_the_phong_leader_records_the_change(client, cast):
    commemoration = local(
        cast.school_a, "Ngày thành lập trường", day=5, month=9, origin_year=1961, scope=Scope.LOCAL
    )
    data = {
        "name": "Ngày thành lập trường",
        "unit": cast.school_a.pk,
        "scope": "local",
        "category": "history",
        "calendar": "solar",
        "day": 5,
        "month": 9,
        "origin_year": 1960,
    }

    response = signed_in(client, cast.phong_leader).post(
        reverse("events:commemoration_update", args=[commemoration.pk]), data
    )

    entry = AuditEntry.objects.get(action=AuditAction.UPDATE)
    assert (response.status_code, entry.changes, entry.actor) == (
        302,
        {"origin_year": [1961, 1960]},
        cast.phong_leader,
    )


def test_commemoration_update_of_a_national_day_is_not_found_for_officers(client, cast):
    national = CommemorationFactory(category=Category.HISTORY)

    response = signed_in(client, cast.so_leader).get(
        reverse("events:commemoration_update", args=[national.pk])
    )

    assert response.status_code == 404


def test_commemoration_delete_by_the_outsider_is_not_found(client, cast):
    commemoration = local(
        cast.school_a, "Ngày thành lập trường", day=5, month=9, origin_year=1961, scope=Scope.LOCAL
    )

    response = signed_in(client, cast.outsider).post(
        reverse("events:commemoration_delete", args=[commemoration.pk])
    )

    assert (response.status_code, Commemoration.objects.count()) == (404, 1)


def test_commemoration_delete_by_the_schools_officer_is_audited(client, cast):
    commemoration = local(
        cast.school_a, "Ngày thành lập trường", day=5, month=9, origin_year=1961, scope=Scope.LOCAL
    )

    response = signed_in(client, cast.teacher_a).post(
        reverse("events:commemoration_delete", args=[commemoration.pk])
    )

    assert (
        response.status_code,
        Commemoration.objects.count(),
        AuditEntry.objects.filter(action=AuditAction.DELETE).count(),
    ) == (302, 0, 1)


# --- Việc cần làm -----------------------------------------------------------------------------


def test_home_lists_one_reminder_per_coming_round_anniversary(client, cast, settings):
    settings.ANNIVERSARY_LEAD_DAYS = 30
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=10)
    local(cast.so, "Ngày giải phóng", day=soon.day, month=soon.month, origin_year=soon.year - 70)
    local(
        cast.school_a,
        "Ngày của trường",
        day=soon.day,
        month=soon.month,
        origin_year=soon.year - 71,
        scope=Scope.LOCAL,
    )

    client.cookies["django_language"] = "en"
    response = signed_in(client, cast.teacher_a).get(reverse("home"))

    titles = [
        item.title
        for item in response.context["items"]
        if item.title.startswith("Plan the communication")
    ]
    assert titles == ["Plan the communication for Ngày giải phóng: 70 years"]


def test_anniversary_todo_is_due_ahead_and_opens_a_prepared_activity(client, cast, settings):
    settings.ANNIVERSARY_LEAD_DAYS = 60
    settings.ANNIVERSARY_PREPARE_DAYS = 14
    today = timezone.localdate()
    day = today + datetime.timedelta(days=40)
    marked = local(
        cast.so, "Ngày giải phóng", day=day.day, month=day.month, origin_year=day.year - 70
    )

    client.cookies["django_language"] = "en"
    response = signed_in(client, cast.teacher_a).get(reverse("home"))

    (item,) = [i for i in response.context["items"] if i.title.startswith("Plan the comm")]
    opened = client.get(item.url)
    assert item.due == day - datetime.timedelta(days=14)
    assert item.url.startswith(reverse("activities:activity_create"))
    assert (opened.status_code, opened.context["form"].initial["commemoration"]) == (
        200,
        str(marked.pk),
    )
