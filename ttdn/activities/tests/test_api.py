from ttdn.activities.enums import ActivityStatus
from ttdn.activities.tests.factories import ActivityFactory, ContestFactory, EntryFactory


def test_api_lists_only_visible_activities_with_filters(client, cast, bearer):
    mine = ActivityFactory(unit=cast.school_a, status=ActivityStatus.RECORDED, pupils=40)
    ActivityFactory(unit=cast.school_a)
    ActivityFactory(unit=cast.outsider_school, status=ActivityStatus.RECORDED)

    school = client.get("/api/v1/activities?status=recorded", **bearer(cast.teacher_a)).json()
    outsider = client.get("/api/v1/activities?unit=HB-A", **bearer(cast.outsider)).json()

    assert ([(a["id"], a["participants"]["pupils"]) for a in school], outsider) == (
        [(mine.pk, 40)], [],
    )  # fmt: skip


def test_api_contest_entries_follow_the_personal_data_rule(client, cast, bearer):
    contest = ContestFactory(unit=cast.phong)
    entry_a = EntryFactory(contest=contest, unit=cast.school_a)
    entry_b = EntryFactory(contest=contest, unit=cast.school_b)
    url = f"/api/v1/contests/{contest.pk}/entries"

    school = client.get(url, **bearer(cast.teacher_a)).json()
    organiser = client.get(url, **bearer(cast.phong_officer)).json()
    outsider = client.get(url, **bearer(cast.outsider))

    assert ([e["id"] for e in school], [e["id"] for e in organiser], outsider.status_code) == (
        [entry_a.pk], [entry_a.pk, entry_b.pk], 404,
    )  # fmt: skip
