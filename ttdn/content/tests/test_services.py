import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from ttdn.content import services
from ttdn.content.enums import ArticleStatus, Check, Classification, Decision
from ttdn.content.models import Article
from ttdn.content.tests.factories import article, published
from ttdn.core.states import InvalidTransition

S = ArticleStatus
ALL_CHECKS = Check.values


def reload(a: Article) -> Article:
    return Article.objects.get(pk=a.pk)


# --- The workflow --------------------------------------------------------------------------


def test_article_submitted_and_approved_by_the_school_leader_is_published(sites):
    draft = article(sites.school_a, by=sites.editor_a)

    services.submit_article(draft, by=sites.editor_a)
    services.approve_article(draft, by=sites.leader_a, checklist=ALL_CHECKS)

    found = reload(draft)
    assert found.status == S.PUBLISHED
    assert found.published_at is not None
    assert found.is_live


def test_article_can_be_approved_by_a_leader_of_the_supervising_office(sites, cast):
    draft = article(sites.school_a)
    services.submit_article(draft, by=draft.author)

    services.approve_article(draft, by=cast.phong_leader, checklist=ALL_CHECKS)

    assert reload(draft).status == S.PUBLISHED


@pytest.mark.parametrize("who", ["editor_a", "teacher_a", "teacher_b", "outsider", "phong_officer"])
def test_article_cannot_be_approved_by_anyone_but_a_leader_above_it(sites, cast, who):
    person = getattr(sites, who, None) or getattr(cast, who)
    draft = article(sites.school_a)
    services.submit_article(draft, by=draft.author)

    with pytest.raises(PermissionDenied):
        services.approve_article(draft, by=person, checklist=ALL_CHECKS)

    assert reload(draft).status == S.IN_REVIEW


def test_article_approval_needs_every_point_of_the_checklist(sites):
    draft = article(sites.school_a)
    services.submit_article(draft, by=draft.author)

    with pytest.raises(ValidationError) as error:
        services.approve_article(draft, by=sites.leader_a, checklist=ALL_CHECKS[:-1])

    assert (error.value.message_dict, reload(draft).status) == (
        {"checklist": ["Confirm every point of the checklist."]},
        S.IN_REVIEW,
    )


def test_article_approval_records_the_confirmed_checklist(sites):
    draft = article(sites.school_a)
    services.submit_article(draft, by=draft.author)

    services.approve_article(draft, by=sites.leader_a, checklist=ALL_CHECKS, comment="Tốt")

    step = draft.steps.first()
    assert (step.decision, step.checklist, step.comment, step.by) == (
        Decision.PUBLISHED,
        sorted(ALL_CHECKS),
        "Tốt",
        sites.leader_a,
    )


@pytest.mark.parametrize(
    "level",
    [
        Classification.INTERNAL,
        Classification.CONFIDENTIAL,
        Classification.SECRET,
        Classification.TOP_SECRET,
    ],
)
def test_classified_article_is_never_published_by_review_or_without_it(sites, cast, level):
    draft = article(sites.school_a, classification=level)
    services.submit_article(draft, by=draft.author)

    refusals = []
    for action in (
        lambda: services.approve_article(draft, by=sites.leader_a, checklist=ALL_CHECKS),
        lambda: services.publish_without_review(draft, by=cast.so_leader, reason="Gấp"),
        lambda: services.transition_article(draft, to=S.PUBLISHED, by=cast.operator),
    ):
        with pytest.raises(ValidationError) as error:
            action()
        refusals.append(error.value.messages)

    assert (refusals, reload(draft).status) == (
        [["Classified or internal content can never be published."]] * 3,
        S.IN_REVIEW,
    )


def test_classified_article_is_refused_by_the_database_too(sites):
    draft = article(sites.school_a, classification=Classification.SECRET)

    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=draft.pk).update(status=S.PUBLISHED)

    assert reload(draft).status == S.DRAFT


def test_published_article_marked_internal_is_withdrawn_at_once(sites):
    live = published(sites.school_a, reviewer=sites.leader_a)

    services.update_article(live, by=sites.leader_a, classification=Classification.INTERNAL)

    found = reload(live)
    assert (found.status, found.classification) == (S.UNPUBLISHED, Classification.INTERNAL)


def test_publish_without_review_is_for_leaders_with_a_reason(sites):
    draft = article(sites.school_a)

    with pytest.raises(PermissionDenied):
        services.publish_without_review(draft, by=sites.editor_a, reason="Gấp")
    with pytest.raises(ValidationError):
        services.publish_without_review(draft, by=sites.leader_a, reason="  ")
    services.publish_without_review(draft, by=sites.leader_a, reason="Thông báo khẩn")

    step = draft.steps.first()
    assert (reload(draft).status, step.decision, step.comment) == (
        S.PUBLISHED,
        Decision.PUBLISHED_WITHOUT_REVIEW,
        "Thông báo khẩn",
    )


def test_returned_article_carries_the_comment_and_can_be_submitted_again(sites):
    draft = article(sites.school_a)
    services.submit_article(draft, by=draft.author)

    services.return_article(draft, by=sites.leader_a, comment="Bổ sung số liệu")
    services.submit_article(draft, by=draft.author)

    assert (reload(draft).status, [s.decision for s in draft.steps.all()]) == (
        S.IN_REVIEW,
        [Decision.SUBMITTED, S.RETURNED, Decision.SUBMITTED],
    )


def test_return_needs_a_comment(sites):
    draft = article(sites.school_a)
    services.submit_article(draft, by=draft.author)

    with pytest.raises(ValidationError):
        services.return_article(draft, by=sites.leader_a, comment="")

    assert reload(draft).status == S.IN_REVIEW


def test_draft_cannot_jump_to_approved(sites):
    draft = article(sites.school_a)

    with pytest.raises(InvalidTransition):
        services.transition_article(draft, to=S.APPROVED, by=sites.leader_a)

    assert reload(draft).status == S.DRAFT


def test_scheduled_article_waits_for_its_time_then_the_job_publishes_it(sites):
    draft = article(sites.school_a)
    services.submit_article(draft, by=draft.author)
    when = timezone.now() + datetime.timedelta(hours=2)
    services.approve_article(draft, by=sites.leader_a, checklist=ALL_CHECKS, publish_at=when)
    before = (reload(draft).status, list(Article.objects.live()))

    early = services.publish_due(now=timezone.now())
    late = services.publish_due(now=when + datetime.timedelta(minutes=1))

    assert (
        before,
        early,
        [a.pk for a in late],
        reload(draft).status,
        reload(draft).published_at,
    ) == (
        (S.APPROVED, []),
        [],
        [draft.pk],
        S.PUBLISHED,
        when,
    )


def test_unpublishing_is_for_leaders(sites):
    live = published(sites.school_a, reviewer=sites.leader_a)

    with pytest.raises(PermissionDenied):
        services.unpublish_article(live, by=sites.editor_a)
    services.unpublish_article(live, by=sites.leader_a, reason="Sai số liệu")

    assert reload(live).status == S.UNPUBLISHED


def test_editor_cannot_change_an_article_in_review(sites):
    draft = article(sites.school_a, by=sites.editor_a)
    services.submit_article(draft, by=sites.editor_a)

    with pytest.raises(PermissionDenied):
        services.update_article(draft, by=sites.editor_a, title="Tiêu đề khác")

    assert reload(draft).title == draft.title


def test_outsider_cannot_write_for_a_school_of_another_province(sites, cast):
    with pytest.raises(PermissionDenied):
        article(sites.school_a, by=cast.outsider)

    assert Article.objects.count() == 0


# --- Revisions and concurrent edits --------------------------------------------------------


def test_every_save_keeps_a_revision_that_can_be_restored(sites):
    draft = article(sites.school_a, title="Bản đầu")
    services.update_article(draft, by=draft.author, title="Bản hai")

    services.restore_revision(reload(draft), draft.revisions.get(number=1), by=draft.author)

    found = reload(draft)
    assert (found.title, found.version, list(found.revisions.values_list("number", flat=True))) == (
        "Bản đầu",
        3,
        [3, 2, 1],
    )


def test_saving_over_someone_elses_newer_save_is_refused(sites):
    draft = article(sites.school_a, title="Bản đầu")
    services.update_article(draft, by=sites.editor_a, expected_version=1, title="Sửa của Ngọc")

    with pytest.raises(services.EditConflict):
        services.update_article(draft, by=sites.leader_a, expected_version=1, title="Sửa của Thành")

    assert reload(draft).title == "Sửa của Ngọc"


# --- Sanitising ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "stored"),
    [
        ("<p>Xin chào<script>alert(1)</script></p>", "<p>Xin chào</p>"),
        ('<p><img src="x.png" onerror="alert(1)" alt="a"></p>', '<p><img src="x.png" alt="a"></p>'),
        (
            '<p><a href="javascript:alert(1)">bấm</a></p>',
            '<p><a rel="noopener noreferrer">bấm</a></p>',
        ),
        ('<p style="color:red" class="MsoNormal">Word<o:p></o:p></p>', "<p>Word</p>"),
        ("<p>A</p><iframe src='https://x.test'></iframe><style>p{}</style>", "<p>A</p>"),
    ],
)
def test_article_body_is_sanitised_and_scripts_stay_inert(sites, body, stored):
    draft = article(sites.school_a, body=body)

    assert reload(draft).body == stored


def test_article_without_text_is_refused(sites):
    with pytest.raises(ValidationError) as error:
        article(sites.school_a, body="<script>alert(1)</script>")

    assert (error.value.message_dict, Article.objects.count()) == (
        {"body": ["The article has no text."]},
        0,
    )


# --- Translations --------------------------------------------------------------------------


def test_translation_is_flagged_out_of_date_when_its_source_changes(sites):
    sites.school_a.languages = ["en"]
    sites.school_a.save()
    source = article(sites.school_a)
    english = services.translate_article(
        source,
        language="en",
        by=source.author,
        title="Title",
        summary="Summary",
        body="<p>Text</p>",
    )
    fresh = reload(english).is_out_of_date

    services.update_article(source, by=source.author, title="Tiêu đề mới")

    assert not fresh
    assert reload(english).is_out_of_date


def test_translation_into_a_language_the_site_does_not_offer_is_refused(sites):
    source = article(sites.school_a)

    with pytest.raises(ValidationError):
        services.translate_article(
            source, language="fr", by=source.author, title="T", summary="S", body="<p>x</p>"
        )

    assert source.translations.count() == 0


def test_unpublishing_the_source_unpublishes_its_translations(sites):
    sites.school_a.languages = ["en"]
    sites.school_a.save()
    source = published(sites.school_a, reviewer=sites.leader_a)
    english = services.translate_article(
        source,
        language="en",
        by=sites.editor_a,
        title="Title",
        summary="Summary",
        body="<p>Text</p>",
    )
    services.publish_without_review(english, by=sites.leader_a, reason="Bản dịch")

    services.unpublish_article(source, by=sites.leader_a)

    assert (reload(source).status, reload(english).status) == (S.UNPUBLISHED, S.UNPUBLISHED)
