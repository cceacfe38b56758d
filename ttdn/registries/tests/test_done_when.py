"""The issue's "Done when" through the real pages (the Django client posting what the forms
post), with the demo data: the browser test drives the same flow in chromium."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ttdn.core.todo import items_for
from ttdn.documents import demo as documents_demo
from ttdn.org import demo as org_demo
from ttdn.org.models import Unit, User
from ttdn.registries import demo as registries_demo
from ttdn.registries.enums import ApprovalStatus, InspectionStatus, RemedyStatus
from ttdn.registries.models import Course, Delegation, Finding, Inspection, Partner


@pytest.fixture
def demo(db):
    org_demo.load()
    documents_demo.load()
    registries_demo.load()
    return User.objects.in_bulk(
        ["phong-campha", "so-quangninh", "so-quangninh-canbo", "truong-campha"],
        field_name="username",
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_delegation_from_huaphanh_with_approval_and_report(demo):
    office, leader = _client(demo["phong-campha"]), _client(demo["so-quangninh"])
    visit = timezone.localdate() - datetime.timedelta(days=3)
    office.post(
        reverse("registries:delegation_create"),
        {
            "unit": Unit.objects.get(code="PGDDT-CP").pk,
            "direction": "incoming",
            "partner": Partner.objects.get(name=registries_demo.HUAPHANH).pk,
            "purpose": "Trao đổi kinh nghiệm",
            "starts_on": visit,
            "ends_on": visit,
            "place": "Cẩm Phả",
        },
    )
    delegation = Delegation.objects.get()
    office.post(
        reverse("registries:member_add", args=[delegation.pk]),
        {"full_name": "Khamla Sisouk", "is_head": "on"},
    )
    office.post(reverse("registries:approval_request", args=["delegation", delegation.pk]))
    todo = [item.title for item in items_for(demo["so-quangninh"])]
    leader.post(
        reverse("registries:approval_decide", args=["delegation", delegation.pk]),
        {"approve": "yes"},
    )
    office.post(
        reverse("registries:approval_report", args=["delegation", delegation.pk]),
        {
            "outcome": "Thống nhất trao đổi giáo viên.",
            "signer_position": "Phó Trưởng phòng",
            "signer_name": "Vũ Đức Tiến",
            "recipients": "Sở GDĐT Quảng Ninh",
        },
    )

    delegation.refresh_from_db()
    assert f"Quyết định về đề nghị: {delegation}" in todo
    assert (delegation.status, delegation.report.symbol) == (ApprovalStatus.REPORTED, "BC-PGDĐT")


def test_agreement_with_huaphanh_reminds_the_department(demo):
    titles = [item.title for item in items_for(demo["so-quangninh-canbo"])]

    assert [t for t in titles if t.startswith("Gia hạn")] == [
        "Gia hạn thỏa thuận “Biên bản ghi nhớ hợp tác giáo dục giai đoạn 2021–2026 giữa Sở GDĐT "
        "Quảng Ninh và Sở GD&TT tỉnh Hủa Phăn” với " + registries_demo.HUAPHANH
    ]


def test_course_records_attendance_and_prints_certificates(demo):
    office = _client(demo["phong-campha"])
    course = Course.objects.get()
    marks = {}
    for trainee in course.trainees.all():
        good = trainee.full_name == "Trần Thị Hoa"
        marks[f"attended_{trainee.pk}"] = "yes" if good else "no"
        marks[f"evaluation_{trainee.pk}"] = "good" if good else ""

    office.post(reverse("registries:course_attendance", args=[course.pk]), marks)
    office.post(reverse("registries:course_number", args=[course.pk]))
    response = office.get(
        reverse("registries:course_certificates", args=[course.pk, "docx"]),
        {"signer_position": "Trưởng phòng", "signer_name": "Vũ Đức Tiến"},
    )

    numbered = list(
        course.trainees.exclude(certificate_number="").values_list("full_name", flat=True)
    )
    assert (numbered, response.status_code, response["Content-Disposition"]) == (
        ["Trần Thị Hoa"],
        200,
        f'attachment; filename="giay-chung-nhan-{course.pk}.docx"',
    )


def test_inspection_follows_a_violation_to_remedy_and_closure(demo):
    office, school = _client(demo["phong-campha"]), _client(demo["truong-campha"])
    inspection = Inspection.objects.get()
    office.post(
        reverse("registries:finding_add", args=[inspection.pk]),
        {
            "unit": Unit.objects.get(code="CP-THCS-CAMPHU").pk,
            "description": "Đăng bản đồ thiếu quần đảo Hoàng Sa",
            "is_violation": "on",
            "rule": "Quyết định số 3767/QĐ-BGDĐT ngày 18/11/2020 của Bộ Giáo dục và Đào tạo",
            "remedy": "Gỡ bản đồ, đăng đính chính",
            "remedy_due": timezone.localdate() + datetime.timedelta(days=7),
        },
    )
    finding = Finding.objects.get()
    school.post(reverse("registries:finding_remedied", args=[finding.pk]), {"note": "Đã gỡ"})
    office.post(reverse("registries:finding_close", args=[finding.pk]))
    office.post(
        reverse("registries:inspection_conclude", args=[inspection.pk]),
        {
            "conclusion": "Đã khắc phục.",
            "signer_position": "Phó Trưởng phòng",
            "signer_name": "Vũ Đức Tiến",
            "recipients": "Trường THCS Cẩm Phú",
        },
    )
    office.post(reverse("registries:inspection_close", args=[inspection.pk]))

    finding.refresh_from_db()
    inspection.refresh_from_db()
    assert (
        finding.remedy_status,
        finding.rule_document.number_symbol,
        inspection.status,
        inspection.conclusion_document.symbol,
    ) == (
        RemedyStatus.CLOSED,
        "3767/QĐ-BGDĐT",
        InspectionStatus.CLOSED,
        "TB-PGDĐT",
    )


def test_next_annual_round_shows_the_registries_pre_filled(demo):
    from ttdn.reports import demo as reports_demo
    from ttdn.reports import periods, services
    from ttdn.reports.enums import PeriodKind
    from ttdn.reports.models import ReportForm, Value

    reports_demo.load()
    phong = Unit.objects.get(code="PGDDT-CP")
    course = Course.objects.get()
    course.trainees.update(attended=True)
    today = timezone.localdate()
    form = ReportForm.objects.get(code=reports_demo.ANNUAL_CODE)
    window = periods.SubmissionWindow(
        today, today + datetime.timedelta(days=7), today + datetime.timedelta(days=14)
    )

    round_ = services.open_round(
        form.owner,
        form_version=services.latest_version(form),
        period=periods.containing(PeriodKind.YEAR, today),
        window=window,
        units=[phong],
        by=demo["so-quangninh-canbo"],
    )

    values = {
        v.indicator.code: int(v.number)
        for v in Value.objects.filter(submission__round=round_).select_related("indicator")
    }
    assert (values["HT06"], values["HT07"]) == (5, 1)
