from ttdn.plans import services, todo


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
