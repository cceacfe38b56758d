"""Publishing a press document goes through the portal's review: its article is written and
submitted, and the press kit shows the document only once a reviewer approves the article."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ttdn.content import services as content
from ttdn.content.enums import ArticleStatus, Check, Language
from ttdn.content.models import Article
from ttdn.reports.enums import PeriodKind
from ttdn.reports.periods import Period
from ttdn.stats import services
from ttdn.stats.enums import PressKind, PressStatus
from ttdn.stats.models import PressDocument
from ttdn.stats.services.portal import PRESS_SECTION_SLUG

SY2022 = Period(PeriodKind.SCHOOL_YEAR, 2022)


def _sheet(cast, world, kind=PressKind.RELEASE):
    document = services.create_press_document(
        cast.phong, kind=kind, title="Thông cáo báo chí năm học", title_en="Press release",
        body="Có {pupils} học sinh.", body_en="{pupils} pupils.", period_key=SY2022.key,
        datasets=[world.datasets["pupils"]], by=cast.phong_officer,
    )  # fmt: skip
    services.submit_press_document(document, by=cast.phong_officer)
    return document


@pytest.fixture
def site(cast, world):
    services.refresh_from_reports()
    site = content.open_site(cast.phong)
    site.languages = [Language.EN]
    site.save(update_fields=["languages"])
    return site


def test_publishing_submits_an_article_that_is_public_only_once_approved(client, cast, world, site):
    document = services.publish_press_document(_sheet(cast, world), by=cast.phong_leader)
    article = document.article
    english = article.translations.get()
    kit = reverse("press_kit:home", args=[cast.phong.slug])
    public = reverse("press_kit:document", args=[cast.phong.slug, document.pk])
    on_portal = article.get_absolute_url()
    before = (
        client.get(public).status_code,
        list(client.get(kit).context["documents"]),
        client.get(on_portal).status_code,
    )

    content.approve_article(article, by=cast.phong_leader, checklist=Check.values)
    after = (
        client.get(public).status_code,
        list(client.get(kit).context["documents"]),
        client.get(on_portal).status_code,
    )

    assert (document.status, article.section.slug, english.status) == (
        PressStatus.PUBLISHED, PRESS_SECTION_SLUG, ArticleStatus.IN_REVIEW,
    )  # fmt: skip
    assert (before, after) == ((404, [], 404), (200, [document], 200))
    assert "640" in article.body and f"/bao-chi/{document.pk}/vi.docx" in article.body
    assert (english.title, "640 pupils." in english.body) == ("Press release", True)


def test_printed_document_is_public_only_with_the_article(client, cast, world, site):
    services.save_press_contact(
        cast.phong, by=cast.phong_leader, spokesperson="Lê Thị Mai", position="Phó Trưởng phòng"
    )
    document = services.publish_press_document(_sheet(cast, world), by=cast.phong_leader)
    url = reverse("press_kit:print", args=[cast.phong.slug, document.pk, "vi", "docx"])
    hidden = client.get(url).status_code

    content.approve_article(document.article, by=cast.phong_leader, checklist=Check.values)
    shown = client.get(url)

    assert (hidden, shown.status_code, shown.content[:2]) == (404, 200, b"PK")


def test_a_correction_notice_goes_through_the_same_review(client, cast, world, site):
    from ttdn.reports import services as reports_services

    sheet = services.publish_press_document(_sheet(cast, world), by=cast.phong_leader)
    content.approve_article(sheet.article, by=cast.phong_leader, checklist=Check.values)
    reports_services.approve_submission(world.report_b, by=cast.phong_leader)
    services.refresh_from_reports()
    notice = services.draft_correction(sheet, by=cast.phong_officer)
    services.submit_press_document(notice, by=cast.phong_officer)
    notice = services.publish_press_document(notice, by=cast.phong_leader)
    public = reverse("press_kit:document", args=[cast.phong.slug, notice.pk])
    hidden = client.get(public).status_code

    content.approve_article(notice.article, by=cast.phong_leader, checklist=Check.values)
    page = client.get(reverse("press_kit:document", args=[cast.phong.slug, sheet.pk]))

    assert (hidden, client.get(public).status_code) == (404, 200)
    assert list(page.context["corrections"]) == [notice]
    assert "1.452" in notice.article.body


def test_publishing_without_a_portal_is_refused_and_changes_nothing(cast, world):
    services.refresh_from_reports()
    document = _sheet(cast, world)

    with pytest.raises(ValidationError):
        services.publish_press_document(document, by=cast.phong_leader)

    document.refresh_from_db()
    assert (document.status, Article.objects.count()) == (PressStatus.IN_REVIEW, 0)


def test_withdrawing_takes_the_article_off_the_portal(cast, world, site):
    document = services.publish_press_document(_sheet(cast, world), by=cast.phong_leader)
    content.approve_article(document.article, by=cast.phong_leader, checklist=Check.values)

    services.withdraw_press_document(document, by=cast.phong_leader)

    document.article.refresh_from_db()
    assert (document.article.status, list(PressDocument.objects.public())) == (
        ArticleStatus.UNPUBLISHED, [],
    )  # fmt: skip


def test_press_document_page_names_its_article_and_the_review_it_waits_for(
    client, cast, world, site
):
    document = services.publish_press_document(_sheet(cast, world), by=cast.phong_leader)
    client.force_login(cast.phong_officer)

    response = client.get(reverse("stats:press_detail", args=[document.pk]))

    page = response.content.decode()
    assert (response.context["is_public"], 'id="portal-article"' in page) == (False, True)
    assert reverse("content:article_detail", args=[document.article.pk]) in page
