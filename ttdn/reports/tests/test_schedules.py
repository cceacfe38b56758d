"""Standard forms a unit adopts, their schedules, the rounds the scheduler opens by itself,
and the rule that a unit reports once per period."""

from __future__ import annotations

import datetime
import io

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from ttdn.core import jobs
from ttdn.reports import services, standard
from ttdn.reports.enums import PeriodKind
from ttdn.reports.models import ReportForm, Round, Submission, Value
from ttdn.reports.periods import Period
from ttdn.reports.tests.factories import HALF, WINDOW, open_round, report_form
from ttdn.reports.validation import ValuesInvalid

D = datetime.date


@pytest.fixture(autouse=True)
def english_pages(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def six_months(cast):
    form = services.adopt_standard(cast.phong, "ttdn-6-thang", by=cast.phong_officer)
    form.schedule.active = True
    form.schedule.save()
    return form


def test_the_standard_forms_carry_every_indicator_the_seeds_ask_for():
    six, year = standard.get("ttdn-6-thang"), standard.get("ttdn-nam")
    names = " | ".join(i["name"] for i in six.indicators)
    for words in (
        "trang thông tin điện tử",
        "mạng xã hội",
        "báo chí",
        "đoàn vào",
        "đoàn ra",
        "thỏa thuận hợp tác",
        "chương trình",
        "cuộc thi",
        "giải thưởng",
        "yêu cầu cung cấp thông tin của báo chí",
        "thông tin sai lệch",
        "kiểm tra",
        "vi phạm",
        "tập huấn",
        "văn bản chỉ đạo",
        "Kết quả nổi bật",
        "Hạn chế",
        "Nguyên nhân",
        "Đề xuất, kiến nghị",
    ):
        assert words in names, words
    assert "Phương hướng, nhiệm vụ năm tới" in [i["name"] for i in year.indicators]
    assert six.schedule.deadlines == {"school": (5, 5), "district": (5, 10)}
    assert year.schedule.deadlines == {"school": (11, 16), "district": (11, 20)}


def test_every_computed_key_of_the_standard_forms_is_registered():
    from ttdn.reports import computed

    for form in standard.standard_forms():
        for item in form.indicators:
            if item.get("computed"):
                assert computed.get(item["computed"]) is not None, item["computed"]


def test_adopting_copies_the_standard_into_a_form_the_unit_can_change(cast, six_months):
    form = six_months
    assert form.owner == cast.phong and form.standard == "ttdn-6-thang"
    indicators = {i.code: i for i in services.latest_version(form).indicators.all()}
    assert indicators["HT01"].computed_key == "registries.delegations_received"
    assert indicators["TT01EN"].computed_key == "content.articles_published.en"
    assert indicators["NX01"].required
    assert form.schedule.deadlines == {"school": [5, 5], "district": [5, 10]}
    services.update_indicator(indicators["TT02"], name="Số tin trên Zalo", by=cast.phong_officer)
    with pytest.raises(ValuesInvalid, match="adopted this form already"):
        services.adopt_standard(cast.phong, "ttdn-6-thang", by=cast.phong_officer)
    # A unit adopting the same standard gets its own copy.
    other = services.adopt_standard(cast.so, "ttdn-6-thang", by=cast.so_leader)
    assert other.code != form.code and other.schedule.active is False


def test_the_data_window_ends_before_a_round_asked_for_early():
    h1 = Period(PeriodKind.HALF_YEAR, 2027, 1)
    window = h1.data_window_before(D(2027, 4, 20))
    assert (window.start, window.end) == (D(2026, 10, 15), D(2027, 4, 14))
    year = Period(PeriodKind.YEAR, 2027, 1)
    window = year.data_window_before(D(2027, 11, 1))
    assert (window.start, window.end) == (D(2026, 10, 15), D(2027, 10, 14))
    # Opening after the legal cut-off: the window of Nghị định 09/2019.
    after = year.data_window_before(D(2028, 1, 5))
    assert (after.start, after.end) == (D(2026, 12, 15), D(2027, 12, 14))


def test_the_scheduler_opens_the_round_on_its_day_with_deadlines_per_level(cast, six_months):
    assert services.open_scheduled_rounds(D(2027, 4, 19)) == []
    lines = services.open_scheduled_rounds(D(2027, 4, 20))
    assert len(lines) == 1 and "opened" in lines[0]
    round_ = Round.objects.get(schedule=six_months.schedule)
    assert round_.title == ("Báo cáo kết quả công tác thông tin đối ngoại 6 tháng đầu năm 2027")
    assert round_.period_key == "2027-H1" and round_.owner == cast.phong
    assert (round_.data_from, round_.data_to) == (D(2026, 10, 15), D(2027, 4, 14))
    assert (round_.opens_on, round_.closes_on) == (D(2027, 4, 20), D(2027, 5, 25))
    due = dict(Submission.objects.filter(round=round_).values_list("unit__code", "due_on"))
    assert due == {"HB-A": D(2027, 5, 5), "HB-B": D(2027, 5, 5)}
    assert {d.level: d.due_on for d in round_.deadlines.all()} == {
        "school": D(2027, 5, 5),
        "district": D(2027, 5, 10),
    }
    # Run again (the same day or later): nothing opens twice.
    assert services.open_scheduled_rounds(D(2027, 4, 20)) == []
    assert services.open_scheduled_rounds(D(2027, 5, 1)) == []
    # The second half-year opens on 20/10, due 05/11.
    services.open_scheduled_rounds(D(2027, 10, 20))
    second = Round.objects.get(schedule=six_months.schedule, period_key="2027-H2")
    assert second.title.endswith("6 tháng cuối năm 2027")
    assert second.submissions.first().due_on == D(2027, 11, 5)


def test_the_annual_schedule_gives_schools_and_the_office_their_own_deadline(cast):
    form = services.adopt_standard(cast.so, "ttdn-nam", by=cast.so_leader)
    services.set_schedule(
        form,
        period_kind=PeriodKind.YEAR,
        title="Báo cáo tổng kết công tác thông tin đối ngoại",
        opens=(11, 1),
        closes=(11, 30),
        deadlines={"school": (11, 16), "district": (11, 20)},
        active=True,
        levels=["district", "school"],
        by=cast.so_leader,
    )
    out = io.StringIO()
    call_command("open_scheduled_rounds", "--today", "2027-11-01", stdout=out)
    assert "1 scheduled rounds handled" in out.getvalue()
    round_ = Round.objects.get(schedule__form=form)
    due = dict(Submission.objects.filter(round=round_).values_list("unit__code", "due_on"))
    assert due == {"PGD-HB": D(2027, 11, 20), "HB-A": D(2027, 11, 16), "HB-B": D(2027, 11, 16)}
    assert round_.title == "Báo cáo tổng kết công tác thông tin đối ngoại năm 2027"


def test_a_schedule_that_is_off_opens_nothing(cast):
    services.adopt_standard(cast.phong, "ttdn-6-thang", by=cast.phong_officer)
    assert services.open_scheduled_rounds(D(2027, 4, 20)) == []


def test_the_scheduler_runs_the_job_daily():
    job = jobs.get("open_scheduled_rounds")
    assert job.every == datetime.timedelta(days=1)


def test_a_schedule_with_dates_out_of_order_is_refused(cast, six_months):
    with pytest.raises(ValuesInvalid, match="after the round opens"):
        services.set_schedule(
            six_months,
            period_kind=PeriodKind.HALF_YEAR,
            title="Báo cáo",
            opens=(4, 20),
            closes=(5, 25),
            deadlines={"school": (4, 10)},
            active=True,
            by=cast.phong_officer,
        )
    six_months.schedule.refresh_from_db()
    assert six_months.schedule.deadlines == {"school": [5, 5], "district": [5, 10]}


def test_computed_indicators_are_prefilled_from_the_records(cast, six_months):
    from ttdn.registries.enums import ApprovalStatus
    from ttdn.registries.tests.factories import DelegationFactory

    DelegationFactory(
        unit=cast.school_a,
        status=ApprovalStatus.APPROVED,
        starts_on=D(2027, 3, 2),
        ends_on=D(2027, 3, 4),
    )
    DelegationFactory(  # after the data window (it ends 14/4): counted next time
        unit=cast.school_a,
        status=ApprovalStatus.APPROVED,
        starts_on=D(2027, 4, 16),
        ends_on=D(2027, 4, 17),
    )
    services.open_scheduled_rounds(D(2027, 4, 20))
    value = Value.objects.get(
        submission__unit=cast.school_a,
        indicator__code="HT01",
        submission__round__schedule__isnull=False,
    )
    assert value.number == 1 and value.computed_number == 1


# --- A unit reports once per period ---------------------------------------------------------


def test_a_second_round_for_a_period_already_covered_is_refused(cast, form):
    first = open_round(cast.phong, cast.phong_officer, form)
    with pytest.raises(services.RoundCovered) as refused:
        open_round(cast.phong, cast.phong_officer, form, title="Lần hai")
    assert "Trường THCS Hồng Bàng" in str(refused.value)
    assert first.title in str(refused.value)
    assert Round.objects.count() == 1


def test_a_round_can_leave_out_the_units_that_already_report(cast, form):
    open_round(cast.phong, cast.phong_officer, form, units=[cast.school_a])
    second = open_round(cast.phong, cast.phong_officer, form, leave_out_covered=True)
    assert list(second.submissions.values_list("unit__code", flat=True)) == ["HB-B"]
    assert second.left_out and "Trường THCS Hồng Bàng" in second.left_out[0]


def test_forms_adopted_from_one_standard_count_as_one_form(cast):
    phong_form = services.adopt_standard(cast.phong, "ttdn-6-thang", by=cast.phong_officer)
    so_form = services.adopt_standard(cast.so, "ttdn-6-thang", by=cast.so_leader)
    open_round(cast.phong, cast.phong_officer, phong_form)
    with pytest.raises(services.RoundCovered):
        open_round(cast.so, cast.so_leader, so_form, levels=["school"])
    # Another form, or another period, is another report.
    open_round(
        cast.so, cast.so_leader, report_form(cast.so, cast.so_leader, code="x"), levels=["school"]
    )
    open_round(
        cast.so,
        cast.so_leader,
        so_form,
        levels=["school"],
        period=HALF.next(),
        window=WINDOW.__class__(D(2026, 10, 20), D(2026, 11, 5), D(2026, 11, 25)),
        data_window=(D(2026, 4, 15), D(2026, 10, 14)),
    )


def test_a_closed_round_no_longer_covers_the_period(cast, form, at):
    open_round(cast.phong, cast.phong_officer, form)
    at(2026, 6, 1)
    later = open_round(
        cast.phong,
        cast.phong_officer,
        form,
        window=WINDOW.__class__(D(2026, 6, 1), D(2026, 6, 20), D(2026, 6, 30)),
    )
    assert later.submissions.count() == 2


def test_the_round_page_refuses_a_deadline_inside_the_data_window(cast, form, client):
    client.force_login(cast.phong_officer)
    data = {
        "form": form.pk,
        "period_kind": "half_year",
        "period_year": 2026,
        "period_number": 1,
        "start_month": 1,
        "data_from": "2025-12-15",
        "data_to": "2026-06-14",
        "opens_on": "2026-04-20",
        "due_on": "2026-05-05",
        "closes_on": "2026-05-25",
    }
    response = client.post(reverse("reports:round_create"), data)
    assert response.status_code == 200 and not Round.objects.exists()
    assert "after the data window ends (14/06/2026)" in response.content.decode()
    # Without a data window of its own, a round asked early counts up to the last 14th.
    del data["data_from"], data["data_to"]
    client.post(reverse("reports:round_create"), data)
    round_ = Round.objects.get()
    assert (round_.data_from, round_.data_to) == (D(2025, 10, 15), D(2026, 4, 14))


def test_the_round_page_names_the_units_already_reporting(cast, form, client):
    first = open_round(cast.phong, cast.phong_officer, form, units=[cast.school_a])
    client.force_login(cast.phong_officer)
    data = {
        "form": form.pk,
        "period_kind": "half_year",
        "period_year": 2026,
        "period_number": 1,
        "start_month": 1,
        "opens_on": "2026-04-20",
        "due_on": "2026-05-05",
        "closes_on": "2026-05-25",
    }
    refused = client.post(reverse("reports:round_create"), data).content.decode()
    assert "Trường THCS Hồng Bàng" in refused and first.title in refused
    assert Round.objects.count() == 1
    opened = client.post(
        reverse("reports:round_create"), {**data, "leave_out_covered": "on"}, follow=True
    )
    second = Round.objects.exclude(pk=first.pk).get()
    assert list(second.submissions.values_list("unit__code", flat=True)) == ["HB-B"]
    page = opened.content.decode()
    assert 'id="left-out"' in page and "Trường THCS Hồng Bàng" in page


# --- The screens ------------------------------------------------------------------------------


def test_a_unit_adopts_a_standard_form_and_switches_its_schedule_on(cast, client, at):
    at(2027, 3, 1)
    client.force_login(cast.phong_officer)
    page = client.get(reverse("reports:form_list")).content.decode()
    assert 'id="standard-ttdn-6-thang"' in page and "counted by the system" in page
    response = client.post(reverse("reports:standard_adopt", args=["ttdn-6-thang"]), follow=True)
    form = ReportForm.objects.get(owner=cast.phong, standard="ttdn-6-thang")
    assert response.redirect_chain[-1][0] == form.get_absolute_url()
    assert "The schedule is off" in response.content.decode()
    data = {
        "period_kind": "half_year",
        "title": "Báo cáo kết quả công tác thông tin đối ngoại",
        "opens_month": 4,
        "opens_day": 20,
        "due_school_month": 5,
        "due_school_day": 5,
        "due_district_month": 5,
        "due_district_day": 10,
        "closes_month": 5,
        "closes_day": 25,
        "active": "on",
    }
    page = client.post(reverse("reports:schedule_set", args=[form.pk]), data, follow=True)
    html = page.content.decode()
    assert "Rounds of this form open by themselves." in html
    assert "6 tháng đầu năm 2027" in html and "20/04/2027" in html and "05/05/2027" in html
    # Adopted twice: refused with the name of the unit's copy.
    again = client.post(reverse("reports:standard_adopt", args=["ttdn-6-thang"]), follow=True)
    assert "adopted this form already" in again.content.decode()
    assert ReportForm.objects.filter(standard="ttdn-6-thang").count() == 1


def test_a_schedule_with_half_a_deadline_is_refused_and_changes_nothing(cast, client, six_months):
    client.force_login(cast.phong_officer)
    data = {
        "period_kind": "half_year",
        "title": "Báo cáo",
        "opens_month": 4,
        "opens_day": 20,
        "due_school_month": 5,
        "closes_month": 5,
        "closes_day": 25,
    }
    page = client.post(reverse("reports:schedule_set", args=[six_months.pk]), data, follow=True)
    assert "Give both the month and the day" in page.content.decode()
    six_months.schedule.refresh_from_db()
    assert six_months.schedule.active and six_months.schedule.title.startswith("Báo cáo kết quả")


def test_only_the_forms_unit_sets_its_schedule_or_adopts_for_itself(cast, client, six_months):
    data = {"period_kind": "year", "title": "X", "opens_month": 1, "opens_day": 1}
    url = reverse("reports:schedule_set", args=[six_months.pk])
    client.force_login(cast.teacher_a)
    assert client.post(url, data).status_code in (403, 404)
    client.force_login(cast.outsider)
    assert client.post(url, data).status_code == 404
    six_months.schedule.refresh_from_db()
    assert six_months.schedule.period_kind == "half_year"
    client.logout()
    assert client.post(reverse("reports:standard_adopt", args=["ttdn-nam"])).status_code == 302
    assert not ReportForm.objects.filter(standard="ttdn-nam").exists()
