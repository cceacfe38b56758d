"""Issue 15, points 11 and 14 in the browser: a plan reads with each heading numbered once,
and a school that issues the plan it owes is led on to submit it."""

import pytest
from playwright.sync_api import expect

from conftest import sign_in as sign_in_once
from ttdn.org.tests.factories import PASSWORD
from ttdn.plans.tests.factories import imported

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, user) -> None:
    page.context.clear_cookies()
    sign_in_once(page, user.username, PASSWORD)
    expect(page.locator(".user-name")).to_be_visible()


def test_plan_outline_numbers_each_heading_once_and_shows_no_empty_item(cast, page):
    plan = imported(cast.phong, by=cast.phong_officer)
    sign_in(page, cast.phong_officer)

    page.goto(plan.get_absolute_url())

    outline = page.locator(".plan-outline").first
    headings = outline.locator("strong").all_inner_texts()
    markers = page.eval_on_selector_all(
        ".plan-outline > li", "items => items.map(li => getComputedStyle(li).listStyleType)"
    )
    assert headings[:3] == ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích", "2. Yêu cầu"]
    assert set(markers) == {"none"}
    preamble = outline.locator("> li").first
    assert preamble.locator("strong").count() == 0
    assert preamble.locator(".section-body").inner_text().startswith("Thực hiện Kế hoạch")
