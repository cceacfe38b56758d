"""Public pages read their site from what the process kept, and see a change to the site, its
unit or its pictures on the next request, whoever made it and however (these tests commit)."""

from __future__ import annotations

import pytest
from django.core.cache import caches

from conftest import Cast, build_cast
from ttdn.content import public
from ttdn.content import services as content
from ttdn.content.models import Site
from ttdn.core import changes
from ttdn.org.models import Unit


@pytest.fixture
def kept(settings, transactional_db) -> Cast:
    settings.KEEP_READS = True
    settings.CACHES = {
        **settings.CACHES,
        "generations": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "s",
        },
        "portal": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    caches["generations"].clear()
    public._sites.clear()
    cast = build_cast()
    content.open_site(cast.school_a)
    return cast


def test_the_site_is_read_once_then_kept(kept, django_assert_num_queries):
    public.site_or_404(kept.school_a.slug)

    with django_assert_num_queries(0):
        site = public.site_or_404(kept.school_a.slug)

    assert site.unit == kept.school_a


def test_a_change_to_the_site_or_its_unit_shows_on_the_next_page(kept, client):
    client.get(f"/{kept.school_a.slug}/")
    Site.objects.filter(unit=kept.school_a).update(tagline="Dạy tốt, học tốt")
    Unit.objects.filter(pk=kept.school_a.pk).update(name="Trường THCS Hồng Bàng mới")

    page = client.get(f"/{kept.school_a.slug}/").content.decode()

    assert "Dạy tốt, học tốt" in page
    assert "Trường THCS Hồng Bàng mới" in page


def test_a_unit_that_changed_its_address_is_not_found_at_the_old_one(kept, client):
    old = kept.school_a.slug
    assert client.get(f"/{old}/").status_code == 200
    Unit.objects.filter(pk=kept.school_a.pk).update(slug="thcs-hong-bang-moi")

    assert client.get(f"/{old}/").status_code == 404
    assert client.get("/thcs-hong-bang-moi/").status_code == 200


def test_the_kept_site_depends_only_on_the_tables_it_is_validated_by(kept):
    with changes.tables_read() as read:
        public._site(kept.school_a.slug)

    assert read <= set(public.SITE_TABLES)


def test_the_kept_menu_follows_a_renamed_section_and_marks_the_page_s_own(kept, client):
    slug = kept.school_a.slug
    site = Site.objects.get(unit=kept.school_a)
    news, notices = site.sections.get(slug="tin-tuc-hoat-dong"), site.sections.get(slug="thong-bao")
    client.get(f"/{slug}/chuyen-muc/{news.slug}/")
    news.title = "Tin tức của trường"
    news.save()

    pages = [client.get(f"/{slug}/chuyen-muc/{s.slug}/").content.decode() for s in (news, notices)]

    assert [
        [s.slug for s in (news, notices) if f'/chuyen-muc/{s.slug}/" aria-current="page"' in page]
        for page in pages
    ] == [["tin-tuc-hoat-dong"], ["thong-bao"]]
    assert [page.count(">Tin tức của trường</a>") for page in pages] == [1, 1]


def test_the_words_searched_are_in_the_search_page_s_header_only(kept, client):
    slug = kept.school_a.slug

    searched = client.get(f"/{slug}/tim-kiem/?q=khai+giảng").content.decode()
    home = client.get(f"/{slug}/").content.decode()

    assert ['value="khai giảng"' in page for page in (searched, home)] == [True, False]
