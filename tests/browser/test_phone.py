"""Issue 15 in the browser, on the demo data (Phòng GDĐT Hồng Bàng and its 14 schools):
on a phone the consolidation, a school's figures by language and the plans' board keep their
row and column labels and do not scroll sideways (point 2); on a desktop the consolidation's
indicator column stays readable and every header says what its column holds (point 12); a list
of check boxes asks its question first and can be ticked or cleared at once (point 14); focus
is visible and follows the page (point 16)."""

import datetime
import itertools

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from conftest import sign_in as sign_in_once
from tests.browser.checks import PHONE, axe_violations, overflow, unlabelled_cells
from ttdn.core.demo import DEMO_PASSWORD
from ttdn.org.models import Unit, User
from ttdn.plans.models import Plan
from ttdn.plans.tests.factories import issue
from ttdn.reports import services as reports
from ttdn.reports.models import ReportForm, Round, Submission
from ttdn.reports.periods import Period, SubmissionWindow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    return Unit.objects.get(code="PGDDT-HB")


def sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    sign_in_once(page, username, DEMO_PASSWORD)
    expect(page.locator(".user-name")).to_be_visible()


def label_of(page, selector: str) -> str:
    """The label a cell shows before its value on a phone."""
    return page.eval_on_selector(selector, "c => getComputedStyle(c, '::before').content")


def issued_plan(phong: Unit) -> Plan:
    """The demo's draft plan of the Phòng, issued to its schools."""
    plan = Plan.objects.filter(unit=phong).order_by("pk").first()
    leader = User.objects.get(username="phong-hongbang-lanhdao")
    due = datetime.date.today() + datetime.timedelta(days=14)
    return issue(plan, by=leader, units=list(phong.children.order_by("path")), due=due)


def by_language_round(phong: Unit) -> Round:
    """A round on the demo's own form, whose news indicator is entered by language (the adopted
    standard form counts languages in rows of their own)."""
    today = timezone.localdate()
    form = ReportForm.objects.get(code="ttdn-6-thang-pgddt-hb")
    return reports.open_round(
        phong,
        form_version=form.versions.order_by("-pk").first(),
        period=Period("half_year", today.year, 1),
        window=SubmissionWindow(today, today, today + datetime.timedelta(days=5)),
        title="Báo cáo theo ngôn ngữ",
        by=User.objects.get(username="phong-hongbang"),
    )


def test_consolidation_entry_and_board_keep_labels_and_width_on_a_phone(demo, page):
    round_ = Round.objects.get(owner=demo, form_version__form__standard="ttdn-6-thang")
    entry = Submission.objects.get(round=by_language_round(demo), unit__code="HB-THCS-HONGBANG")
    board = f"/plans/{issued_plan(demo).pk}/board/"
    consolidation = f"/reports/rounds/{round_.pk}/consolidation/"
    page.set_viewport_size(PHONE)
    found = {}

    sign_in(page, "phong-hongbang")
    for url in (consolidation, board):
        page.goto(url)
        found[url] = overflow(page) + unlabelled_cells(page)
    page.goto(consolidation)
    first_school = label_of(page, "#consolidation tbody tr:first-child td:nth-child(4)")
    page.goto(board)
    board_status = label_of(page, "#board tbody tr:first-child td:nth-child(3)")
    sign_in(page, "truong-hongbang")
    page.goto(entry.get_absolute_url())
    found["entry"] = overflow(page) + unlabelled_cells(page)
    english = label_of(page, "table.categories td:nth-child(2)")

    assert found == {consolidation: [], board: [], "entry": []}
    assert (first_school, board_status, english) == (
        '"Trường Mầm non Hoa Phượng"',
        '"Trạng thái"',
        '"Tiếng Anh"',
    )


def test_wide_consolidation_keeps_its_indicator_column_readable_and_explains_each_column(
    demo, page
):
    round_ = Round.objects.get(owner=demo, form_version__form__standard="ttdn-6-thang")
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, "phong-hongbang")

    page.goto(f"/reports/rounds/{round_.pk}/consolidation/")
    headers = page.locator("#consolidation thead th").all_inner_texts()
    label = page.locator("#consolidation tbody th").first.bounding_box()
    note = page.locator("#consolidation tbody th .indicator-note").first.inner_text()

    schools = sorted(demo.children.values_list("name", flat=True))
    assert len(schools) == 14
    assert (headers[:3], sorted(headers[3:-1]), headers[-1]) == (
        ["Chỉ tiêu", "Số liệu tổng hợp", "Số đơn vị có số liệu"],
        schools,
        "Tất cả đơn vị cấp “Trường”",
    )
    assert label["width"] >= 280
    assert note == "tính bằng tin, bài · cộng các đơn vị"


def test_a_list_of_check_boxes_asks_first_and_ticks_or_clears_all(demo, page, browser):
    plan = Plan.objects.filter(unit=demo).order_by("pk").first()
    sign_in(page, "phong-hongbang-lanhdao")
    page.goto(plan.get_absolute_url())
    group = page.locator("fieldset.choices", has=page.locator("input[name=required_units]"))
    boxes = group.locator("input[type=checkbox]")
    legend_top = group.locator("legend").bounding_box()["y"]
    first_box_top = boxes.first.bounding_box()["y"]

    group.get_by_role("button", name="Chọn tất cả", exact=True).click()
    ticked = boxes.evaluate_all("bs => bs.filter(b => b.checked).length")
    group.get_by_role("button", name="Bỏ chọn tất cả", exact=True).click()
    cleared = boxes.evaluate_all("bs => bs.filter(b => b.checked).length")

    assert legend_top < first_box_top
    assert (group.locator("legend").inner_text(), ticked, cleared) == (
        "Các đơn vị phải nộp kế hoạch của mình",
        14,
        0,
    )


def test_without_script_a_list_of_check_boxes_still_asks_first_and_offers_no_dead_buttons(
    demo, browser, live_server
):
    plan = Plan.objects.filter(unit=demo).order_by("pk").first()
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", java_script_enabled=False
    )
    page = context.new_page()
    sign_in_once(page, "phong-hongbang-lanhdao", DEMO_PASSWORD)

    page.goto(plan.get_absolute_url())
    group = page.locator("fieldset.choices", has=page.locator("input[name=required_units]"))
    order = group.evaluate("g => [...g.querySelectorAll('legend, input')].map(e => e.tagName)")
    buttons = group.locator("button").count()
    context.close()

    assert (order[:2], buttons) == (["LEGEND", "INPUT"], 0)


FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2)
    || style.boxShadow !== 'none';
  return {tag: el.tagName, text: (el.textContent || el.name || '').trim().slice(0, 30), ring,
          index: [...document.querySelectorAll('*')].indexOf(el)};
}"""


@pytest.mark.parametrize("username", ["phong-hongbang-lanhdao", "truong-hongbang"])
def test_keyboard_focus_is_visible_and_follows_the_page(demo, page, username):
    page.set_viewport_size(PHONE)
    sign_in(page, username)
    page.goto("/plans/")
    stops = []

    for _ in range(40):  # every stop of the page, until focus leaves it
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if stop["tag"] == "BODY":
            break
        stops.append(stop)

    hidden = [stop for stop in stops if not stop["ring"]]
    backwards = [b for a, b in itertools.pairwise(stops) if b["index"] < a["index"]]
    assert (len(stops) > 5, hidden, backwards, axe_violations(page)) == (True, [], [], [])
