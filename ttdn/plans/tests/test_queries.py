import datetime

from ttdn.org.models import UnitGroup
from ttdn.plans import queries, services
from ttdn.plans.enums import BoardColumn
from ttdn.plans.importer import import_file, parse_plan
from ttdn.plans.models import Plan
from ttdn.plans.tests.factories import SEED_001, PlanTaskFactory, printable_plan


def test_board_splits_on_time_from_late_and_counts(cast, requesting, at):
    a = requesting.submissions.get(unit=cast.school_a)
    b = requesting.submissions.get(unit=cast.school_b)
    services.start_plan(a, by=cast.teacher_a)
    services.start_plan(b, by=cast.teacher_b)
    at(2026, 3, 9)
    services.submit_plan(a, by=cast.teacher_a)
    at(2026, 3, 12)
    services.submit_plan(b, by=cast.teacher_b)

    board = queries.board(requesting)

    assert ([(r.submission.unit.code, r.column) for r in board.rows], board.counts) == (
        [("HB-A", BoardColumn.ON_TIME), ("HB-B", BoardColumn.LATE)],
        {"on_time": 1, "late": 1},
    )


def test_board_filters_by_level_and_group(cast, requesting):
    group = UnitGroup.objects.create(code="CUM-1", name="Cụm 1", kind="cluster", owner=cast.phong)
    group.members.add(cast.school_b)

    by_group = queries.board(requesting, group=group)
    by_level = queries.board(requesting, level="district")

    assert ([r.submission.unit.code for r in by_group.rows], by_level.rows) == (["HB-B"], [])


def test_coverage_lists_covered_dropped_and_own_tasks(cast, requesting):
    PlanTaskFactory(plan=requesting, title="Nhiệm vụ thứ hai")
    plan = services.start_plan(requesting.submissions.get(unit=cast.school_a), by=cast.teacher_a)
    plan.tasks.get(title="Nhiệm vụ thứ hai").delete()
    services.add_task(plan, title="Nhiệm vụ riêng", by=cast.teacher_a)

    coverage = queries.coverage(plan)

    assert (
        [(r.task.title, r.covered) for r in coverage.rows],
        [t.title for t in coverage.dropped],
        [t.title for t in coverage.own_tasks],
    ) == (
        [("Cập nhật tin bài lên trang thông tin", True), ("Nhiệm vụ thứ hai", False)],
        ["Nhiệm vụ thứ hai"],
        ["Nhiệm vụ riêng"],
    )


def test_coverage_of_a_plan_without_parent_is_none(cast):
    assert queries.coverage(printable_plan(cast.phong)) is None


def test_reminders_due_lists_soon_and_overdue_not_reminded_today(cast, requesting, at):
    at(2026, 3, 11)
    services.mark_reminded(
        requesting.submissions.filter(unit=cast.school_b), on=datetime.date(2026, 3, 11), by=None
    )

    due = queries.reminders_due(days_before=3)

    assert [(r.submission.unit.code, r.overdue) for r in due] == [("HB-A", True)]


def test_reminders_due_skips_far_deadlines(cast, requesting, at):
    at(2026, 3, 1)

    assert queries.reminders_due(days_before=3) == []


def test_saved_plan_has_the_import_keys_with_id_unit_status_and_parent(cast, requesting):
    data = queries.saved_plan(Plan.objects.get(pk=requesting.pk)).as_dict()

    imported_keys = parse_plan("KẾ HOẠCH\nThông tin năm 2026\nI. NỘI DUNG").as_dict().keys()
    assert (sorted(data), data["number"], data["sections"][0]["heading"]) == (
        sorted(["id", "unit", "status", "parent", *imported_keys]),
        "01",
        "I. MỤC ĐÍCH, YÊU CẦU",
    )


def test_saved_plan_gives_back_the_sections_the_import_read(cast):
    parsed = import_file(SEED_001)
    plan = services.save_imported(parsed, unit=cast.phong, by=None)

    data = queries.saved_plan(queries.plan_with_parts(plan.pk, Plan.objects.all())).plan

    assert (data.sections, data.title, data.issued_on) == (
        parsed.sections,
        parsed.title,
        parsed.issued_on,
    )


def test_tasks_due_lists_open_tasks_of_issued_plans_only(cast, requesting, at):
    task = requesting.tasks.get()
    task.due = datetime.date(2026, 3, 5)
    task.save()
    draft_task = printable_plan(cast.phong).tasks.get()
    draft_task.due = datetime.date(2026, 3, 5)
    draft_task.save()
    at(2026, 3, 3)

    due = queries.tasks_due(days_before=3)

    assert due == [task]
