"""Issue 17's "Done when", in the browser, on the demo data: the Cẩm Phả office records the
"60 năm thành lập tỉnh" ceremony with a photo as evidence of its plan task and turns it into a
portal article; runs the traffic-safety contest from its cluster to city level with results and
prizes; a school joins "Dạy tốt, học tốt"; the next 6-month round shows the counts pre-filled
and linked."""

import datetime
from io import BytesIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from PIL import Image as Pillow
from playwright.sync_api import expect

from conftest import sign_in as sign_in_once
from ttdn.activities.models import Activity, Contest, Movement, Result
from ttdn.core.demo import DEMO_PASSWORD
from ttdn.events.models import Commemoration
from ttdn.org.models import Unit, User
from ttdn.org.tests.factories import PASSWORD
from ttdn.plans.models import PlanTask
from ttdn.reports import periods, services
from ttdn.reports.enums import Aggregation, IndicatorKind, PeriodKind
from ttdn.reports.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CEREMONY = "Lễ kỷ niệm 60 năm Ngày thành lập tỉnh Quảng Ninh"


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def sign_in(page, user: str) -> None:
    page.context.clear_cookies()
    sign_in_once(page, user, DEMO_PASSWORD)
    expect(page.locator(".user-name")).to_be_visible()


def photo(tmp_path) -> str:
    out = BytesIO()
    Pillow.new("RGB", (800, 600), (200, 40, 40)).save(out, format="JPEG")
    path = tmp_path / "le-ky-niem.jpg"
    path.write_bytes(out.getvalue())
    return str(path)


def test_campha_records_runs_a_contest_and_reports(demo, page, tmp_path):
    today = timezone.localdate()
    task = PlanTask.objects.get(
        plan__unit__code="PGDDT-CP", title__contains="60 năm Ngày thành lập tỉnh Quảng Ninh"
    )
    anniversary = Commemoration.objects.get(key="quang-ninh-thanh-lap")

    # The office records the ceremony from its plan task's page, with a photo.
    sign_in(page, "phong-campha")
    page.goto(f"/plans/tasks/{task.pk}/")
    page.get_by_role("link", name="Ghi nhận hoạt động").click()
    page.select_option("[name=commemoration]", str(anniversary.pk))
    page.fill("[name=title]", CEREMONY)
    page.fill("[name=starts_on]", today.isoformat())
    page.fill("[name=place]", "Hội trường Phòng GDĐT thành phố Cẩm Phả")
    page.fill("[name=teachers]", "120")
    page.fill("[name=pupils]", "450")
    expect(page.locator(f"[name=tasks][value='{task.pk}']")).to_be_checked()
    page.locator("#activity-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(CEREMONY)
    page.set_input_files("#photo-form [name=file]", photo(tmp_path))
    page.fill("#photo-form [name=alt]", "Đại biểu dâng hoa tại lễ kỷ niệm")
    page.get_by_role("button", name="Thêm ảnh").click()
    expect(page.locator("#activity-photos img")).to_have_count(1)
    page.get_by_role("button", name="Ghi nhận đã thực hiện").click()
    expect(page.locator("#activity-status")).to_have_text("Đã ghi nhận")

    # One click drafts the portal article, which links back to the activity.
    page.locator("#article-form input[name=photos]").check()
    page.get_by_role("button", name="Tạo tin bài nháp").click()
    expect(page.locator("h1")).to_have_text(CEREMONY)
    expect(page.get_by_role("link", name=CEREMONY)).to_be_visible()
    page.goto(f"/plans/tasks/{task.pk}/")
    expect(page.locator("ul.related")).to_contain_text(CEREMONY)

    # The contest: results at cluster level, one team sent on, its prize at city level.
    contest = Contest.objects.get(unit__code="PGDDT-CP")
    page.goto(f"/activities/contests/{contest.pk}/")
    first, second = contest.entries.order_by("pk")
    first_row, second_row = page.locator(f"#entry-{first.pk}"), page.locator(f"#entry-{second.pk}")
    first_row.locator("[name$=score]").fill("9.5")
    first_row.locator("[name$=prize]").select_option("first")
    first_row.get_by_role("button", name="Lưu kết quả").click()
    second_row.locator("[name$=score]").fill("8")
    second_row.locator("[name$=prize]").select_option("second")
    second_row.get_by_role("button", name="Lưu kết quả").click()
    first_row.get_by_role("button", name="Chọn thi cấp trên", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Bài/đội được chọn thi cấp trên.")
    second_row.get_by_role("button", name="Chọn thi cấp trên", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("tối đa")
    first_row.locator("[name$=score]").fill("9")
    first_row.locator("[name$=prize]").select_option("first")
    first_row.get_by_role("button", name="Lưu kết quả").click()
    # The prize's certificate is numbered in the office's outgoing register, then printable.
    first_row.get_by_role("button", name="Cấp giấy chứng nhận").first.click()
    expect(page.locator(".messages")).to_contain_text("vào sổ văn bản đi")
    expect(page.locator(f"#entry-{first.pk} a.certificate").first).to_contain_text("/CN-")
    results = Result.objects.filter(level__contest=contest)
    assert sorted(results.values_list("level__rank", "prize", "advanced")) == [
        (1, "first", True), (1, "second", False), (2, "first", False),
    ]  # fmt: skip

    # A school joins "Dạy tốt, học tốt".
    movement = Movement.objects.get(title="Dạy tốt, học tốt")
    sign_in(page, "truong-campha")
    page.goto(f"/activities/movements/{movement.pk}/")
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    expect(page.locator("#participation")).to_contain_text("Trường THCS Cẩm Phú")

    # The next 6-month round (the Sở's, for the office) shows the counts pre-filled and linked.
    submission = open_round_for_the_office(today)
    sign_in(page, "phong-campha")
    page.goto(f"/reports/submissions/{submission.pk}/")
    expect(page.locator("p.computed").first).to_contain_text("1")
    page.locator("p.computed a").first.click()
    expect(page.locator("#activities")).to_contain_text(CEREMONY)
    assert Activity.objects.get(title=CEREMONY).article is not None


def open_round_for_the_office(today: datetime.date) -> Submission:
    so = Unit.objects.get(code="SGDDT-QN")
    officer = User.objects.get(username="so-quangninh-canbo")
    form = services.create_form(
        so, code="ttdn-6-thang-sgddt-qn", name="Báo cáo TTĐN 6 tháng", by=officer
    )
    for code, name, key in [
        ("HD01", "Số hoạt động đã tổ chức", "activities.held"),
        ("HD02", "Số học sinh tham gia các hoạt động", "activities.participants.pupils"),
    ]:
        services.add_indicator(
            form, section="I. Kết quả", code=code, name=name, kind=IndicatorKind.INTEGER,
            aggregation=Aggregation.SUM, measure="", required=False, min_value=0,
            computed_key=key, by=officer,
        )  # fmt: skip
    window = periods.SubmissionWindow(
        today, today + datetime.timedelta(days=7), today + datetime.timedelta(days=14)
    )
    round_ = services.open_round(
        so, form_version=services.latest_version(form),
        period=periods.containing(PeriodKind.HALF_YEAR, today), window=window, by=officer,
        units=[Unit.objects.get(code="PGDDT-CP")],
    )  # fmt: skip
    return round_.submissions.get()


def test_published_prizes_fit_a_phone_and_name_only_consenting_pupils(cast, page):
    from ttdn.activities import services as activities
    from ttdn.activities.enums import LevelScope, Prize
    from ttdn.content import services as content
    from ttdn.content.models import Consent

    for unit in (cast.phong, cast.school_a):
        content.open_site(unit)
    Consent.objects.create(
        site=cast.school_a.site, pupil="Nguyễn Minh An", given_by="Phụ huynh",
        given_on=timezone.localdate(), valid_until=timezone.localdate() + datetime.timedelta(days=30),
    )  # fmt: skip
    contest = activities.organise_contest(
        cast.phong, by=cast.phong_officer, title="Hội thi “Chúng em với an toàn giao thông”",
        year=2026, team_size=2,
    )  # fmt: skip
    level = activities.add_level(
        contest, by=cast.phong_officer, name="Cấp quận", scope=LevelScope.WHOLE
    )
    entry = activities.enter_contest(
        contest, cast.school_a, by=cast.teacher_a, title="Đội Hồng Bàng",
        pupils=["Nguyễn Minh An — 8A", "Lê Thu Hà — 8B"], public_consent=True,
    )  # fmt: skip
    activities.record_result(entry, level, by=cast.phong_officer, prize=Prize.FIRST)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in_once(page, "phong-officer", PASSWORD)
    page.goto(f"/activities/contests/{contest.pk}/")
    page.get_by_role("button", name="Công bố các giải trên cổng thông tin").click()
    page.get_by_role("link", name="xem trang công khai").click()

    table = page.locator("table.table")
    expect(table).to_contain_text("Trường THCS Hồng Bàng")
    expect(table).to_contain_text("Nguyễn Minh An — 8A")
    expect(table).not_to_contain_text("Lê Thu Hà")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
