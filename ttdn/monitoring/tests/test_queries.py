import datetime

from django.core import mail
from django.utils import timezone

from ttdn.core import digest, todo
from ttdn.monitoring import queries, services
from ttdn.monitoring.enums import ResponseKind, Severity
from ttdn.monitoring.models import Mention
from ttdn.monitoring.tests.factories import mention_of
from ttdn.reports import computed


def _window():
    today = timezone.localdate()
    return today - datetime.timedelta(days=1), today


def test_the_counts_cover_the_unit_and_the_units_below_it(cast):
    first = mention_of(cast.school_a)
    mention_of(cast.school_b, tone="positive")
    mention_of(cast.outsider_school)
    answered = services.open_case(first, by=cast.teacher_a, title="A", severity=Severity.HIGH)
    services.start_verifying(answered, by=cast.teacher_a)
    services.respond(answered, by=cast.teacher_a, kind=ResponseKind.STATEMENT, text="Đính chính.")
    dismissed = services.open_case(first, by=cast.teacher_a, title="B", severity=Severity.LOW)
    services.dismiss(dismissed, by=cast.teacher_a, reason="Thông tin đúng.")
    start, end = _window()

    asked = [
        ("mentions", cast.phong), ("mentions", cast.school_b), ("mentions_negative", cast.phong),
        ("mentions_positive", cast.phong), ("mentions_foreign", cast.so), ("stories", cast.so),
        ("cases_opened", cast.phong), ("cases_responded_on_time", cast.phong),
        ("cases_dismissed", cast.school_a), ("press_requests_answered", cast.so),
    ]  # fmt: skip

    counts = [
        (key, unit.code, int(computed.compute(f"monitoring.{key}", unit, start, end)))
        for key, unit in asked
    ]

    assert counts == [
        ("mentions", "PGD-HB", 2), ("mentions", "HB-B", 1), ("mentions_negative", "PGD-HB", 1),
        ("mentions_positive", "PGD-HB", 1), ("mentions_foreign", "SGD-HP", 0), ("stories", "SGD-HP", 2),
        ("cases_opened", "PGD-HB", 2), ("cases_responded_on_time", "PGD-HB", 1),
        ("cases_dismissed", "HB-A", 1), ("press_requests_answered", "SGD-HP", 0),
    ]  # fmt: skip


def test_counts_outside_the_window_are_zero(cast):
    mention_of(cast.school_a)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    assert queries.mentions_total(cast.so, tomorrow, tomorrow) == 0


def test_an_alerted_negative_mention_waits_in_the_todo_until_a_case_is_opened(cast):
    mention = mention_of(cast.school_a, alerted_at=timezone.now())
    before = [item.title for item in todo.items_for(cast.phong_officer)]

    services.open_case(mention, by=cast.teacher_a, title="Vụ", severity=Severity.HIGH)
    after = [item.title for item in todo.items_for(cast.phong_officer)]

    assert (before, after, todo.items_for(cast.outsider)) == (
        [f"Tin tiêu cực: {mention.item.title}"],
        ["Phản hồi vụ việc: Vụ"],
        [],
    )


def test_the_daily_digest_sums_up_mentions_once(cast):
    mention_of(cast.school_a)
    mention_of(cast.school_a, tone="neutral")
    today = timezone.localdate()

    digest.send_daily(today)
    first = sorted((to, m.body) for m in mail.outbox for to in m.to if "tin mới" in m.body)
    mail.outbox.clear()
    digest.send_daily(today)

    assert [to for to, _body in first] == ["teacher-a@example.test"]
    assert "2 tin mới về Trường THCS Hồng Bàng (1 tin tiêu cực)." in first[0][1]
    assert [m for m in mail.outbox if "tin mới" in m.body] == []
    assert Mention.objects.filter(digested_on=today).count() == 2
