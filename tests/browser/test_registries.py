"""The issue's "Done when", in the browser with the demo data of Quảng Ninh."""

import datetime
from io import BytesIO

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import sign_in, watch_csp
from ttdn.core.demo import DEMO_PASSWORD
from ttdn.documents import demo as documents_demo
from ttdn.org import demo as org_demo
from ttdn.registries import demo as registries_demo
from ttdn.registries.enums import ApprovalStatus, RemedyStatus
from ttdn.registries.models import Course, Delegation, Finding, Inspection

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_data(transactional_db):
    org_demo.load()
    documents_demo.load()
    registries_demo.load()


_watched: list[list[str]] = []


@pytest.fixture(autouse=True)
def _csp_kept():
    """The pages of these tests keep the Content Security Policy too (conftest.watch_csp)."""
    _watched.clear()
    yield
    violations = [found for each in _watched for found in each]
    assert violations == [], "Content Security Policy violations:\n" + "\n".join(violations)


def _as(browser, live_server, username):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844}
    )
    _watched.append(watch_csp(context, live_server.url))
    page = context.new_page()
    page.set_default_timeout(10_000)
    sign_in(page, username, DEMO_PASSWORD)
    return page


def test_cam_pha_records_a_delegation_from_huaphanh_with_approval_and_report(
    demo_data, browser, live_server
):
    visit = timezone.localdate() - datetime.timedelta(days=3)
    office = _as(browser, live_server, "phong-campha")

    office.goto("/registries/delegations/new/")
    office.select_option("select[name=direction]", "incoming")
    office.select_option("select[name=partner]", label=f"{registries_demo.HUAPHANH} (Lào)")
    office.fill("textarea[name=purpose]", "Trao đổi kinh nghiệm dạy tiếng Việt cho học sinh Lào")
    office.fill("input[name=starts_on]", visit.isoformat())
    office.fill("input[name=ends_on]", visit.isoformat())
    office.fill("input[name=place]", "Phòng GDĐT thành phố Cẩm Phả")
    office.click("main button[type=submit]")
    office.fill("input[name=full_name]", "Khamla Sisouk")
    office.fill("input[name=position]", "Phó Giám đốc Sở")
    office.check("input[name=is_head]")
    office.click("button:text-is('Thêm')")
    office.click("button:text-is('Xin phép đơn vị cấp trên')")
    expect(office.locator("#approval-status")).to_have_text("Đã xin phép")

    leader = _as(browser, live_server, "so-quangninh")
    leader.goto("/")
    leader.click("text=Quyết định về đề nghị")
    leader.check("input[name=approve][value=yes]")
    leader.click("button:text-is('Ghi quyết định')")
    expect(leader.locator("#approval-status")).to_have_text("Đã được đồng ý")

    office.reload()
    office.fill("textarea[name=outcome]", "Hai bên thống nhất trao đổi giáo viên năm học tới.")
    office.fill("input[name=signer_position]", "Phó Trưởng phòng")
    office.fill("input[name=signer_name]", "Vũ Đức Tiến")
    office.fill("textarea[name=recipients]", "Sở GDĐT Quảng Ninh")
    office.click("button:text-is('Ban hành báo cáo')")

    expect(office.locator("#approval-status")).to_have_text("Đã báo cáo kết quả")
    delegation = Delegation.objects.get()
    assert (delegation.status, delegation.report.symbol, delegation.decided_by.username) == (
        ApprovalStatus.REPORTED,
        "BC-PGDĐT",
        "so-quangninh",
    )


def test_the_agreement_with_huaphanh_reminds_before_it_expires(demo_data, browser, live_server):
    officer = _as(browser, live_server, "so-quangninh-canbo")

    officer.goto("/")

    expect(officer.locator(".todo-list")).to_contain_text("Gia hạn thỏa thuận")
    expect(officer.locator(".todo-list")).to_contain_text("Hủa Phăn")


def test_course_for_school_contacts_records_attendance_and_prints_certificates(
    demo_data, browser, live_server
):
    office = _as(browser, live_server, "phong-campha")
    course = Course.objects.get()
    hoa = course.trainees.get(full_name="Trần Thị Hoa")

    office.goto(course.get_absolute_url())
    office.select_option(f"select[name=attended_{hoa.pk}]", "yes")
    office.select_option(f"select[name=evaluation_{hoa.pk}]", "good")
    office.click("button:text-is('Lưu điểm danh')")
    office.click("button:text-is('Cấp số giấy chứng nhận')")
    office.fill("input[name=signer_position]", "Trưởng phòng")
    office.fill("input[name=signer_name]", "Vũ Đức Tiến")
    with office.expect_download() as download:
        office.click("main form[method=get] button.button-small")

    printed = [
        p.text for p in docx.Document(BytesIO(download.value.path().read_bytes())).paragraphs
    ]
    hoa.refresh_from_db()
    assert (hoa.certificate_number, "TRẦN THỊ HOA" in printed) == (
        f"1/{course.starts_on.year}-GCN-{course.pk}",
        True,
    )


def test_inspection_of_a_school_follows_a_violation_to_its_remedy_and_closure(
    demo_data, browser, live_server
):
    inspection = Inspection.objects.get()
    office = _as(browser, live_server, "phong-campha")
    office.goto(inspection.get_absolute_url())
    office.click("text=Ghi nội dung phát hiện")
    office.fill(
        "textarea[name=description]",
        "Trang tin của trường đăng bản đồ Việt Nam thiếu quần đảo Hoàng Sa",
    )
    office.check("input[name=is_violation]")
    office.fill(
        "input[name=rule]", "Quyết định số 3767/QĐ-BGDĐT ngày 18/11/2020 của Bộ Giáo dục và Đào tạo"
    )
    office.fill("textarea[name=remedy]", "Gỡ bản đồ, đăng đính chính")
    office.fill(
        "input[name=remedy_due]", (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    )
    office.click("button:text-is('Ghi nhận')")
    expect(office.locator("article.finding")).to_contain_text("vi phạm")

    school = _as(browser, live_server, "truong-campha")
    school.goto("/")
    school.click("text=Khắc phục:")
    school.fill("textarea[id^=remedied-]", "Đã gỡ bản đồ và đăng đính chính ngày hôm nay")
    school.click("button:text-is('Báo cáo đã khắc phục')")
    expect(school.locator("article.finding")).to_contain_text("Đã báo cáo khắc phục")

    office.reload()
    office.click("button:text-is('Chấp nhận và hoàn thành')")
    office.fill("textarea[name=conclusion]", "Trường đã khắc phục kịp thời vi phạm.")
    office.fill("input[name=signer_position]", "Phó Trưởng phòng")
    office.fill("input[name=signer_name]", "Vũ Đức Tiến")
    office.fill("textarea[name=recipients]", "Trường THCS Cẩm Phú")
    office.click("button:text-is('Ban hành kết luận')")
    office.click("button:text-is('Kết thúc cuộc kiểm tra')")

    expect(office.locator("#inspection-status")).to_have_text("Đã kết thúc")
    finding = Finding.objects.get()
    assert (
        finding.remedy_status,
        finding.rule_document.number_symbol,
        Inspection.objects.get().conclusion_document.symbol,
    ) == (
        RemedyStatus.CLOSED,
        "3767/QĐ-BGDĐT",
        "TB-PGDĐT",
    )
