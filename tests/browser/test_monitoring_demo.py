"""Issue 16's "Done when", in a browser on the demo data with no internet: the demo press site
(served on 127.0.0.1 as `ttdn run` serves it) is fetched by the pipeline's tasks; the false
story about THCS Hồng Bàng becomes one story of three copies, matched and alerted to the school
and its office; the office opens a case, publishes a response article in Vietnamese and English
through the portal's review, answers the case with it and closes it on time; the Sở's 6-month
report round, opened afterwards, shows the office the case counted in its report, pre-filled
with a link to the records."""

import datetime
import io

import pytest
from django.core import mail
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from conftest import sign_in
from ttdn.content import services as content_services
from ttdn.content.models import Site
from ttdn.core.demo import DEMO_PASSWORD
from ttdn.monitoring import pipeline, press_site, tasks
from ttdn.monitoring.models import Item, Source
from ttdn.org.models import Unit, User
from ttdn.reports import periods, services
from ttdn.reports.enums import PeriodKind
from ttdn.reports.models import Submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FALSE_TITLE = "Phụ huynh tố Trường THCS Hồng Bàng lạm thu hàng chục khoản đầu năm"
ARTICLE = "Phòng GD&ĐT Hồng Bàng thông tin về các khoản thu tại Trường THCS Hồng Bàng"


@pytest.fixture
def demo(settings, tmp_path):
    """The demo data with its press site served here, then fetched as the worker fetches it:
    the tasks `fetch_source` and `process_items`, run in this process."""
    settings.MEDIA_ROOT = tmp_path
    caches["portal"].clear()
    server = press_site.serve()
    settings.MONITORING_DEMO_PRESS_URL = "http://{}:{}/".format(*server.server_address[:2])
    call_command("load_demo", stdout=io.StringIO())
    office = Site.objects.get(unit__code="PGDDT-HB")
    content_services.update_site(office, by=None, languages=["en"])
    for source in Source.objects.exclude(url=""):
        tasks.fetch_source.call(source.pk)
    listed = list(Item.objects.filter(stage="listed").values_list("pk", flat=True))
    for at in range(0, len(listed), pipeline.BATCH):
        tasks.process_items.call(listed[at : at + pipeline.BATCH])
    yield
    server.shutdown()
    server.server_close()
    caches["portal"].clear()


def switch_to(page, username: str) -> None:
    page.context.clear_cookies()
    sign_in(page, username, DEMO_PASSWORD)


def test_the_office_answers_the_false_story_with_an_article_and_the_report_counts_it(demo, page):
    page.set_default_timeout(30_000)  # a long walk on a shared machine
    # Fetched, clustered into one story, alerted by e-mail to the school and its office.
    alerted = {to for message in mail.outbox if FALSE_TITLE in message.body for to in message.to}
    assert {"truong-hongbang@demo.ttdn.local", "phong-hongbang@demo.ttdn.local"} <= alerted

    # ... and in the school's "Việc cần làm".
    sign_in(page, "truong-hongbang", DEMO_PASSWORD)
    page.goto("/")
    expect(page.locator(".todo", has_text="lạm thu")).to_have_count(1)  # one story, one alert
    expect(page.locator(".todo", has_text="lạm thu")).to_contain_text(FALSE_TITLE)

    # The office finds it on its desk, sees the three copies side by side and opens a case.
    switch_to(page, "phong-hongbang")
    page.goto("/monitoring/?tone=negative&language=vi")
    page.locator("tr", has_text=FALSE_TITLE).first.locator("a").first.click()
    page.get_by_role("link", name="3 bản").click()
    expect(page.locator("article.copy")).to_have_count(3)
    page.go_back()
    page.locator("summary", has_text="Mở vụ việc").click()
    page.select_option("select[name=severity]", "high")
    page.get_by_role("button", name="Mở vụ việc").click()
    expect(page.locator(".evidence tbody tr")).to_have_count(3)
    case_url = page.url
    page.get_by_role("button", name="Bắt đầu xác minh").click()

    # The office's editor writes the response article and its English version; the leader
    # publishes both through the review.
    switch_to(page, "phong-hongbang-bientap")
    page.goto("/portal/units/PGDDT-HB/new/")
    page.fill("#id_title", ARTICLE)
    page.select_option("#id_section", label="Thông báo")
    page.fill("#id_summary", "Nhà trường chỉ thu các khoản theo quy định.")
    page.locator(".pell-content").fill(
        "Qua kiểm tra, Trường THCS Hồng Bàng chỉ thu các khoản theo quy định; "
        "thông tin lan truyền trên mạng là sai sự thật."
    )
    page.click("main form.form button.button")
    expect(page.locator(".message-success")).to_have_text("Đã lưu bản nháp.")
    article = page.url
    page.click("button:has-text('Gửi duyệt')")
    page.goto(article + "translate/")
    page.select_option("#id_language", "en")
    page.fill(
        "#id_title", "Hồng Bàng education office on the fees at Hồng Bàng lower secondary school"
    )
    page.fill("#id_summary", "The school collects only the fees the rules allow.")
    page.locator(".pell-content").fill("The information spread online is false.")
    page.click("main form.form button.button")
    expect(page.locator(".message-success")).to_have_text("Đã lưu bản dịch dưới dạng bản nháp.")
    translation = page.url
    page.click("button:has-text('Gửi duyệt')")

    switch_to(page, "phong-hongbang-lanhdao")
    for url in (article, translation):
        page.goto(url)
        for box in page.locator("input[name=checklist]").all():
            box.check()
        page.click("button[name=approve]")
        expect(page.locator("#article-status")).to_have_text("Đã đăng")

    # The office answers the case with the published article and closes it, on time.
    switch_to(page, "phong-hongbang")
    page.goto(case_url)
    page.select_option("select[name=kind]", "article")
    page.select_option("select[name=article]", label=ARTICLE)
    page.get_by_role("button", name="Ghi nhận phản hồi").click()
    page.get_by_role("button", name="Đóng vụ việc").click()
    facts = page.locator("dl.facts")
    expect(facts).to_contain_text("Đã đóng")
    expect(facts).to_contain_text("đúng hạn")
    expect(page.locator("main")).to_contain_text(ARTICLE)

    # The Sở's 6-month round, opened now, asks the office for its report: the false-information
    # case is counted, detected and answered on time, pre-filled with a link to the case.
    submission = open_six_month_round_for_the_office()
    page.goto(f"/reports/submissions/{submission.pk}/")
    expect(page.locator("input[name=TT06]")).to_have_value("1")
    expect(page.locator("input[name=TT07]")).to_have_value("1")
    answered = page.locator("div.field", has=page.locator("input[name=TT07]"))
    answered.get_by_role("link", name="xem các bản ghi").click()
    expect(page.locator("main")).to_contain_text(FALSE_TITLE)


def open_six_month_round_for_the_office() -> Submission:
    so, office = Unit.objects.get(code="SGDDT-HP"), Unit.objects.get(code="PGDDT-HB")
    officer = User.objects.get(username="so-haiphong-canbo")
    form = services.adopt_standard(so, "ttdn-6-thang", by=officer)
    today = timezone.localdate()
    period = periods.containing(PeriodKind.HALF_YEAR, today)
    window = periods.SubmissionWindow(
        today, today + datetime.timedelta(days=7), today + datetime.timedelta(days=21)
    )
    round_ = services.open_round(
        so,
        form_version=services.latest_version(form),
        period=period,
        window=window,
        data_window=(period.data_window().start, today),
        units=[office],
        by=officer,
    )
    return round_.submissions.get(unit=office)
