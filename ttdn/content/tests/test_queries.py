import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ttdn.content import queries, services
from ttdn.content.models import Article, GalleryItem, Image, Site
from ttdn.content.tests.factories import article, jpeg_with_gps, published
from ttdn.core import access
from ttdn.org.models import Unit


def test_published_counts_per_unit_section_and_language_in_a_period(sites, cast):
    news = sites.school_a.sections.get(slug="tin-tuc-hoat-dong")
    published(sites.school_a, reviewer=sites.leader_a, section=news)
    published(sites.school_a, reviewer=sites.leader_a, section=news)
    published(sites.school_b, reviewer=cast.phong_leader)
    old = published(sites.school_a, reviewer=sites.leader_a)
    Article.objects.filter(pk=old.pk).update(
        published_at=timezone.now() - datetime.timedelta(days=400)
    )
    article(sites.school_a)
    today = timezone.localdate()

    rows = queries.published_counts(
        access.visible_units(cast.phong_leader),
        since=today - datetime.timedelta(days=30),
        until=today,
    )

    assert [(r.unit_code, r.section, r.language, r.count) for r in rows] == [
        ("HB-A", "Tin tức – hoạt động", "vi", 2),
        ("HB-B", "Tin tức – hoạt động", "vi", 1),
    ]


def test_published_counts_of_the_outsider_never_include_this_province(sites, cast):
    published(sites.school_a, reviewer=sites.leader_a)
    today = timezone.localdate()

    total = queries.published_total(access.visible_units(cast.outsider), since=today, until=today)

    assert total == 0


def test_published_total_sums_the_counts(sites, cast):
    published(sites.school_a, reviewer=sites.leader_a)
    published(sites.school_b, reviewer=cast.phong_leader)
    today = timezone.localdate()

    total = queries.published_total(
        Unit.objects.filter(pk=cast.school_a.pk), since=today, until=today
    )

    assert total == 1


def test_scheduled_publishing_command_publishes_due_articles(sites):
    from django.core.management import call_command

    draft = article(sites.school_a)
    services.submit_article(draft, by=draft.author)
    services.approve_article(
        draft, by=sites.leader_a, checklist=["no_secrets", "figures", "maps", "consent"],
        publish_at=timezone.now() + datetime.timedelta(seconds=60),
    )  # fmt: skip
    Article.objects.filter(pk=draft.pk).update(
        published_at=timezone.now() - datetime.timedelta(seconds=1)
    )

    call_command("publish_scheduled_articles")

    assert Article.objects.get().is_live is True


def test_demo_loader_opens_sites_and_publishes_articles_once(db):
    from ttdn.content import demo
    from ttdn.org import demo as org_demo

    org_demo.load()
    first = demo.load()
    second = demo.load()

    school = Site.objects.get(unit__code="HB-THCS-HONGBANG")
    assert first[0].endswith(
        "3 demo articles published, the site of Trường THCS Hồng Bàng dressed as a school's"
        ", an album and the about page of Trường THCS Hồng Bàng"
    )
    assert second[0] == "0 sites opened, 0 demo articles published"
    assert Article.objects.live().count() == 3 + 4  # and the school's notices, about, admissions
    assert (bool(school.banner_id), school.disclosures.count(), school.weeks.count()) == (
        True,
        3,
        1,
    )


def test_articles_published_counts_the_unit_or_its_whole_subtree(sites, cast):
    published(sites.school_a, reviewer=sites.leader_a)
    published(sites.school_b, reviewer=cast.phong_leader)
    published(sites.phong, reviewer=cast.phong_leader)
    today = timezone.localdate()

    counts = (
        queries.articles_published(cast.phong, today, today),
        queries.articles_published_in_subtree(cast.phong, today, today),
        queries.articles_published_in_subtree(cast.outsider_so, today, today),
    )

    assert counts == (1, 3, 0)


def test_awaiting_review_lists_what_the_person_may_review_and_nothing_for_an_operator(sites, cast):
    draft = article(sites.school_a)
    services.submit_article(draft, by=draft.author)
    article(sites.school_b)

    found = [
        queries.awaiting_review(person)
        for person in (
            sites.leader_a,
            cast.phong_leader,
            sites.editor_a,
            cast.outsider,
            cast.operator,
        )
    ]

    assert found == [[draft], [draft], [], [], []]


def test_feed_entries_are_the_live_articles_of_the_site_section_and_language(sites, cast):
    sites.school_a.languages = ["en"]
    sites.school_a.save()
    news = sites.school_a.sections.get(slug="tin-tuc-hoat-dong")
    other = sites.school_a.sections.exclude(pk=news.pk).first()
    live = [
        published(sites.school_a, reviewer=sites.leader_a, section=news, tags=["thi đua"]),
        published(sites.school_a, reviewer=sites.leader_a, section=other),
        published(sites.school_a, reviewer=sites.leader_a, section=news, byline="Tổ Văn"),
    ]
    scheduled = published(sites.school_a, reviewer=sites.leader_a, section=news)
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() + datetime.timedelta(days=1)
    )
    article(sites.school_a, section=news)  # a draft
    published(sites.school_b, reviewer=cast.phong_leader)  # another site
    english = services.translate_article(
        live[0], language="en", by=sites.editor_a, title="In English", summary="S", body="<p>T</p>"
    )
    services.publish_without_review(english, by=sites.leader_a, reason="Bản dịch đã kiểm tra")

    def expected(language, section=None):
        articles = queries.public_articles(sites.school_a, language)
        return list((articles.filter(section=section) if section else articles)[:2])

    assert [
        [(e.pk, e.title, e.published_at, e.tags, e.section, e.author) for e in entries]
        for entries in (
            queries.feed_entries(sites.school_a, "vi", limit=2),
            queries.feed_entries(sites.school_a, "vi", news, limit=2),
            queries.feed_entries(sites.school_a, "en", limit=2),
        )
    ] == [
        [
            (a.pk, a.title, a.published_at, a.tags, a.section.title, a.byline or str(a.author))
            for a in articles
        ]
        for articles in (expected("vi"), expected("vi", news), expected("en"))
    ]


def _fields(instance):
    return [(f.attname, getattr(instance, f.attname)) for f in type(instance)._meta.concrete_fields]


def test_public_article_is_the_orm_s_with_its_section_and_cover(sites, cast):
    image = services.add_image(
        sites.school_a, upload=jpeg_with_gps(), alt="Lễ khai giảng", by=sites.editor_a
    )
    with_cover = published(sites.school_a, reviewer=sites.leader_a, cover=image, tags=["thi đua"])
    plain = published(sites.school_a, reviewer=sites.leader_a, byline="Tổ Văn")
    scheduled = published(sites.school_a, reviewer=sites.leader_a)
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() + datetime.timedelta(days=1)
    )
    draft = article(sites.school_a)
    elsewhere = published(sites.school_b, reviewer=cast.phong_leader)
    orm = Article.objects.live().filter(site=sites.school_a).select_related("section", "cover")

    found = {
        a.pk: queries.public_article(sites.school_a, a.pk)
        for a in (with_cover, plain, scheduled, draft, elsewhere)
    }

    assert [pk for pk, a in found.items() if a is not None] == [with_cover.pk, plain.pk]
    for pk in (with_cover.pk, plain.pk):
        expected = orm.get(pk=pk)
        assert (_fields(found[pk]), _fields(found[pk].section)) == (
            _fields(expected),
            _fields(expected.section),
        )
    assert _fields(found[with_cover.pk].cover) == _fields(orm.get(pk=with_cover.pk).cover)
    assert found[plain.pk].cover is None
    assert found[plain.pk].site is sites.school_a


def test_translations_are_the_other_live_versions_in_language_order(sites):
    sites.school_a.languages = ["en", "fr"]
    sites.school_a.save()
    source = published(sites.school_a, reviewer=sites.leader_a)
    english = services.translate_article(
        source, language="en", by=sites.editor_a, title="In English", summary="S", body="<p>T</p>"
    )
    services.publish_without_review(english, by=sites.leader_a, reason="Bản dịch đã kiểm tra")
    services.translate_article(  # a draft: not shown
        source, language="fr", by=sites.editor_a, title="En français", summary="S", body="<p>T</p>"
    )

    of_source = queries.translations(source)
    of_english = queries.translations(Article.objects.get(pk=english.pk))

    assert [(a.pk, a.language, a.get_absolute_url()) for a in of_source] == [
        (english.pk, "en", english.get_absolute_url())
    ]
    assert [(a.pk, a.language, a.title) for a in of_english] == [(source.pk, "vi", source.title)]


def test_article_media_are_the_shown_gallery_and_the_attachments_in_their_order(sites):
    draft = article(sites.school_a)  # its media are read as they are, live or not
    items = [
        services.add_to_gallery(draft, upload=jpeg_with_gps(), alt=f"Ảnh {n}", by=sites.editor_a)
        for n in range(3)
    ]
    services.move_gallery_item(items[2], by=sites.editor_a, step=-1)
    Image.objects.filter(pk=items[0].image_id).update(withdrawn_at=timezone.now())
    files = [
        services.attach_file(
            draft, upload=SimpleUploadedFile(name, b"%PDF-1.7\n" + b"0" * 100), by=sites.editor_a
        )
        for name in ("ke-hoach.pdf", "bao-cao.pdf")
    ]
    other = article(sites.school_a)
    services.attach_file(
        other, upload=SimpleUploadedFile("khac.pdf", b"%PDF-1.7\n0"), by=sites.editor_a
    )

    gallery, attachments = queries.article_media(draft)

    shown = GalleryItem.objects.filter(article=draft, image__withdrawn_at__isnull=True)
    assert [(_fields(g), _fields(g.image)) for g in gallery] == [
        (_fields(g), _fields(g.image)) for g in shown.select_related("image")
    ]
    assert [g.image.alt for g in gallery] == ["Ảnh 2", "Ảnh 1"]
    assert [_fields(a) for a in attachments] == [_fields(a) for a in draft.attachments.all()]
    assert [a.pk for a in attachments] == [f.pk for f in files]


def test_section_page_reads_what_the_orm_reads(sites, cast, monkeypatch):
    monkeypatch.setattr(queries, "PAGE_SIZE", 2)
    news = sites.school_a.sections.get(slug="tin-tuc-hoat-dong")
    other = sites.school_a.sections.exclude(pk=news.pk).first()
    image = services.add_image(
        sites.school_a, upload=jpeg_with_gps(), alt="Lễ khai giảng", by=sites.editor_a
    )
    published(sites.school_a, reviewer=sites.leader_a, section=news, cover=image)
    published(sites.school_a, reviewer=sites.leader_a, section=news)
    published(sites.school_a, reviewer=sites.leader_a, section=news, tags=["thi đua"])
    published(sites.school_a, reviewer=sites.leader_a, section=other)
    scheduled = published(sites.school_a, reviewer=sites.leader_a, section=news)
    Article.objects.filter(pk=scheduled.pk).update(
        published_at=timezone.now() + datetime.timedelta(days=1)
    )
    article(sites.school_a, section=news)  # a draft
    published(sites.school_b, reviewer=cast.phong_leader)  # another site
    orm = queries._live(sites.school_a, "vi").filter(section=news)

    def card(a):
        cover = a.cover and (_fields(a.cover), a.cover.get_deferred_fields())
        return (_fields(a), a.get_deferred_fields(), a.site, a.section, cover)

    pages = [queries.section_page(sites.school_a, news, "vi", n) for n in ("1", "2", "9", "x")]

    expected = [queries.listed(sites.school_a, [news], orm[start : start + 2]) for start in (0, 2)]
    assert [(p.number, p.paginator.count, [card(a) for a in p]) for p in pages] == [
        (1, 3, [card(a) for a in expected[0]]),
        (2, 3, [card(a) for a in expected[1]]),
        (2, 3, [card(a) for a in expected[1]]),
        (1, 3, [card(a) for a in expected[0]]),
    ]
    assert [a.cover is not None for a in pages[0]] + [a.cover is not None for a in pages[1]] == [
        False, False, True
    ]  # fmt: skip
    assert list(queries.section_page(sites.school_a, other, "en", 1)) == []
