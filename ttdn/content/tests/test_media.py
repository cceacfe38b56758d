"""Article galleries and attachments: stored safely, shown only while the article is live."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as Pillow

from ttdn.content import services
from ttdn.content.models import Attachment, GalleryItem, Image
from ttdn.content.tests.factories import article, consent, jpeg_with_gps, published
from ttdn.org.enums import Role
from ttdn.org.tests.factories import member


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def pdf(name="Kế hoạch tháng 9.pdf", size=2000):
    return SimpleUploadedFile(name, b"%PDF-1.7\n" + b"0" * size, content_type="application/pdf")


def docx(name="Báo cáo.docx"):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile(name, out.getvalue())


def picture(site, by, **extra):
    return {"upload": jpeg_with_gps(), "alt": "Học sinh trồng cây", "by": by, **extra}


# --- Gallery -------------------------------------------------------------------------------


def test_gallery_picture_is_stored_without_exif_outside_the_public_media_folder(sites):
    draft = article(sites.school_a)

    item = services.add_to_gallery(draft, **picture(sites.school_a, sites.editor_a))

    names = [item.image.file.name] + [r[k] for r in item.image.renditions for k in ("webp", "jpeg")]
    exif = []
    for name in names:
        with default_storage.open(name) as stored, Pillow.open(stored) as opened:
            exif.append(dict(opened.getexif()))
    assert ([n.startswith("gallery/") for n in names], exif) == ([True] * 7, [{}] * 7)


def test_gallery_picture_of_pupils_without_consent_is_refused_and_leaves_nothing(sites):
    draft = article(sites.school_a)

    with pytest.raises(ValidationError) as error:
        services.add_to_gallery(draft, **picture(sites.school_a, sites.editor_a, shows_pupils=True))

    assert (error.value.messages, Image.objects.count(), GalleryItem.objects.count()) == (
        ["A picture or profile of a pupil needs a guardian's consent on record."],
        0,
        0,
    )


def test_gallery_of_an_article_in_review_cannot_be_changed_by_its_editor(sites):
    draft = article(sites.school_a, by=sites.editor_a)
    services.submit_article(draft, by=sites.editor_a)

    with pytest.raises(PermissionDenied):
        services.add_to_gallery(draft, **picture(sites.school_a, sites.editor_a))

    assert GalleryItem.objects.count() == 0


def test_gallery_pictures_are_reordered_and_removed_with_their_files(sites):
    draft = article(sites.school_a)
    first, _second, third = (
        services.add_to_gallery(draft, **picture(sites.school_a, sites.editor_a, caption=c))
        for c in ("Một", "Hai", "Ba")
    )
    files = [third.image.file.name] + [r["webp"] for r in third.image.renditions]

    services.move_gallery_item(third, by=sites.editor_a, step=-1)
    services.remove_from_gallery(first, by=sites.editor_a)

    assert [i.caption for i in draft.gallery.all()] == ["Ba", "Hai"]
    assert not Image.objects.filter(pk=first.image_id).exists()
    assert all(default_storage.exists(name) for name in files)


def test_public_article_shows_its_gallery_as_figures_with_captions_and_alt(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a)
    services.add_to_gallery(
        live, **picture(sites.school_a, sites.leader_a, caption="Lớp 7A trồng cây")
    )

    html = client.get(live.get_absolute_url()).content.decode()

    assert html.count("<figcaption>Lớp 7A trồng cây</figcaption>") == 1
    assert html.count('alt="Học sinh trồng cây"') == 1
    assert "/media/" not in html.split('class="gallery"')[1]


def test_expired_consent_withdraws_a_gallery_picture_from_the_page_and_its_file(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a)
    given = consent(sites.school_a, days=5, by=sites.leader_a)
    item = services.add_to_gallery(
        live, **picture(sites.school_a, sites.leader_a, shows_pupils=True, consent=given)
    )
    file_url = reverse(
        "portal:gallery_file", args=[sites.school_a.unit.slug, item.pk, item.middle_width, "jpg"]
    )
    before = (client.get(file_url).status_code, "Học sinh trồng cây" in _page(client, live))

    services.withdraw_expired(today=timezone.localdate() + datetime.timedelta(days=6))

    after = (client.get(file_url).status_code, "Học sinh trồng cây" in _page(client, live))
    assert (before, after) == ((200, True), (404, False))


def _page(client, live):
    return client.get(live.get_absolute_url()).content.decode()


def test_gallery_picture_of_a_draft_is_served_to_its_editors_only(client, sites, cast):
    draft = article(sites.school_a)
    item = services.add_to_gallery(draft, **picture(sites.school_a, sites.editor_a))
    width = item.middle_width
    public = reverse("portal:gallery_file", args=[sites.school_a.unit.slug, item.pk, width, "jpg"])
    editor = reverse("content:gallery_file", args=[item.pk, width, "jpg"])

    anonymous = client.get(public).status_code
    client.force_login(cast.outsider)
    outsider = client.get(editor).status_code
    client.force_login(sites.editor_a)
    own = client.get(editor)

    assert (anonymous, outsider, own.status_code, own["Content-Type"]) == (
        404,
        404,
        200,
        "image/jpeg",
    )


@pytest.mark.parametrize("item_count", [1, 3])
def test_article_page_adds_two_queries_for_gallery_and_attachments(
    client, sites, item_count, django_assert_num_queries, kept_sites
):
    live = published(sites.school_a, reviewer=sites.leader_a)
    for n in range(item_count):
        services.add_to_gallery(live, **picture(sites.school_a, sites.leader_a, caption=f"{n}"))
        services.attach_file(live, upload=pdf(f"tep-{n}.pdf"), by=sites.leader_a)

    client.get(reverse("portal:home", args=[sites.school_a.unit.slug]))  # sections are known
    # the article (its site is kept): 1; the gallery and the attachments: 2 more.
    with django_assert_num_queries(3):
        response = client.get(live.get_absolute_url())

    assert response.content.decode().count("<figure>") == item_count


def test_an_article_whose_media_are_all_removed_reads_none_again(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a)
    item = services.add_to_gallery(live, **picture(sites.school_a, sites.leader_a))
    attached = services.attach_file(live, upload=pdf(), by=sites.leader_a)
    with_media = type(live).objects.get(pk=live.pk).has_media

    services.remove_from_gallery(item, by=sites.leader_a)
    services.remove_attachment(attached, by=sites.leader_a)

    page = client.get(live.get_absolute_url()).content.decode()
    assert with_media
    assert not type(live).objects.get(pk=live.pk).has_media
    assert "<figure>" not in page


# --- Attachments ---------------------------------------------------------------------------


def test_attachment_keeps_its_name_type_and_size_and_is_served_publicly_while_live(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a)

    attached = services.attach_file(live, upload=pdf(), by=sites.leader_a)
    response = client.get(
        reverse("portal:attachment", args=[sites.school_a.unit.slug, attached.pk])
    )

    assert (attached.filename, attached.kind, attached.size) == (
        "Kế hoạch tháng 9.pdf",
        "PDF",
        2009,
    )
    assert attached.file.name.startswith("attachments/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''K%E1%BA%BF%20ho%E1%BA%A1ch" in response["Content-Disposition"]


def test_public_page_lists_attachments_with_type_and_size(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a)
    services.attach_file(live, upload=docx(), by=sites.leader_a)

    html = client.get(live.get_absolute_url()).content.decode()

    assert "Báo cáo.docx</a>" in html
    assert "(DOCX," in html


def test_attachment_of_an_unpublished_article_is_not_reachable(client, sites):
    live = published(sites.school_a, reviewer=sites.leader_a)
    attached = services.attach_file(live, upload=pdf(), by=sites.leader_a)
    url = reverse("portal:attachment", args=[sites.school_a.unit.slug, attached.pk])
    before = client.get(url).status_code

    services.unpublish_article(live, by=sites.leader_a)

    assert (before, client.get(url).status_code) == (200, 404)


def test_attachment_of_another_site_is_not_served_under_this_sites_address(client, sites, cast):
    leader = member("qn-leader", cast.outsider_school, Role.LEADER)
    theirs = published(sites.outsider_school, reviewer=leader)
    attached = services.attach_file(theirs, upload=pdf(), by=leader)

    response = client.get(
        reverse("portal:attachment", args=[sites.school_a.unit.slug, attached.pk])
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            SimpleUploadedFile("virus.exe", b"MZ\x90\x00"),
            "Files of this type cannot be attached. Allowed: DOC, DOCX, JPEG, ODP, ODS, ODT, "
            "PDF, PNG, PPT, PPTX, WebP, XLS, XLSX.",
        ),
        (
            SimpleUploadedFile("ke-hoach.pdf", b"<script>alert(1)</script>"),
            "The file's content is not PDF, as its name says.",
        ),
        (
            SimpleUploadedFile("bang.xlsx", b"PK\x03\x04 not really a zip"),
            "The file's content is not XLSX, as its name says.",
        ),
        (pdf(size=1024 * 1024 + 1), "The file is larger than 1 MB."),
    ],
)
def test_attachment_refused_with_a_clear_message_and_nothing_stored(
    sites, settings, upload, message
):
    settings.CONTENT_ATTACHMENT_MAX_MB = 1
    draft = article(sites.school_a)

    with pytest.raises(ValidationError) as error:
        services.attach_file(draft, upload=upload, by=sites.editor_a)

    assert (error.value.messages, Attachment.objects.count()) == ([message], 0)


def test_a_docx_that_is_really_a_spreadsheet_is_refused(sites):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")

    with pytest.raises(ValidationError):
        services.attach_file(
            article(sites.school_a),
            upload=SimpleUploadedFile("x.docx", out.getvalue()),
            by=sites.editor_a,
        )

    assert Attachment.objects.count() == 0


def test_editor_screen_adds_an_attachment_and_shows_a_refusal_in_vietnamese(client, sites):
    draft = article(sites.school_a, by=sites.editor_a)
    client.force_login(sites.editor_a)
    url = reverse("content:article_media", args=[draft.pk])

    client.post(url, {"form": "attachment", "attachment-upload": pdf()})
    with_vi = client.post(
        url,
        {"form": "attachment", "attachment-upload": SimpleUploadedFile("a.exe", b"MZ")},
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    assert (list(draft.attachments.values_list("filename", flat=True)), with_vi.status_code) == (
        ["Kế hoạch tháng 9.pdf"],
        200,
    )


def test_editor_screen_of_another_province_is_not_found(client, sites, cast):
    draft = article(sites.school_a)
    client.force_login(cast.outsider)

    response = client.get(reverse("content:article_media", args=[draft.pk]))

    assert response.status_code == 404


def test_demo_news_article_has_a_gallery_and_an_attachment(db):
    from ttdn.content import demo as content_demo
    from ttdn.content.models import Article
    from ttdn.org import demo as org_demo

    org_demo.load()
    content_demo.load()
    content_demo.load()  # idempotent

    news = Article.objects.get(title__startswith="Trường THCS Hồng Bàng tổ chức chuyên đề")
    assert news.is_live
    assert news.gallery.count() == 3
    assert list(news.attachments.values_list("kind", flat=True)) == ["PDF"]


# --- Several pictures at once, several pupils in one picture (issue 15, point 6) -----------


def test_editor_screen_adds_several_pictures_at_once_citing_each_pupils_consent(client, sites):
    draft = article(sites.school_a, by=sites.editor_a)
    first = consent(sites.school_a, days=30, by=sites.leader_a)
    second = consent(sites.school_a, days=60, by=sites.leader_a)
    client.force_login(sites.editor_a)

    response = client.post(
        reverse("content:article_media", args=[draft.pk]),
        {
            "form": "gallery",
            "gallery-uploads": [jpeg_with_gps(), jpeg_with_gps(), jpeg_with_gps()],
            "gallery-alt": "Học sinh trồng cây",
            "gallery-shows_pupils": "on",
            "gallery-consents": [first.pk, second.pk],
        },
    )

    items = list(draft.gallery.order_by("position").select_related("image"))
    assert response.status_code == 302
    assert [item.image.alt for item in items] == [
        "Học sinh trồng cây (1/3)",
        "Học sinh trồng cây (2/3)",
        "Học sinh trồng cây (3/3)",
    ]
    assert [{item.image.consent, *item.image.other_consents.all()} for item in items] == [
        {first, second}
    ] * 3


def test_a_picture_of_two_pupils_is_withdrawn_when_either_consent_expires(sites):
    live = published(sites.school_a, reviewer=sites.leader_a)
    lasting = consent(sites.school_a, days=60, by=sites.leader_a)
    ending = consent(sites.school_a, days=5, by=sites.leader_a)
    (item,) = services.add_several_to_gallery(
        live, uploads=[jpeg_with_gps()], alt="Hai em học sinh", by=sites.leader_a,
        shows_pupils=True, consents=[lasting, ending],
    )  # fmt: skip

    withdrawn = services.withdraw_expired(today=timezone.localdate() + datetime.timedelta(days=6))

    item.image.refresh_from_db()
    assert (withdrawn, item.image.withdrawn_at is not None) == ([item.image], True)


def test_several_pictures_with_one_expired_consent_add_nothing(sites):
    draft = article(sites.school_a)
    valid = consent(sites.school_a, days=30, by=sites.leader_a)
    expired = consent(sites.school_a, days=-1, by=sites.leader_a)

    with pytest.raises(ValidationError):
        services.add_several_to_gallery(
            draft, uploads=[jpeg_with_gps(), jpeg_with_gps()], alt="Học sinh",
            by=sites.leader_a, shows_pupils=True, consents=[valid, expired],
        )  # fmt: skip

    assert (GalleryItem.objects.count(), Image.objects.count()) == (0, 0)
