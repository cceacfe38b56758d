"""Demo: Phòng GDĐT Hồng Bàng adopts the standard 6-month and annual TTĐN forms with their
schedules switched on, and has the round of the current half-year open to its schools, with
a few reports already submitted, approved or returned (seed 000: “định kỳ hàng quý, 6 tháng
(05/5), hàng năm (05/11) báo cáo kết quả”). The schools' figures that the system counts (the
portal, press monitoring, the registries, activities, plans) are pre-filled. The Phòng's own
6-month form of before stays, as a unit's form of its own."""

from __future__ import annotations

import datetime

from django.utils import timezone

from ttdn.monitoring import services as monitoring_services
from ttdn.monitoring.models import PressRequest
from ttdn.org.models import Unit, User
from ttdn.reports import periods, services
from ttdn.reports.enums import (
    CATEGORY_PRESETS,
    Aggregation,
    CategorySet,
    IndicatorKind,
    PeriodKind,
    RuleKind,
)
from ttdn.reports.models import ReportForm, Round, Schedule, Submission
from ttdn.reports.services.schedules import planned

FORM_CODE = "ttdn-6-thang-pgddt-hb"
FORM_NAME = "Báo cáo công tác thông tin đối ngoại 6 tháng"
K, A = IndicatorKind, Aggregation
RESULTS = "I. Kết quả thực hiện"
REVIEW = "II. Đánh giá chung"
# (section, code, name, kind, aggregation, unit of measure, required, computed query)
INDICATORS = [
    (
        RESULTS,
        "TT01",
        "Số tin, bài đăng trên trang thông tin điện tử của đơn vị",
        K.INTEGER,
        A.SUM,
        "tin, bài",
        True,
        "",
    ),
    (
        RESULTS,
        "TT02",
        "Trong đó: tin, bài về hợp tác quốc tế và giới thiệu hình ảnh nhà trường",
        K.INTEGER,
        A.SUM,
        "tin, bài",
        False,
        "",
    ),
    (
        RESULTS,
        "TT03",
        "Số buổi tập huấn, bồi dưỡng nghiệp vụ thông tin đối ngoại",
        K.INTEGER,
        A.SUM,
        "buổi",
        False,
        "",
    ),
    (
        RESULTS,
        "TT04",
        "Số lượt cán bộ, giáo viên được tập huấn",
        K.INTEGER,
        A.SUM,
        "lượt người",
        False,
        "",
    ),
    (
        RESULTS,
        "TT05",
        "Số hoạt động với đối tác nước ngoài (đoàn ra, đoàn vào, giao lưu)",
        K.INTEGER,
        A.SUM,
        "hoạt động",
        False,
        "",
    ),
    (
        RESULTS,
        "TT06",
        "Số vụ việc thông tin sai lệch, xuyên tạc được phát hiện, xử lý",
        K.INTEGER,
        A.SUM,
        "vụ việc",
        False,
        "",
    ),
    (
        RESULTS,
        "TT07",
        "Có chuyên mục thông tin đối ngoại trên trang thông tin điện tử",
        K.YES_NO,
        A.COUNT_YES,
        "",
        False,
        "",
    ),
    (
        RESULTS,
        "TT08",
        "Số ngày kỷ niệm đơn vị đã đưa vào lịch",
        K.INTEGER,
        A.SUM,
        "ngày",
        False,
        "events.commemorations_added",
    ),
    (REVIEW, "NX01", "Kết quả nổi bật", K.NARRATIVE, A.NONE, "", True, ""),
    (REVIEW, "NX02", "Khó khăn, vướng mắc", K.NARRATIVE, A.NONE, "", False, ""),
    (REVIEW, "NX03", "Đề xuất, kiến nghị", K.NARRATIVE, A.NONE, "", False, ""),
]
# (school code, values of the standard 6-month form, what happens); the figures the system
# counts are left as pre-filled.
REPORTS = [
    (
        "HB-TH-HUNGVUONG",
        {
            "TT02": "18",
            "TT04": "2",
            "TT08": "1",
            "KT04": "0",
            "NX01": "Duy trì chuyên mục “Gương sáng nhà trường”; tổ chức giao lưu trực tuyến với trường đối tác Nhật Bản.",
            "NX02": "Giáo viên kiêm nhiệm còn ít thời gian.",
            "NX03": "Chưa có cán bộ chuyên trách công tác thông tin đối ngoại.",
            "NX04": "Đề nghị Phòng mở thêm lớp tập huấn viết tin bài.",
        },
        "approve",
    ),
    (
        "HB-TH-QUANTOAN",
        {
            "TT02": "11",
            "TT04": "1",
            "TT08": "1",
            "NX01": "Đăng đầy đủ văn bản về công tác TTĐN; phản bác kịp thời một tin sai lệch trên mạng xã hội.",
            "NX02": "Trang web thường xuyên quá tải.",
        },
        "submit",
    ),
    (
        "HB-MN-HOAPHUONG",
        {
            "TT02": "6",
            "TT08": "0",
            "NX01": "Cập nhật hoạt động của trẻ lên trang web hằng tuần.",
        },
        "return",
    ),
]


def load() -> list[str]:
    """Create the form and the round once; later runs leave them as they are."""
    phong = Unit.objects.filter(code="PGDDT-HB").first()
    officer = User.objects.filter(username="phong-hongbang").first()
    leader = User.objects.filter(username="phong-hongbang-lanhdao").first()
    if phong is None or officer is None or leader is None:
        return ["skipped: the org demo is missing"]
    if not ReportForm.objects.filter(code=FORM_CODE).exists():
        _form(phong, officer)
    standard_forms = _adopt(phong, officer)
    six_months = standard_forms["ttdn-6-thang"]
    if Round.objects.filter(owner=phong, form_version__form=six_months).exists():
        return ["report forms and round already there", *_annual_form()]
    _press_request(Unit.objects.get(code=REPORTS[0][0]))
    round_ = _round(phong, officer, six_months)
    for code, values, action in REPORTS:
        _report(round_, code, values, action, leader)
    lines = [
        f"standard forms adopted with their schedules on: {', '.join(standard_forms)}",
        f"round “{round_.title}” with {round_.submissions.count()} reports",
    ]
    return lines + _annual_form()


def _adopt(phong: Unit, officer: User) -> dict[str, ReportForm]:
    """The standard forms, adopted by the Phòng with their schedules switched on."""
    adopted = {f.standard: f for f in ReportForm.objects.filter(owner=phong).exclude(standard="")}
    for key in ("ttdn-6-thang", "ttdn-nam"):
        if key not in adopted:
            adopted[key] = services.adopt_standard(phong, key, by=officer)
    Schedule.objects.filter(form__in=adopted.values()).update(active=True)
    return adopted


def _press_request(school: Unit) -> None:
    """A journalist's question the school answered: press monitoring's figure that the
    school's report shows pre-filled (“yêu cầu cung cấp thông tin của báo chí đã trả lời”)."""
    if PressRequest.objects.filter(unit=school).exists():
        return
    request = monitoring_services.record_press_request(
        school,
        by=None,
        journalist="Trần Minh Đức",
        outlet="Báo Hải Phòng (demo)",
        contact="minhduc@baohaiphong.example.vn",
        question="Đề nghị nhà trường cho biết kết quả chương trình giao lưu với trường đối tác Nhật Bản.",
        deadline=timezone.now() + datetime.timedelta(days=2),
    )
    monitoring_services.answer_press_request(
        request,
        by=None,
        answer="Nhà trường đã tổ chức 2 buổi giao lưu trực tuyến với 120 học sinh tham gia.",
    )


# Quảng Ninh's yearly form: its cooperation, training and inspection figures come from the
# registries, so a round opened for them shows each unit's records pre-filled (with links).
ANNUAL_CODE = "ttdn-nam-sgddt-qn"
ANNUAL_INDICATORS = [
    (
        "HT01",
        "Số đoàn nước ngoài đến làm việc (đoàn vào)",
        "đoàn",
        "registries.delegations_received",
    ),
    ("HT02", "Số đoàn đi công tác nước ngoài (đoàn ra)", "đoàn", "registries.delegations_sent"),
    ("HT03", "Số thỏa thuận hợp tác còn hiệu lực", "thỏa thuận", "registries.agreements_in_force"),
    (
        "HT04",
        "Số chương trình hợp tác đơn vị chủ trì",
        "chương trình",
        "registries.programmes_running",
    ),
    ("HT05", "Số hội nghị, hội thảo quốc tế đã tổ chức", "hội nghị", "registries.conferences_held"),
    (
        "HT06",
        "Số lượt người được tập huấn thông tin đối ngoại tại các lớp đơn vị tổ chức",
        "lượt người",
        "registries.people_trained_by",
    ),
    (
        "HT07",
        "Số cuộc kiểm tra công tác thông tin đối ngoại",
        "cuộc",
        "registries.inspections_held",
    ),
    ("HT08", "Số vi phạm đã khắc phục sau kiểm tra", "vi phạm", "registries.violations_remedied"),
]


def _annual_form() -> list[str]:
    so = Unit.objects.filter(code="SGDDT-QN").first()
    officer = User.objects.filter(username="so-quangninh-canbo").first()
    if so is None or officer is None or ReportForm.objects.filter(code=ANNUAL_CODE).exists():
        return []
    form = services.create_form(
        so,
        code=ANNUAL_CODE,
        name="Báo cáo năm về hợp tác quốc tế, tập huấn và kiểm tra TTĐN",
        by=officer,
    )
    for code, name, measure, key in ANNUAL_INDICATORS:
        services.add_indicator(
            form,
            section=RESULTS,
            code=code,
            name=name,
            kind=K.INTEGER,
            aggregation=A.SUM,
            measure=measure,
            min_value=0,
            computed_key=key,
            by=officer,
        )
    return [
        f"form “{form.name}” with {len(ANNUAL_INDICATORS)} indicators taken from the registries"
    ]


def _form(phong: Unit, officer: User) -> ReportForm:
    form = services.create_form(phong, code=FORM_CODE, name=FORM_NAME, by=officer)
    for section, code, name, kind, aggregation, measure, required, computed_key in INDICATORS:
        services.add_indicator(
            form,
            section=section,
            code=code,
            name=name,
            kind=kind,
            aggregation=aggregation,
            measure=measure,
            required=required,
            min_value=0 if kind == K.INTEGER else None,
            computed_key=computed_key,
            by=officer,
        )
    breakdown, languages = CATEGORY_PRESETS[CategorySet.LANGUAGE]
    services.add_indicator(
        form,
        section=RESULTS,
        code="TT09",
        name="Số tin, bài đăng theo ngôn ngữ",
        kind=K.INTEGER,
        aggregation=A.SUM,
        measure="tin, bài",
        min_value=0,
        breakdown=breakdown,
        categories=languages,
        by=officer,
    )
    services.add_rule(form, kind=RuleKind.NOT_GREATER, left="TT02", right="TT01", by=officer)
    services.add_rule(form, kind=RuleKind.REQUIRED_TOGETHER, left="TT03", right="TT04", by=officer)
    return form


def _round(phong: Unit, officer: User, form: ReportForm) -> Round:
    """The half-year of today, as the schedule would name it; open since today, due in a week,
    closing in three. Its data run from the period's legal start (Nghị định 09/2019) to today
    at the latest, so every deadline falls after them and today's records count."""
    today = timezone.localdate()
    period = periods.containing(PeriodKind.HALF_YEAR, today)
    title = planned(form.schedule, period).title
    legal = period.data_window()
    window = periods.SubmissionWindow(
        today, today + datetime.timedelta(days=7), today + datetime.timedelta(days=21)
    )
    return services.open_round(
        phong,
        form_version=services.latest_version(form),
        period=period,
        window=window,
        data_window=(legal.start, min(legal.end, today)),
        title=title,
        by=officer,
    )


def _report(round_: Round, code: str, values: dict[str, str], action: str, leader: User) -> None:
    submission = Submission.objects.filter(round=round_, unit__code=code).first()
    if submission is None:
        return
    author = User.objects.filter(memberships__unit=submission.unit).first() or leader
    services.save_values(submission, values, by=author)
    services.submit_submission(submission, by=author)
    if action == "approve":
        services.approve_submission(submission, by=leader)
    elif action == "return":
        services.return_submission(
            submission,
            message="Đề nghị bổ sung số hoạt động với đối tác nước ngoài và số vụ việc đã xử lý.",
            by=leader,
        )
