"""Issue 21, in a browser with the demo data: Trường THCS Hồng Bàng's site shows its banner,
menu, notices and this week's schedule on a phone (390 px) and a desktop, without sideways
scrolling; its schedule, công khai and 404 pages pass axe-core's WCAG 2.1 AA rules; the school
publishes a công khai item and the office's board shows who is late; its Văn bản page lists and
downloads the documents it issued."""

from pathlib import Path

import pytest
from django.core.cache import caches
from django.utils import timezone
from playwright.sync_api import expect

from conftest import sign_in
from tests.browser.checks import PHONE, axe_violations, overflow
from ttdn.content import demo as content_demo
from ttdn.content import disclosure
from ttdn.content.models import Site
from ttdn.core.demo import DEMO_PASSWORD
from ttdn.documents import demo as documents_demo
from ttdn.documents.models import OutgoingDocument
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
def test_school_site_shows_banner_menu_notices_and_schedule(school, browser, live_server, width):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": width, "height": 900}
    )
    page = context.new_page()

    page.goto(f"/{school.unit.slug}/")

    expect(page.locator(".portal-banner img")).to_be_visible()
    expect(page.locator(".portal-nav").get_by_role("link", name="Lịch công tác")).to_be_visible()
    expect(page.locator(".home-notices")).to_contain_text("Thông báo lịch nghỉ Tết Nguyên đán")
    expect(page.locator(".home-week table")).to_contain_text("Chào cờ đầu tuần")
    expect(page.locator(".portal-footer")).to_contain_text("Hiệu trưởng Đặng Văn Thành")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.locator(".portal-nav").get_by_role("link", name="Lịch công tác").click()
    expect(page.locator("h1")).to_have_text("Lịch công tác")
    page.get_by_role("link", name="Tuần sau").click()
    expect(page.locator("main")).to_contain_text("Chưa có lịch công tác cho tuần này.")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_schedule_disclosure_and_missing_pages_pass_axe(school, browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", bypass_csp=True)
    page = context.new_page()
    found = {}
    for path in ("", "chuyen-muc/lich-cong-tac/", "chuyen-muc/cong-khai/", "khong-co-trang-nay/"):
        page.goto(f"/{school.unit.slug}/{path}")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
        )
        found[path] = [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]]
    context.close()

    assert found == {path: [] for path in found}


def test_school_publishes_an_item_and_the_office_board_shows_it(school, page):
    sign_in(page, "truong-hongbang-bientap", DEMO_PASSWORD)
    page.goto("/portal/units/HB-THCS-HONGBANG/disclosures/")
    page.select_option("#id_item", "organisation.staff")
    page.fill("#id_body", "68 giáo viên, 100% đạt chuẩn trình độ đào tạo.")
    page.click("main form.form button.button")
    expect(page.locator(".message-success")).to_have_text("Đã công khai mục này.")

    page.context.clear_cookies()
    sign_in(page, "phong-hongbang-lanhdao", DEMO_PASSWORD)
    # Last school year's items fell due on 30 June (Thông tư 09/2024 Điều 15): none published.
    last = disclosure.school_year_of(timezone.localdate()) - 1
    page.goto(f"/portal/units/PGDDT-HB/disclosures/board/?year={last}")
    row = page.get_by_role("row", name="Trường THCS Hồng Bàng")
    expect(row).to_be_visible()
    expect(page.get_by_role("row", name="Trường THCS Hùng Vương")).to_contain_text("quá hạn")


def test_documents_page_lists_and_downloads_the_schools_issued_documents_on_a_phone(school, page):
    documents_demo.load()
    newest = OutgoingDocument.objects.on_site_of(school.unit).first()
    page.set_viewport_size(PHONE)

    page.goto(f"/{school.unit.slug}/van-ban/")
    issued = page.locator("#issued-documents li")
    with page.expect_download() as download:
        issued.first.get_by_role("link", name="Tải DOCX").click()

    expect(issued).to_have_count(2)
    expect(issued.first).to_contain_text("Tuyển sinh vào lớp 6 năm học 2026-2027")
    expect(page.locator("main")).to_contain_text("72/2015/NĐ-CP")  # the library's, below
    assert download.value.suggested_filename == f"{newest.file_stem}.docx"
    assert (overflow(page), axe_violations(page)) == ([], [])
