import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ttdn.content import services as content_services
from ttdn.content.tests.factories import published
from ttdn.core.models import AuditEntry
from ttdn.core.states import InvalidTransition
from ttdn.monitoring import services
from ttdn.monitoring.enums import (
    CaseStatus,
    PressRequestStatus,
    ResponseKind,
    Severity,
    SourceFormat,
)
from ttdn.monitoring.models import Case, Mention, PressRequest, Source, Watch
from ttdn.monitoring.tests.factories import SourceFactory, mention_of
from ttdn.org.enums import Role
from ttdn.org.tests.factories import member


def _case(cast, **kwargs) -> Case:
    mention = mention_of(cast.school_a)
    return services.open_case(
        mention,
        by=cast.teacher_a,
        title="Tin sai về lạm thu",
        severity=kwargs.get("severity", Severity.HIGH),
    )


def test_opening_a_case_sets_the_deadline_by_severity_and_freezes_the_evidence(cast):
    mention = mention_of(cast.school_a)
    before = timezone.now()

    case = services.open_case(mention, by=cast.teacher_a, title="", severity=Severity.CRITICAL)

    hours = (case.deadline - before).total_seconds() / 3600
    assert (case.status, case.unit, case.title, round(hours)) == (
        CaseStatus.NEW,
        cast.school_a,
        mention.item.title,
        4,
    )
    assert [(e["item"], e["text_sha256"]) for e in case.evidence] == [
        (mention.item.pk, mention.item.text_sha256)
    ]


def test_a_case_moves_new_verifying_responded_closed_and_every_move_is_audited(cast):
    case = _case(cast)

    services.start_verifying(case, by=cast.teacher_a)
    services.respond(
        case, by=cast.teacher_a, kind=ResponseKind.STATEMENT, text="Thông tin không đúng sự thật."
    )
    services.close_case(case, by=cast.teacher_a)

    moves = AuditEntry.objects.filter(
        object_type="monitoring.Case", changes__has_key="status"
    ).order_by("pk")
    assert [e.changes["status"] for e in moves] == [
        ["new", "verifying"],
        ["verifying", "responded"],
        ["responded", "closed"],
    ]
    assert case.responded_on_time
    assert case.closed_at is not None


def test_a_case_cannot_skip_verification(cast):
    case = _case(cast)

    with pytest.raises(InvalidTransition):
        services.respond(case, by=cast.teacher_a, kind=ResponseKind.STATEMENT, text="x")

    case.refresh_from_db()
    assert (case.status, case.responded_at, case.response_text) == (CaseStatus.NEW, None, "")


def test_a_statement_needs_its_text_and_a_dismissal_its_reason(cast):
    case = _case(cast)
    services.start_verifying(case, by=cast.teacher_a)

    with pytest.raises(ValidationError) as no_text:
        services.respond(case, by=cast.teacher_a, kind=ResponseKind.STATEMENT, text=" ")
    with pytest.raises(ValidationError) as no_reason:
        services.dismiss(case, by=cast.teacher_a, reason="")

    assert (no_text.value.messages, no_reason.value.messages) == (
        ["Nhập nội dung phản hồi."],
        ["Nêu lý do không xử lý vụ việc."],
    )


def test_a_response_article_must_be_published_and_dates_the_response(cast):
    site = content_services.open_site(cast.school_a)
    leader = member("leader-a", cast.school_a, Role.LEADER)
    member("editor-a", cast.school_a, Role.EDITOR)
    article = published(
        site, reviewer=leader, title="Trường THCS Hồng Bàng thông tin về các khoản thu"
    )
    case = _case(cast)
    services.start_verifying(case, by=cast.teacher_a)

    services.respond(case, by=cast.teacher_a, kind=ResponseKind.ARTICLE, article=article)

    assert (case.status, case.response_article, case.responded_at) == (
        CaseStatus.RESPONDED,
        article,
        article.published_at,
    )


def test_a_letter_to_the_outlet_is_numbered_in_the_register(cast):
    from ttdn import docgen

    case = _case(cast)
    services.start_verifying(case, by=cast.teacher_a)
    signer = docgen.Signer(position="HIỆU TRƯỞNG", name="Đặng Văn Thành")

    services.respond_with_letter(
        case,
        by=cast.teacher_a,
        outlet="Báo Giáo dục Đất Cảng",
        body="Thông tin không đúng.",
        signer=signer,
    )

    assert (case.status, case.response_kind, case.response_document.number) == (
        CaseStatus.RESPONDED,
        ResponseKind.LETTER,
        1,
    )


def test_a_letter_without_a_signer_is_refused_and_nothing_is_numbered(cast):
    case = _case(cast)
    services.start_verifying(case, by=cast.teacher_a)

    with pytest.raises(ValidationError):
        services.respond_with_letter(
            case, by=cast.teacher_a, outlet="Báo", body="Nội dung.", signer=None
        )

    case.refresh_from_db()
    assert (case.status, case.response_document) == (CaseStatus.VERIFYING, None)


def test_a_late_response_is_not_on_time(cast):
    case = _case(cast, severity=Severity.CRITICAL)
    services.start_verifying(case, by=cast.teacher_a)

    services.respond(
        case,
        by=cast.teacher_a,
        kind=ResponseKind.STATEMENT,
        text="Đính chính.",
        published_at=case.deadline + datetime.timedelta(minutes=1),
    )

    assert case.responded_on_time is False


def test_escalating_hands_the_case_to_the_supervising_unit(cast):
    case = _case(cast)

    services.escalate(case, by=cast.teacher_a)

    assert (case.unit, case.escalated_to) == (cast.phong, cast.school_a)


def test_a_new_severity_resets_the_deadline(cast):
    case = _case(cast, severity=Severity.LOW)

    services.assign_case(
        case, by=cast.phong_officer, assignee=cast.teacher_a, severity=Severity.HIGH
    )

    assert (case.deadline - case.created_at, case.assignee) == (
        datetime.timedelta(hours=24),
        cast.teacher_a,
    )


def test_a_person_labels_the_tone_and_the_suggestion_is_kept(cast):
    mention = mention_of(cast.school_a)

    services.label_tone(mention, by=cast.teacher_a, tone="neutral")

    mention.refresh_from_db()
    assert (mention.tone, mention.suggested_tone, mention.tone_labelled_by) == (
        "neutral",
        "neutral",
        cast.teacher_a,
    )


def test_a_watch_with_nothing_to_find_is_refused(cast):
    with pytest.raises(ValidationError):
        services.create_watch(cast.school_a, by=cast.teacher_a, name="Sai", query='-"học phí"')

    assert Watch.objects.count() == 0


def test_topic_watches_are_added_once(cast):
    services.add_topic_watches(cast.so, by=cast.so_leader)

    again = services.add_topic_watches(cast.so, by=cast.so_leader)

    assert (Watch.objects.filter(unit=cast.so).count(), again) == (5, [])


def test_a_fetched_source_needs_an_address(cast):
    with pytest.raises(ValidationError) as error:
        services.create_source(
            cast.so, by=cast.so_leader, name="Báo", url="", format=SourceFormat.FEED
        )

    assert (error.value.messages, Source.objects.count()) == (["Nhập địa chỉ cần lấy tin."], 0)


def test_resuming_a_paused_source_clears_its_failures(cast):
    source = SourceFactory(
        unit=cast.so, state="paused", failures=5, last_error="Máy chủ không trả lời kịp thời."
    )

    services.update_source(source, by=cast.so_leader, state="active")

    source.refresh_from_db()
    assert (source.state, source.failures, source.last_error) == ("active", 0, "")


def test_a_press_request_is_answered_once(cast):
    request = services.record_press_request(
        cast.phong,
        by=cast.phong_officer,
        journalist="Nguyễn Thu Hà",
        outlet="Báo Giáo dục",
        question="Bao nhiêu trường dạy 2 buổi/ngày?",
        deadline=timezone.now() + datetime.timedelta(days=1),
    )

    services.answer_press_request(request, by=cast.phong_leader, answer="42 trường.")
    with pytest.raises(InvalidTransition):
        services.decline_press_request(request, by=cast.phong_leader, reason="x")

    request.refresh_from_db()
    assert (request.status, request.answer, request.answered_by) == (
        PressRequestStatus.ANSWERED,
        "42 trường.",
        cast.phong_leader,
    )


def test_the_outsider_sees_no_source_mention_case_or_press_request(cast):
    mention = mention_of(cast.school_a)
    services.open_case(mention, by=cast.teacher_a, title="Tin sai", severity=Severity.HIGH)
    services.record_press_request(
        cast.school_a,
        by=cast.teacher_a,
        journalist="A",
        outlet="B",
        question="C",
        deadline=timezone.now(),
    )
    outsider_mention = mention_of(cast.outsider_school)

    seen = [
        list(
            model.objects.visible_to(cast.outsider).values_list("unit__code", flat=True).distinct()
        )
        for model in (Source, Mention, Case, PressRequest, Watch)
    ]

    assert seen == [["QN-X"], ["QN-X"], [], [], ["QN-X"]]
    assert list(Mention.objects.visible_to(cast.teacher_b)) == []
    assert list(Mention.objects.visible_to(cast.phong_officer).exclude(pk=outsider_mention.pk)) == [
        mention
    ]
