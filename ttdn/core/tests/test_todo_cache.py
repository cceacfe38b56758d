"""The "Việc cần làm" list is kept between pages and renewed as soon as a table it was read from
is written, by any means (save, bulk update, raw SQL), and only then. These tests commit (the
rest of the suite runs in transactions that never do, with the list's cache off)."""

from __future__ import annotations

import pytest
from django.core.cache import caches
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from conftest import Cast, build_cast
from ttdn.content import services as content
from ttdn.content.enums import ArticleStatus
from ttdn.content.models import Article
from ttdn.core import changes, todo
from ttdn.core.models import AuditEntry


@pytest.fixture
def kept(settings, transactional_db) -> Cast:
    settings.CACHES = {
        **settings.CACHES,
        "todo": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
        "generations": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "g",
        },
    }
    caches["todo"].clear()
    caches["generations"].clear()
    return build_cast()


def _titles(user, language: str = "en") -> list[str]:
    with translation.override(language):
        return [item.title for item in todo.items_for(user)]


def _article_in_review(cast: Cast) -> Article:
    site = content.open_site(cast.school_a)
    article = content.create_article(
        site, by=cast.teacher_a, title="Hội thi tiếng Anh", summary="Tóm tắt.", body="<p>Bài.</p>"
    )
    content.submit_article(article, by=cast.teacher_a)
    return article


def _queries(user) -> int:
    with CaptureQueriesContext(connection) as queries, translation.override("en"):
        todo.items_for(user)
    return len(queries)


def test_the_list_is_served_again_without_asking_the_database(kept):
    _article_in_review(kept)
    _titles(kept.phong_leader)
    first = _titles(kept.phong_leader)  # the second time, every table read has a generation

    assert _queries(kept.phong_leader) == 0
    assert _titles(kept.phong_leader) == first
    assert any("Hội thi tiếng Anh" in title for title in first)


def test_a_bulk_update_no_signal_sees_renews_the_list_at_once(kept):
    article = _article_in_review(kept)
    for _ in range(2):
        assert not any("Revise" in title for title in _titles(kept.teacher_a))

    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.RETURNED)

    assert "Revise the returned article “Hội thi tiếng Anh”" in _titles(kept.teacher_a)


def test_raw_sql_renews_the_list_too(kept):
    article = _article_in_review(kept)
    for _ in range(2):
        _titles(kept.teacher_a)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE content_article SET status = %s WHERE id = %s",
            [ArticleStatus.RETURNED, article.pk],
        )

    assert any("Revise" in title for title in _titles(kept.teacher_a))


def test_writes_to_tables_the_list_did_not_read_keep_it(kept):
    _article_in_review(kept)
    for _ in range(2):
        _titles(kept.phong_leader)

    AuditEntry.objects.create(action="create", object_type="x.Y", object_id="1", object_repr="x")

    assert _queries(kept.phong_leader) == 0


def test_a_rolled_back_write_renews_nothing_and_hides_nothing(kept):
    article = _article_in_review(kept)
    for _ in range(2):
        _titles(kept.teacher_a)
    generation = changes.generations(["content_article"])

    with pytest.raises(RuntimeError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status=ArticleStatus.RETURNED)
        raise RuntimeError

    assert changes.generations(["content_article"]) == generation
    assert not any("Revise" in title for title in _titles(kept.teacher_a))


def test_a_commit_renews_its_tables_once_it_has_happened(kept):
    before = changes.generations(["content_article"])
    with transaction.atomic():
        Article.objects.filter(pk=0).update(title="x")
        assert changes.generations(["content_article"]) == before  # not committed yet

    assert changes.generations(["content_article"]) != before


def test_each_person_and_language_has_their_own_list(kept):
    _article_in_review(kept)
    for _ in range(2):
        leader, officer = _titles(kept.phong_leader), _titles(kept.phong_officer)
    vietnamese = _titles(kept.phong_leader, "vi")

    assert any("Hội thi tiếng Anh" in title for title in leader)
    assert not any("Hội thi tiếng Anh" in title for title in officer)  # officers do not review
    assert not any("Hội thi tiếng Anh" in title for title in _titles(kept.teacher_b))
    assert vietnamese != leader


def test_a_topic_is_renewed_when_its_touch_commits_and_not_when_it_rolls_back(kept):
    before = changes.generations(["reports.unit.1"])
    with pytest.raises(RuntimeError), transaction.atomic():
        changes.touch("reports.unit.1")
        raise RuntimeError
    assert changes.generations(["reports.unit.1"]) == before

    with transaction.atomic():
        changes.touch("reports.unit.1")
        assert changes.generations(["reports.unit.1"]) == before  # not committed yet

    assert changes.generations(["reports.unit.1"]) != before


def test_a_generation_dropped_from_the_cache_never_comes_back_equal(kept):
    """A full cache drops entries: a result kept with the generation a table had before a write
    must not match again once that generation is dropped."""
    kept_with = changes.generations(["content_article"])
    caches["generations"].clear()

    assert changes.generations(["content_article"]) != kept_with
    assert changes.generations(["content_article"]) == changes.generations(["content_article"])
