"""The form editor in the browser: a Phòng officer builds a form with an indicator broken down by
language, is told what is wrong with bad limits, and previews what a school will fill in."""

import pytest
from playwright.sync_api import expect

from conftest import sign_in
from ttdn.org.tests.factories import PASSWORD
from ttdn.reports.models import Indicator

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_officer_builds_a_form_with_a_breakdown_and_previews_it(cast, page):
    sign_in(page, cast.phong_officer.username, PASSWORD)
    page.goto("/reports/forms/new/")
    page.fill("[name=code]", "bao-cao-nhanh")
    page.fill("[name=name]", "Báo cáo nhanh công tác TTĐN")
    page.get_by_role("button", name="Tạo biểu mẫu").click()
    expect(page.locator("h1")).to_have_text("Báo cáo nhanh công tác TTĐN")

    page.locator("form[action$='/sections/'] [name=title]").fill("I. Tin bài")
    page.locator("form[action$='/sections/'] button").click()
    page.get_by_role("link", name="Thêm chỉ tiêu", exact=True).click()
    page.fill("[name=code]", "TT01")
    page.fill("[name=name]", "Số tin, bài đăng trên trang thông tin điện tử")
    page.select_option("[name=kind]", "integer")
    page.fill("[name=min_value]", "10")
    page.fill("[name=max_value]", "5")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".form-errors")).to_be_visible()
    assert not Indicator.objects.filter(code="TT01").exists()

    page.fill("[name=min_value]", "0")
    page.fill("[name=max_value]", "")
    page.select_option("[name=category_set]", "language")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("#indicator-TT01")).to_contain_text("Tiếng Anh (TT01.en)")

    page.get_by_role("link", name="Xem trước như đơn vị báo cáo").click()
    expect(page.locator("#preview [name=TT01]")).to_be_visible()
    expect(page.locator("#preview [name='TT01.en']")).to_be_visible()
