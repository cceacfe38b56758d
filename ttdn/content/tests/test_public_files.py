"""Covers, logos and exemplar photos have files under media/content/ only while they are public."""

import datetime
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image as Pillow

from ttdn.content import services, storage
from ttdn.content.enums import Check
from ttdn.content.models import Attachment, Image
from ttdn.content.tests.factories import article, consent, jpeg_with_gps, published
from ttdn.core import storage as core_storage


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run what the services leave for the commit (file deletions) at the end of the block."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def expire(given) -> None:
    """The consent ran out yesterday."""
    given.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    given.given_on = given.valid_until - datetime.timedelta(days=30)
    given.save()


def public_files(root) -> set[str]:
    """Every file the web server would hand out: all under media/content/."""
    folder = root / "content"
    return (
        {str(path.relative_to(root)) for path in folder.rglob("*") if path.is_file()}
        if folder.exists()
        else set()
    )


def pupil_picture(sites, given, alt="Em An nhận giải"):
    return services.add_image(
        sites.school_a, upload=jpeg_with_gps(), alt=alt, by=sites.editor_a,
        shows_pupils=True, consent=given,
    )  # fmt: skip


def names(image: Image) -> set[str]:
    image.refresh_from_db()
    return set(storage.rendition_names(image))


def later(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def test_a_cover_of_a_draft_has_no_public_file_and_the_original_is_private(sites, media):
    image = pupil_picture(sites, consent(sites.school_a, days=5, by=sites.editor_a))
    article(sites.school_a, cover=image)

    assert public_files(media) == set()
    assert image.file.name.startswith("originals/")
    assert (media / image.file.name).is_file()
    assert image.fallback_url == ""


def test_editors_see_a_drafts_cover_as_stored_and_outsiders_do_not(client, cast, sites):
    image = pupil_picture(sites, consent(sites.school_a, days=5, by=sites.editor_a))
    draft = article(sites.school_a, cover=image)
    address = reverse("content:image_file", args=[image.pk])

    anonymous = client.get(address).status_code
    client.force_login(cast.outsider)
    outsider = client.get(address).status_code
    client.force_login(sites.editor_a)
    own = client.get(address)
    page = client.get(reverse("content:article_detail", args=[draft.pk])).content.decode()
    with Pillow.open(io.BytesIO(b"".join(own.streaming_content))) as shown:
        exif = dict(shown.getexif())

    assert anonymous == 302
    assert outsider == 404
    assert own.status_code == 200
    assert own["Content-Type"] == "image/jpeg"
    assert exif == {}
    assert address in page


def test_publishing_makes_renditions_under_random_names_and_never_exposes_the_original(
    sites, media
):
    image = pupil_picture(sites, consent(sites.school_a, days=5, by=sites.editor_a))
    published(sites.school_a, reviewer=sites.leader_a, cover=image)

    made = names(image)
    assert len(made) == 6
    assert all(storage.RENDITION_NAME.match(name) for name in made)
    assert "nhan-giai" not in " ".join(made)
    assert public_files(media) == made
    assert image.file.name not in public_files(media)


def test_consent_expiry_deletes_the_public_files_and_the_page_no_longer_names_them(
    client, sites, media, commit
):
    image = pupil_picture(sites, consent(sites.school_a, days=5, by=sites.editor_a))
    live = published(sites.school_a, reviewer=sites.leader_a, cover=image)
    old = names(image)
    page_before = client.get(live.get_absolute_url()).content.decode()

    with commit():
        services.withdraw_expired(today=later(6))

    page_after = client.get(live.get_absolute_url()).content.decode()
    assert len(old) == 6
    assert all(name in page_before for name in old)
    assert [name for name in old if default_storage.exists(name)] == []
    assert [name for name in old if name in page_after] == []
    assert public_files(media) == set()
    assert default_storage.exists(image.file.name)


def test_a_renewed_consent_shows_the_picture_again_under_new_addresses(
    client, sites, media, commit
):
    given = consent(sites.school_a, days=5, by=sites.editor_a)
    image = pupil_picture(sites, given)
    live = published(sites.school_a, reviewer=sites.leader_a, cover=image)
    old = names(image)
    expire(given)
    with commit():
        services.withdraw_expired()

    renewal = services.record_consent(
        sites.school_a, pupil="Trần Minh An", given_by="Trần Văn Bình (bố)",
        given_on=timezone.localdate(), valid_until=later(365), by=sites.editor_a, renews=given,
    )  # fmt: skip

    image.refresh_from_db()
    new = names(image)
    page = client.get(live.get_absolute_url()).content.decode()
    assert image.withdrawn_at is None
    assert image.consent_id == renewal.pk
    assert len(new) == 6
    assert new & old == set()
    assert all(default_storage.exists(name) for name in new)
    assert image.fallback_url in page
    assert [name for name in old if name in page or default_storage.exists(name)] == []


def test_a_renewal_restores_a_withdrawn_pupil_profile_and_its_photo(sites, media, commit):
    given = consent(sites.school_a, days=3, by=sites.editor_a)
    photo = pupil_picture(sites, given, alt="Em An")
    exemplar = services.create_exemplar(
        sites.school_a, name="Trần Minh An", role="pupil", achievements="Giải Nhất",
        by=sites.editor_a, photo=photo, consent=given,
    )  # fmt: skip
    shown = names(photo)
    expire(given)
    with commit():
        services.withdraw_expired()
    withdrawn = names(photo), public_files(media)

    services.record_consent(
        sites.school_a, pupil="Trần Minh An", given_by="Mẹ", given_on=timezone.localdate(),
        valid_until=later(30), by=sites.editor_a, renews=given,
    )  # fmt: skip

    exemplar.refresh_from_db()
    restored = names(photo)
    assert len(shown) == 6
    assert withdrawn == (set(), set())
    assert exemplar.is_public
    assert len(restored) == 6
    assert restored & shown == set()


def test_a_consent_of_another_site_cannot_be_renewed_here(sites):
    other = consent(sites.school_b, days=-1, by=sites.leader_a)

    with pytest.raises(Exception) as raised:
        services.record_consent(
            sites.school_a, pupil="Em", given_by="Mẹ", given_on=timezone.localdate(),
            valid_until=later(30), by=sites.editor_a, renews=other,
        )  # fmt: skip

    assert "renews" in raised.value.message_dict


def test_unpublishing_the_only_article_with_a_cover_deletes_its_public_files(sites, media, commit):
    image = services.add_image(sites.school_a, upload=jpeg_with_gps(), alt="Sân", by=sites.editor_a)
    live = published(sites.school_a, reviewer=sites.leader_a, cover=image)
    old = names(image)

    with commit():
        services.unpublish_article(live, by=sites.leader_a)

    assert (len(old), names(image), public_files(media)) == (6, set(), set())


def test_a_cover_shared_with_another_live_article_stays_until_its_last_use_goes(
    sites, media, commit
):
    image = services.add_image(sites.school_a, upload=jpeg_with_gps(), alt="Sân", by=sites.editor_a)
    first = published(sites.school_a, reviewer=sites.leader_a, cover=image)
    second = published(sites.school_a, reviewer=sites.leader_a, cover=image)
    shown = names(image)

    with commit():
        services.unpublish_article(first, by=sites.leader_a)
    kept = names(image)
    with commit():
        services.unpublish_article(second, by=sites.leader_a)

    assert kept == shown
    assert len(shown) == 6
    assert names(image) == set()
    assert public_files(media) == set()


def test_republishing_makes_fresh_addresses(sites, media, commit):
    image = services.add_image(sites.school_a, upload=jpeg_with_gps(), alt="Sân", by=sites.editor_a)
    live = published(sites.school_a, reviewer=sites.leader_a, cover=image)
    first = names(image)
    with commit():
        services.unpublish_article(live, by=sites.leader_a)
    services.reopen_article(live, by=sites.leader_a)
    services.submit_article(live, by=sites.leader_a)
    services.approve_article(live, by=sites.leader_a, checklist=Check.values)

    again = names(image)
    assert len(again) == 6
    assert again & first == set()
    assert public_files(media) == again


def test_changing_the_cover_of_a_live_article_withdraws_the_old_one(sites, media, commit):
    old_cover = services.add_image(
        sites.school_a, upload=jpeg_with_gps(), alt="Cũ", by=sites.editor_a
    )
    new_cover = services.add_image(
        sites.school_a, upload=jpeg_with_gps(), alt="Mới", by=sites.editor_a
    )
    live = published(sites.school_a, reviewer=sites.leader_a, cover=old_cover)

    with commit():
        services.update_article(live, by=sites.leader_a, cover=new_cover)

    assert names(old_cover) == set()
    assert public_files(media) == names(new_cover)
    assert len(names(new_cover)) == 6


def test_a_replaced_logo_loses_its_public_files(sites, media, commit):
    first = services.add_image(
        sites.school_a, upload=jpeg_with_gps(), alt="Logo", by=sites.editor_a
    )
    second = services.add_image(
        sites.school_a, upload=jpeg_with_gps(), alt="Logo", by=sites.editor_a
    )
    services.update_site(sites.school_a, by=sites.leader_a, logo=first)
    shown = names(first)

    with commit():
        services.update_site(sites.school_a, by=sites.leader_a, logo=second)

    assert len(shown) == 6
    assert names(first) == set()
    assert public_files(media) == names(second)


def test_exif_is_stripped_from_the_original_and_the_public_renditions(sites, media):
    image = services.add_image(sites.school_a, upload=jpeg_with_gps(), alt="Sân", by=sites.editor_a)
    services.update_site(sites.school_a, by=sites.leader_a, logo=image)

    stored = [image.file.name, *sorted(names(image))]

    def exif(name):
        with default_storage.open(name) as opened, Pillow.open(opened) as picture:
            return dict(picture.getexif())

    assert [exif(name) for name in stored] == [{}] * 7


def test_the_command_moves_old_layout_files_and_renames_public_renditions(sites, media, commit):
    image = services.add_image(sites.school_a, upload=jpeg_with_gps(), alt="Sân", by=sites.editor_a)
    services.update_site(sites.school_a, by=sites.leader_a, logo=image)
    # As the old layout stored it: the original and guessable renditions under content/images/.
    image.refresh_from_db()
    with default_storage.open(image.file.name, "rb") as stored:
        original = default_storage.save(
            "content/images/2025/01/san.jpg", ContentFile(stored.read())
        )
    storage.delete_files([image.file.name, *names(image)])
    guessable = default_storage.save("content/images/2025/01/san-480.jpg", ContentFile(b"x"))
    stray = default_storage.save("content/images/2025/01/bo-quen-480.webp", ContentFile(b"x"))
    old_time = (timezone.now() - datetime.timedelta(days=2)).timestamp()
    os.utime(media / stray, (old_time, old_time))
    Image.objects.filter(pk=image.pk).update(
        file=original, renditions=[{"width": 480, "webp": guessable, "jpeg": guessable}]
    )

    with commit():
        call_command("sync_portal_images")
    with commit():
        call_command("sync_portal_images")  # idempotent

    image.refresh_from_db()
    assert image.file.name.startswith("originals/")
    assert default_storage.exists(image.file.name)
    assert public_files(media) == names(image)
    assert len(names(image)) == 6
    assert all(storage.RENDITION_NAME.match(name) for name in names(image))


def test_an_editor_renews_a_consent_on_the_consent_screen(client, sites, media, commit):
    given = consent(sites.school_a, days=5, by=sites.editor_a)
    image = pupil_picture(sites, given)
    published(sites.school_a, reviewer=sites.leader_a, cover=image)
    expire(given)
    with commit():
        services.withdraw_expired()
    client.force_login(sites.editor_a)

    form = client.get(reverse("content:consent_list", args=[sites.school_a.unit.code]))
    with commit():
        client.post(
            reverse("content:consent_list", args=[sites.school_a.unit.code]),
            {
                "pupil": "Trần Minh An",
                "given_by": "Trần Văn Bình",
                "given_on": timezone.localdate().isoformat(),
                "valid_until": later(365).isoformat(),
                "renews": given.pk,
            },
        )

    image.refresh_from_db()
    assert f'<option value="{given.pk}">' in form.content.decode()
    assert image.withdrawn_at is None
    assert len(names(image)) == 6


def test_private_files_are_stored_under_random_names(sites):
    live = published(sites.school_a, reviewer=sites.leader_a)

    original = pupil_picture(sites, consent(sites.school_a, days=5, by=sites.editor_a))
    shown = services.add_to_gallery(
        live, upload=jpeg_with_gps(), alt="Em An nhận giải", by=sites.leader_a
    )
    attached = services.attach_file(
        live, upload=SimpleUploadedFile("Danh sách học sinh.pdf", b"%PDF-1.7\n"), by=sites.leader_a
    )
    stored = [
        original.file.name,
        shown.image.file.name,
        *storage.rendition_names(shown.image),
        attached.file.name,
    ]

    assert [name.split("/")[0] for name in stored[:2]] == ["originals", "gallery"]
    assert [core_storage.is_random(name) for name in stored] == [True] * len(stored)
    assert [name for name in stored if "em-an" in name or "danh-sach" in name] == []


def test_the_command_gives_files_stored_under_their_names_random_ones(sites, media, commit):
    live = published(sites.school_a, reviewer=sites.leader_a)
    shown = services.add_to_gallery(
        live, upload=jpeg_with_gps(), alt="Em An nhận giải", by=sites.leader_a
    )
    attached = services.attach_file(
        live, upload=SimpleUploadedFile("ds.pdf", b"%PDF-1.7\nlist"), by=sites.leader_a
    )
    # As an older release stored them: named after the picture's description or the upload.
    old = {
        "gallery": default_storage.save("gallery/2025/01/em-an.jpg", ContentFile(b"jpeg")),
        "webp": default_storage.save("gallery/2025/01/em-an-480.webp", ContentFile(b"webp")),
        "attachment": default_storage.save("attachments/2025/01/ds.pdf", ContentFile(b"%PDF")),
    }
    Image.objects.filter(pk=shown.image.pk).update(
        file=old["gallery"], renditions=[{"width": 480, "webp": old["webp"]}]
    )
    Attachment.objects.filter(pk=attached.pk).update(file=old["attachment"])

    with commit():
        call_command("sync_portal_images", stdout=io.StringIO())
    shown.image.refresh_from_db()
    attached.refresh_from_db()
    renamed = [shown.image.file.name, shown.image.renditions[0]["webp"], attached.file.name]

    assert [core_storage.is_random(name) for name in renamed] == [True, True, True]
    assert renamed[1] == renamed[0].replace(".jpg", "-480.webp")
    assert [default_storage.open(name).read() for name in renamed] == [b"jpeg", b"webp", b"%PDF"]
    assert [default_storage.exists(name) for name in old.values()] == [False, False, False]
