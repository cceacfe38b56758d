"""The demo press site: five made-up outlets served on 127.0.0.1, so that the demo's monitoring
desk fills up with no internet (`ttdn run` starts it in demo mode; tests start it themselves).

Each outlet publishes a feed (RSS or Atom), a news sitemap or a listing page, and its article
pages, in Vietnamese, English or French. One false story — a school of the demo "charging
parents dozens of illegal fees" — is copied, with edits, by three outlets.
"""

from __future__ import annotations

import datetime
import html
import threading
from dataclasses import dataclass
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from ttdn.monitoring.enums import SourceFormat, SourceKind


@dataclass(frozen=True)
class Outlet:
    slug: str
    name: str
    format: str
    kind: str
    language: str
    country: str
    weight: int
    feed_path: str


@dataclass(frozen=True)
class Story:
    outlet: str
    slug: str
    title: str
    paragraphs: tuple[str, ...]
    hours_ago: int


OUTLETS = (
    Outlet("bao-giao-duc-hp", "Báo Giáo dục Đất Cảng (demo)", SourceFormat.FEED,
           SourceKind.DOMESTIC_PRESS, "vi", "VN", 40, "rss.xml"),
    Outlet("tin-nhanh-cang", "Tin nhanh Cảng (demo)", SourceFormat.LISTING,
           SourceKind.DOMESTIC_PRESS, "vi", "VN", 25, "tin-moi/"),
    Outlet("dien-dan-phu-huynh", "Diễn đàn Phụ huynh (demo)", SourceFormat.FEED,
           SourceKind.SOCIAL, "vi", "VN", 10, "atom.xml"),
    Outlet("vietnam-education-weekly", "Vietnam Education Weekly (demo)", SourceFormat.SITEMAP,
           SourceKind.FOREIGN_PRESS, "en", "SG", 30, "sitemap.xml"),
    Outlet("courrier-asie", "Le Courrier de l'Asie (démo)", SourceFormat.FEED,
           SourceKind.FOREIGN_PRESS, "fr", "FR", 20, "rss.xml"),
)  # fmt: skip

_FALSE_CORE = (
    "Theo phản ánh của một số phụ huynh, đầu năm học Trường THCS Hồng Bàng đã thu của mỗi học sinh "
    "hơn hai mươi khoản tiền, trong đó có những khoản không có trong danh mục được phép thu.",
    "Các khoản bị phản ánh gồm tiền điều hòa, tiền vệ sinh lớp học, tiền quỹ hội phụ huynh, tiền "
    "khuyến học và tiền mua sắm thiết bị, tổng cộng lên tới gần năm triệu đồng mỗi em.",
    "Nhiều phụ huynh bức xúc cho rằng việc lạm thu diễn ra công khai, nhà trường ép buộc phụ huynh "
    "ký vào giấy đồng thuận và đe dọa xếp học sinh vào lớp kém nếu không nộp đủ.",
    "Một phụ huynh giấu tên cho biết đã khiếu nại nhưng không được trả lời, và cho rằng sai phạm "
    "này đã kéo dài nhiều năm mà không bị xử lý.",
)

STORIES = (
    Story("bao-giao-duc-hp", "phu-huynh-to-truong-thcs-hong-bang-lam-thu",
          "Phụ huynh tố Trường THCS Hồng Bàng lạm thu hàng chục khoản đầu năm",
          ("Đầu năm học mới, dư luận quận Hồng Bàng xôn xao trước thông tin về tình trạng lạm thu.",
           *_FALSE_CORE), 3),
    Story("tin-nhanh-cang", "truong-thcs-hong-bang-bi-to-lam-thu",
          "Trường THCS Hồng Bàng bị tố lạm thu gần 5 triệu đồng mỗi học sinh",
          ("Tin nhanh Cảng nhận được nhiều phản ánh của bạn đọc về các khoản thu đầu năm.",
           *_FALSE_CORE[:3], "Phóng viên đang tiếp tục xác minh sự việc."), 2),
    Story("dien-dan-phu-huynh", "lam-thu-o-thcs-hong-bang",
          "Lạm thu ở THCS Hồng Bàng: phụ huynh bức xúc",
          ("Chia sẻ lại từ nhóm phụ huynh lớp 6, mong các cơ quan chức năng vào cuộc.",
           *_FALSE_CORE), 1),
    Story("bao-giao-duc-hp", "hai-phong-khai-giang-nam-hoc-moi",
          "Hải Phòng: hơn 500 nghìn học sinh hân hoan khai giảng năm học mới",
          ("Sáng nay, các trường học trên địa bàn thành phố Hải Phòng đồng loạt tổ chức lễ khai giảng.",
           "Sở Giáo dục và Đào tạo thành phố Hải Phòng cho biết năm học này toàn thành phố có thêm "
           "12 trường đạt chuẩn quốc gia, chất lượng giáo dục tiếp tục được nâng cao.",
           "Nhiều trường tổ chức lễ khai giảng gọn nhẹ, an toàn, thân thiện, dành thời gian tri ân "
           "các thầy cô giáo và trao học bổng cho học sinh vượt khó học giỏi."), 20),
    Story("tin-nhanh-cang", "truong-tieu-hoc-ly-tu-trong-dat-giai-nhat",
          "Trường Tiểu học Lý Tự Trọng đạt giải nhất cuộc thi Sáng tạo trẻ",
          ("Đội tuyển của Trường Tiểu học Lý Tự Trọng vừa xuất sắc đạt giải nhất cuộc thi Sáng tạo "
           "trẻ cấp thành phố với mô hình thùng rác thông minh.",
           "Ban giám hiệu nhà trường đã biểu dương, khen thưởng các em học sinh và giáo viên hướng dẫn, "
           "ghi nhận thành tích xuất sắc của đội tuyển."), 30),
    Story("dien-dan-phu-huynh", "hoi-ve-hoc-phi-nam-nay",
          "Hỏi về mức học phí năm nay ở quận Hồng Bàng",
          ("Các bố mẹ cho hỏi mức học phí năm nay của các trường công lập quận Hồng Bàng là bao nhiêu?",
           "Nhà em có bé vào lớp 1 ở Trường Tiểu học Quán Toan, chưa nhận được thông báo chính thức."), 26),
    Story("vietnam-education-weekly", "haiphong-schools-fees-complaints",
          "Parents in Hai Phong complain about school fees",
          ("Parents at Hong Bang Lower Secondary School (Trường THCS Hồng Bàng) in Hai Phong have "
           "accused the school of collecting more than twenty fees at the start of the year.",
           "Local outlets reported that the fees include air conditioning, classroom cleaning and "
           "equipment, a practice critics describe as illegal and a form of abuse of parents.",
           "The Hai Phong Department of Education and Training has not yet commented on the complaint."), 2),
    Story("vietnam-education-weekly", "vietnam-digital-transformation-schools",
          "Vietnam pushes digital transformation in schools",
          ("Vietnam's education sector is rolling out digital textbooks and online records in "
           "thousands of schools, a success praised by international partners.",
           "The scholarship programme for teachers in digital skills was described as excellent."), 48),
    Story("courrier-asie", "haiphong-frais-scolaires",
          "Hai Phong : des parents dénoncent des frais scolaires",
          ("À Hai Phong, des parents d'élèves du collège Hồng Bàng (Trường THCS Hồng Bàng) dénoncent "
           "une vingtaine de frais perçus en début d'année, qu'ils jugent illégaux.",
           "Une plainte a été déposée, selon la presse locale, qui évoque un possible scandale."), 4),
    Story("courrier-asie", "cooperation-educative-france-vietnam",
          "Coopération éducative : nouvelles bourses entre la France et le Vietnam",
          ("L'ambassade de France annonce de nouvelles bourses pour les enseignants vietnamiens de "
           "français, une réussite saluée des deux côtés.",
           "Le programme couvrira des stages d'été à Lyon et à Hanoï."), 60),
)  # fmt: skip


def _outlet(slug: str) -> Outlet | None:
    return next((o for o in OUTLETS if o.slug == slug), None)


def _stories(outlet: Outlet) -> list[Story]:
    return [s for s in STORIES if s.outlet == outlet.slug]


def _when(story: Story, now: datetime.datetime) -> datetime.datetime:
    return (now - datetime.timedelta(hours=story.hours_ago)).replace(microsecond=0)


def article_url(base: str, story: Story) -> str:
    return f"{base}/{story.outlet}/bai/{story.slug}.html"


def page(outlet: Outlet, story: Story, now: datetime.datetime) -> str:
    """An article page shaped like a real outlet's: navigation, article, related links, footer."""
    e = html.escape
    body = "\n".join(f"<p>{e(p)}</p>" for p in story.paragraphs)
    others = "".join(
        f'<li><a href="/{outlet.slug}/bai/{s.slug}.html">{e(s.title)}</a></li>'
        for s in _stories(outlet) if s != story
    )  # fmt: skip
    return f"""<!doctype html><html lang="{outlet.language}"><head><meta charset="utf-8">
<title>{e(story.title)} - {e(outlet.name)}</title>
<meta property="article:published_time" content="{_when(story, now).isoformat()}">
</head><body><header><nav><a href="/{outlet.slug}/">{e(outlet.name)}</a> <a href="/{outlet.slug}/tin-moi/">Tin mới</a></nav></header>
<main><article><h1>{e(story.title)}</h1><p class="time">{_when(story, now):%d/%m/%Y %H:%M}</p>
{body}
</article><aside><h2>Đọc thêm</h2><ul>{others}</ul></aside></main>
<footer><p>© {e(outlet.name)}. Trang tin mô phỏng dùng cho bản demo TTĐN.</p></footer></body></html>"""


def feed(base: str, outlet: Outlet, now: datetime.datetime) -> str:
    e = html.escape
    if outlet.feed_path == "atom.xml":
        entries = "".join(
            f'<entry><title>{e(s.title)}</title><link href="{article_url(base, s)}"/>'
            f"<id>{article_url(base, s)}</id><updated>{_when(s, now).isoformat()}</updated>"
            f"<summary>{e(s.paragraphs[0])}</summary></entry>"
            for s in _stories(outlet)
        )
        return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
                f"<title>{e(outlet.name)}</title><id>{base}/{outlet.slug}/</id>"
                f"<updated>{now.isoformat()}</updated>{entries}</feed>")  # fmt: skip
    items = "".join(
        f"<item><title>{e(s.title)}</title><link>{article_url(base, s)}</link>"
        f"<guid>{article_url(base, s)}</guid><pubDate>{format_datetime(_when(s, now))}</pubDate>"
        f"<description>{e(s.paragraphs[0])}</description></item>"
        for s in _stories(outlet)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{e(outlet.name)}</title><link>{base}/{outlet.slug}/</link>{items}</channel></rss>")  # fmt: skip


def sitemap(base: str, outlet: Outlet, now: datetime.datetime) -> str:
    e = html.escape
    urls = "".join(
        f"<url><loc>{article_url(base, s)}</loc><news:news><news:publication_date>"
        f"{_when(s, now).isoformat()}</news:publication_date><news:title>{e(s.title)}</news:title>"
        f"</news:news></url>"
        for s in _stories(outlet)
    )
    return ('<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>')  # fmt: skip


def listing(outlet: Outlet) -> str:
    e = html.escape
    links = "".join(
        f'<li class="story"><a href="/{outlet.slug}/bai/{s.slug}.html">{e(s.title)}</a></li>'
        for s in _stories(outlet)
    )
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{e(outlet.name)}</title></head>'
            f'<body><nav><a href="/">Trang chủ</a></nav><h1>Tin mới</h1><ul>{links}</ul></body></html>')  # fmt: skip


class _Handler(BaseHTTPRequestHandler):
    server: Any

    def do_GET(self) -> None:
        base = f"http://{self.server.server_address[0]}:{self.server.server_address[1]}"
        now = self.server.started_at
        found = self._answer(base, now)
        if found is None:
            self.send_error(404)
            return
        content_type, text = found
        data = text.encode()
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _answer(self, base: str, now: datetime.datetime) -> tuple[str, str] | None:
        parts = self.path.split("?")[0].strip("/").split("/")
        outlet = _outlet(parts[0]) if parts else None
        if outlet is None:
            return ("text/plain", "User-agent: *\nAllow: /\n") if parts == ["robots.txt"] else None
        rest = "/".join(parts[1:])
        if rest == "rss.xml" and outlet.feed_path == "rss.xml":
            return "application/rss+xml; charset=utf-8", feed(base, outlet, now)
        if rest == "atom.xml" and outlet.feed_path == "atom.xml":
            return "application/atom+xml; charset=utf-8", feed(base, outlet, now)
        if rest == "sitemap.xml" and outlet.feed_path == "sitemap.xml":
            return "application/xml; charset=utf-8", sitemap(base, outlet, now)
        if rest == "tin-moi":
            return "text/html; charset=utf-8", listing(outlet)
        story = next((s for s in _stories(outlet) if rest == f"bai/{s.slug}.html"), None)
        return ("text/html; charset=utf-8", page(outlet, story, now)) if story else None

    def log_message(self, format: str, *args: Any) -> None:
        return


def serve(host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    """Start the site in a background thread; `server.server_address` tells where."""
    server = ThreadingHTTPServer((host, port), _Handler)
    server.daemon_threads = True
    server.started_at = datetime.datetime.now(datetime.UTC)  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
