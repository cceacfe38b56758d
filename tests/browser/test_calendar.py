import re

import pytest
from playwright.sync_api import expect

from conftest import sign_in
from ttdn.events import importers, services
from ttdn.events.enums import Category, Scope
from ttdn.org.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def commemorations(cast):
    """The reference files, Hải Phòng's liberation for the cast's Sở, Quảng Ninh's founding for the outsider's."""
    services.load_reference(importers.read_commemorations() + importers.read_relations())
    local = {"scope": Scope.PROVINCE, "category": Category.HISTORY, "by": None}
    services.create_commemoration(
        name="Ngày giải phóng Hải Phòng", day=13, month=5, origin_year=1955, unit=cast.so, **local
    )
    services.create_commemoration(
        name="Ngày thành lập tỉnh Quảng Ninh",
        day=30,
        month=10,
        origin_year=1963,
        unit=cast.outsider_so,
        **local,
    )


def test_school_officer_reads_the_year_filters_it_and_copies_the_plan_paragraph(
    cast, commemorations, page
):
    sign_in(page, "teacher-a", PASSWORD)
    page.goto("/calendar/")
    expect(page.locator("h1")).to_contain_text("Ngày kỷ niệm năm")
    expect(page.locator("nav a[aria-current=page]")).to_have_text("Lịch kỷ niệm")

    page.goto("/calendar/2025/")
    party = page.locator("tr.anniversary", has_text="Ngày thành lập Đảng Cộng sản Việt Nam")
    expect(party).to_contain_text("95 năm")
    expect(party).to_contain_text("Năm lẻ 5")
    expect(page.locator("tr.anniversary", has_text="Ngày giải phóng Hải Phòng")).to_contain_text(
        "70 năm"
    )
    expect(page.locator("#plan-paragraph")).to_have_value(
        re.compile(
            r"80 năm Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam \(2/9/1945 - 2/9/2025\)"
        )
    )

    page.select_option("#id_year_class", "round")
    expect(page).to_have_url(re.compile(r"year_class=round"))
    expect(
        page.locator("tr.anniversary", has_text="Ngày thành lập Đảng Cộng sản Việt Nam")
    ).to_have_count(0)
    expect(page.locator("tr.anniversary", has_text="Ngày Giải phóng miền Nam")).to_contain_text(
        "50 năm"
    )

    page.click("button[data-copy=plan-paragraph]")
    expect(page.locator("button[data-copy=plan-paragraph]")).to_have_text("Đã chép")


def test_month_view_shows_the_grid_with_lunar_dates_and_links_to_the_rows(
    cast, commemorations, page
):
    sign_in(page, "teacher-a", PASSWORD)

    page.goto("/calendar/2023/1/")

    tet_cell = page.locator(
        ".month-grid td", has=page.locator(".solar-day", has_text=re.compile(r"^22$"))
    ).first
    expect(tet_cell.locator(".lunar-day")).to_have_text("1/1")
    tet_cell.locator("a", has_text="Tết Nguyên đán").click()
    expect(page).to_have_url(re.compile(r"/calendar/2023/1/#c\d+-20230122$"))
    page.click("a[rel=next]")
    expect(page.locator("h1")).to_have_text("Ngày kỷ niệm Tháng 2 năm 2023")


def test_outsider_never_sees_hai_phongs_day(cast, commemorations, page):
    sign_in(page, "outsider", PASSWORD)

    page.goto("/calendar/2025/?unit=")

    expect(page.locator("tr.anniversary", has_text="Ngày thành lập tỉnh Quảng Ninh")).to_have_count(
        1
    )
    expect(page.locator("main")).not_to_contain_text("Hải Phòng")
    assert page.goto("/calendar/2025/?unit=HB-A").status == 404


def test_school_officer_adds_the_schools_day_and_finds_it_on_the_calendar(
    cast, commemorations, page
):
    sign_in(page, "teacher-a", PASSWORD)
    page.goto("/calendar/commemorations/new/")

    page.fill("#id_name", "Ngày thành lập Trường THCS Hồng Bàng")
    page.select_option("#id_scope", "local")
    page.select_option("#id_category", "education")
    page.fill("#id_day", "30")
    page.fill("#id_month", "2")
    page.click("main button[type=submit]")
    expect(page.locator(".error")).to_contain_text("Không có ngày 30/2.")
    page.fill("#id_day", "5")
    page.fill("#id_month", "9")
    page.fill("#id_origin_year", "1960")
    page.click("main button[type=submit]")

    expect(page.locator(".message-success")).to_contain_text("Đã thêm ngày kỷ niệm")
    page.goto("/calendar/2030/9/")
    expect(
        page.locator("tr.anniversary", has_text="Ngày thành lập Trường THCS Hồng Bàng")
    ).to_contain_text("70 năm")
