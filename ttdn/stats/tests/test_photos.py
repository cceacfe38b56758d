"""Photos cleared for press use: only a published picture of the unit's portal, only while the
consent rules allow it, and the press kit hands out a re-encoded copy, never the original."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image as Pillow

from ttdn.content import services as content
from ttdn.content.enums import Check
from ttdn.content.tests.factories import jpeg_with_gps
from ttdn.org.enums import Role
from ttdn.org.tests.factories import member
from ttdn.stats.models import PressPhoto
from ttdn.stats.services import photos


def _consent(site, *, by, days):
    today = timezone.localdate()
    return content.record_consent(
        site, pupil="Trần Minh An", given_by="Trần Văn Bình (bố)",
        given_on=today - datetime.timedelta(days=30),
        valid_until=today + datetime.timedelta(days=days), by=by,
    )  # fmt: skip


def _published_picture(site, by, **picture):
    """A live article of the site with one gallery picture."""
    article = content.create_article(
        site, by=by, title="Lễ khai giảng", summary="Khai giảng.", body="<p>Khai giảng.</p>"
    )
    item = content.add_to_gallery(
        article, upload=jpeg_with_gps(), alt="Học sinh chào cờ", by=by, **picture
    )
    content.submit_article(article, by=by)
    content.approve_article(article, by=by, checklist=Check.values)
    return item.image


@pytest.fixture
def site(cast):
    return content.open_site(cast.phong)


def _clear(image, by):
    return photos.clear_press_photo(image, by=by, caption="Lễ chào cờ đầu năm", credit="Phòng GDĐT")


def test_editor_clears_a_published_picture_with_caption_and_credit(cast, site):
    editor = member("phong-editor", cast.phong, Role.EDITOR)
    image = _published_picture(site, cast.phong_leader)

    photo = photos.clear_press_photo(
        image, by=editor, caption="Lễ chào cờ", caption_en="Flag salute", credit="Nguyễn Văn A"
    )

    assert (photo.unit, photo.caption_in("en"), photo.credit, photo.cleared_by) == (
        cast.phong, "Flag salute", "Nguyễn Văn A", editor,
    )  # fmt: skip


def test_a_picture_not_published_cannot_be_cleared(cast, site):
    draft = content.create_article(
        site, by=cast.phong_officer, title="Nháp", summary="Nháp.", body="<p>Nháp.</p>"
    )
    item = content.add_to_gallery(draft, upload=jpeg_with_gps(), alt="Ảnh", by=cast.phong_officer)

    with pytest.raises(ValidationError) as error:
        _clear(item.image, cast.phong_officer)

    assert (error.value.messages, PressPhoto.objects.count()) == (
        ["Only a picture published on the unit's portal can be cleared for the press."], 0,
    )  # fmt: skip


def test_pupils_need_a_valid_consent_to_be_cleared(cast, site):
    allowed = _published_picture(
        site, cast.phong_leader, shows_pupils=True,
        consent=_consent(site, by=cast.phong_leader, days=100),
    )  # fmt: skip
    lapsing = _consent(site, by=cast.phong_leader, days=5)
    lapsed = _published_picture(site, cast.phong_leader, shows_pupils=True, consent=lapsing)
    lapsing.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    lapsing.save(update_fields=["valid_until"])  # ended; the nightly job has not run yet

    _clear(allowed, cast.phong_officer)
    with pytest.raises(ValidationError) as error:
        _clear(lapsed, cast.phong_officer)

    assert error.value.messages == ["The guardian's consent for Trần Minh An has expired."]
    assert [p.image for p in PressPhoto.objects.all()] == [allowed]


def test_another_provinces_officer_cannot_clear(cast, site):
    image = _published_picture(site, cast.phong_leader)

    with pytest.raises(PermissionDenied):
        _clear(image, cast.outsider)

    assert PressPhoto.objects.count() == 0


def test_press_kit_shows_cleared_photos_only_and_never_the_original(client, cast, site):
    cleared = _clear(_published_picture(site, cast.phong_leader), cast.phong_officer)
    _published_picture(site, cast.phong_leader)  # published, not cleared

    page = client.get(reverse("press_kit:home", args=[cast.phong.slug]))
    full = client.get(reverse("press_kit:photo_download", args=[cast.phong.slug, cleared.pk]))
    body = b"".join(full.streaming_content)

    assert [p.pk for p in page.context["photos"]] == [cleared.pk]
    assert "Lễ chào cờ đầu năm" in page.content.decode()
    with Pillow.open(io.BytesIO(body)) as picture:
        assert (picture.size, dict(picture.getexif()), full["Content-Type"]) == (
            (1200, 800), {}, "image/jpeg",
        )  # fmt: skip
    assert cleared.image.file.name not in page.content.decode()
    assert body != cleared.image.file.open("rb").read()


def test_a_consent_that_ends_takes_the_photo_off_at_once(client, cast, site):
    consent = _consent(site, by=cast.phong_leader, days=10)
    image = _published_picture(site, cast.phong_leader, shows_pupils=True, consent=consent)
    photo = _clear(image, cast.phong_officer)
    url = reverse("press_kit:photo_download", args=[cast.phong.slug, photo.pk])
    before = client.get(url).status_code

    # The guardian withdraws: the consent ends, before any nightly job has run.
    consent.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    consent.save(update_fields=["valid_until"])
    page = client.get(reverse("press_kit:home", args=[cast.phong.slug]))
    after = client.get(url).status_code
    content.withdraw_expired()

    assert (before, after, list(page.context["photos"])) == (200, 404, [])
    assert list(PressPhoto.objects.public()) == []


def test_taking_a_photo_out_deletes_its_press_copies(
    cast, site, django_capture_on_commit_callbacks
):
    photo = _clear(_published_picture(site, cast.phong_leader), cast.phong_officer)
    gone = _clear(_published_picture(site, cast.phong_leader), cast.phong_officer)
    names = [photo.file.name, photo.preview.name, gone.file.name, gone.preview.name]

    with pytest.raises(PermissionDenied):
        photos.remove_press_photo(photo, by=cast.outsider)
    with django_capture_on_commit_callbacks(execute=True):
        photos.remove_press_photo(photo, by=cast.phong_officer)
        content.remove_from_gallery(gone.image.gallery_item, by=cast.phong_leader)

    assert PressPhoto.objects.count() == 0
    assert [default_storage.exists(name) for name in names] == [False] * 4


@pytest.mark.parametrize("url_name", ["press_kit:home", "stats:press_photos"])
def test_photo_lists_take_as_many_queries_for_three_photos_as_for_one(client, cast, site, url_name):
    client.force_login(cast.phong_officer)
    url = reverse(
        url_name, args=[cast.phong.slug if url_name.startswith("press_kit") else cast.phong.pk]
    )
    _clear(_published_picture(site, cast.phong_leader), cast.phong_officer)
    _published_picture(site, cast.phong_leader)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(2):
        _clear(_published_picture(site, cast.phong_leader), cast.phong_officer)
        _published_picture(site, cast.phong_leader)

    with CaptureQueriesContext(connection) as three:
        response = client.get(url)

    shown = response.context["photos" if url_name.startswith("press_kit") else "cleared"]
    assert (len(shown), len(three)) == (3, len(one))


def test_an_article_taken_off_the_portal_takes_its_photo_off_the_press_kit(cast, site):
    photo = _clear(_published_picture(site, cast.phong_leader), cast.phong_officer)
    article = photo.image.gallery_item.article

    content.unpublish_article(article, by=cast.phong_leader, reason="Sai thông tin")

    assert (PressPhoto.objects.count(), list(PressPhoto.objects.public())) == (1, [])


def test_officer_clears_a_photo_from_the_screen_and_a_lapsed_consent_is_refused(client, cast, site):
    lapsing = _consent(site, by=cast.phong_leader, days=5)
    lapsed = _published_picture(site, cast.phong_leader, shows_pupils=True, consent=lapsing)
    plain = _published_picture(site, cast.phong_leader)
    lapsing.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    lapsing.save(update_fields=["valid_until"])
    client.force_login(cast.phong_officer)
    form = {"caption": "Lễ chào cờ", "caption_en": "", "credit": "Phòng GDĐT"}

    done = client.post(reverse("stats:press_photo_clear", args=[cast.phong.pk, plain.pk]), form)
    refused = client.post(reverse("stats:press_photo_clear", args=[cast.phong.pk, lapsed.pk]), form)

    assert (done.status_code, done["Location"]) == (
        302, reverse("stats:press_photos", args=[cast.phong.pk]),
    )  # fmt: skip
    assert refused.context["form"].non_field_errors() == [
        "Văn bản đồng ý cho em Trần Minh An đã hết hạn."
    ]
    assert [p.image for p in PressPhoto.objects.all()] == [plain]
