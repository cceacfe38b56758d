"""Demo portal: a site with the default sections for every demo unit, and a few published articles."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from PIL import Image as Pillow

from ttdn.content import services
from ttdn.content.enums import Check
from ttdn.content.models import Article
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
    return [f"{opened} sites opened, {published} demo articles published"]


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
