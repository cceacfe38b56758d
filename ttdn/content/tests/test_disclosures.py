"""Công khai (Thông tư 09/2024): items per school level, deadlines, versions that never change,
the board of the unit above, the reminders, and who may see and publish what."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ttdn.content import disclosure, queries, services, todo
from ttdn.content.enums import DisclosureStanding as D
from ttdn.content.models import Disclosure
from ttdn.org.enums import UnitKind

THIS_YEAR = disclosure.school_year_of(timezone.localdate())


def test_items_follow_the_school_level():
    general = [i.code for i in disclosure.items_for(UnitKind.LOWER_SECONDARY)]
    preschool = [i.code for i in disclosure.items_for(UnitKind.PRESCHOOL)]

    assert ("plans.textbooks" in general, "plans.textbooks" in preschool) == (True, False)
    assert len(general) == len(preschool) + 1
    assert disclosure.items_for(UnitKind.DISTRICT_OFFICE) == []


@pytest.mark.parametrize(
    ("code", "year", "due"),
    [
        # Điều 15 khoản 1: "trước ngày 30 tháng 6 hằng năm", the 30 June of the school year.
        ("general.information", 2025, datetime.date(2026, 6, 30)),
        ("admissions.plan", 2025, datetime.date(2026, 6, 30)),
        ("report.annual", 2026, datetime.date(2027, 6, 30)),
    ],
)
def test_each_item_falls_due_on_its_date_of_the_school_year(code, year, due):
    assert disclosure.BY_CODE[code].due_on(year) == due


def test_articles_are_shown_only_where_the_sources_give_them_for_the_level():
    staff, fees = disclosure.BY_CODE["organisation.staff"], disclosure.BY_CODE["finance.fees"]

    assert [
        (staff.basis_for(level), fees.basis_for(level))
        for level in (disclosure.GENERAL, disclosure.PRESCHOOL)
    ] == [("Điều 8 khoản 1", "Điều 5 khoản 2"), ("", "Điều 5 khoản 2")]


def test_weekly_and_monthly_publications_follow_the_level():
    preschool = disclosure.recurring_for(UnitKind.PRESCHOOL)
    general = disclosure.recurring_for(UnitKind.PRIMARY)

    assert ([rule.when for rule in preschool], len(general)) == (
        ["trước ngày 25 của tháng trước", "trước thứ Bảy của tuần trước"],
        1,
    )


@pytest.mark.parametrize(
    ("published", "today", "expected"),
    [
        (datetime.date(2025, 9, 30), datetime.date(2025, 10, 5), D.ON_TIME),
        (datetime.date(2025, 10, 1), datetime.date(2025, 10, 5), D.LATE),
        (None, datetime.date(2025, 10, 1), D.OVERDUE),
        (None, datetime.date(2025, 9, 30), D.PENDING),
    ],
)
def test_standing_compares_the_first_publication_with_the_deadline(published, today, expected):
    first = None
    if published:
        first = timezone.make_aware(datetime.datetime.combine(published, datetime.time(23, 0)))

    assert queries.standing(datetime.date(2025, 9, 30), first, today) == expected


def test_school_year_starts_in_september():
    assert (
        disclosure.school_year_of(datetime.date(2025, 8, 31)),
        disclosure.school_year_of(datetime.date(2025, 9, 1)),
    ) == (2024, 2025)


def test_a_correction_is_a_new_version_and_the_published_one_is_unchanged(sites):
    first = services.publish_disclosure(
        sites.school_a, item="finance.fees", school_year=THIS_YEAR, body="Học phí: 0 đồng.",
        by=sites.editor_a,
    )  # fmt: skip

    second = services.publish_disclosure(
        sites.school_a, item="finance.fees", school_year=THIS_YEAR, body="Học phí: 0 đồng; BHYT.",
        note="Thêm bảo hiểm y tế", by=sites.editor_a,
    )  # fmt: skip

    first.refresh_from_db()
    assert (first.version, first.body, second.version, second.note) == (
        1, "Học phí: 0 đồng.", 2, "Thêm bảo hiểm y tế",
    )  # fmt: skip


def test_a_new_version_without_saying_what_changed_is_refused(sites):
    services.publish_disclosure(
        sites.school_a, item="finance.fees", school_year=THIS_YEAR, body="A", by=sites.editor_a
    )

    with pytest.raises(ValidationError) as error:
        services.publish_disclosure(
            sites.school_a, item="finance.fees", school_year=THIS_YEAR, body="B", by=sites.editor_a
        )

    assert (error.value.messages, Disclosure.objects.count()) == (
        ["Say what changed from the published version."],
        1,
    )


@pytest.mark.parametrize(
    ("item", "body", "message"),
    [
        ("plans.textbooks", "SGK", "This item is not one this school publishes."),
        ("finance.fees", "  ", "Write the content or attach the file to publish."),
    ],
)
def test_bad_publications_are_refused_and_store_nothing(sites, cast, item, body, message):
    preschool = cast.school_b
    preschool.kind = UnitKind.PRESCHOOL
    preschool.save()

    with pytest.raises(ValidationError) as error:
        services.publish_disclosure(
            sites.school_b, item=item, school_year=THIS_YEAR, body=body, by=cast.teacher_b
        )

    assert (error.value.messages, Disclosure.objects.count()) == ([message], 0)


def test_only_the_schools_writers_publish(sites, cast):
    for outsider in (cast.teacher_b, cast.outsider):
        with pytest.raises(PermissionDenied):
            services.publish_disclosure(
                sites.school_a, item="finance.fees", school_year=THIS_YEAR, body="X", by=outsider
            )

    assert Disclosure.objects.count() == 0


def test_board_shows_who_published_on_time_late_or_not_at_all(sites, cast):
    last_year, next_year = THIS_YEAR - 1, THIS_YEAR + 1
    # Published now: last year's start-of-year item is late; next year's admissions are early.
    for year, item in ((last_year, "general.information"), (next_year, "admissions.plan")):
        services.publish_disclosure(
            sites.school_a, item=item, school_year=year, body="…", by=sites.editor_a
        )
    today = timezone.localdate()

    late = queries.disclosure_board(cast.phong, last_year, today)
    early = queries.disclosure_board(cast.phong, next_year, today)

    column = {item.code: n for n, item in enumerate(disclosure.CATALOGUE)}
    assert [(row.unit, row.cells[column["general.information"]]) for row in late] == [
        (cast.school_a, D.LATE),
        (cast.school_b, D.OVERDUE),
    ]
    assert [(row.unit, row.cells[column["admissions.plan"]]) for row in early] == [
        (cast.school_a, D.ON_TIME),
        (cast.school_b, D.PENDING),
    ]


def test_board_is_seen_from_above_and_never_by_an_outsider(client, sites, cast):
    url = reverse("content:disclosure_board", args=[cast.phong.code])
    client.force_login(cast.phong_leader)
    seen = client.get(url)
    client.force_login(cast.outsider)

    assert ([row.unit for row in seen.context["rows"]], client.get(url).status_code) == (
        [cast.school_a, cast.school_b],
        404,
    )


def test_reminders_list_unpublished_items_near_or_past_their_date(sites, cast):
    services.publish_disclosure(
        sites.school_a, item="finance.fees", school_year=2025, body="…", by=sites.editor_a
    )

    early = todo.disclosures_due(sites.editor_a, today=datetime.date(2026, 5, 30))
    items = todo.disclosures_due(sites.editor_a, today=datetime.date(2026, 6, 15))
    late = todo.disclosures_due(sites.editor_a, today=datetime.date(2026, 7, 1))

    count = len(disclosure.items_for(UnitKind.LOWER_SECONDARY))
    assert (early, sorted((item.due, item.urgent) for item in items)) == (
        [],  # more than REMIND_DAYS before 30/6
        [(datetime.date(2026, 6, 30), False)] * (count - 1),  # fees are published
    )
    assert {item.urgent for item in late if item.due == datetime.date(2026, 6, 30)} == {True}
    assert todo.disclosures_due(cast.phong_leader, today=datetime.date(2026, 6, 15)) == []


def test_public_page_lists_every_version_and_serves_the_file(client, sites):
    services.publish_disclosure(
        sites.school_a, item="finance.fees", school_year=THIS_YEAR, body="Lần 1", by=sites.editor_a
    )
    services.publish_disclosure(
        sites.school_a, item="finance.fees", school_year=THIS_YEAR, body="Lần 2", note="Sửa",
        by=sites.editor_a,
    )  # fmt: skip

    page = client.get(reverse("portal:section", args=[sites.school_a.unit.slug, "cong-khai"]))

    text = page.content.decode()
    assert (page.status_code, text.index("Lần 2") < text.index("Lần 1")) == (200, True)


def test_school_screen_publishes_and_outsider_gets_404(client, sites, cast):
    url = reverse("content:disclosure_list", args=[cast.school_a.code])
    client.force_login(sites.editor_a)

    client.post(url, {"item": "finance.fees", "school_year": THIS_YEAR, "body": "Học phí"})
    client.force_login(cast.outsider)

    assert (Disclosure.objects.get().body, client.get(url).status_code) == ("Học phí", 404)
