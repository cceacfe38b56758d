import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ttdn.reports import services
from ttdn.reports.models import RollUp, Submission, Tally
from ttdn.reports.tests.factories import open_round, report_form

FULL = {
    "articles": "12",
    "foreign": "3",
    "trainings": "2",
    "share": "50",
    "has_site": "có",
    "results": "Tốt",
}


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def mail_by_person(mailoutbox):
    """Each person's reminder lines (the e-mail's section heading left out)."""
    return {
        m.to[0]: "\n".join(line for line in m.body.splitlines() if line.startswith("- "))
        for m in mailoutbox
    }


def test_digest_reminds_the_units_before_the_deadline(cast, round_, at, mailoutbox):
    at(2026, 5, 3)

    run("send_daily_digest")

    assert mail_by_person(mailoutbox) == {
        "teacher-a@example.test": f"- Trường THCS Hồng Bàng: your report for “{round_.title}” "
        "is due by 05/05/2026.",
        "teacher-b@example.test": f"- Trường Tiểu học Lý Tự Trọng: your report for “{round_.title}” "
        "is due by 05/05/2026.",
    }


def test_digest_sends_nothing_far_from_the_deadline(cast, round_, at, mailoutbox):
    at(2026, 4, 25)

    run("send_daily_digest")

    assert mailoutbox == []


def test_digest_days_option_reminds_earlier(cast, round_, at, mailoutbox):
    at(2026, 4, 25)

    run("send_daily_digest", "--days", "10")

    assert sorted(m.to[0] for m in mailoutbox) == [
        "teacher-a@example.test",
        "teacher-b@example.test",
    ]


def test_digest_tells_overdue_units_and_their_reviewer(cast, round_, at, mailoutbox):
    at(2026, 5, 7)

    run("send_daily_digest")

    summary = (
        f"- Trường THCS Hồng Bàng has not submitted its report for “{round_.title}” "
        "(due 05/05/2026).\n"
        f"- Trường Tiểu học Lý Tự Trọng has not submitted its report for “{round_.title}” "
        "(due 05/05/2026)."
    )
    assert mail_by_person(mailoutbox) == {
        "teacher-a@example.test": f"- Trường THCS Hồng Bàng: your report for “{round_.title}” "
        "is overdue (due 05/05/2026).",
        "teacher-b@example.test": f"- Trường Tiểu học Lý Tự Trọng: your report for "
        f"“{round_.title}” is overdue (due 05/05/2026).",
        "phong-leader@example.test": summary,
        "phong-officer@example.test": summary,
    }


def test_digest_sends_one_summary_per_person_per_day(cast, form, round_, at, mailoutbox):
    other = report_form(cast.phong, cast.phong_officer, code="bo-sung")
    open_round(cast.phong, cast.phong_officer, other, title="Báo cáo bổ sung")
    at(2026, 5, 7)

    run("send_daily_digest")
    run("send_daily_digest")

    lines = {m.to[0]: m.body.count("\n- ") for m in mailoutbox}
    assert lines == {
        "teacher-a@example.test": 2,
        "teacher-b@example.test": 2,
        "phong-leader@example.test": 4,
        "phong-officer@example.test": 4,
    }


def test_digest_reminds_again_the_next_day(cast, round_, at, mailoutbox):
    at(2026, 5, 7)
    run("send_daily_digest")
    at(2026, 5, 8)

    run("send_daily_digest")

    assert len(mailoutbox) == 8


def test_digest_skips_submitted_and_approved_reports(cast, round_, at, mailoutbox):
    a = Submission.objects.get(round=round_, unit=cast.school_a)
    at(2026, 5, 2)
    services.save_values(a, FULL, by=cast.teacher_a)
    services.submit_submission(a, by=cast.teacher_a)
    services.approve_submission(a, by=cast.phong_leader)
    at(2026, 5, 7)

    run("send_daily_digest")

    summary = (
        f"- Trường Tiểu học Lý Tự Trọng has not submitted its report for “{round_.title}” "
        "(due 05/05/2026)."
    )
    assert mail_by_person(mailoutbox) == {
        "teacher-b@example.test": f"- Trường Tiểu học Lý Tự Trọng: your report for "
        f"“{round_.title}” is overdue (due 05/05/2026).",
        "phong-leader@example.test": summary,
        "phong-officer@example.test": summary,
    }


def test_digest_never_mails_the_outsider(cast, round_, at, mailoutbox):
    cast.outsider.email = "outsider@example.vn"
    cast.outsider.save()
    at(2026, 5, 7)

    run("send_daily_digest")

    assert sorted(m.to[0] for m in mailoutbox) == [
        "phong-leader@example.test",
        "phong-officer@example.test",
        "teacher-a@example.test",
        "teacher-b@example.test",
    ]


def test_rebuild_rollups_repairs_a_round_and_refuses_an_unknown_one(cast, form, at):
    round_ = open_round(cast.phong, cast.phong_officer, form)
    at(2026, 5, 2)
    submission = Submission.objects.get(round=round_, unit=cast.school_a)
    services.save_values(submission, FULL, by=cast.teacher_a)
    services.submit_submission(submission, by=cast.teacher_a)
    kept = sorted(
        RollUp.objects.filter(round=round_).values_list(
            "unit_id", "indicator_id", "basis", "count", "total"
        )
    )
    RollUp.objects.filter(round=round_).update(count=99)
    Tally.objects.filter(round=round_).delete()

    output = run("rebuild_rollups", str(round_.pk))

    assert f"round {round_.pk}" in output
    assert (
        sorted(
            RollUp.objects.filter(round=round_).values_list(
                "unit_id", "indicator_id", "basis", "count", "total"
            )
        )
        == kept
    )
    assert Tally.objects.filter(round=round_, unit=cast.school_a).get().submitted == 1
    with pytest.raises(CommandError, match="No round with id 999999"):
        run("rebuild_rollups", "999999")
