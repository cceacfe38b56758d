"""The weekly or monthly "Tổng hợp dư luận báo chí": a Báo cáo numbered in the unit's register
that sums up the period's mentions by tone, topic and source, and the cases with their outcome."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from docx import Document as read_docx

from ttdn.documents.models import OutgoingDocument
from ttdn.documents.tests.factories import LetterheadFactory
from ttdn.monitoring import queries, services
from ttdn.monitoring.enums import ResponseKind, Severity, WatchKind
from ttdn.monitoring.tests.factories import WatchFactory, mention_of


def _text(docx: bytes) -> str:
    document = read_docx(BytesIO(docx))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


@pytest.fixture
def week(cast):
    first = mention_of(cast.school_a, title="Tin sai về học phí trường Hồng Bàng")
    first.watch = WatchFactory(unit=cast.phong, kind=WatchKind.TOPIC, name="Biển đảo")
    first.save()
    mention_of(cast.school_b, tone="positive", title="Trường Lý Tự Trọng đạt giải")
    mention_of(cast.outsider_school, title="Tin của tỉnh khác")
    answered = services.open_case(
        first, by=cast.teacher_a, title="Đính chính tin học phí", severity=Severity.HIGH
    )
    services.start_verifying(answered, by=cast.teacher_a)
    services.respond(answered, by=cast.teacher_a, kind=ResponseKind.STATEMENT, text="Đính chính.")
    services.close_case(answered, by=cast.teacher_a)
    dismissed = services.open_case(first, by=cast.teacher_a, title="Tin cũ", severity=Severity.LOW)
    services.dismiss(dismissed, by=cast.teacher_a, reason="Thông tin đúng.")
    today = timezone.localdate()
    return today - datetime.timedelta(days=6), today


def test_the_summary_counts_the_unit_and_below_by_tone_topic_and_source(cast, week):
    summary = queries.press_summary(cast.phong, *week)

    assert summary.mentions == 2
    assert summary.by_tone == [("Tích cực", 1), ("Trung tính", 0), ("Tiêu cực", 1)]
    assert summary.by_topic == [("Biển đảo", 1), ("Khác (tìm kiếm đã lưu, tên đơn vị)", 1)]
    assert sum(n for _name, _kind, n in summary.by_source) == 2
    assert (
        summary.cases_opened,
        summary.cases_responded_on_time,
        summary.cases_dismissed,
        summary.cases_closed,
    ) == (2, 1, 1, 1)
    assert [(c.title, c.on_time) for c in summary.cases] == [
        ("Đính chính tin học phí", True),
        ("Tin cũ", False),
    ]
    assert summary.cases[0].outcome == f"Thông cáo, ngày {timezone.localdate():%d/%m/%Y}"
    assert summary.cases[1].outcome == "Không phản hồi: Thông tin đúng."


def test_the_report_is_numbered_in_the_units_register_and_lists_the_cases(client, cast, week):
    LetterheadFactory(unit=cast.phong)
    client.force_login(cast.phong_officer)

    response = client.post(
        reverse("monitoring:press_report"),
        {
            "unit": cast.phong.pk,
            "period": "custom",
            "start": f"{week[0]:%Y-%m-%d}",
            "end": f"{week[1]:%Y-%m-%d}",
            "signer_position": "TRƯỞNG PHÒNG",
            "signer_name": "Đỗ Văn Hải",
        },
    )

    issued = OutgoingDocument.objects.get()
    text = _text(bytes(issued.docx))
    assert response.url == issued.get_absolute_url()
    assert (issued.unit, issued.type) == (cast.phong, "report")
    assert issued.title.startswith("Tổng hợp dư luận báo chí từ ngày")
    assert "ghi nhận 2 tin, bài" in text
    assert "Đính chính tin học phí" in text and "Biển đảo" in text
    assert "Tin của tỉnh khác" not in text


def test_last_week_is_monday_to_sunday_before_this_week(cast):
    from ttdn.monitoring.forms import PressReportForm
    from ttdn.org.models import Unit

    form = PressReportForm(
        {"unit": cast.phong.pk, "period": "week"},
        units=Unit.objects.filter(pk=cast.phong.pk),
        today=datetime.date(2026, 12, 3),  # a Thursday
    )

    assert form.is_valid(), form.errors
    assert (form.cleaned_data["start"], form.cleaned_data["end"]) == (
        datetime.date(2026, 11, 23),
        datetime.date(2026, 11, 29),
    )


def test_a_wrong_period_is_refused_and_nothing_numbered(cast):
    LetterheadFactory(unit=cast.phong)
    today = timezone.localdate()

    with pytest.raises(ValidationError):
        services.issue_press_report(
            cast.phong, by=cast.phong_officer, start=today, end=today - datetime.timedelta(days=1),
            signer=None,
        )  # fmt: skip

    assert not OutgoingDocument.objects.exists()


def test_the_outsider_cannot_report_on_a_unit_it_does_not_see(client, cast, week):
    LetterheadFactory(unit=cast.phong)
    client.force_login(cast.outsider)

    response = client.post(
        reverse("monitoring:press_report"),
        {"unit": cast.phong.pk, "period": "week", "signer_name": "X"},
    )

    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not OutgoingDocument.objects.exists()
