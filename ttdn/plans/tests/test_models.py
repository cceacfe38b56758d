import datetime

from ttdn.plans.enums import SubmissionStatus
from ttdn.plans.models import Plan, PlanSubmission
from ttdn.plans.tests.factories import issue, printable_plan


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


def test_plan_and_report_submissions_word_their_shared_steps_alike():
    from django.utils import translation

    from ttdn.reports.enums import SubmissionStatus as ReportStatus

    with translation.override("vi"):
        plans = [(s.value, str(s.label)) for s in SubmissionStatus if s.value in ReportStatus]
        reports = [(s.value, str(s.label)) for s in ReportStatus if s.value in SubmissionStatus]

    assert plans == [("draft", "Đang soạn"), ("submitted", "Đã nộp"), ("returned", "Bị trả lại")]
    assert sorted(reports) == sorted(plans)


def test_a_plan_lists_the_submissions_it_requires(cast):
    plan = issue(
        printable_plan(cast.phong),
        cast.phong_officer,
        [cast.school_a, cast.school_b],
        due=datetime.date(2026, 3, 1),
    )

    submissions = list(plan.submissions.order_by("unit__code"))

    assert [(s.requesting_plan, s.unit) for s in submissions] == [
        (plan, cast.school_a),
        (plan, cast.school_b),
    ]
