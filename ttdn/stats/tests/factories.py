"""Datasets, a statistics form and its rounds, built through the services as people build them."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from ttdn.reports import periods
from ttdn.reports import services as reports_services
from ttdn.reports.enums import Aggregation, IndicatorKind, PeriodKind
from ttdn.reports.models import ReportForm, Round, Submission, UnlockRequest
from ttdn.stats.enums import Topic
from ttdn.stats.models import Dataset

FORM_CODE = "thong-ke"
# (dataset code, indicator code, name, measure, key figure)
DATASETS = [
    ("pupils", "P1", "Số học sinh", "học sinh", True),
    ("candidates", "P2", "Số học sinh dự thi lớp 10", "học sinh", False),
    ("admitted", "P3", "Số học sinh trúng tuyển lớp 10", "học sinh", False),
]


def datasets() -> dict[str, Dataset]:
    made = {
        code: Dataset.objects.create(
            code=code,
            name=name,
            name_en=code.title(),
            measure=measure,
            measure_en=code,
            topic=Topic.SCALE,
            form_code=FORM_CODE,
            indicator_code=indicator,
            key_figure=key,
            order=n,
        )
        for n, (code, indicator, name, measure, key) in enumerate(DATASETS)
    }
    made["rate"] = Dataset.objects.create(
        code="rate",
        name="Tỉ lệ trúng tuyển",
        name_en="Admission rate",
        measure="%",
        measure_en="%",
        numerator=made["admitted"],
        denominator=made["candidates"],
        order=9,
    )
    return made


def statistics_form(owner: Any, by: Any) -> ReportForm:
    form = reports_services.create_form(owner, code=FORM_CODE, name="Thống kê năm học", by=by)
    for _code, indicator, name, measure, _key in DATASETS:
        reports_services.add_indicator(
            form,
            section="I. Số liệu",
            code=indicator,
            name=name,
            kind=IndicatorKind.INTEGER,
            aggregation=Aggregation.SUM,
            measure=measure,
            min_value=0,
            by=by,
        )
    return form


def school_year_round(owner: Any, by: Any, form: ReportForm, year: int, units: Any) -> Round:
    today = timezone.localdate()
    window = periods.SubmissionWindow(
        today - datetime.timedelta(days=5),
        today + datetime.timedelta(days=5),
        today + datetime.timedelta(days=20),
    )
    return reports_services.open_round(
        owner,
        form_version=reports_services.latest_version(form),
        period=periods.Period(PeriodKind.SCHOOL_YEAR, year),
        window=window,
        by=by,
        units=units,
    )


def report(round_: Round, unit: Any, values: dict[str, str], *, by: Any, approver: Any = None):
    """The unit's report filled in and submitted; approved when `approver` is given."""
    submission = Submission.objects.get(round=round_, unit=unit)
    reports_services.save_values(submission, values, by=by)
    reports_services.submit_submission(submission, by=by)
    if approver is not None:
        reports_services.approve_submission(submission, by=approver)
    return submission


def reopen(submission: Submission, values: dict[str, str], *, by: Any, approver: Any) -> None:
    """An approved report unlocked and changed in the window, not yet approved again."""
    reports_services.request_unlock(submission, reason="Sai số học sinh", by=by)
    request = UnlockRequest.objects.get(submission=submission)
    until = timezone.now() + datetime.timedelta(days=2)
    reports_services.grant_unlock(request, until=until, by=approver)
    reports_services.save_values(submission, values, by=by)


def correct(submission: Submission, values: dict[str, str], *, by: Any, approver: Any) -> None:
    """An approved report corrected: unlocked, changed in the window and approved again."""
    reopen(submission, values, by=by, approver=approver)
    reports_services.approve_submission(submission, by=approver)
