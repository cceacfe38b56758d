import hashlib
from collections.abc import Iterator

import pytest
from django.core import mail

from ttdn.monitoring import pipeline, press_site, tasks, watching
from ttdn.monitoring.enums import FetchOutcome, ItemStage, SourceFormat, SourceState, Tone
from ttdn.monitoring.models import Band, FetchRun, Item, Mention, Source, Story
from ttdn.monitoring.tests.factories import SourceFactory, WatchFactory, article, rss
from ttdn.monitoring.tests.server import Reply, gzip_bomb, never_answers


@pytest.fixture
def press() -> Iterator[str]:
    server = press_site.serve()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def _press_sources(base: str, unit) -> list[Source]:
    return [
        SourceFactory(
            unit=unit,
            name=o.name,
            url=f"{base}/{o.slug}/{o.feed_path}",
            format=o.format,
            language=o.language,
        )
        for o in press_site.OUTLETS
    ]


@pytest.fixture
def _run(django_capture_on_commit_callbacks):
    """Fetch the sources and process their items as the worker would, alerts included."""

    def run(sources) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            for source in sources:
                for item_id in pipeline.fetch_source(source).new_items:
                    pipeline.process_item(item_id)

    return run


@pytest.fixture
def demo_school(cast):
    cast.school_a.name, cast.school_a.short_name = "Trường THCS Hồng Bàng", "THCS Hồng Bàng"
    cast.school_a.save()
    return cast.school_a


def test_the_false_story_becomes_one_story_with_three_copies(_run, cast, demo_school, press):
    watching.sync_entity_watches()

    _run(_press_sources(press, cast.so))

    copies = Item.objects.filter(title__icontains="lạm thu", language="vi").order_by("pk")
    assert (
        copies.count(),
        len({item.story_id for item in copies}),
        copies[0].story.item_count,
    ) == (3, 1, 3)


def test_every_item_is_stored_with_the_page_and_its_digest(_run, cast, press):
    _run(_press_sources(press, cast.so))

    items = list(Item.objects.all())
    assert (len(items), {i.stage for i in items}) == (len(press_site.STORIES), {ItemStage.MATCHED})
    assert all(i.raw_sha256 == hashlib.sha256(bytes(i.raw)).hexdigest() for i in items)
    assert {i.language for i in items} == {"vi", "en", "fr"}


def test_the_school_gets_negative_mentions_and_one_alert_with_its_office(
    _run, cast, demo_school, press
):
    watching.sync_entity_watches()

    _run(_press_sources(press, cast.so))

    mentions = Mention.objects.filter(unit=demo_school)
    story_ids = {m.item.story_id for m in mentions if m.item.language == "vi"}
    assert ({m.tone for m in mentions if m.item.language == "vi"}, len(story_ids)) == (
        {Tone.NEGATIVE},
        1,
    )
    vi_alerts = [m for m in mentions if m.alerted_at is not None and m.item.language == "vi"]
    people = ["phong-leader@example.test", "phong-officer@example.test", "teacher-a@example.test"]
    alerted = sorted(to for m in mail.outbox if vi_alerts[0].item.title in m.body for to in m.to)
    assert (len(vi_alerts), alerted) == (1, people)


def test_processing_an_item_again_changes_nothing(_run, cast, demo_school, press):
    watching.sync_entity_watches()
    sources = _press_sources(press, cast.so)
    _run(sources)
    before = (
        Item.objects.count(),
        Story.objects.count(),
        Mention.objects.count(),
        len(mail.outbox),
    )

    for item in Item.objects.all():
        pipeline.process_item(item.pk)
    for source in sources:
        pipeline.fetch_source(source)

    after = (Item.objects.count(), Story.objects.count(), Mention.objects.count(), len(mail.outbox))
    assert after == before


def test_an_item_resumes_from_the_step_it_reached(cast, web):
    web.routes["/a.html"] = Reply(
        article("Khai giảng", "Trường học khai giảng năm học mới " * 20).encode()
    )
    source = SourceFactory(unit=cast.so, format=SourceFormat.PAGE, url=web.url + "/a.html")
    item_id = pipeline.fetch_source(source).new_items[0]
    pipeline.fetch_pages([Item.objects.get(pk=item_id)])  # the worker stopped after this step
    requests = len(web.requests)

    stage = pipeline.process_item(item_id)

    assert (stage, len(web.requests)) == (ItemStage.MATCHED, requests)


def test_a_crash_while_writing_a_batch_leaves_its_pages_stored_and_nothing_half_written(
    _run, cast, demo_school, press, monkeypatch
):
    watching.sync_entity_watches()
    sources = _press_sources(press, cast.so)
    listed = [pk for source in sources for pk in pipeline.fetch_source(source).new_items]

    def crash(items):
        raise RuntimeError("the worker died")

    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "match", crash)
        with pytest.raises(RuntimeError):
            pipeline.process_items(listed)
    stopped = (
        set(Item.objects.values_list("stage", flat=True)),
        Item.objects.filter(raw_sha256="").count(),
        Story.objects.count(),
        Band.objects.count(),
        Mention.objects.count(),
    )
    stages = pipeline.process_items(listed)

    assert stopped == ({ItemStage.FETCHED}, 0, 0, 0, 0)
    assert set(stages.values()) == {ItemStage.MATCHED}
    copies = Item.objects.filter(title__icontains="lạm thu", language="vi")
    assert (
        len({c.story_id for c in copies}),
        Story.objects.get(items__in=copies[:1]).item_count,
    ) == (
        1,
        3,
    )
    assert Mention.objects.filter(unit=demo_school, item__in=copies).count() == 3


def test_one_batch_gives_the_same_stories_and_mentions_as_one_item_at_a_time(
    cast, demo_school, press
):
    watching.sync_entity_watches()
    sources = _press_sources(press, cast.so)

    def outcome():
        items = Item.objects.order_by("url")
        groups = {}
        for item in items:
            groups.setdefault(item.story_id, []).append(item.url)
        mentions = sorted(Mention.objects.values_list("item__url", "watch_id"))
        return (
            sorted(groups.values()),
            mentions,
            sorted(Story.objects.values_list("item_count", flat=True)),
        )

    listed = [pk for source in sources for pk in pipeline.fetch_source(source).new_items]
    pipeline.process_items(listed)
    batched = outcome()
    Mention.objects.all().delete()
    Item.objects.all().delete()
    Story.objects.all().delete()
    for source in sources:
        source.etag = source.last_modified = ""
        for item_id in pipeline.fetch_source(source).new_items:
            pipeline.process_item(item_id)

    assert outcome() == batched
    assert len(batched[0]) == len(press_site.STORIES) - 2  # the false story's three copies


def test_bad_sources_are_recorded_and_the_others_still_fetched(cast, web, settings):
    settings.MONITORING_MAX_BYTES = 1_000_000
    web.routes["/html.xml"] = Reply(b"<html><body>not a feed</body></html>")
    web.routes["/hang.xml"] = never_answers
    web.routes["/loop.xml"] = Reply(status=302, headers={"Location": "/loop.xml"})
    web.routes["/bomb.xml"] = Reply(gzip_bomb(50), headers={"Content-Encoding": "gzip"})
    web.routes["/good.xml"] = Reply(rss(web.url, [("/a.html", "Tin tốt")]))
    sources = [
        SourceFactory(unit=cast.so, url=web.url + path)
        for path in ("/html.xml", "/hang.xml", "/loop.xml", "/bomb.xml", "/good.xml")
    ]

    for source in sources:
        tasks.fetch_source.call(source.pk)

    assert [
        (s.failures, s.last_error)
        for s in Source.objects.filter(pk__in=[x.pk for x in sources]).order_by("pk")
    ] == [
        (1, "Địa chỉ không trả về nguồn tin (RSS hoặc Atom)."),
        (1, "Máy chủ không trả lời kịp thời."),
        (1, "Địa chỉ chuyển hướng vòng quanh."),
        (1, "Trang lớn hơn 1 MB."),
        (0, ""),
    ]
    assert Item.objects.filter(source=sources[-1]).count() == 1


def test_a_page_failing_marks_only_its_item(_run, cast, web, settings):
    settings.MONITORING_MAX_BYTES = 1_000_000
    web.routes["/feed.xml"] = Reply(rss(web.url, [("/big.html", "Lớn"), ("/ok.html", "Được")]))
    web.routes["/big.html"] = Reply(gzip_bomb(20), headers={"Content-Encoding": "gzip"})
    web.routes["/ok.html"] = Reply(article("Được", "Nội dung bài báo về giáo dục. " * 20).encode())
    source = SourceFactory(unit=cast.so, url=web.url + "/feed.xml")

    _run([source])

    assert sorted(Item.objects.values_list("stage", "error")) == [
        (ItemStage.FAILED, "Trang lớn hơn 1 MB."),
        (ItemStage.MATCHED, ""),
    ]


def test_a_page_declaring_the_wrong_charset_is_read_correctly(_run, cast, web):
    text = "Des parents d'élèves dénoncent des frais scolaires jugés illégaux au collège. " * 5
    page = (
        '<html><head><meta charset="utf-8"><title>Frais</title></head><body><article>'
        f"<h1>Frais scolaires</h1><p>{text}</p></article></body></html>"
    ).encode("cp1252")
    web.routes["/fr.html"] = Reply(page, headers={"Content-Type": "text/html; charset=utf-8"})
    source = SourceFactory(
        unit=cast.so, format=SourceFormat.PAGE, url=web.url + "/fr.html", language="vi"
    )

    _run([source])

    item = Item.objects.get()
    assert (item.text.splitlines()[-1].split(".")[0], item.language) == (
        "Des parents d'élèves dénoncent des frais scolaires jugés illégaux au collège",
        "fr",
    )


def test_a_source_failing_again_and_again_is_paused_and_its_owner_told(
    cast, web, settings, django_capture_on_commit_callbacks
):
    settings.MONITORING_PAUSE_AFTER = 3
    web.routes["/gone.xml"] = Reply(status=500)
    source = SourceFactory(unit=cast.phong, name="Báo hỏng", url=web.url + "/gone.xml")

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            pipeline.fetch_source(Source.objects.get(pk=source.pk))

    source.refresh_from_db()
    assert (
        source.state,
        source.failures,
        FetchRun.objects.filter(source=source, outcome=FetchOutcome.FAILED).count(),
    ) == (
        SourceState.PAUSED,
        3,
        3,
    )
    assert sorted((m.subject, to) for m in mail.outbox for to in m.to) == [
        ("Nguồn theo dõi bị tạm dừng — TTĐN", "phong-leader@example.test"),
        ("Nguồn theo dõi bị tạm dừng — TTĐN", "phong-officer@example.test"),
    ]


def test_a_feed_not_modified_lists_nothing(cast, web):
    def conditional(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            handler.send_response(304)
            handler.end_headers()
            return
        body = rss(web.url, [("/a.html", "Tin")])
        handler.send_response(200)
        handler.send_header("ETag", '"v1"')
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    web.routes["/feed.xml"] = conditional
    source = SourceFactory(unit=cast.so, url=web.url + "/feed.xml")
    first = pipeline.fetch_source(source)

    second = pipeline.fetch_source(Source.objects.get(pk=source.pk))

    assert (len(first.new_items), second.outcome, second.new_items) == (
        1,
        FetchOutcome.NOT_MODIFIED,
        [],
    )


def test_a_listing_page_finds_links_by_selector_or_by_their_headlines(cast, web):
    listing = (
        "<html><body><nav><a href='/'>Trang chủ</a><a href='http://other.example/x'>Một trang khác rất dài tên</a></nav>"
        "<ul><li class='s'><a href='/bai/1.html'>Trường học tổ chức khai giảng năm học mới</a></li>"
        "<li class='s'><a href='/bai/2.html?utm_source=x'>Ngắn</a></li></ul></body></html>"
    )
    web.routes["/list"] = Reply(listing.encode())
    automatic = SourceFactory(unit=cast.so, format=SourceFormat.LISTING, url=web.url + "/list")
    chosen = SourceFactory(
        unit=cast.so, format=SourceFormat.LISTING, url=web.url + "/list", link_selector="li.s a"
    )

    found_automatically = pipeline.fetch_source(automatic).new_items
    found_by_selector = pipeline.fetch_source(chosen).new_items

    assert [Item.objects.get(pk=pk).url for pk in found_automatically + found_by_selector] == [
        web.url + "/bai/1.html",
        web.url + "/bai/2.html?utm_source=x",
    ]


def test_a_pasted_post_is_matched_like_a_fetched_one(cast):
    source = SourceFactory(unit=cast.so, format=SourceFormat.MANUAL, url="")
    WatchFactory(unit=cast.phong, query="hoc phi NOT miễn")
    item = pipeline.paste_item(source, title="Bài đăng", text="Phụ huynh hỏi về học phí năm nay.")

    stage = pipeline.process_item(item.pk)

    assert (stage, list(Mention.objects.values_list("unit__code", flat=True))) == (
        ItemStage.MATCHED,
        ["PGD-HB"],
    )


def test_a_mention_shows_the_paragraph_holding_the_watchs_words_marked(cast):
    source = SourceFactory(unit=cast.so, format=SourceFormat.MANUAL, url="")
    WatchFactory(unit=cast.phong, query='"lạm thu" trường')
    text = (
        "Tin <b>đầu</b> không liên quan.\n\n  \nPhụ huynh <b>Trường</b> A phản ánh lạm thu.\nHết."
    )
    item = pipeline.paste_item(source, title="Bài đăng", text=text)

    pipeline.process_item(item.pk)

    mention = Mention.objects.get()
    assert (mention.snippet, mention.paragraph, mention.cut_snippet()) == (
        "",
        1,
        "Phụ huynh &lt;b&gt;<mark>Trường</mark>&lt;/b&gt; A phản ánh <mark>lạm thu</mark>.",
    )


def test_a_listed_item_holds_what_the_model_gives_a_new_one(cast, web):
    web.routes["/feed.xml"] = Reply(rss(web.url, [("/a.html", "Khai giảng năm học mới")]))
    source = SourceFactory(unit=cast.so, url=web.url + "/feed.xml")

    (pk,) = pipeline.fetch_source(source).new_items

    listed = Item.objects.get(pk=pk)
    fresh = Item(source=source, url=listed.url, key=listed.key, title=listed.title)
    stamps = {"id", "created_at", "updated_at"}
    names = [f.attname for f in Item._meta.concrete_fields if f.name not in stamps]
    assert [getattr(listed, n) for n in names] == [getattr(fresh, n) for n in names]
    assert (listed.url, listed.title, listed.created_at) == (
        web.url + "/a.html",
        "Khai giảng năm học mới",
        listed.updated_at,
    )
