import re

import pytest
from playwright.sync_api import expect

from conftest import sign_in
from ttdn.core.text import fold
from ttdn.documents import importers, services
from ttdn.documents.citations import number_symbol_key
from ttdn.documents.models import Document
from ttdn.org.enums import Role
from ttdn.org.tests.factories import PASSWORD, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def library(cast):
    services.load_legal_documents(importers.read_legal_documents(), by=None)
    return {d.symbol_key: d for d in Document.objects.all()}


def test_officer_searches_the_library_without_tones_and_opens_a_document(cast, library, page):
    sign_in(page, "teacher-a", PASSWORD)

    page.goto("/library/")
    page.fill("input[name=q]", "bao ve bi mat nha nuoc")
    page.click("form[role=search] button[type=submit]")

    results = page.locator("#results tbody tr")
    # The laws, the decree and the circular on state secrets: every title with those words.
    titled = [d for d in library.values() if "bao ve bi mat nha nuoc" in fold(d.title)]
    assert len(titled) >= 4
    expect(results).to_have_count(len(titled))
    expect(results.first.locator("mark").first).to_have_text(re.compile("Bảo vệ", re.IGNORECASE))
    page.click("#results a:text('26/2020/NĐ-CP')")
    expect(page.locator("h1")).to_have_text("Nghị định 26/2020/NĐ-CP")
    expect(page.locator(".lead")).to_have_text(
        "Quy định chi tiết một số điều của Luật Bảo vệ bí mật nhà nước"
    )


def test_public_page_shows_what_the_school_published_without_sign_in(cast, library, page):
    leader = member("leader-a", cast.school_a, Role.LEADER)
    services.publish_document(
        library[number_symbol_key("72/2015/NĐ-CP")], unit=cast.school_a, by=leader
    )

    page.goto(f"/don-vi/{cast.school_a.slug}/van-ban/")

    expect(page.locator("tbody tr")).to_have_count(1)
    page.click("tbody a")
    expect(page.locator("h1")).to_have_text("Nghị định 72/2015/NĐ-CP")


def test_checker_page_flags_the_date_of_seed_000(cast, library, page):
    sign_in(page, "teacher-a", PASSWORD)

    page.goto("/library/check/")
    page.fill(
        "textarea[name=text]",
        "Triển khai Nghị định số 72/2015/NĐ-CP ngày\n\n07/8/2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại",
    )
    page.click("main form button[type=submit]")

    expect(page.locator("tr.citation-date_mismatch")).to_contain_text("07/09/2015")


def test_checker_page_shows_each_kind_of_result_in_its_own_colour_problems_first(
    cast, library, page
):
    sign_in(page, "teacher-a", PASSWORD)

    page.goto("/library/check/")
    page.fill(
        "textarea[name=text]",
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\n"
        "Căn cứ Kế hoạch số 999/KH-ABC ngày 01/01/2024;\n"
        "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/8/2015 của Chính phủ.",
    )
    page.click("main form button[type=submit]")

    rows = page.locator("table.citations tbody tr")
    expect(rows.nth(0)).to_contain_text("72/2015/NĐ-CP")
    expect(rows.nth(2)).to_contain_text("30/2020/NĐ-CP")
    badges = page.locator(".citation-status")
    colours = badges.evaluate_all("(nodes) => nodes.map((n) => getComputedStyle(n).color)")
    icons = badges.evaluate_all("(nodes) => nodes.map((n) => n.firstElementChild.textContent)")
    assert (len(set(colours)), icons) == (3, ["✗", "?", "✓"])
