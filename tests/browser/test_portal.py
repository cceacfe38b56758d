"""The issue's "Done when", in a browser with the demo data: a school editor writes an article
about an exemplary teacher with a photo and submits it; the principal reviews the checklist and
publishes it; it appears on the school's site, the office's site, RSS and search, in Vietnamese
and English; a pupil photo without consent is refused; classified content is never published.
The public pages and the editor pass axe-core's WCAG 2.1 AA rules."""

import io
from pathlib import Path

import pytest
from django.core.cache import caches
from PIL import Image as Pillow
from playwright.sync_api import expect

from conftest import sign_in
from ttdn.content import demo as content_demo
from ttdn.content import services
from ttdn.content.models import Article, Site
from ttdn.core.demo import DEMO_PASSWORD
from ttdn.org import demo as org_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
EDITOR = "truong-hongbang-bientap"
PRINCIPAL = "truong-hongbang-hieutruong"
TITLE = "Cô giáo Nguyễn Thị Lan – tấm gương tận tụy với học sinh"


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    caches["portal"].clear()
    org_demo.load()
    content_demo.load()
    school = Site.objects.select_related("unit").get(unit__code="HB-THCS-HONGBANG")
    services.update_site(school, by=None, languages=["en"])
    yield school
    caches["portal"].clear()


def photo() -> dict:
    out = io.BytesIO()
    Pillow.new("RGB", (800, 600), (30, 90, 160)).save(out, format="JPEG")
    return {"name": "co-lan.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def write(page, title: str, *, classification: str = "public", pupils: bool = False) -> None:
    page.goto("/portal/units/HB-THCS-HONGBANG/new/")
    page.fill("#id_title", title)
    page.select_option("#id_section", label="Gương điển hình tiên tiến")
    page.fill("#id_summary", "Hơn 20 năm đứng lớp, cô Lan luôn đồng hành cùng học sinh.")
    page.locator(".pell-content").fill(
        "Cô Nguyễn Thị Lan nhiều năm liền là Chiến sĩ thi đua cơ sở."
    )
    page.set_input_files("#id_cover_upload", files=[photo()])
    page.fill("#id_cover_alt", "Cô Lan trên bục giảng")
    if pupils:
        page.check("#id_cover_shows_pupils")
    page.select_option("#id_classification", classification)
    page.click("main form.form button.button")


def switch_to(page, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, username, DEMO_PASSWORD)


def test_article_about_an_exemplary_teacher_goes_from_editor_to_every_public_page(demo, page):
    slug, office = demo.unit.slug, demo.unit.parent.slug
    sign_in(page, EDITOR, DEMO_PASSWORD)
    write(page, TITLE)
    expect(page.locator(".message-success")).to_have_text("Đã lưu bản nháp.")
    detail = page.url
    page.click("button:has-text('Gửi duyệt')")
    expect(page.locator("#article-status")).to_have_text("Đang chờ duyệt")
    expect(page.locator("form[action$='/review/']")).to_have_count(0)  # an editor never publishes

    switch_to(page, PRINCIPAL)
    page.goto(detail)
    for box in page.locator("input[name=checklist]").all():
        box.check()
    page.click("button[name=approve]")
    expect(page.locator("#article-status")).to_have_text("Đã đăng")

    page.goto(f"/{slug}/")
    expect(page.locator("main")).to_contain_text(TITLE)
    page.goto(f"/{office}/")
    expect(page.locator("#subtree ~ .cards")).to_contain_text(TITLE)
    rss = page.request.get(f"/{slug}/rss.xml")
    assert rss.status == 200
    assert TITLE in rss.text()
    page.goto(f"/{slug}/tim-kiem/?q=tam+guong+tan+tuy")
    expect(page.locator("main .cards")).to_contain_text(TITLE)

    switch_to(page, EDITOR)
    page.goto(detail + "translate/")
    page.select_option("#id_language", "en")
    page.fill("#id_title", "Ms Nguyễn Thị Lan, a devoted teacher")
    page.fill("#id_summary", "Twenty years in the classroom, always beside her pupils.")
    page.locator(".pell-content").fill("Ms Lan has been an emulation fighter for many years.")
    page.click("main form.form button.button")
    expect(page.locator(".message-success")).to_have_text("Đã lưu bản dịch dưới dạng bản nháp.")
    translation = page.url
    switch_to(page, PRINCIPAL)
    page.goto(translation)
    page.fill("#id_reason", "Bản dịch đã được tổ tiếng Anh kiểm tra")
    page.click("button:has-text('Đăng không qua duyệt')")
    expect(page.locator("#article-status")).to_have_text("Đã đăng")

    page.goto(f"/{slug}/?lang=en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("main")).to_contain_text("Ms Nguyễn Thị Lan, a devoted teacher")
    page.click("text=Ms Nguyễn Thị Lan, a devoted teacher")
    expect(page.locator("a[hreflang=vi]").first).to_have_text("Tiếng Việt")


def test_pupil_photo_without_consent_is_refused(demo, page):
    sign_in(page, EDITOR, DEMO_PASSWORD)

    write(page, "Em Trần Minh An đạt giải Nhất", pupils=True)

    expect(page.locator(".error")).to_contain_text("Ảnh có học sinh cần có văn bản đồng ý")
    assert Article.objects.filter(title="Em Trần Minh An đạt giải Nhất").exists() is False


def test_classified_article_is_published_by_nobody(demo, page):
    sign_in(page, EDITOR, DEMO_PASSWORD)
    write(page, "Số liệu mật về kỳ thi", classification="confidential")
    page.click("button:has-text('Gửi duyệt')")
    detail = page.url

    for person in (PRINCIPAL, "phong-hongbang-lanhdao"):
        switch_to(page, person)
        page.goto(detail)
        for box in page.locator("input[name=checklist]").all():
            box.check()
        page.click("button[name=approve]")
        expect(page.locator(".message-error")).to_have_text(
            "Nội dung mật hoặc nội bộ không bao giờ được đăng."
        )
        page.fill("#id_reason", "Khẩn")
        page.click("button:has-text('Đăng không qua duyệt')")
        expect(page.locator(".message-error")).to_have_text(
            "Nội dung mật hoặc nội bộ không bao giờ được đăng."
        )

    expect(page.locator("#article-status")).to_have_text("Đang chờ duyệt")


def axe_violations(page) -> list[str]:
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
    )
    return [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]]


def test_public_pages_and_the_editor_pass_axe_wcag_21_aa(demo, browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    article = Article.objects.live().filter(site=demo).first()
    found = {}
    for url in (
        f"/{demo.unit.slug}/",
        article.get_absolute_url(),
        f"/{demo.unit.slug}/chuyen-muc/tin-tuc-hoat-dong/",
    ):
        page.goto(url)
        page.add_script_tag(path=str(AXE))
        found[url] = axe_violations(page)
    sign_in(page, EDITOR, DEMO_PASSWORD)
    page.goto("/portal/units/HB-THCS-HONGBANG/new/")
    page.add_script_tag(path=str(AXE))
    found["editor"] = axe_violations(page)
    context.close()

    assert found == {url: [] for url in found}
