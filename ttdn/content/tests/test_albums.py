"""Albums of photos and videos: written by a site's writers, published by its reviewers, shown
publicly only when published and only with the pictures that may be shown."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ttdn.content import services
from ttdn.content.enums import ArticleStatus, Check, HomeBlock
from ttdn.content.models import Album, AlbumItem, Image, Section
from ttdn.content.tests.factories import consent, jpeg_with_gps
from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry
from ttdn.org.enums import Role
from ttdn.org.tests.factories import member

DAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def new_album(site, by, title="Lễ khai giảng năm học mới"):
    return services.create_album(site, title=title, date=DAY, by=by, description="Toàn trường.")


def photos(album, by, alt="Học sinh chào cờ", count=1, **extra):
    uploads = [jpeg_with_gps() for _ in range(count)]
    return services.add_photos(album, uploads=uploads, alt=alt, by=by, **extra)


def published_album(sites, **extra):
    album = new_album(sites.school_a, sites.editor_a)
    photos(album, sites.editor_a, **extra)
    services.submit_album(album, by=sites.editor_a)
    return services.publish_album(album, by=sites.leader_a, checklist=Check.values)


def page(client, album, **params):
    return client.get(reverse("portal:album", args=[album.site.unit.slug, album.pk]), params)


def file_url(item):
    slug = item.album.site.unit.slug
    return reverse("portal:album_file", args=[slug, item.pk, item.middle_width, "jpg"])


# --- Workflow and who may do what ----------------------------------------------------------


def test_an_editor_writes_an_album_and_a_leader_publishes_it_after_review(client, sites):
    album = new_album(sites.school_a, sites.editor_a)
    photos(album, sites.editor_a, count=2)
    draft_status = page(client, album).status_code

    services.submit_album(album, by=sites.editor_a)
    with pytest.raises(PermissionDenied):
        services.publish_album(album, by=sites.editor_a, checklist=Check.values)
    in_review_status = page(client, album).status_code
    services.publish_album(album, by=sites.leader_a, checklist=Check.values)

    response = page(client, album)
    assert (draft_status, in_review_status, response.status_code) == (404, 404, 200)
    assert response.content.decode().count('alt="Học sinh chào cờ (') == 2
    moves = AuditEntry.objects.filter(action=AuditAction.UPDATE, changes__has_key="status")
    assert [e.changes["status"] for e in moves.order_by("pk")] == [
        ["draft", "in_review"],
        ["in_review", "published"],
    ]


def test_publishing_needs_the_whole_checklist_and_a_reason_when_review_is_skipped(sites):
    album = new_album(sites.school_a, sites.editor_a)
    photos(album, sites.editor_a)

    with pytest.raises(ValidationError) as no_checks:
        services.publish_album(album, by=sites.leader_a, checklist=[], reason="Gấp")
    with pytest.raises(ValidationError) as no_reason:
        services.publish_album(album, by=sites.leader_a, checklist=Check.values)
    services.publish_album(album, by=sites.leader_a, checklist=Check.values, reason="Sự kiện gấp")

    assert no_checks.value.messages == ["Confirm every point of the checklist."]
    assert no_reason.value.messages == ["Give the reason for publishing without review."]
    assert Album.objects.get(pk=album.pk).status == ArticleStatus.PUBLISHED


def test_an_unpublished_album_leaves_the_site_with_its_pictures(client, sites):
    album = published_album(sites)
    item = album.items.get()
    before = (page(client, album).status_code, client.get(file_url(item)).status_code)

    services.unpublish_album(album, by=sites.leader_a)

    after = (page(client, album).status_code, client.get(file_url(item)).status_code)
    assert (before, after) == ((200, 200), (404, 404))


def test_another_schools_editor_cannot_edit_the_album_nor_open_its_page(client, sites, cast):
    album = new_album(sites.school_a, sites.editor_a)
    other = member("editor-b", cast.school_b, Role.EDITOR)

    with pytest.raises(PermissionDenied):
        services.update_album(album, by=other, title="Đổi tên", date=DAY)
    with pytest.raises(PermissionDenied):
        photos(album, other)
    client.force_login(other)
    detail = client.get(reverse("content:album_detail", args=[album.pk]))
    posted = client.post(
        reverse("content:album_detail", args=[album.pk]),
        {"form": "details", "details-title": "Đổi tên", "details-date": "2026-11-21"},
    )

    assert (detail.status_code, posted.status_code) == (404, 404)
    assert (Album.objects.get(pk=album.pk).title, AlbumItem.objects.count()) == (
        "Lễ khai giảng năm học mới",
        0,
    )


def test_an_album_in_review_cannot_be_changed_by_its_editor(sites):
    album = new_album(sites.school_a, sites.editor_a)
    photos(album, sites.editor_a)
    services.submit_album(album, by=sites.editor_a)

    with pytest.raises(PermissionDenied):
        photos(album, sites.editor_a)

    assert album.items.count() == 1


def test_an_empty_album_cannot_be_sent_to_review(sites):
    album = new_album(sites.school_a, sites.editor_a)

    with pytest.raises(ValidationError) as error:
        services.submit_album(album, by=sites.editor_a)

    assert error.value.messages == ["Add photos or videos to the album first."]


# --- Pictures of pupils ----------------------------------------------------------------------


def test_album_photo_of_pupils_without_consent_is_refused_and_leaves_nothing(sites):
    album = new_album(sites.school_a, sites.editor_a)

    with pytest.raises(ValidationError) as error:
        photos(album, sites.editor_a, shows_pupils=True)

    assert (error.value.messages, Image.objects.count(), AlbumItem.objects.count()) == (
        ["A picture or profile of a pupil needs a guardian's consent on record."],
        0,
        0,
    )


def test_a_photo_of_pupils_without_a_valid_consent_is_not_shown_publicly(client, sites):
    given = consent(sites.school_a, days=5, by=sites.leader_a)
    album = published_album(sites, shows_pupils=True, consents=[given], alt="Lớp 6A")
    kept = photos(album, sites.leader_a, alt="Sân trường")[0]
    shown = album.items.get(image__alt="Lớp 6A")
    # A picture marked as showing pupils whose consent is gone (as an import would leave it).
    missing = photos(album, sites.leader_a, alt="Lớp 7B")[0]
    Image.objects.filter(pk=missing.image_id).update(shows_pupils=True)
    before = page(client, album).content.decode()

    services.withdraw_expired(today=timezone.localdate() + datetime.timedelta(days=6))

    after = page(client, album).content.decode()
    assert ("Lớp 6A" in before, "Lớp 7B" in before, "Sân trường" in before) == (True, False, True)
    assert ("Lớp 6A" in after, "Sân trường" in after) == (False, True)
    statuses = [client.get(file_url(item)).status_code for item in (shown, missing, kept)]
    assert statuses == [404, 404, 200]


def test_album_photos_are_stored_without_exif_in_the_private_gallery_folder(sites):
    album = new_album(sites.school_a, sites.editor_a)

    item = photos(album, sites.editor_a)[0]

    assert item.image.file.name.startswith("gallery/")
    assert all(r["jpeg"].startswith("gallery/") for r in item.image.renditions)


# --- Videos ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "Give the video's address, beginning with https://."),
        ("ftp://youtube.com/x", "Give the video's address, beginning with https://."),
        (
            "https://video.example.com/khai-giang",
            "Give a link to a video on youtube.com, youtu.be, vimeo.com, facebook.com, fb.watch.",
        ),
        (
            "https://youtube.com.example.net/watch?v=1",
            "Give a link to a video on youtube.com, youtu.be, vimeo.com, facebook.com, fb.watch.",
        ),
    ],
)
def test_a_video_link_must_be_http_to_a_known_host_and_nothing_is_written(sites, url, message):
    album = new_album(sites.school_a, sites.editor_a)

    with pytest.raises(ValidationError) as error:
        services.add_video(
            album, video_url=url, title="Lễ khai giảng", by=sites.editor_a, poster=jpeg_with_gps()
        )

    assert (error.value.messages, AlbumItem.objects.count(), Image.objects.count()) == (
        [message],
        0,
        0,
    )


def test_the_editor_screen_refuses_a_javascript_link_with_the_message(client, sites):
    album = new_album(sites.school_a, sites.editor_a)
    client.force_login(sites.editor_a)

    response = client.post(
        reverse("content:album_detail", args=[album.pk]),
        {"form": "video", "video-video_url": "javascript:alert(1)", "video-title": "Khai giảng"},
    )

    assert response.status_code == 200
    assert "Give the video&#x27;s address, beginning with https://." in response.content.decode()
    assert AlbumItem.objects.count() == 0


def test_a_video_is_shown_as_a_link_with_its_poster_never_a_player(client, sites):
    album = published_album(sites)
    services.add_video(
        album, video_url="https://www.youtube.com/watch?v=khai-giang", title="Lễ khai giảng",
        by=sites.leader_a, poster=jpeg_with_gps(), poster_alt="Học sinh xếp hàng",
    )  # fmt: skip
    services.add_video(
        album, video_url="https://vimeo.com/123", title="Hội diễn văn nghệ", by=sites.leader_a
    )

    html = page(client, album).content.decode()

    assert 'href="https://www.youtube.com/watch?v=khai-giang"' in html
    assert 'alt="Học sinh xếp hàng"' in html
    assert "Hội diễn văn nghệ" in html and "Vimeo" in html
    assert "<iframe" not in html and "<script" not in html


# --- Public list, home block, section ---------------------------------------------------------


def test_the_album_list_shows_published_albums_only_with_their_cover(client, sites):
    album = published_album(sites)
    new_album(sites.school_a, sites.editor_a, title="Album nháp")
    section = sites.school_a.sections.get(kind="albums")

    html = client.get(
        reverse("portal:section", args=[sites.school_a.unit.slug, section.slug])
    ).content.decode()

    assert album.title in html and "Album nháp" not in html
    assert f"/album/anh/{album.items.get().pk}/" in html


def test_a_new_site_has_the_albums_section_after_the_news(sites):
    slugs = list(sites.school_a.sections.values_list("slug", flat=True))

    assert slugs[slugs.index("tin-tuc-hoat-dong") + 1] == "thu-vien-anh-video"
    assert Section.objects.get(site=sites.school_a, slug="thu-vien-anh-video").kind == "albums"


def test_the_home_page_shows_the_featured_album_else_the_latest(client, sites):
    site = sites.school_a
    services.update_site(site, by=sites.leader_a, home_blocks=[HomeBlock.ALBUM])
    first = published_album(sites)
    services.update_album(first, by=sites.leader_a, title="Hội khỏe Phù Đổng", date=DAY)
    later = new_album(site, sites.editor_a, title="Trung thu")
    services.update_album(later, by=sites.editor_a, title="Trung thu", date=DAY.replace(day=25))
    photos(later, sites.editor_a)
    services.publish_album(later, by=sites.leader_a, checklist=Check.values, reason="Demo")
    home = reverse("portal:home", args=[site.unit.slug])
    latest = client.get(home).content.decode()

    services.update_album(
        first, by=sites.leader_a, title="Hội khỏe Phù Đổng", date=DAY, is_featured=True
    )

    featured = client.get(home).content.decode()
    assert ("Trung thu" in latest, "Hội khỏe Phù Đổng" in latest) == (True, False)
    assert ("Trung thu" in featured, "Hội khỏe Phù Đổng" in featured) == (False, True)
    assert 'id="featured-album"' in featured


def test_the_home_page_without_the_block_shows_no_album(client, sites):
    published_album(sites)
    services.update_site(sites.school_a, by=sites.leader_a, home_blocks=[HomeBlock.NEWS])

    html = client.get(reverse("portal:home", args=[sites.school_a.unit.slug])).content.decode()

    assert 'id="featured-album"' not in html


def test_the_album_page_in_english_keeps_the_language(client, sites):
    services.update_site(sites.school_a, by=sites.leader_a, languages=["en"])
    album = published_album(sites)

    html = page(client, album, lang="en").content.decode()

    assert '<html lang="en">' in html and "Photos and videos" in html


def test_the_editor_creates_an_album_and_adds_photos_through_the_screens(client, sites):
    client.force_login(sites.editor_a)
    created = client.post(
        reverse("content:album_list", args=[sites.school_a.unit.code]),
        {"title": "Ngày hội đọc sách", "date": "2026-11-20", "description": ""},
    )
    album = Album.objects.get()
    added = client.post(
        reverse("content:album_detail", args=[album.pk]),
        {"form": "photos", "photos-uploads": [jpeg_with_gps(), jpeg_with_gps()],
         "photos-alt": "Học sinh đọc sách"},
    )  # fmt: skip

    assert (created.status_code, added.status_code) == (302, 302)
    assert [i.image.alt for i in album.items.all()] == [
        "Học sinh đọc sách (1/2)",
        "Học sinh đọc sách (2/2)",
    ]


def test_demo_school_has_a_published_album_and_a_filled_about_page(client, db):
    from ttdn.content import demo as content_demo
    from ttdn.org import demo as org_demo

    org_demo.load()
    content_demo.load()
    content_demo.load()  # idempotent

    album = Album.objects.live().get(site__unit__code="HB-THCS-HONGBANG")
    about = client.get(reverse("portal:section", args=[album.site.unit.slug, "gioi-thieu"]))
    assert (album.items.count(), album.items.filter(kind="video").count()) == (5, 1)
    assert page(client, album).status_code == 200
    html = about.content.decode()
    assert html.index("Đặng Văn Thành") < html.index("Nguyễn Thị Hoa") < html.index("Trần Minh Đức")
    assert "Trường THCS Hồng Bàng được thành lập năm 1960" in html


def test_an_album_in_review_waits_in_the_reviewers_todo_and_a_returned_one_in_its_writers(sites):
    from ttdn.content import todo

    album = new_album(sites.school_a, sites.editor_a)
    photos(album, sites.editor_a)
    services.submit_album(album, by=sites.editor_a)
    waiting = [i.title for i in todo.items(sites.leader_a)]
    services.return_album(album, by=sites.leader_a, comment="Thêm ảnh lớp 6.")

    returned = [i.title for i in todo.items(sites.editor_a)]
    assert "Review the album “Lễ khai giảng năm học mới”" in waiting
    assert "Revise the returned album “Lễ khai giảng năm học mới”" in returned


def test_the_sitemap_lists_published_albums_only(client, sites):
    album = published_album(sites)
    draft = new_album(sites.school_a, sites.editor_a, title="Album nháp")

    body = client.get(reverse("portal:sitemap", args=[sites.school_a.unit.slug])).content.decode()

    assert f"/album/{album.pk}/</loc>" in body and f"/album/{draft.pk}/</loc>" not in body


def test_existing_sites_get_the_albums_section_at_the_end_of_their_menu_once(sites):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("ttdn.content.migrations.0012_albums_about_page")
    Section.objects.filter(kind="albums").delete()
    last = sites.school_a.sections.order_by("position").last()

    migration.add_albums_section(apps, None)
    migration.add_albums_section(apps, None)

    added = Section.objects.filter(site=sites.school_a, kind="albums")
    assert [(s.slug, s.title) for s in added] == [("thu-vien-anh-video", "Thư viện ảnh – video")]
    assert added.get().position == last.position + 1
    assert Section.objects.filter(kind="albums").count() == 4  # every site of the cast, once


def test_the_album_page_shows_its_history_in_the_users_words(client, sites):
    album = new_album(sites.school_a, sites.editor_a)
    photos(album, sites.editor_a)
    services.submit_album(album, by=sites.editor_a)
    services.return_album(album, by=sites.leader_a, comment="Thêm ảnh lớp 6.")
    client.force_login(sites.editor_a)

    html = client.get(reverse("content:album_detail", args=[album.pk])).content.decode()

    assert "In review → Returned" in html
    assert "Comment" in html and "Thêm ảnh lớp 6." in html
