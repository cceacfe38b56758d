"""Demo portal: a site with the default sections for every demo unit, and a few published articles."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from PIL import Image as Pillow

from ttdn.content import disclosure, services
from ttdn.content.enums import Check
from ttdn.content.models import Article, Site
from ttdn.org.models import Unit, User

# (unit code, section slug, author, reviewer, title, summary, body paragraphs)
ARTICLES = [
    (
        "HB-THCS-HONGBANG",
        "tin-tuc-hoat-dong",
        "truong-hongbang-bientap",
        "truong-hongbang-hieutruong",
        "Trường THCS Hồng Bàng tổ chức chuyên đề đổi mới phương pháp dạy học (demo)",
        "Tổ Khoa học tự nhiên tổ chức chuyên đề dạy học theo chủ đề tích hợp, có sự tham gia "
        "của giáo viên các trường trong Cụm trường số 1 quận Hồng Bàng.",
        [
            "Thực hiện kế hoạch năm học, sáng nay Trường THCS Hồng Bàng tổ chức chuyên đề "
            "“Dạy học theo chủ đề tích hợp môn Khoa học tự nhiên lớp 7”.",
            "Các thầy cô đã trao đổi về cách tổ chức hoạt động nhóm, đánh giá năng lực học sinh "
            "và ứng dụng công nghệ thông tin trong tiết dạy. (Bài viết mẫu của bản demo.)",
        ],
    ),
    (
        "HB-THCS-HONGBANG",
        "guong-dien-hinh-tien-tien",
        "truong-hongbang-bientap",
        "truong-hongbang-hieutruong",
        "Cô giáo Nguyễn Thị Minh – tấm gương tận tụy với học sinh (demo)",
        "Hơn 20 năm đứng lớp, cô Nguyễn Thị Minh luôn là người đồng hành cùng học sinh trong "
        "các kỳ thi học sinh giỏi cấp thành phố.",
        [
            "Cô Nguyễn Thị Minh, giáo viên Ngữ văn, nhiều năm liền đạt danh hiệu Chiến sĩ thi đua "
            "cơ sở và có học sinh đạt giải trong kỳ thi học sinh giỏi thành phố.",
            "(Bài viết mẫu của bản demo: nhân vật là hư cấu.)",
        ],
    ),
    (
        "PGDDT-HB",
        "thanh-tich-noi-bat",
        "phong-hongbang-bientap",
        "phong-hongbang-lanhdao",
        "Ngành Giáo dục quận Hồng Bàng tổng kết năm học (demo)",
        "Phòng GDĐT quận Hồng Bàng tổ chức hội nghị tổng kết năm học, biểu dương các tập thể và "
        "cá nhân có thành tích xuất sắc.",
        [
            "Năm học vừa qua, các cơ sở giáo dục trên địa bàn quận đã hoàn thành tốt nhiệm vụ, "
            "nhiều trường được công nhận đạt chuẩn quốc gia.",
            "(Bài viết mẫu của bản demo: số liệu minh họa.)",
        ],
    ),
]


@transaction.atomic
def load() -> list[str]:
    """Open a site for every unit and publish the sample articles once (idempotent)."""
    opened = 0
    for unit in Unit.objects.filter(site__isnull=True):
        services.open_site(unit)
        opened += 1
    published = 0
    people = User.objects.in_bulk(
        [row[2] for row in ARTICLES] + [row[3] for row in ARTICLES], field_name="username"
    )
    for code, section, author, reviewer, title, summary, paragraphs in ARTICLES:
        target = Unit.objects.filter(code=code).select_related("site").first()
        if target is None or author not in people or Article.objects.filter(title=title).exists():
            continue
        article = services.create_article(
            target.site,
            by=people[author],
            title=title,
            summary=summary,
            body="".join(f"<p>{p}</p>" for p in paragraphs),
            section=target.site.sections.get(slug=section),
            tags=["demo"],
        )
        if section == "tin-tuc-hoat-dong":
            _add_media(article, by=people[author])
        services.submit_article(article, by=people[author])
        services.approve_article(article, by=people[reviewer], checklist=Check.values)
        published += 1
    dressed = _dress_school("HB-THCS-HONGBANG", people)
    albums = _albums_and_about("HB-THCS-HONGBANG", people)
    return [
        f"{opened} sites opened, {published} demo articles published"
        + (", the site of Trường THCS Hồng Bàng dressed as a school's" if dressed else "")
        + (", an album and the about page of Trường THCS Hồng Bàng" if albums else "")
    ]


# A school's site as schools run them (issue 21): banner and logo, colours, contacts, official
# pages, key figures, videos, notices, an introduction, admissions, this week's schedule and
# some công khai items (others missing, so the office's board shows who is late).
NOTICES = [
    ("Thông báo lịch nghỉ Tết Nguyên đán (demo)", "thong-bao",
     "Học sinh nghỉ Tết từ ngày 26/01 đến hết ngày 03/02; đi học trở lại ngày 04/02."),
    ("Thông báo họp cha mẹ học sinh cuối học kỳ I (demo)", "thong-bao",
     "Nhà trường tổ chức họp cha mẹ học sinh các lớp vào 7 giờ 30 sáng Chủ nhật."),
    ("Giới thiệu Trường THCS Hồng Bàng (demo)", "gioi-thieu",
     "Trường được thành lập năm 1960, đạt chuẩn quốc gia mức độ 2; 32 lớp, 1.250 học sinh."),
    ("Kế hoạch tuyển sinh lớp 6 (demo)", "tuyen-sinh",
     "Tuyển 320 học sinh lớp 6 theo phương thức xét tuyển, trên địa bàn phường được phân tuyến."),
]  # fmt: skip
WEEK = [
    (0, (7, 30), "Chào cờ đầu tuần; phát động thi đua chào mừng ngày 20/11", "Sân trường",
     "Hiệu trưởng", "Toàn trường"),
    (1, (14, 0), "Sinh hoạt tổ chuyên môn Khoa học tự nhiên", "Phòng họp 2",
     "Tổ trưởng", "Giáo viên tổ KHTN"),
    (2, (8, 0), "Dự giờ thăm lớp 7A, 8B", "Lớp 7A, 8B", "Phó Hiệu trưởng", "Ban giám hiệu"),
    (3, (15, 30), "Họp Hội đồng sư phạm tháng", "Hội trường", "Hiệu trưởng", "Toàn thể viên chức"),
    (4, (8, 0), "Kiểm tra hồ sơ chuyên môn", "Phòng Hiệu trưởng", "Phó Hiệu trưởng", "Tổ trưởng"),
]  # fmt: skip


def _picture(colour: tuple[int, int, int], size: tuple[int, int], name: str) -> SimpleUploadedFile:
    """A plain picture with a lighter band (no real people or places)."""
    picture = Pillow.new("RGB", size, colour)
    band = Pillow.new("RGB", (size[0], size[1] // 4), tuple(min(255, c + 60) for c in colour))
    picture.paste(band, (0, size[1] * 3 // 4))
    out = io.BytesIO()
    picture.save(out, format="JPEG")
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def _dress_school(code: str, people: dict[str, User]) -> bool:
    site = Site.objects.filter(unit__code=code).select_related("unit").first()
    leader, editor = people.get("truong-hongbang-hieutruong"), people.get("truong-hongbang-bientap")
    if site is None or leader is None or editor is None or site.banner_id:
        return False
    banner = services.add_image(
        site, upload=_picture((11, 79, 138), (1600, 400), "banner.jpg"),
        alt="Cổng Trường THCS Hồng Bàng (ảnh minh họa)", by=leader,
    )  # fmt: skip
    logo = services.add_image(
        site, upload=_picture((155, 28, 28), (256, 256), "logo.jpg"), alt=site.unit.name, by=leader
    )
    services.update_site(
        site, by=leader, banner=banner, logo=logo, colour="#0b4f8a", accent="#b45309",
        tagline="Dạy tốt – Học tốt – Rèn luyện tốt",
        address="Số 1 phố Hoàng Văn Thụ, phường Hồng Bàng, thành phố Hải Phòng",
        phone="0225 3842 123", email="thcshongbang@haiphong.edu.vn",
        responsible="Hiệu trưởng Đặng Văn Thành", facebook_url="https://www.facebook.com/thcshongbang.demo",
        youtube_url="https://www.youtube.com/@thcshongbang.demo", post_channels=["local"],
        key_figures=[["Học sinh", "1.250"], ["Lớp học", "32"], ["Giáo viên", "68"],
                     ["Giải học sinh giỏi thành phố", "27"]],
        videos=[["Lễ khai giảng năm học mới", "https://www.youtube.com/watch?v=demo-khai-giang"]],
    )  # fmt: skip
    for title, section, text in NOTICES:
        article = services.create_article(
            site, by=editor, title=title, summary=text, body=f"<p>{text}</p>",
            section=site.sections.get(slug=section), tags=["demo"],
        )  # fmt: skip
        services.publish_without_review(article, by=leader, reason="Bản demo")
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    services.save_week(
        site, monday=monday, by=editor, note="Lịch có thể điều chỉnh; xem thông báo mới nhất.",
        rows=[
            {"day": monday + datetime.timedelta(days=d), "time": datetime.time(*t), "content": c,
             "place": p, "lead": lead, "attendees": a}
            for d, t, c, p, lead, a in WEEK
        ],
    )  # fmt: skip
    year = disclosure.school_year_of(today)
    for item, body in (
        ("general.information", "Trường THCS Hồng Bàng, công lập, trực thuộc Phòng GDĐT."),
        ("finance.fees", "Học phí: miễn theo Nghị quyết của HĐND thành phố. Thu khác: không."),
        ("plans.year", "Kế hoạch giáo dục năm học được Hội đồng trường thông qua."),
    ):
        services.publish_disclosure(site, item=item, school_year=year, body=body, by=editor)
    return True


# The demo gallery: plain coloured pictures (no real pupils), captions, and one attachment.
GALLERY = [
    ((11, 94, 138), "Giáo viên trao đổi về tiết dạy tích hợp", "Tổ Khoa học tự nhiên dự giờ"),
    ((29, 94, 42), "Học sinh làm thí nghiệm theo nhóm", "Hoạt động nhóm của lớp 7A"),
    ((155, 28, 28), "Toàn cảnh buổi chuyên đề", ""),
]
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _add_media(article: Article, *, by: User) -> None:
    for colour, alt, caption in GALLERY:
        out = io.BytesIO()
        Pillow.new("RGB", (1200, 800), colour).save(out, format="JPEG")
        upload = SimpleUploadedFile("anh.jpg", out.getvalue(), content_type="image/jpeg")
        services.add_to_gallery(article, upload=upload, alt=alt, caption=caption, by=by)
    upload = SimpleUploadedFile("Kế hoạch chuyên đề (demo).pdf", PDF, "application/pdf")
    services.attach_file(article, upload=upload, by=by)


# An album (coloured pictures, no real pupils; a video link with a poster, never a player) and
# a filled-in Giới thiệu page with its leaders (fictional people).
ALBUM_PHOTOS = [
    ((11, 79, 138), "Học sinh xếp hàng chào cờ (ảnh minh họa)", "Lễ chào cờ đầu năm học"),
    ((180, 83, 9), "Đại biểu đánh trống khai giảng (ảnh minh họa)", "Đánh trống khai trường"),
    ((29, 94, 42), "Tiết mục văn nghệ chào mừng (ảnh minh họa)", "Văn nghệ chào mừng"),
    ((91, 42, 134), "Học sinh lớp 6 nhận quà (ảnh minh họa)", ""),
]
HISTORY = (
    "<p>Trường THCS Hồng Bàng được thành lập năm 1960, là một trong những trường trung học cơ "
    "sở đầu tiên của quận. Trường đạt chuẩn quốc gia mức độ 2 năm 2019 và nhiều năm liền là "
    "tập thể lao động xuất sắc.</p><p>(Nội dung mẫu của bản demo.)</p>"
)
ORGANISATION = (
    "Chi bộ Đảng; Hội đồng trường; Ban giám hiệu.\n"
    "Tổ Khoa học tự nhiên, tổ Khoa học xã hội, tổ Ngoại ngữ, tổ Văn phòng.\n"
    "Công đoàn, Liên đội Thiếu niên Tiền phong Hồ Chí Minh."
)
LEADERS: list[tuple[str, str, tuple[int, int, int] | None, str, bool]] = [
    ("Đặng Văn Thành", "Hiệu trưởng", (11, 79, 138), "0225 3842 123", True),
    ("Nguyễn Thị Hoa", "Phó Hiệu trưởng", (155, 28, 28), "", False),
    ("Trần Minh Đức", "Phó Hiệu trưởng", None, "", False),
]


def _albums_and_about(code: str, people: dict[str, User]) -> bool:
    site = Site.objects.filter(unit__code=code).select_related("unit").first()
    leader, editor = people.get("truong-hongbang-hieutruong"), people.get("truong-hongbang-bientap")
    if site is None or leader is None or editor is None or site.albums.exists():
        return False
    today = timezone.localdate()
    album = services.create_album(
        site, title="Lễ khai giảng năm học mới (demo)", by=editor,
        date=datetime.date(today.year if today.month >= 9 else today.year - 1, 9, 5),
        description="Toàn trường dự lễ khai giảng; ảnh và video minh họa của bản demo.",
    )  # fmt: skip
    for colour, alt, caption in ALBUM_PHOTOS:
        upload = _picture(colour, (1200, 800), "anh.jpg")
        services.add_photos(album, uploads=[upload], alt=alt, caption=caption, by=editor)
    services.add_video(
        album, video_url="https://www.youtube.com/watch?v=demo-khai-giang",
        title="Toàn cảnh lễ khai giảng", by=editor,
        poster=_picture((30, 30, 30), (1280, 720), "poster.jpg"),
        poster_alt="Sân trường trong lễ khai giảng (ảnh minh họa)",
    )  # fmt: skip
    services.submit_album(album, by=editor)
    services.publish_album(album, by=leader, checklist=Check.values)
    map_picture = services.add_image(
        site, upload=_picture((220, 220, 200), (1000, 600), "ban-do.jpg"),
        alt="Bản đồ đường đến Trường THCS Hồng Bàng (hình minh họa)", by=leader,
    )  # fmt: skip
    services.save_about(
        site, by=leader, history=HISTORY, organisation=ORGANISATION, map_image=map_picture,
        map_url="https://www.openstreetmap.org/#map=17/20.8606/106.6826",
    )  # fmt: skip
    for name, role, shade, phone, show_phone in LEADERS:
        photo = None
        if shade is not None:
            photo = services.add_image(
                site, upload=_picture(shade, (400, 500), "chan-dung.jpg"),
                alt=f"Ảnh chân dung {name} (ảnh minh họa)", by=leader,
            )  # fmt: skip
        services.add_leader(
            site, by=leader, name=name, role=role, photo=photo, phone=phone, show_phone=show_phone
        )
    return True
