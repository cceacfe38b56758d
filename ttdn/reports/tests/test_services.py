import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from ttdn.core.models import AuditEntry
from ttdn.core.states import InvalidTransition
from ttdn.org.tests.factories import UnitGroupFactory
from ttdn.reports import services
from ttdn.reports.enums import IndicatorKind
from ttdn.reports.models import Submission
from ttdn.reports.services import Locked, RoundInvalid
from ttdn.reports.tests.factories import D, open_round
from ttdn.reports.validation import ValuesInvalid

FULL = {
    "articles": "12",
    "foreign": "3",
    "trainings": "2",
    "share": "50",
    "has_site": "có",
    "results": "Tốt",
}


def submission_of(round_, unit):
    return Submission.objects.get(round=round_, unit=unit)


# --- Forms ---------------------------------------------------------------------------------


def test_changing_a_form_before_a_round_opens_keeps_its_version(cast, form):
    indicator = services.latest_version(form).indicators.get(code="articles")

    changed = services.update_indicator(indicator, name="Số tin bài", by=cast.phong_officer)

    assert (changed.pk, changed.version.number, form.versions.count()) == (indicator.pk, 1, 1)


def test_changing_a_form_after_a_round_opens_makes_a_new_version(cast, form, round_):
    indicator = round_.form_version.indicators.get(code="articles")

    changed = services.update_indicator(indicator, name="Số tin bài", by=cast.phong_officer)

    indicator.refresh_from_db()
    assert (
        changed.version.number,
        indicator.name,
        changed.name,
        changed.version.indicators.count(),
    ) == (
        2,
        "Số tin bài đăng trên trang thông tin điện tử",
        "Số tin bài",
        9,
    )


def test_adding_an_indicator_after_a_round_opens_leaves_the_round_alone(cast, form, round_):
    services.add_indicator(
        form,
        section="III",
        code="new",
        name="Mới",
        kind=IndicatorKind.INTEGER,
        by=cast.phong_officer,
    )

    assert (
        round_.form_version.indicators.count(),
        services.latest_version(form).indicators.count(),
    ) == (9, 10)


def test_a_rule_must_join_indicators_of_the_form(cast, form):
    with pytest.raises(ValuesInvalid):
        services.add_rule(
            form, kind="not_greater", left="articles", right="nope", by=cast.phong_officer
        )


# --- Rounds --------------------------------------------------------------------------------


def test_open_round_expects_the_direct_children_by_default(cast, round_):
    units = list(
        round_.submissions.values_list("unit__code", "parent__code", "reviewer__code", "due_on")
    )

    assert units == [
        ("HB-A", "PGD-HB", "PGD-HB", D(2026, 5, 5)),
        ("HB-B", "PGD-HB", "PGD-HB", D(2026, 5, 5)),
    ]


def test_open_round_by_level_sets_each_level_its_deadline_and_reviewer(cast, form):
    by = cast.so_leader
    so_form = services.create_form(cast.so, code="so", name="Báo cáo năm", by=by)
    services.add_indicator(
        so_form, section="I", code="articles", name="Tin bài", kind="integer", by=by
    )

    round_ = open_round(
        cast.so, by, so_form, levels=["district", "school"], deadlines={"school": D(2026, 5, 1)}
    )

    assert list(round_.submissions.values_list("unit__code", "reviewer__code", "due_on")) == [
        ("PGD-HB", "SGD-HP", D(2026, 5, 5)),
        ("HB-A", "PGD-HB", D(2026, 5, 1)),
        ("HB-B", "PGD-HB", D(2026, 5, 1)),
    ]


def test_open_round_by_group_expects_its_members(cast, form):
    group = UnitGroupFactory(owner=cast.phong)
    group.members.add(cast.school_b)

    round_ = open_round(cast.phong, cast.phong_officer, form, groups=[group])

    assert list(round_.submissions.values_list("unit__code", flat=True)) == ["HB-B"]


def test_open_round_refuses_units_outside_the_subtree(cast, form):
    with pytest.raises(RoundInvalid):
        open_round(cast.phong, cast.phong_officer, form, units=[cast.outsider_school])


def test_expected_units_and_parents_stay_frozen_when_the_tree_changes(cast, round_):
    from ttdn.org import services as org_services

    org_services.move_unit(cast.school_a, to_parent=cast.so, by=cast.so_leader)

    submission = submission_of(round_, cast.school_a)
    assert submission.parent.code == "PGD-HB"
    assert submission.path.startswith(cast.phong.path)


# --- Filling in, validation ----------------------------------------------------------------


def test_save_values_audits_every_change(cast, round_, at):
    at(2026, 4, 25)
    submission = submission_of(round_, cast.school_a)
    services.save_values(submission, {"articles": "10"}, by=cast.teacher_a)

    changed = services.save_values(
        submission, {"articles": "12", "trainings": "1"}, by=cast.teacher_a
    )

    entry = AuditEntry.objects.filter(object_type="reports.Submission").first()
    assert (changed, entry.changes) == (
        ["articles", "trainings"],
        {"articles": ["10", "12"], "trainings": [None, "1"]},
    )


@pytest.mark.parametrize(
    ("values", "errors"),
    [
        ({"articles": "ba"}, {"articles": "Enter a number."}),
        ({"articles": "2.5"}, {"articles": "Enter a whole number."}),
        ({"articles": "-1"}, {"articles": "Enter at least 0."}),
        ({"share": "120"}, {"share": "Enter at most 100."}),
        ({"has_site": "maybe"}, {"has_site": "Answer yes or no."}),
        ({"rating": "Xuất sắc"}, {"rating": "Choose one of: Tốt, Khá, Đạt."}),
        ({"nope": "1"}, {"nope": "This form has no indicator nope."}),
    ],
)
def test_save_values_refuses_bad_values_and_writes_nothing(cast, round_, at, values, errors):
    at(2026, 4, 25)
    submission = submission_of(round_, cast.school_a)

    with pytest.raises(ValuesInvalid) as raised:
        services.save_values(submission, {"trainings": "4", **values}, by=cast.teacher_a)

    assert (raised.value.errors, submission.values.count()) == (errors, 0)


def test_save_values_reads_vietnamese_number_formats(cast, round_, at):
    at(2026, 4, 25)
    submission = submission_of(round_, cast.school_a)

    services.save_values(submission, {"articles": "1.234", "smallest": "7,5"}, by=cast.teacher_a)

    assert services.current_values(submission)["smallest"].number == Decimal("7.5")


def test_submit_needs_required_values_and_keeps_the_rules(cast, round_, at):
    at(2026, 4, 25)
    submission = submission_of(round_, cast.school_a)
    services.save_values(submission, {"foreign": "5", "articles": "3"}, by=cast.teacher_a)

    with pytest.raises(ValuesInvalid) as raised:
        services.submit_submission(submission, by=cast.teacher_a)

    assert raised.value.errors == {"foreign": "foreign must not be greater than articles."}


def test_submit_without_a_required_value_is_refused(cast, round_, at):
    at(2026, 4, 25)
    submission = submission_of(round_, cast.school_a)

    with pytest.raises(ValuesInvalid) as raised:
        services.submit_submission(submission, by=cast.teacher_a)

    assert raised.value.errors == {"articles": "This is required."}


def test_required_together_rule(cast, form, at):
    at(2026, 4, 25)
    services.add_rule(
        form, kind="required_together", left="trainings", right="share", by=cast.phong_officer
    )
    round_ = open_round(cast.phong, cast.phong_officer, form)
    submission = submission_of(round_, cast.school_a)
    services.save_values(submission, {"articles": "1", "trainings": "2"}, by=cast.teacher_a)

    with pytest.raises(ValuesInvalid) as raised:
        services.submit_submission(submission, by=cast.teacher_a)

    assert raised.value.errors == {"trainings": "trainings and share must be filled in together."}


# --- The state machine, timeliness ---------------------------------------------------------


def test_submitted_on_time_and_approved_are_separate_facts(cast, round_, at):
    a, b = submission_of(round_, cast.school_a), submission_of(round_, cast.school_b)
    at(2026, 5, 4)
    services.save_values(a, FULL, by=cast.teacher_a)
    services.submit_submission(a, by=cast.teacher_a)
    at(2026, 5, 8)
    services.save_values(b, FULL, by=cast.teacher_b)
    services.submit_submission(b, by=cast.teacher_b)
    services.approve_submission(b, by=cast.phong_leader)

    a.refresh_from_db()
    b.refresh_from_db()
    assert [(s.is_submitted, s.on_time, s.status) for s in (a, b)] == [
        (True, True, "submitted"),
        (True, False, "approved"),
    ]


def test_returned_report_is_resubmitted_and_stays_on_time(cast, round_, at):
    submission = submission_of(round_, cast.school_a)
    at(2026, 5, 2)
    services.save_values(submission, FULL, by=cast.teacher_a)
    services.submit_submission(submission, by=cast.teacher_a)
    services.return_submission(submission, message="Thiếu số liệu tập huấn", by=cast.phong_leader)
    at(2026, 5, 9)
    services.save_values(submission, {"trainings": "3"}, by=cast.teacher_a)

    services.submit_submission(submission, by=cast.teacher_a)

    submission.refresh_from_db()
    assert submission.status == "submitted"
    assert submission.on_time
    assert submission.return_message == "Thiếu số liệu tập huấn"


def test_return_needs_a_message(cast, round_, at):
    submission = submission_of(round_, cast.school_a)
    at(2026, 5, 2)
    services.save_values(submission, FULL, by=cast.teacher_a)
    services.submit_submission(submission, by=cast.teacher_a)

    with pytest.raises(ValuesInvalid):
        services.return_submission(submission, message=" ", by=cast.phong_leader)


def test_a_draft_cannot_be_approved(cast, round_):
    with pytest.raises(InvalidTransition):
        services.approve_submission(submission_of(round_, cast.school_a), by=cast.phong_leader)


def test_a_submitted_report_is_locked_until_reviewed(cast, round_, at):
    submission = submission_of(round_, cast.school_a)
    at(2026, 5, 2)
    services.save_values(submission, FULL, by=cast.teacher_a)
    services.submit_submission(submission, by=cast.teacher_a)

    with pytest.raises(Locked):
        services.save_values(submission, {"articles": "1"}, by=cast.teacher_a)


# --- Locks and unlocks ---------------------------------------------------------------------


def test_entry_locks_after_the_closing_date(cast, round_, at):
    at(2026, 5, 16)

    with pytest.raises(Locked):
        services.save_values(
            submission_of(round_, cast.school_a), {"articles": "1"}, by=cast.teacher_a
        )


def test_unlock_window_lets_a_late_unit_submit_then_closes(cast, round_, at):
    submission = submission_of(round_, cast.school_a)
    now = at(2026, 5, 16)
    request = services.request_unlock(submission, reason="Cán bộ ốm", by=cast.teacher_a)
    services.grant_unlock(request, until=now + datetime.timedelta(days=2), by=cast.phong_leader)
    submission.refresh_from_db()
    services.save_values(submission, FULL, by=cast.teacher_a)
    services.submit_submission(submission, by=cast.teacher_a)
    services.return_submission(submission, message="Sửa lại", by=cast.phong_leader)
    at(2026, 5, 19)

    with pytest.raises(Locked):
        services.save_values(submission, {"articles": "1"}, by=cast.teacher_a)


def test_an_editable_report_needs_no_unlock(cast, round_, at):
    at(2026, 5, 1)

    with pytest.raises(Locked):
        services.request_unlock(submission_of(round_, cast.school_a), reason="?", by=cast.teacher_a)


def test_only_one_unlock_request_waits_at_a_time(cast, round_, at):
    submission = submission_of(round_, cast.school_a)
    at(2026, 5, 20)
    services.request_unlock(submission, reason="Một", by=cast.teacher_a)

    with pytest.raises(Locked):
        services.request_unlock(submission, reason="Hai", by=cast.teacher_a)


def approved_with_a_window(round_, cast, at):
    """School A's report, approved, then reopened for four hours."""
    submission = submission_of(round_, cast.school_a)
    at(2026, 5, 2)
    services.save_values(submission, FULL, by=cast.teacher_a)
    services.submit_submission(submission, by=cast.teacher_a)
    services.approve_submission(submission, by=cast.phong_leader)
    request = services.request_unlock(submission, reason="Sai số liệu", by=cast.teacher_a)
    now = at(2026, 5, 3)
    services.grant_unlock(request, until=now + datetime.timedelta(hours=4), by=cast.phong_leader)
    return submission


def test_a_window_on_an_approved_report_shows_what_changed_since_approval(cast, round_, at):
    submission = approved_with_a_window(round_, cast, at)
    before = Submission.objects.get(pk=submission.pk).changed_since_approval

    services.save_values(submission, {"articles": "15"}, by=cast.teacher_a)

    after = Submission.objects.get(pk=submission.pk)
    assert not before
    assert after.status == "approved"
    assert after.changed_since_approval


def test_putting_the_approved_figure_back_clears_changed_since_approval(cast, round_, at):
    submission = approved_with_a_window(round_, cast, at)
    services.save_values(submission, {"articles": "15"}, by=cast.teacher_a)

    services.save_values(submission, {"articles": FULL["articles"]}, by=cast.teacher_a)

    assert Submission.objects.get(pk=submission.pk).changed_since_approval is False


def test_refused_unlock_leaves_the_report_locked(cast, round_, at):
    submission = submission_of(round_, cast.school_a)
    at(2026, 5, 20)
    request = services.request_unlock(submission, reason="Muộn", by=cast.teacher_a)

    services.refuse_unlock(request, by=cast.phong_leader)

    submission.refresh_from_db()
    assert not services.is_editable(submission)
    assert request.status == "refused"


def test_a_decided_unlock_request_cannot_be_decided_again(cast, round_, at):
    submission = submission_of(round_, cast.school_a)
    now = at(2026, 5, 20)
    request = services.request_unlock(submission, reason="Muộn", by=cast.teacher_a)
    services.refuse_unlock(request, by=cast.phong_leader)

    with pytest.raises(InvalidTransition):
        services.grant_unlock(request, until=now + datetime.timedelta(days=1), by=cast.so_leader)

    request.refresh_from_db()
    assert request.status == "refused"
    assert request.decided_by == cast.phong_leader
    assert Submission.objects.get(pk=submission.pk).unlocked_until is None


def test_a_window_that_ends_in_the_past_is_refused_and_changes_nothing(cast, round_, at):
    submission = submission_of(round_, cast.school_a)
    now = at(2026, 5, 20)
    request = services.request_unlock(submission, reason="Muộn", by=cast.teacher_a)

    with pytest.raises(ValuesInvalid) as refused:
        services.grant_unlock(
            request, until=now - datetime.timedelta(hours=1), by=cast.phong_leader
        )

    request.refresh_from_db()
    assert refused.value.errors == {"until": "The window must end in the future."}
    assert (request.status, request.decided_by, request.until) == ("pending", None, None)


def test_granting_an_unlock_records_who_decided_and_the_window(cast, round_, at):
    submission = submission_of(round_, cast.school_a)
    now = at(2026, 5, 20)
    request = services.request_unlock(submission, reason="Muộn", by=cast.teacher_a)
    until = now + datetime.timedelta(days=2)

    services.grant_unlock(request, until=until, by=cast.phong_leader)

    request.refresh_from_db()
    entry = AuditEntry.objects.filter(object_type="reports.UnlockRequest").latest("pk")
    assert (request.status, request.decided_by, request.until) == (
        "granted",
        cast.phong_leader,
        until,
    )
    assert entry.changes == {"status": ["pending", "granted"], "until": until.isoformat()}
    assert Submission.objects.get(pk=submission.pk).unlocked_until == until


# --- Computed indicators -------------------------------------------------------------------


def test_computed_indicator_is_prefilled_and_an_override_needs_a_reason(cast, form, at):
    from ttdn.events.tests.factories import local

    at(2026, 1, 10)
    added = local(cast.school_a, "Ngày thành lập trường", day=1, month=9, origin_year=1960)
    type(added).objects.filter(pk=added.pk).update(created_at=timezone.now())
    services.add_indicator(
        form,
        section="I",
        code="days",
        name="Số ngày kỷ niệm đã thêm",
        kind="integer",
        computed_key="events.commemorations_added",
        by=cast.phong_officer,
    )
    round_ = open_round(cast.phong, cast.phong_officer, form)
    submission = submission_of(round_, cast.school_a)
    at(2026, 4, 25)
    prefilled = services.current_values(submission)["days"].number

    with pytest.raises(ValuesInvalid):
        services.save_values(submission, {"days": "3"}, by=cast.teacher_a)
    services.save_values(
        submission, {"days": "3"}, reasons={"days": "Hai ngày chưa nhập"}, by=cast.teacher_a
    )

    value = submission.values.get(indicator__code="days")
    assert (prefilled, value.number, value.computed_number, value.override_reason) == (
        Decimal(1),
        Decimal(3),
        Decimal(1),
        "Hai ngày chưa nhập",
    )
