from ttdn.plans.models import Plan, PlanSubmission
from ttdn.plans.tests.factories import printable_plan


def test_plan_visible_to_keeps_drafts_in_the_unit_subtree(cast, requesting):
    draft = printable_plan(cast.phong)
    school_plan = printable_plan(cast.school_a)
    outsider_plan = printable_plan(cast.outsider_so)

    def seen(user):
        return sorted(Plan.objects.visible_to(user).values_list("pk", flat=True))

    assert (
        seen(cast.phong_officer),
        seen(cast.teacher_a),
        seen(cast.teacher_b),
        seen(cast.outsider),
        seen(cast.operator),
    ) == (
        sorted([requesting.pk, draft.pk, school_plan.pk]),
        sorted([requesting.pk, school_plan.pk]),
        [requesting.pk],
        [outsider_plan.pk],
        sorted([requesting.pk, draft.pk, school_plan.pk, outsider_plan.pk]),
    )


def test_submission_visible_to_owing_and_requesting_units_only(cast, requesting):
    def seen(user):
        return sorted(PlanSubmission.objects.visible_to(user).values_list("unit__code", flat=True))

    assert (
        seen(cast.phong_officer),
        seen(cast.teacher_a),
        seen(cast.so_leader),
        seen(cast.outsider),
    ) == (
        ["HB-A", "HB-B"],
        ["HB-A"],
        ["HB-A", "HB-B"],
        [],
    )
