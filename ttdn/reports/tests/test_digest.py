"""One e-mail per person per day across the product: plans and reports share the digest."""

import datetime
import io

from django.core.management import call_command

from ttdn.plans.models import PlanSubmission
from ttdn.plans.tests.factories import issue, printable_plan
from ttdn.reports.models import Submission


def test_a_person_owed_a_plan_and_a_report_gets_one_mail_with_both(cast, round_, at, mailoutbox):
    at(2026, 4, 20)
    plan = issue(
        printable_plan(cast.phong), cast.phong_leader, [cast.school_a], datetime.date(2026, 5, 5)
    )
    at(2026, 5, 3)

    call_command("send_daily_digest", stdout=io.StringIO())
    call_command("send_daily_digest", stdout=io.StringIO())

    teacher_a = [m for m in mailoutbox if m.to == ["teacher-a@example.test"]]
    assert [(m.subject, m.body) for m in teacher_a] == [
        (
            "Things to do today — TTĐN",
            "Plans\n"
            f"- Trường THCS Hồng Bàng: your plan for “{plan.title}” is due by 05/05/2026.\n"
            "\n"
            "Periodic reports\n"
            f"- Trường THCS Hồng Bàng: your report for “{round_.title}” is due by 05/05/2026.",
        )
    ]
    assert sorted(m.to[0] for m in mailoutbox) == [
        "teacher-a@example.test",
        "teacher-b@example.test",
    ]
    assert {
        PlanSubmission.objects.get(unit=cast.school_a).reminded_on,
        Submission.objects.get(round=round_, unit=cast.school_a).reminded_on,
    } == {datetime.date(2026, 5, 3)}
