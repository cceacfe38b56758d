"""The daily digest's machinery, with made-up sources (plans' and reports' own lines are
tested in their apps; a person owed both in reports/tests/test_digest.py)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.utils import translation

from ttdn.core import digest, jobs

DAY = datetime.date(2026, 5, 4)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def sources(monkeypatch):
    """Only the sources a test registers (the apps' own are put back afterwards)."""
    monkeypatch.setattr(digest, "_sources", {})
    return digest


def source(name, title, lines, recorded, order=100):
    def collect(today, days_before):
        return digest.Batch(
            lines, [f"{len(lines)} lines"], lambda: recorded.append((name, today, days_before))
        )

    return digest.Source(name, title, collect, order=order)


def test_a_person_owed_by_two_sources_gets_one_mail_with_a_section_each(cast, sources, mailoutbox):
    recorded = []
    sources.register(
        source("b", "Second", [digest.Line.to_units("report due", cast.school_a.pk)], recorded, 2)
    )
    sources.register(
        source("a", "First", [digest.Line.to_units("plan due", cast.school_a.pk)], recorded, 1)
    )

    result = digest.send_daily(DAY, days_before=5)

    assert [(m.to, m.subject, m.body) for m in mailoutbox] == [
        (
            ["teacher-a@example.test"],
            "Things to do today — TTĐN",
            "First\n- plan due\n\nSecond\n- report due",
        )
    ]
    assert (result.emails, result.notes, recorded) == (
        1,
        ["a: 1 lines", "b: 1 lines"],
        [("a", DAY, 5), ("b", DAY, 5)],
    )


def test_a_line_for_several_of_a_persons_units_comes_once(cast, sources, mailoutbox):
    cast.phong_leader.memberships.create(unit=cast.school_a, role="leader")
    line = digest.Line.to_units("task due", cast.phong.pk, cast.school_a.pk, None)
    sources.register(source("a", "Tasks", [line], []))

    digest.send_daily(DAY)

    assert sorted((m.to[0], m.body) for m in mailoutbox) == [
        ("phong-leader@example.test", "Tasks\n- task due"),
        ("phong-officer@example.test", "Tasks\n- task due"),
        ("teacher-a@example.test", "Tasks\n- task due"),
    ]


def test_only_people_with_a_writing_role_and_an_address_are_mailed(cast, sources, mailoutbox):
    cast.teacher_b.memberships.update(role="viewer")
    cast.phong_officer.email = ""
    cast.phong_officer.save()
    lines = [digest.Line.to_units("x", cast.school_b.pk, cast.phong.pk)]
    sources.register(source("a", "A", lines, []))

    digest.send_daily(DAY)

    assert [m.to[0] for m in mailoutbox] == ["phong-leader@example.test"]


def test_a_line_can_be_addressed_to_an_e_mail(db, sources, mailoutbox):
    sources.register(source("a", "A", [digest.Line("x", emails=frozenset({"x@example.vn"}))], []))

    digest.send_daily(DAY)

    assert [m.to[0] for m in mailoutbox] == ["x@example.vn"]


def test_nothing_is_recorded_when_sending_fails(cast, sources, monkeypatch):
    recorded = []
    sources.register(source("a", "A", [digest.Line.to_units("x", cast.school_a.pk)], recorded))

    def broken(*args, **kwargs):
        raise ConnectionRefusedError("no mail server")

    monkeypatch.setattr(digest, "send_mail", broken)

    with pytest.raises(ConnectionRefusedError):
        digest.send_daily(DAY)

    assert recorded == []


def test_no_lines_no_mail_but_the_sources_still_record(db, sources, mailoutbox):
    recorded = []
    sources.register(source("a", "A", [], recorded))

    result = digest.send_daily(DAY)

    assert (mailoutbox, result.emails, recorded) == ([], 0, [("a", DAY, 3)])


def test_the_subject_is_vietnamese_by_default():
    with translation.override("vi"):
        assert digest.subject() == "Việc cần làm hôm nay — TTĐN"


def test_plans_reports_monitoring_and_registries_register_their_sources():
    assert [s.name for s in digest.registered()] == ["plans", "reports", "monitoring", "registries"]


def test_send_daily_digest_is_a_daily_job(db):
    job = jobs.get("send_daily_digest")

    assert (job.command, job.every.days) == ("send_daily_digest", 1)


def test_the_command_passes_the_days_and_prints_what_it_did(cast, sources, mailoutbox):
    recorded = []
    sources.register(source("a", "A", [digest.Line.to_units("x", cast.school_a.pk)], recorded))
    out = io.StringIO()

    call_command("send_daily_digest", "--days", "7", stdout=out)

    assert (out.getvalue(), recorded[0][2]) == ("a: 1 lines\n1 e-mails\n", 7)
