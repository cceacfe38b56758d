import re

import pytest
from playwright.sync_api import expect

from conftest import sign_in
from ttdn.org.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_school_officer_signs_in_switches_language_and_signs_out(cast, page):
    sign_in(page, "teacher-a", PASSWORD)
    expect(page.locator("h1")).to_have_text("Việc cần làm")
    expect(page.locator(".acting-for")).to_contain_text("Trường THCS Hồng Bàng")

    page.click("button[name=language][value=en]")
    expect(page.locator("h1")).to_have_text("To do")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    page.click("button[name=language][value=vi]")
    expect(page.locator("h1")).to_have_text("Việc cần làm")

    page.click("form.logout button")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))
