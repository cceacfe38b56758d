"""Issue 7's "Done when", in the browser, on the demo data: the Phòng opens a 6-month round; three
schools submit (one late, one returned and resubmitted), one asks to unlock; the Phòng sees
completeness and consolidated totals and starts its own report to the Sở from them."""

import datetime
import re
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from conftest import sign_in as sign_in_once
from ttdn.core.demo import DEMO_PASSWORD
from ttdn.org.enums import Role
from ttdn.org.models import Unit, User
from ttdn.org.tests.factories import PASSWORD, member
from ttdn.reports import services
from ttdn.reports.models import ReportForm, Round, Submission
from ttdn.reports.periods import Period, SubmissionWindow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def sign_in(page, user: str, password: str) -> None:
    """Sign out whoever was signed in, then sign in as `user`."""
    page.context.clear_cookies()
    sign_in_once(page, user, password)
    expect(page.locator(".user-name")).to_be_visible()


def fill(page, values: dict[str, str]) -> None:
    for code, value in values.items():
        page.fill(f"[name={code}]", value)


def open_own_report(page, user: str) -> None:
    """Sign in and follow the report from “Việc cần làm”."""
    sign_in(page, user, DEMO_PASSWORD if user != "truong-hungvuong" else PASSWORD)
    page.locator(".todo a", has_text="Báo cáo 6 tháng đầu năm").first.click()


def test_phong_runs_a_six_month_round_to_its_own_report(demo, page):
    today = timezone.localdate()
    member("truong-hungvuong", Unit.objects.get(code="HB-TH-HUNGVUONG"), Role.OFFICER)
    form = ReportForm.objects.get(code="ttdn-6-thang-pgddt-hb")

    # The Phòng opens the round for the first six months, due today for schools.
    sign_in(page, "phong-hongbang", DEMO_PASSWORD)
    page.goto("/reports/rounds/new/")
    page.select_option("[name=form]", str(form.pk))
    page.fill("[name=title]", "Báo cáo 6 tháng đầu năm")
    page.select_option("[name=period_kind]", "half_year")
    page.fill("[name=period_year]", "2026")
    page.fill("[name=period_number]", "1")
    page.fill("[name=opens_on]", str(today - datetime.timedelta(days=5)))
    page.fill("[name=due_on]", str(today + datetime.timedelta(days=1)))
    page.fill("[name=closes_on]", str(today + datetime.timedelta(days=3)))
    page.fill("[name=due_school]", str(today))
    page.locator("main form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("Báo cáo 6 tháng đầu năm")
    round_ = Round.objects.get(title="Báo cáo 6 tháng đầu năm")
    assert round_.submissions.count() == 14

    # Two schools submit on time from "Việc cần làm".
    open_own_report(page, "truong-hongbang")
    fill(
        page,
        {"TT01": "20", "TT02": "3", "TT03": "2", "TT04": "30", "NX01": "Duy trì chuyên mục TTĐN."},
    )
    page.click("button[name=submit]")
    expect(page.locator("#status")).to_have_text("Đã nộp")
    open_own_report(page, "truong-lytutrong")
    fill(page, {"TT01": "10", "TT02": "12", "NX01": "Đăng tin hằng tuần."})
    page.click("button[name=submit]")
    expect(page.locator(".error").first).to_be_visible()  # TT02 ≤ TT01
    fill(page, {"TT02": "2"})
    page.click("button[name=submit]")
    expect(page.locator("#status")).to_have_text("Đã nộp")

    # The Phòng's leader approves one and returns the other with a message.
    sign_in(page, "phong-hongbang-lanhdao", DEMO_PASSWORD)
    page.goto(submission_url(round_, "HB-THCS-HONGBANG"))
    page.locator("form[action$='/approve/'] button").click()
    expect(page.locator("#status")).to_have_text("Đã duyệt")
    page.goto(submission_url(round_, "HB-TH-LYTUTRONG"))
    page.fill("[name=message]", "Bổ sung số buổi tập huấn.")
    page.locator("form[action$='/return/'] button").click()
    expect(page.locator("#status")).to_have_text("Bị trả lại")

    # Tomorrow, past the schools' deadline: one school resubmits, another submits late.
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    with mock.patch("django.utils.timezone.now", return_value=tomorrow):
        open_own_report(page, "truong-lytutrong")
        expect(page.locator(".notice")).to_contain_text("Bổ sung số buổi tập huấn.")
        fill(page, {"TT03": "1", "TT04": "15"})
        page.click("button[name=submit]")
        expect(page.locator("#status")).to_have_text("Đã nộp")
        open_own_report(page, "truong-hungvuong")
        fill(page, {"TT01": "15", "NX01": "Giao lưu với trường đối tác."})
        page.click("button[name=submit]")
        expect(page.locator(".facts")).to_contain_text("nộp muộn")

    # An approved school asks to unlock; the Phòng grants a window.
    open_own_report_page(page, "truong-hongbang", round_, "HB-THCS-HONGBANG")
    page.fill("[name=reason]", "Nhập nhầm số tin bài.")
    page.locator("form[action$='/unlock/'] button").click()
    sign_in(page, "phong-hongbang-lanhdao", DEMO_PASSWORD)
    page.goto(submission_url(round_, "HB-THCS-HONGBANG"))
    page.click("button[name=grant]")
    expect(page.locator(".facts")).to_contain_text(re.compile(r"\d{2}/\d{2}/\d{4}"))
    for code in ("HB-TH-LYTUTRONG", "HB-TH-HUNGVUONG"):
        page.goto(submission_url(round_, code))
        page.locator("form[action$='/approve/'] button").click()
        expect(page.locator("#status")).to_have_text("Đã duyệt")

    # Completeness and consolidated totals.
    page.goto(f"/reports/rounds/{round_.pk}/completeness/")
    total = page.locator("#completeness-total")
    expect(total).to_contain_text("14")
    expect(total).to_contain_text("3 (21%)")
    expect(total).to_contain_text("2 (14%)")
    expect(page.locator("#missing li")).to_have_count(11)
    expect(page.locator("figure.chart svg")).to_be_visible()
    page.goto(f"/reports/rounds/{round_.pk}/consolidation/")
    expect(page.locator("td[data-code=TT01]")).to_have_text("45")
    expect(page.locator("main")).to_contain_text("Giao lưu với trường đối tác.")

    # The Sở asks the Phòng for its report; the Phòng starts it from the consolidation.
    so_round = services.open_round(
        Unit.objects.get(code="SGDDT-HP"),
        form_version=round_.form_version,
        period=Period("half_year", 2026, 1),
        window=SubmissionWindow(
            today, today + datetime.timedelta(days=5), today + datetime.timedelta(days=9)
        ),
        units=[Unit.objects.get(code="PGDDT-HB")],
        title="Báo cáo 6 tháng đầu năm của các Phòng",
        by=User.objects.get(username="so-haiphong"),
    )
    sign_in(page, "phong-hongbang", DEMO_PASSWORD)
    page.goto(submission_url(so_round, "PGDDT-HB"))
    page.locator("form[action$='/start/'] button").click()
    expect(page.locator("[name=TT01]")).to_have_value("45")
    expect(page.locator("[name=NX01]")).to_have_value(
        re.compile("Trường Tiểu học Hùng Vương: Giao lưu")
    )


def submission_url(round_, code: str) -> str:
    return Submission.objects.get(round=round_, unit__code=code).get_absolute_url()


def open_own_report_page(page, user: str, round_, code: str) -> None:
    sign_in(page, user, DEMO_PASSWORD)
    page.goto(submission_url(round_, code))
