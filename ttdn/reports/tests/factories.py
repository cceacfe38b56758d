"""Forms and rounds built through the services, as people would build them."""

from __future__ import annotations

import datetime
from typing import Any

from ttdn.reports import services
from ttdn.reports.enums import Aggregation, IndicatorKind, PeriodKind, RuleKind
from ttdn.reports.models import ReportForm, Round
from ttdn.reports.periods import Period, SubmissionWindow

D = datetime.date
K = IndicatorKind
# (section, code, name, kind, aggregation, extra)
INDICATORS: list[tuple[str, str, str, str, str, dict[str, Any]]] = [
    (
        "I. Số liệu",
        "articles",
        "Số tin bài đăng trên trang thông tin điện tử",
        K.INTEGER,
        Aggregation.SUM,
        {"required": True, "min_value": 0, "measure": "tin bài"},
    ),
    (
        "I. Số liệu",
        "foreign",
        "Trong đó: tin bài về hợp tác quốc tế",
        K.INTEGER,
        Aggregation.SUM,
        {"min_value": 0},
    ),
    ("I. Số liệu", "trainings", "Số buổi tập huấn TTĐN", K.INTEGER, Aggregation.SUM, {}),
    ("I. Số liệu", "share", "Tỉ lệ cán bộ được tập huấn", K.PERCENTAGE, Aggregation.AVERAGE, {}),
    ("I. Số liệu", "largest", "Đoàn khách lớn nhất (người)", K.INTEGER, Aggregation.MAX, {}),
    ("I. Số liệu", "smallest", "Điểm tự đánh giá thấp nhất", K.DECIMAL, Aggregation.MIN, {}),
    (
        "I. Số liệu",
        "has_site",
        "Có chuyên mục TTĐN trên trang web",
        K.YES_NO,
        Aggregation.COUNT_YES,
        {},
    ),
    (
        "I. Số liệu",
        "rating",
        "Tự xếp loại",
        K.CHOICE,
        Aggregation.NONE,
        {"choices": ["Tốt", "Khá", "Đạt"]},
    ),
    ("II. Đánh giá", "results", "Kết quả nổi bật", K.NARRATIVE, Aggregation.NONE, {}),
]


def report_form(owner, by, *, code: str = "ttdn-6-thang") -> ReportForm:
    form = services.create_form(owner, code=code, name="Báo cáo công tác TTĐN 6 tháng", by=by)
    for section, code_, name, kind, aggregation, extra in INDICATORS:
        services.add_indicator(
            form,
            section=section,
            code=code_,
            name=name,
            kind=kind,
            aggregation=aggregation,
            by=by,
            **extra,
        )
    services.add_rule(form, kind=RuleKind.NOT_GREATER, left="foreign", right="articles", by=by)
    return form


HALF = Period(PeriodKind.HALF_YEAR, 2026, 1)
WINDOW = SubmissionWindow(D(2026, 4, 20), D(2026, 5, 5), D(2026, 5, 15))


def open_round(owner, by, form: ReportForm, **kwargs: Any) -> Round:
    return services.open_round(
        owner,
        form_version=services.latest_version(form),
        period=kwargs.pop("period", HALF),
        window=kwargs.pop("window", WINDOW),
        data_window=kwargs.pop("data_window", (D(2025, 11, 1), D(2026, 4, 30))),
        by=by,
        **kwargs,
    )


def open_rounds(owner, by, form: ReportForm, count: int, **kwargs: Any) -> list[Round]:
    """Rounds of `form` for `count` half-years in a row from HALF, each with the proposed
    windows (a unit reports once per period, so one round each)."""
    rounds = []
    for step in range(count):
        period = HALF.shifted(step)
        span = period.data_window()
        rounds.append(
            open_round(
                owner,
                by,
                form,
                period=period,
                window=period.default_submission_window(),
                data_window=(span.start, span.end),
                **kwargs,
            )
        )
    return rounds


PHONG_VALUES = {
    "articles": "12",
    "foreign": "3",
    "trainings": "2",
    "share": "50.5",
    "has_site": "có",
    "rating": "Khá",
    "results": "Tổ chức 2 hội thảo quốc tế.\nĐón 3 đoàn khách nước ngoài.",
}
