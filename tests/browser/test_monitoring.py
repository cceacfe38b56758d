import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import sign_in
from ttdn.documents.models import OutgoingDocument
from ttdn.monitoring import pipeline, press_site, watching
from ttdn.monitoring.models import Source
from ttdn.org.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fetched(cast):
    """The demo press site fetched for the cast's Sở, school A named as the demo's school."""
    cast.school_a.name, cast.school_a.short_name = "Trường THCS Hồng Bàng", "THCS Hồng Bàng"
    cast.school_a.save()
    watching.sync_entity_watches()
    server = press_site.serve()
    base = "http://{}:{}".format(*server.server_address[:2])
    for outlet in press_site.OUTLETS:
        source = Source.objects.create(
            unit=cast.so, name=outlet.name, url=f"{base}/{outlet.slug}/{outlet.feed_path}",
            format=outlet.format, language=outlet.language,
        )  # fmt: skip
        for item_id in pipeline.fetch_source(source).new_items:
            pipeline.process_item(item_id)
    yield
    server.shutdown()
    server.server_close()


def test_the_office_answers_the_false_story_about_its_school_on_time(cast, fetched, page):
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(page, "phong-officer", PASSWORD)

    page.goto("/monitoring/?tone=negative&language=vi")
    row = page.locator("tr", has_text="Phụ huynh tố Trường THCS Hồng Bàng lạm thu").first
    expect(row).to_contain_text("Tiêu cực")
    row.locator("a").first.click()
    page.get_by_role("link", name="3 bản").click()
    expect(page.locator("article.copy")).to_have_count(3)
    page.go_back()

    page.locator("summary", has_text="Mở vụ việc").click()
    page.select_option("select[name=severity]", "critical")
    page.get_by_role("button", name="Mở vụ việc").click()
    expect(page.locator("h1")).to_have_text(
        "Phụ huynh tố Trường THCS Hồng Bàng lạm thu hàng chục khoản đầu năm"
    )
    expect(page.locator(".evidence tbody tr")).to_have_count(3)
    page.get_by_role("button", name="Bắt đầu xác minh").click()
    page.fill(
        "textarea[name=text]",
        "Nhà trường chỉ thu các khoản theo quy định; thông tin trên là sai sự thật.",
    )
    page.get_by_role("button", name="Ghi nhận phản hồi").click()
    page.get_by_role("button", name="Đóng vụ việc").click()

    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Đã đóng")
    expect(facts).to_contain_text("đúng hạn")

    # The week's press review, with the case and its outcome, numbered in the office's register.
    today = timezone.localdate().isoformat()
    page.goto("/monitoring/review/")
    page.select_option("select[name=period]", "custom")
    page.fill("input[name=start]", today)
    page.fill("input[name=end]", today)
    page.fill("input[name=signer_position]", "TRƯỞNG PHÒNG")
    page.fill("input[name=signer_name]", "Đỗ Văn Hải")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Ban hành báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Đã ban hành báo cáo tổng hợp dư luận")
    review = OutgoingDocument.objects.get(type="report")
    assert review.title.startswith("Tổng hợp dư luận báo chí")


def test_the_outsider_sees_an_empty_desk(cast, fetched, page):
    sign_in(page, "outsider", PASSWORD)

    page.goto("/monitoring/")

    expect(page.locator("#results")).to_contain_text("Không có tin phù hợp.")
