import pytest
from django.urls import reverse

from ttdn.content import services
from ttdn.content.enums import Classification
from ttdn.content.tests.factories import article, published
from ttdn.org.enums import Role
from ttdn.org.tests.factories import member


def home_url(site):
    return reverse("portal:home", args=[site.unit.slug])


def test_school_site_shows_published_articles_and_never_drafts_or_classified(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a, title="Hội khỏe Phù Đổng")
    article(sites.school_a, title="Bản nháp chưa duyệt")
    article(sites.school_a, title="Tài liệu mật", classification=Classification.SECRET)

    response = client.get(home_url(sites.school_a))

    assert (response.status_code, [a.title for a in response.context["home"].latest]) == (
        200,
        [live.title],
    )


def test_office_site_shows_the_latest_news_of_its_subtree_but_not_another_provinces(
    client, sites, cast
):
    published(sites.school_a, reviewer=sites.leader_a, title="Tin trường A")
    published(sites.school_b, reviewer=cast.phong_leader, title="Tin trường B")
    published(
        sites.outsider_school,
        reviewer=member("qn-leader", cast.outsider_so, Role.LEADER),
        title="Tin Quảng Ninh",
    )

    response = client.get(home_url(sites.phong))

    assert sorted(a.title for a in response.context["home"].subtree) == [
        "Tin trường A",
        "Tin trường B",
    ]


def test_unknown_site_is_not_found(client, sites):
    response = client.get("/khong-co-truong-nay/")

    assert response.status_code == 404


def test_product_routes_are_never_taken_for_a_site(client, sites):
    response = client.get("/calendar/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_article_page_has_open_graph_tags(client, sites):
    live = published(
        sites.school_a, reviewer=sites.leader_a, title="Ngày hội đọc sách", summary="Tóm tắt"
    )

    response = client.get(live.get_absolute_url())

    html = response.content.decode()
    assert '<meta property="og:title" content="Ngày hội đọc sách">' in html
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:description" content="Tóm tắt">' in html


def test_draft_article_page_is_not_found(client, sites):
    draft = article(sites.school_a)

    response = client.get(
        reverse("portal:article", args=[sites.school_a.unit.slug, draft.pk, draft.slug])
    )

    assert response.status_code == 404


def test_article_of_another_site_is_not_found_under_this_one(client, sites, cast):
    live = published(sites.school_b, reviewer=cast.phong_leader)

    response = client.get(
        reverse("portal:article", args=[sites.school_a.unit.slug, live.pk, live.slug])
    )

    assert response.status_code == 404


def test_publishing_shows_on_the_cached_home_page_at_once(client, sites):
    url = home_url(sites.school_a)
    first = client.get(url)

    published(sites.school_a, reviewer=sites.leader_a, title="Tin mới đăng")
    second = client.get(url)

    assert "Tin mới đăng" not in first.content.decode()
    assert "Tin mới đăng" in second.content.decode()


def test_editing_a_published_article_shows_on_the_cached_pages_at_once(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a, title="Tiêu đề cũ")
    urls = [
        home_url(sites.school_a),
        home_url(sites.phong),
        reverse("portal:rss", args=[sites.school_a.unit.slug]),
    ]
    before = [client.get(url).content.decode().count("Tiêu đề cũ") for url in urls]

    services.update_article(live, by=sites.leader_a, title="Tiêu đề mới")

    after = [client.get(url).content.decode().count("Tiêu đề mới") for url in urls]
    assert (before, [n > 0 for n in after]) == ([1, 1, 1], [True, True, True])


def test_unpublishing_removes_the_article_from_the_cached_page_at_once(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a, title="Sẽ gỡ xuống")
    before = client.get(home_url(sites.school_a)).content.decode().count("Sẽ gỡ xuống")

    services.unpublish_article(live, by=sites.leader_a)

    assert (before, client.get(home_url(sites.school_a)).content.decode().count("Sẽ gỡ xuống")) == (
        1,
        0,
    )


def test_cached_page_is_served_without_a_query(client, sites, django_assert_num_queries):
    published(sites.school_a, reviewer=sites.leader_a)
    client.get(home_url(sites.school_a))

    with django_assert_num_queries(0):
        response = client.get(home_url(sites.school_a))

    assert response.status_code == 200


@pytest.mark.parametrize("item_count", [1, 3])
def test_section_list_queries_do_not_grow_with_items(
    client, sites, item_count, django_assert_num_queries
):
    section = sites.school_a.sections.get(slug="tin-tuc-hoat-dong")
    for _ in range(item_count):
        published(sites.school_a, reviewer=sites.leader_a, section=section)

    # The site, its sections (the one shown among them), the count and the page.
    with django_assert_num_queries(4):
        response = client.get(
            reverse("portal:section", args=[sites.school_a.unit.slug, section.slug])
        )

    assert len(response.context["page"]) == item_count


@pytest.mark.parametrize(
    ("languages", "translated", "queries"),
    [
        ([], False, 1),  # the article: its site and sections are known, no other language
        (["en"], False, 2),  # and its versions in other languages
        (["en"], True, 2),
    ],
)
def test_article_page_reads_the_article_with_its_site_and_little_else(
    client, sites, languages, translated, queries, django_assert_num_queries, kept_sites
):
    sites.school_a.languages = languages
    sites.school_a.save()
    live = published(sites.school_a, reviewer=sites.leader_a, tags=["thi đua"])
    if translated:
        english = services.translate_article(
            live, language="en", by=sites.editor_a, title="In English", summary="S", body="<p>T</p>"
        )
        services.publish_without_review(english, by=sites.leader_a, reason="Bản dịch đã kiểm tra")
    client.get(home_url(sites.school_a))  # this process has read the site's sections

    with django_assert_num_queries(queries):
        response = client.get(live.get_absolute_url())

    assert (response.status_code, [t.title for t in response.context["translations"]]) == (
        200,
        ["In English"] if translated else [],
    )


def test_renaming_a_section_shows_on_the_pages_at_once(client, sites):
    section = sites.school_a.sections.get(slug="tin-tuc-hoat-dong")
    live = published(sites.school_a, reviewer=sites.leader_a, section=section)
    urls = [home_url(sites.school_a), live.get_absolute_url()]
    before = [client.get(url).content.decode() for url in urls]

    section.title = "Hoạt động nhà trường"
    section.save()  # as the admin does
    after = [client.get(url).content.decode() for url in urls]

    assert (
        ["Hoạt động nhà trường" in page for page in before],
        ["Hoạt động nhà trường" in page for page in after],
    ) == ([False, False], [True, True])


def test_section_list_is_paginated_by_twenty(client, sites):
    section = sites.school_a.sections.get(slug="tin-tuc-hoat-dong")
    for _ in range(21):
        published(sites.school_a, reviewer=sites.leader_a, section=section)

    response = client.get(
        reverse("portal:section", args=[sites.school_a.unit.slug, section.slug]), {"page": 2}
    )

    assert (len(response.context["page"]), response.context["page"].number) == (1, 2)


def test_rss_and_atom_feeds_list_the_sites_articles(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a, title="Tin trên RSS")
    slug = sites.school_a.unit.slug

    rss = client.get(reverse("portal:rss", args=[slug]))
    atom = client.get(reverse("portal:atom", args=[slug]))
    section = client.get(reverse("portal:section_rss", args=[slug, live.section.slug]))
    other = client.get(reverse("portal:section_rss", args=[slug, "hoi-nhap-quoc-te"]))

    assert (
        rss["Content-Type"].split(";")[0],
        atom["Content-Type"].split(";")[0],
        [r.content.decode().count("Tin trên RSS") for r in (rss, atom, section, other)],
    ) == ("application/rss+xml", "application/atom+xml", [1, 1, 1, 0])


def test_sitemap_lists_live_articles(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a)
    draft = article(sites.school_a)

    body = client.get(reverse("portal:sitemap", args=[sites.school_a.unit.slug])).content.decode()

    assert live.get_absolute_url() in body
    assert f"/bai-viet/{draft.pk}/" not in body


def test_search_matches_without_tones_and_only_live_articles_of_the_site(client, sites, cast):
    published(sites.school_a, reviewer=sites.leader_a, title="Tập huấn đào tạo giáo viên")
    article(sites.school_a, title="Đào tạo nội bộ (nháp)")
    published(sites.school_b, reviewer=cast.phong_leader, title="Đào tạo ở trường B")

    response = client.get(
        reverse("portal:search", args=[sites.school_a.unit.slug]), {"q": "dao tao"}
    )

    assert [a.title for a in response.context["results"]] == ["Tập huấn đào tạo giáo viên"]


def test_search_is_limited_per_address(client, sites, settings):
    settings.PORTAL_SEARCH_PER_MINUTE = 3
    published(sites.school_a, reviewer=sites.leader_a, title="Tập huấn đào tạo giáo viên")
    url = reverse("portal:search", args=[sites.school_a.unit.slug])
    answered = [client.get(url, {"q": "dao tao"}).status_code for _ in range(3)]

    refused = client.get(url, {"q": "dao tao"})
    elsewhere = client.get(url, {"q": "dao tao"}, REMOTE_ADDR="10.2.2.2")

    assert answered == [200, 200, 200]
    assert (refused.status_code, refused.context["results"]) == (429, [])
    assert "Bạn đã tìm kiếm quá nhiều lần" in refused.content.decode()
    assert [a.title for a in elsewhere.context["results"]] == ["Tập huấn đào tạo giáo viên"]


def test_language_switch_lists_the_english_articles(client, sites):
    sites.school_a.languages = ["en"]
    sites.school_a.save()
    source = published(sites.school_a, reviewer=sites.leader_a, title="Lễ khai giảng")
    english = services.translate_article(
        source,
        language="en",
        by=sites.editor_a,
        title="Opening ceremony",
        summary="S",
        body="<p>T</p>",
    )
    services.publish_without_review(english, by=sites.leader_a, reason="Bản dịch đã kiểm tra")

    vi = client.get(home_url(sites.school_a))
    en = client.get(home_url(sites.school_a), {"lang": "en"})
    page = client.get(english.get_absolute_url())

    assert (
        [a.title for a in vi.context["home"].latest],
        [a.title for a in en.context["home"].latest],
        en.content.decode().count('<html lang="en">'),
        [t.title for t in page.context["translations"]],
    ) == (["Lễ khai giảng"], ["Opening ceremony"], 1, ["Lễ khai giảng"])


def test_a_units_host_name_serves_its_site(client, sites, cast, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "thcs-hongbang.example.test"]
    cast.school_a.hostname = "thcs-hongbang.example.test"
    cast.school_a.save()
    published(sites.school_a, reviewer=sites.leader_a, title="Tin trên tên miền riêng")

    response = client.get("/", HTTP_HOST="thcs-hongbang.example.test")

    assert (response.status_code, response.context["unit"]) == (200, cast.school_a)


@pytest.mark.parametrize("item_count", [1, 3])
def test_office_home_queries_do_not_grow_with_items(
    client, sites, cast, item_count, django_assert_num_queries
):
    for _ in range(item_count):
        published(sites.school_a, reviewer=sites.leader_a)
        published(sites.phong, reviewer=cast.phong_leader)

    # Each home block reads once (notices, this week's schedule and the featured album added
    # three): a fixed number.
    with django_assert_num_queries(9):
        response = client.get(home_url(sites.phong))

    assert (len(response.context["home"].latest), len(response.context["home"].subtree)) == (
        item_count,
        item_count,
    )


@pytest.mark.parametrize("item_count", [1, 3])
def test_rss_queries_do_not_grow_with_items(client, sites, item_count, django_assert_num_queries):
    for _ in range(item_count):
        published(sites.school_a, reviewer=sites.leader_a, tags=["thi đua"])

    with django_assert_num_queries(2):
        response = client.get(reverse("portal:rss", args=[sites.school_a.unit.slug]))

    assert response.content.decode().count("<item>") == item_count


def test_a_cached_page_is_answered_before_sign_in_with_the_headers_of_a_rendered_one(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a)
    rendered = client.get(live.get_absolute_url())

    from_cache = client.get(live.get_absolute_url())

    kept = ["Content-Type", "Content-Language", "Content-Security-Policy", "X-Frame-Options"]
    kept += ["X-Content-Type-Options", "Referrer-Policy", "Cross-Origin-Opener-Policy", "Vary"]
    assert hasattr(rendered.wsgi_request, "user")
    assert not hasattr(from_cache.wsgi_request, "user")  # no session, sign-in or CSRF work
    assert from_cache.content == rendered.content
    assert {h: from_cache.get(h) for h in kept} == {h: rendered.get(h) for h in kept}
    assert all(rendered.get(h) for h in kept)


def test_a_signed_in_persons_request_goes_through_the_whole_stack(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a)
    client.get(live.get_absolute_url())  # cached
    client.force_login(sites.editor_a)

    response = client.get(live.get_absolute_url())

    assert (response.status_code, response.wsgi_request.user) == (200, sites.editor_a)
