"""Access to activities, the counts reports compute (verified-only switch), the evidence of a
plan's tasks, the calendar, the to-do list."""

import datetime

from django.utils import timezone

from ttdn.activities import queries, services, todo
from ttdn.activities.enums import ActivityKind, ActivityStatus
from ttdn.activities.models import Activity
from ttdn.activities.tests.factories import ActivityFactory
from ttdn.core import calendar
from ttdn.plans.enums import PlanStatus
from ttdn.plans.tests.factories import PlanFactory, PlanTaskFactory
from ttdn.reports import computed

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)


def test_each_person_sees_the_activities_of_their_subtrees_the_outsider_none(cast):
    ActivityFactory(unit=cast.school_a, title="A")
    ActivityFactory(unit=cast.school_b, title="B")
    co = ActivityFactory(unit=cast.outsider_school, title="Giao lưu")
    co.co_organisers.add(cast.school_a)
    ActivityFactory(unit=cast.outsider_school, title="X")

    seen = {
        user: sorted(Activity.objects.visible_to(user).values_list("title", flat=True))
        for user in (cast.teacher_a, cast.teacher_b, cast.phong_officer, cast.outsider)
    }

    assert seen == {
        cast.teacher_a: ["A", "Giao lưu"],
        cast.teacher_b: ["B"],
        cast.phong_officer: ["A", "B", "Giao lưu"],
        cast.outsider: ["Giao lưu", "X"],
    }


def test_counts_honour_the_verified_only_switch(cast):
    ActivityFactory(unit=cast.school_a, status=ActivityStatus.DRAFT, pupils=100)
    ActivityFactory(unit=cast.school_a, status=ActivityStatus.RECORDED, pupils=30)
    ActivityFactory(
        unit=cast.school_a, status=ActivityStatus.VERIFIED, pupils=20, kind=ActivityKind.CONTEST
    )
    ActivityFactory(
        unit=cast.school_a, status=ActivityStatus.VERIFIED, starts_on=datetime.date(2026, 7, 1)
    )
    ActivityFactory(unit=cast.school_b, status=ActivityStatus.VERIFIED)

    values = [
        computed.compute(key, cast.school_a, START, END)
        for key in (
            "activities.held", "activities.held.verified", "activities.held.contest",
            "activities.participants.pupils", "activities.participants.pupils.verified",
        )
    ]  # fmt: skip

    assert values == [2, 1, 1, 50, 20]


def test_count_links_open_the_registry_filtered_the_same_way(cast):
    link = computed.link("activities.held.verified", cast.school_a, START, END)

    assert link == "/activities/?unit=HB-A&since=2026-01-01&until=2026-06-30&status=verified"


def test_plan_evidence_shows_each_unit_its_tasks_with_and_without_evidence(cast):
    plan = PlanFactory(unit=cast.phong, status=PlanStatus.ISSUED)
    proved, open_task = PlanTaskFactory(plan=plan), PlanTaskFactory(plan=plan)
    proved.carrying_units.add(cast.school_a, cast.school_b)
    open_task.carrying_units.add(cast.school_a)
    activity = services.record_activity(
        cast.school_a, by=cast.teacher_a, tasks=[proved], kind=ActivityKind.CEREMONY,
        title="Lễ", starts_on=START,
    )  # fmt: skip
    services.transition_activity(activity, to=ActivityStatus.RECORDED, by=cast.teacher_a)

    rows = queries.plan_evidence(cast.phong_officer, plan)

    assert [(u.unit.code, [(r.task.pk, r.has_evidence) for r in u.rows]) for u in rows] == [
        ("HB-A", [(proved.pk, True), (open_task.pk, False)]),
        ("HB-B", [(proved.pk, False)]),
    ]


def test_todo_lists_tasks_whose_time_ended_without_evidence(cast):
    plan = PlanFactory(unit=cast.phong, status=PlanStatus.ISSUED)
    today = timezone.localdate()
    late = PlanTaskFactory(plan=plan, title="Tọa đàm", ends_on=today - datetime.timedelta(days=3))
    late.carrying_units.add(cast.school_a)
    proved = PlanTaskFactory(plan=plan, title="Hội thi", ends_on=today - datetime.timedelta(days=3))
    proved.carrying_units.add(cast.school_a)
    ActivityFactory(unit=cast.school_a, status=ActivityStatus.RECORDED).tasks.add(proved)
    PlanTaskFactory(plan=plan, title="Sau này", ends_on=today + datetime.timedelta(days=3))

    titles = [item.title for item in todo.items(cast.teacher_a) if "evidence" in item.title]

    assert (titles, [i.title for i in todo.items(cast.outsider)]) == (
        ["Record the evidence of: Tọa đàm"], [],
    )  # fmt: skip


def test_the_calendar_shows_recorded_activities_of_the_unit_to_those_who_see_them(cast):
    ActivityFactory(unit=cast.school_a, title="Hội diễn", status=ActivityStatus.RECORDED,
                    starts_on=datetime.date(2026, 3, 30), ends_on=datetime.date(2026, 4, 2))  # fmt: skip
    ActivityFactory(unit=cast.school_a, title="Nháp", starts_on=datetime.date(2026, 4, 1))

    april = calendar.entries(
        cast.phong_officer, cast.school_a, datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)
    )
    outsider = calendar.entries(
        cast.outsider, None, datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)
    )

    assert ([(e.title, e.starts_on, e.ends_on) for e in april], outsider) == (
        [("Hội diễn", datetime.date(2026, 3, 30), datetime.date(2026, 4, 2))], [],
    )  # fmt: skip
