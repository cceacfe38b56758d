"""Issue 19's "Done when", in the browser, on the demo data at 390 px: the Cẩm Phả office's
dashboard and its published fact sheet and cleared photo in the press kit (Vietnamese and
English); a school's
approved figure is corrected, the dashboard is brought up to date, the fact sheet is flagged out
of date and the correction notice is one click away."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from conftest import sign_in
from tests.browser.checks import axe_violations, unlabelled_cells
from ttdn.core.demo import DEMO_PASSWORD
from ttdn.org.models import Unit, User
from ttdn.reports import services as reports_services
from ttdn.reports.models import Submission, UnlockRequest
from ttdn.stats.models import PressDocument

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def correct_a_school_report() -> None:
    """Trường THCS Cẩm Phú's 2022–2023 report: unlocked, 671 pupils corrected to 681, approved."""
    submission = Submission.objects.get(unit__code="CP-THCS-CAMPHU", round__period_key="2022-SY")
    school = User.objects.get(username="truong-campha")
    leader = User.objects.get(username="phong-campha-lanhdao")
    reports_services.request_unlock(submission, reason="Sai số học sinh", by=school)
    until = timezone.now() + datetime.timedelta(days=1)
    reports_services.grant_unlock(UnlockRequest.objects.get(), until=until, by=leader)
    values = {**submission.approved_values, "SL03": "681"}
    reports_services.save_values(submission, values, by=school)
    reports_services.approve_submission(submission, by=leader)


def test_campha_fact_sheet_press_kit_and_correction_at_390_px(demo, page):
    office = Unit.objects.get(code="PGDDT-CP")
    sheet = PressDocument.objects.get(unit=office)
    page.set_viewport_size(PHONE)

    sign_in(page, "phong-campha", DEMO_PASSWORD)
    page.goto("/stats/")
    expect(page.locator("#key-figures [data-dataset=pupils] .key-value")).to_have_text("3.090")
    expect(page.locator("#ranking-pupils .median")).to_have_text("671")
    assert fits(page)

    page.goto(f"/{office.slug}/bao-chi/")
    page.locator("#press-documents a").first.click()
    expect(page.locator("h1")).to_have_text(sheet.title)
    page.goto(f"/{office.slug}/bao-chi/{sheet.pk}/?lang=en")
    expect(page.locator("h1")).to_have_text(sheet.title_en)
    expect(page.locator(".press-text")).to_contain_text("3,090 pupils")
    assert fits(page)

    page.goto(f"/{office.slug}/bao-chi/?lang=en")
    photo = page.locator("#press-photos img").first
    expect(page.locator("#press-photos figcaption").first).to_contain_text(
        "Cẩm Phả's education sector closes the 2022–2023 school year"
    )
    photo.scroll_into_view_if_needed()
    page.wait_for_function("() => document.querySelector('#press-photos img').complete")
    assert photo.evaluate("img => img.naturalWidth") == 960
    assert (fits(page), axe_violations(page)) == (True, [])
    page.goto(f"/stats/units/{office.pk}/press/photos/")
    expect(page.locator("#cleared-photos tbody tr")).to_have_count(1)
    assert (fits(page), unlabelled_cells(page), axe_violations(page)) == (True, [], [])

    correct_a_school_report()
    page.goto(f"/stats/units/{office.pk}/")
    page.locator(f"form[action='/stats/units/{office.pk}/refresh/'] button").click()
    expect(page.locator("#key-figures [data-dataset=pupils] .key-value")).to_have_text("3.100")
    page.goto(sheet.get_absolute_url())
    expect(page.locator("#out-of-date")).to_contain_text("3.090 → 3.100")
    assert fits(page)
    page.locator("#out-of-date button").click()
    notice = PressDocument.objects.get(corrects=sheet)
    expect(page).to_have_url(f"{page.url.split('/stats/')[0]}{notice.get_absolute_url()}")
    expect(page.locator(".bilingual article[lang=en]")).to_contain_text(
        "Pupils: 3,090 pupils, corrected to 3,100 pupils."
    )
