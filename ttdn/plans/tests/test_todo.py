from ttdn.plans import services, todo
from ttdn.plans.tests.factories import issue


def test_todo_lists_plans_to_write_for_the_school_and_to_review_for_the_phong(cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)
    services.start_plan(submission, by=cast.teacher_a)
    services.submit_plan(submission, by=cast.teacher_a)

    school_b = [i.title for i in todo.items(cast.teacher_b)]
    phong = [i.title for i in todo.items(cast.phong_officer)]
    outsider = todo.items(cast.outsider)

    assert (school_b, phong, outsider) == (
        [f"Write and submit your plan for: {requesting.title}"],
        ["Review the plan of Trường THCS Hồng Bàng"],
        [],
    )


def test_todo_asks_a_school_with_an_issued_plan_to_submit_it(cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)
    plan = services.start_plan(submission, by=cast.teacher_a)
    services.update_plan(
        plan,
        by=cast.teacher_a,
        title=plan.title,
        place="Hồng Bàng",
        recipients=["Phòng GDĐT", "Lưu: VT"],
        signer_authority="",
        signer_position="Hiệu trưởng",
        signer_name="Trần Thị Mai",
    )
    issue(plan, cast.teacher_a)

    titles = [i.title for i in todo.items(cast.teacher_a)]

    assert titles == [f"Submit your issued plan to {cast.phong.name}: {requesting.title}"]
