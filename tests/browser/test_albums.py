"""Issue 21, in a browser with the demo data: Trường THCS Hồng Bàng's albums and its Giới thiệu
page work on a phone (390 px) and a desktop without sideways scrolling, show a video as a link
(no player from elsewhere), and pass axe-core's WCAG 2.1 AA rules."""

from pathlib import Path

import pytest
from django.core.cache import caches
from playwright.sync_api import expect

from conftest import sign_in
from tests.browser.checks import PHONE, axe_violations, overflow, unlabelled_cells
from ttdn.content import demo as content_demo
from ttdn.content.models import Album, Site
from ttdn.core.demo import DEMO_PASSWORD
from ttdn.org import demo as org_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


@pytest.fixture
def school(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    caches["portal"].clear()
    org_demo.load()
    content_demo.load()
    yield Site.objects.select_related("unit").get(unit__code="HB-THCS-HONGBANG")
    caches["portal"].clear()


@pytest.mark.parametrize("width", [390, 1280])
def test_albums_and_the_about_page_fit_the_screen(school, browser, live_server, width):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": width, "height": 900}
    )
    page = context.new_page()

    page.goto(f"/{school.unit.slug}/")
    expect(page.locator(".home-album")).to_contain_text("Lễ khai giảng năm học mới (demo)")
    page.locator(".portal-nav").get_by_role("link", name="Thư viện ảnh – video").click()
    expect(page.locator("h1")).to_have_text("Thư viện ảnh – video")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("link", name="Lễ khai giảng năm học mới (demo)").click()
    expect(page.locator(".album-items img")).to_have_count(5)  # four photos, one poster
    video = page.locator("a.video-link")
    expect(video).to_have_attribute("href", "https://www.youtube.com/watch?v=demo-khai-giang")
    assert page.locator("iframe").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator(".portal-nav").get_by_role("link", name="Giới thiệu").click()
    expect(page.locator(".leader-list li").first).to_contain_text("Đặng Văn Thành")
    expect(page.locator(".about-map img")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_album_and_about_pages_pass_axe(school, browser, live_server):
    album = Album.objects.live().get(site=school)
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    found = {}
    for path in ("chuyen-muc/thu-vien-anh-video/", f"album/{album.pk}/", "chuyen-muc/gioi-thieu/"):
        page.goto(f"/{school.unit.slug}/{path}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        )
        found[path] = [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]]
    context.close()

    assert found == {path: [] for path in found}


def test_editor_screens_fit_a_phone_keep_column_labels_and_pass_axe(school, page):
    album = Album.objects.get(site=school)
    page.set_viewport_size(PHONE)
    found = {}
    for username, path in (
        ("truong-hongbang-bientap", "/portal/units/HB-THCS-HONGBANG/albums/"),
        ("truong-hongbang-bientap", f"/portal/albums/{album.pk}/"),
        ("truong-hongbang-hieutruong", "/portal/units/HB-THCS-HONGBANG/about/"),
    ):
        page.context.clear_cookies()
        sign_in(page, username, DEMO_PASSWORD)
        page.goto(path)
        found[path] = overflow(page) + unlabelled_cells(page) + axe_violations(page)

    assert found == {path: [] for path in found}
