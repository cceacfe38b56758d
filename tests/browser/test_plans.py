"""Issue 6's cascade in the browser: the Phòng imports its plan, issues it requiring its two
schools' plans; both schools start theirs from it and submit, one late; the Phòng's board shows
it, and the Phòng returns one plan with a comment and accepts the other."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import sign_in as sign_in_once
from ttdn.org.tests.factories import PASSWORD
from ttdn.plans.models import Plan, PlanSubmission
from ttdn.plans.tests.factories import SEED_000

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Công tác thông tin đối ngoại ngành Giáo dục quận Hồng Bàng năm 2022"


def sign_in(page, user) -> None:
    """Sign out whoever was signed in, then sign in as `user`."""
    page.context.clear_cookies()
    sign_in_once(page, user.username, PASSWORD)
    expect(page.locator(".user-name")).to_be_visible()


def school_submits(page, user, own_task: str) -> None:
    """From “Việc cần làm”: start the school's plan from the Phòng's, add a task, submit."""
    sign_in(page, user)
    page.goto("/")
    page.locator(".todo a", has_text=TITLE).first.click()
    page.get_by_role("button", name="Xây dựng kế hoạch của đơn vị từ kế hoạch này").click()
    expect(page.locator("#plan-status")).to_have_text("Dự thảo")
    page.fill("#task-form [name=title]", own_task)
    page.get_by_role("button", name="Thêm nhiệm vụ").click()
    expect(page.locator("#tasks")).to_contain_text(own_task)
    page.locator("#submission-link").click()
    page.get_by_role("button", name="Nộp kế hoạch của đơn vị").click()
    expect(page.locator("#submission-status")).to_contain_text("Nộp")


def test_phong_plan_cascades_to_its_schools(cast, page):
    today = timezone.localdate()

    # The Phòng imports its plan from the file, checks the preview and saves a draft.
    sign_in(page, cast.phong_leader)
    page.goto("/plans/import/")
    page.set_input_files("[name=file]", str(SEED_000))
    page.get_by_role("button", name="Đọc tệp").click()
    expect(page.locator("h1")).to_have_text(TITLE)
    page.get_by_role("button", name="Lưu thành dự thảo kế hoạch").click()
    expect(page.locator("#plan-status")).to_have_text("Dự thảo")

    # It issues the plan, requiring both schools' plans by today, after a confirmation that
    # names the number it takes.
    page.check("#issue-form input[name=responses][value=plans]")
    page.check(f"#issue-form input[value='{cast.school_a.pk}']")
    page.check(f"#issue-form input[value='{cast.school_b.pk}']")
    page.fill("#issue-form [name=submissions_due]", today.isoformat())
    page.get_by_role("button", name="Ban hành…").click()
    expect(page.locator("#confirm-number")).to_have_text("01/KH-PGDĐT")
    page.get_by_role("button", name="Ban hành số 01/KH-PGDĐT").click()
    expect(page.locator("#plan-status")).to_have_text("Đã ban hành")
    expect(page.locator("#plan-number")).to_have_text("01/KH-PGDĐT")

    # School A submits on time; school B after the deadline has passed.
    school_submits(page, cast.teacher_a, "Tổ chức chuyên đề về trường học hạnh phúc")
    PlanSubmission.objects.filter(unit=cast.school_b).update(due=today - datetime.timedelta(days=1))
    school_submits(page, cast.teacher_b, "Cập nhật chuyên mục gương điển hình")

    # The Phòng's board: one on time, one late.
    plan = Plan.objects.get(unit=cast.phong)
    sign_in(page, cast.phong_leader)
    page.goto(f"/plans/{plan.pk}/board/")
    expect(page.locator("#board-counts [data-column=on_time] strong")).to_have_text("1")
    expect(page.locator("#board-counts [data-column=late] strong")).to_have_text("1")

    # It returns the late plan with a comment and accepts the other.
    page.locator("#board a", has_text=cast.school_b.name).click()
    page.fill("[name=comment]", "Bổ sung thời gian thực hiện từng nhiệm vụ")
    page.get_by_role("button", name="Trả lại").click()
    expect(page.locator("#return-comment")).to_have_text(
        "Bổ sung thời gian thực hiện từng nhiệm vụ"
    )
    page.goto(f"/plans/{plan.pk}/board/")
    page.locator("#board a", has_text=cast.school_a.name).click()
    page.get_by_role("button", name="Chấp nhận").click()
    expect(page.locator("#submission-status")).to_have_text("Đã chấp nhận")
    page.goto(f"/plans/{plan.pk}/board/")
    expect(page.locator("#board-counts [data-column=returned] strong")).to_have_text("1")
    expect(page.locator("#board-counts [data-column=accepted] strong")).to_have_text("1")

    # School B sees the comment in “Việc cần làm”.
    sign_in(page, cast.teacher_b)
    page.goto("/")
    expect(page.locator(".todo")).to_contain_text("Sửa và nộp lại kế hoạch")
