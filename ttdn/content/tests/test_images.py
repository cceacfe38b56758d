import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone
from PIL import Image as Pillow

from ttdn.content import services
from ttdn.content.models import Exemplar, Image
from ttdn.content.tests.factories import consent, jpeg_with_gps, published
from ttdn.content.todo import items


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def exif_of(name: str) -> dict:
    with default_storage.open(name) as stored, Pillow.open(stored) as picture:
        return dict(picture.getexif())


def test_stored_picture_and_every_rendition_have_no_exif_or_gps(sites):
    upload = jpeg_with_gps()
    had = bool(Pillow.open(upload).getexif())
    upload.seek(0)

    image = services.add_image(
        sites.school_a, upload=upload, alt="Lễ khai giảng", by=sites.editor_a
    )
    published(sites.school_a, reviewer=sites.leader_a, cover=image)  # renditions are made now
    image.refresh_from_db()

    stored = [image.file.name] + [r[k] for r in image.renditions for k in ("webp", "jpeg")]
    assert had
    assert [exif_of(name) for name in stored] == [{}] * 7


def test_picture_renditions_come_in_three_widths_as_webp_and_jpeg(sites):
    image = services.add_image(
        sites.school_a, upload=jpeg_with_gps((2000, 1000)), alt="Sân trường", by=sites.editor_a
    )
    services.update_site(sites.school_a, by=sites.leader_a, logo=image)
    image.refresh_from_db()

    assert (
        [r["width"] for r in image.renditions],
        [r["webp"].endswith(".webp") and r["jpeg"].endswith(".jpg") for r in image.renditions],
        (image.width, image.height),
    ) == ([480, 960, 1600], [True, True, True], (2000, 1000))


def test_a_file_that_is_not_a_picture_is_refused(sites):
    upload = SimpleUploadedFile("x.jpg", b"<script>alert(1)</script>", content_type="image/jpeg")

    with pytest.raises(ValidationError) as error:
        services.add_image(sites.school_a, upload=upload, alt="x", by=sites.editor_a)

    assert (error.value.messages, Image.objects.count()) == (
        ["The file is not a picture that can be read."],
        0,
    )


def test_a_picture_without_alternative_text_is_refused(sites):
    with pytest.raises(ValidationError):
        services.add_image(sites.school_a, upload=jpeg_with_gps(), alt=" ", by=sites.editor_a)

    assert Image.objects.count() == 0


def test_a_pupil_photo_without_consent_is_refused(sites):
    with pytest.raises(ValidationError) as error:
        services.add_image(
            sites.school_a,
            upload=jpeg_with_gps(),
            alt="Học sinh đạt giải",
            by=sites.editor_a,
            shows_pupils=True,
        )

    assert (error.value.messages, Image.objects.count()) == (
        ["A picture or profile of a pupil needs a guardian's consent on record."],
        0,
    )


def test_a_pupil_photo_with_an_expired_consent_is_refused(sites):
    old = consent(sites.school_a, days=-1, by=sites.editor_a)

    with pytest.raises(ValidationError):
        services.add_image(
            sites.school_a,
            upload=jpeg_with_gps(),
            alt="Học sinh",
            by=sites.editor_a,
            shows_pupils=True,
            consent=old,
        )

    assert Image.objects.count() == 0


def test_a_consent_of_another_site_does_not_count(sites, cast):
    theirs = consent(sites.school_b, days=30, by=cast.teacher_b)

    with pytest.raises(ValidationError):
        services.add_image(
            sites.school_a,
            upload=jpeg_with_gps(),
            alt="Học sinh",
            by=sites.editor_a,
            shows_pupils=True,
            consent=theirs,
        )

    assert Image.objects.count() == 0


def test_a_pupil_profile_needs_a_consent(sites):
    with pytest.raises(ValidationError):
        services.create_exemplar(
            sites.school_a,
            name="Trần Minh An",
            role="pupil",
            achievements="Giải Nhất",
            by=sites.editor_a,
        )

    assert Exemplar.objects.count() == 0


def test_consent_expiry_withdraws_the_photo_and_profile_and_tells_the_editor(sites):
    given = consent(sites.school_a, days=5, by=sites.editor_a)
    image = services.add_image(
        sites.school_a,
        upload=jpeg_with_gps(),
        alt="Em An nhận giải",
        by=sites.editor_a,
        shows_pupils=True,
        consent=given,
    )
    services.create_exemplar(
        sites.school_a,
        name="Trần Minh An",
        role="pupil",
        achievements="Giải Nhất",
        by=sites.editor_a,
        consent=given,
    )
    before = services.withdraw_expired(today=timezone.localdate())

    withdrawn = services.withdraw_expired(today=timezone.localdate() + datetime.timedelta(days=6))
    again = services.withdraw_expired(today=timezone.localdate() + datetime.timedelta(days=6))

    assert before == []
    assert [type(item).__name__ for item in withdrawn] == ["Image", "Exemplar"]
    assert again == []
    assert Image.objects.get(pk=image.pk).withdrawn_at is not None
    assert [item.title for item in items(sites.editor_a)] == [
        "The picture “Em An nhận giải” was withdrawn"
    ]


def test_consent_expiry_job_runs_through_the_command(sites):
    given = consent(sites.school_a, days=-1, by=sites.editor_a)
    Exemplar.objects.create(
        site=sites.school_a, name="Em Bình", role="pupil", achievements="x", consent=given
    )

    call_command("withdraw_expired_consents")

    assert Exemplar.objects.get().is_public is False


def test_withdrawn_pupil_photo_disappears_from_the_cached_article_page_at_once(client, sites):
    given = consent(sites.school_a, days=5, by=sites.editor_a)
    image = services.add_image(
        sites.school_a,
        upload=jpeg_with_gps(),
        alt="Em An nhận giải",
        by=sites.editor_a,
        shows_pupils=True,
        consent=given,
    )
    live = published(sites.school_a, reviewer=sites.leader_a, cover=image)
    before = client.get(live.get_absolute_url()).content.decode().count('alt="Em An nhận giải"')

    services.withdraw_expired(today=timezone.localdate() + datetime.timedelta(days=6))

    after = client.get(live.get_absolute_url()).content.decode().count('alt="Em An nhận giải"')
    assert (before, after) == (1, 0)


def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded(sites):
    from ttdn.core.tests.test_extract import png_header

    with pytest.raises(ValidationError) as caught:
        services.add_image(
            sites.school_a,
            upload=SimpleUploadedFile("anh.png", png_header(7000, 5000)),  # 35 MP, 1 KB
            alt="Sân trường",
            by=sites.editor_a,
        )

    assert (caught.value.messages, Image.objects.count()) == (
        [
            "The picture has 35.0 megapixels; at most 25 are accepted. Make it smaller and try again."
        ],
        0,
    )
