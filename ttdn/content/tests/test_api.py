import pytest

from ttdn.content import services
from ttdn.content.enums import ArticleStatus
from ttdn.content.models import Article
from ttdn.content.tests.factories import article, published
from ttdn.core.tests import fixtures

bearer = fixtures.token_headers


def test_public_api_lists_and_reads_published_articles_without_a_token(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a, title="Tin công khai")
    article(sites.school_a, title="Bản nháp")
    slug = sites.school_a.unit.slug

    listed = client.get(f"/api/v1/portal/sites/{slug}/articles")
    read = client.get(f"/api/v1/portal/sites/{slug}/articles/{live.pk}")

    assert (listed.status_code, [a["title"] for a in listed.json()], read.json()["body"]) == (
        200,
        ["Tin công khai"],
        live.body,
    )


def test_public_api_does_not_read_a_draft(client, sites):
    draft = article(sites.school_a)

    response = client.get(f"/api/v1/portal/sites/{sites.school_a.unit.slug}/articles/{draft.pk}")

    assert response.status_code == 404


def test_token_creates_a_sanitised_draft(client, sites):
    payload = {
        "unit": sites.school_a.unit.code,
        "section": "tin-tuc-hoat-dong",
        "title": "Bài từ phần mềm của trường",
        "summary": "Tóm tắt",
        "body": "<p>Nội dung</p><script>alert(1)</script>",
    }

    response = client.post(
        "/api/v1/portal/drafts", payload, content_type="application/json", **bearer(sites.editor_a)
    )

    created = Article.objects.get()
    assert (response.status_code, created.status, created.body) == (
        201,
        ArticleStatus.DRAFT,
        "<p>Nội dung</p>",
    )


def test_token_of_the_outsider_cannot_write_for_this_province(client, sites, cast):
    payload = {
        "unit": sites.school_a.unit.code,
        "section": "tin-tuc-hoat-dong",
        "title": "x",
        "summary": "x",
        "body": "<p>x</p>",
    }

    response = client.post(
        "/api/v1/portal/drafts", payload, content_type="application/json", **bearer(cast.outsider)
    )

    assert (response.status_code, Article.objects.count()) == (404, 0)


def test_token_update_with_a_stale_version_is_a_conflict(client, sites):
    draft = article(sites.school_a, by=sites.editor_a)
    services.update_article(draft, by=sites.editor_a, title="Bản hai")

    response = client.put(
        f"/api/v1/portal/drafts/{draft.pk}",
        {"version": 1, "title": "Bản cũ ghi đè"},
        content_type="application/json",
        **bearer(sites.editor_a),
    )

    assert (response.status_code, Article.objects.get().title) == (409, "Bản hai")


def test_token_update_changes_the_draft(client, sites):
    draft = article(sites.school_a, by=sites.editor_a)

    response = client.put(
        f"/api/v1/portal/drafts/{draft.pk}",
        {"version": 1, "title": "Tiêu đề mới"},
        content_type="application/json",
        **bearer(sites.editor_a),
    )

    assert (response.status_code, response.json()["version"], Article.objects.get().title) == (
        200,
        2,
        "Tiêu đề mới",
    )


@pytest.mark.parametrize("item_count", [1, 3])
def test_public_api_article_list_query_count(client, sites, django_assert_num_queries, item_count):
    for n in range(item_count):
        published(sites.school_a, reviewer=sites.leader_a, title=f"Tin {n}")
    slug = sites.school_a.unit.slug

    with django_assert_num_queries(2):
        rows = client.get(f"/api/v1/portal/sites/{slug}/articles").json()

    assert len(rows) == item_count
