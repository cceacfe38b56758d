"""Inspections: a violation cited against the library, its remedy followed to closure,
escalation when overdue, the conclusion issued as a document."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ttdn import docgen
from ttdn.documents.enums import CitationStatus
from ttdn.registries import queries, todo
from ttdn.registries.enums import InspectionStatus, RemedyStatus
from ttdn.registries.services import inspection as services
from ttdn.registries.tests.factories import InspectionFactory

RULE = "Điều 5 Quyết định số 3767/QĐ-BGDĐT ngày 18/11/2020 của Bộ Giáo dục và Đào tạo"


@pytest.fixture
def running(cast):
    inspection = InspectionFactory(unit=cast.phong, status=InspectionStatus.IN_PROGRESS)
    inspection.subjects.set([cast.school_a, cast.school_b])
    return inspection


def _violation(inspection, cast, *, due: datetime.date | None = None):
    return services.record_finding(
        inspection,
        unit=cast.school_a,
        description="Đón đoàn khách nước ngoài không xin phép",
        is_violation=True,
        rule=RULE,
        remedy="Rút kinh nghiệm, báo cáo bằng văn bản",
        remedy_due=due or timezone.localdate() + datetime.timedelta(days=10),
        by=cast.phong_officer,
    )


def test_violation_cites_a_rule_found_in_the_library(cast, running, rules_library):
    finding = _violation(running, cast)

    assert (finding.rule_document, finding.rule_status, finding.remedy_status) == (
        rules_library,
        CitationStatus.OK,
        RemedyStatus.OPEN,
    )


def test_violation_citing_a_rule_not_in_the_library_is_refused(cast, running, rules_library):
    with pytest.raises(ValidationError) as refused:
        services.record_finding(
            running,
            unit=cast.school_a,
            description="Sai quy chế",
            is_violation=True,
            rule="Quyết định số 9999/QĐ-BGDĐT",
            remedy="Sửa",
            remedy_due=timezone.localdate(),
            by=cast.phong_officer,
        )

    assert list(refused.value.message_dict) == ["rule"]
    assert running.findings.count() == 0


def test_finding_for_a_unit_not_inspected_is_refused(cast, running, rules_library):
    with pytest.raises(ValidationError):
        services.record_finding(running, unit=cast.phong, description="X", by=cast.phong_officer)

    assert running.findings.count() == 0


def test_only_the_inspecting_unit_records_findings(cast, running, rules_library):
    with pytest.raises(PermissionDenied):
        services.record_finding(running, unit=cast.school_a, description="X", by=cast.teacher_a)

    assert running.findings.count() == 0


def test_violation_is_followed_to_its_remedy_and_closure(cast, running, rules_library):
    finding = _violation(running, cast)

    with pytest.raises(PermissionDenied):
        services.report_remedied(finding, note="Đã sửa", by=cast.teacher_b)
    services.report_remedied(finding, note="Đã có văn bản rút kinh nghiệm", by=cast.teacher_a)
    to_review = list(queries.remedies_to_review(cast.phong_officer))
    services.reopen_finding(
        finding, note="Thiếu chữ ký", remedy_due=timezone.localdate(), by=cast.phong_officer
    )
    services.report_remedied(finding, note="Đã bổ sung chữ ký", by=cast.teacher_a)
    services.close_finding(finding, note="Đạt", by=cast.phong_officer)

    finding.refresh_from_db()
    assert to_review == [finding]
    assert finding.remedy_status == RemedyStatus.CLOSED
    assert [f.note for f in finding.follow_ups.all()] == [
        "Đã có văn bản rút kinh nghiệm",
        "Thiếu chữ ký",
        "Đã bổ sung chữ ký",
        "Đạt",
    ]


def test_overdue_remedy_is_escalated_once_to_the_leaders_above(cast, running, rules_library):
    finding = _violation(running, cast, due=timezone.localdate() + datetime.timedelta(days=1))
    later = timezone.localdate() + datetime.timedelta(days=5)

    first = services.escalate_overdue(today=later)
    second = services.escalate_overdue(today=later)

    urgent = [
        (i.title, i.urgent) for i in todo.items(cast.phong_leader) if "quá hạn" in i.title.lower()
    ]
    assert (first, second) == ([finding], [])
    assert urgent == [(f"Biện pháp khắc phục quá hạn tại {cast.school_a.name}", True)]
    assert list(queries.escalated_remedies(cast.outsider)) == []


def test_inspected_school_is_reminded_of_its_remedy(cast, running, rules_library):
    finding = _violation(running, cast)

    assert [(i.url, i.due) for i in todo.items(cast.teacher_a)] == [
        (finding.get_absolute_url(), finding.remedy_due)
    ]
    assert todo.items(cast.teacher_b) == []


def _conclusion() -> docgen.Document:
    return docgen.Document(
        doc_type=docgen.DocumentType.NOTICE,
        title="Kết luận kiểm tra công tác thông tin đối ngoại",
        body=(docgen.Paragraph("Kết luận."),),
        recipients=("Trường THCS Hồng Bàng",),
        signer=docgen.Signer(position="TRƯỞNG PHÒNG", name="Đỗ Văn Hải"),
    )


def test_conclusion_is_issued_and_closing_waits_for_every_finding(
    cast, running, rules_library, letterheads
):
    finding = _violation(running, cast)

    services.conclude_inspection(
        running, conclusion="Cơ bản thực hiện đúng.", doc=_conclusion(), by=cast.phong_officer
    )
    with pytest.raises(ValidationError):
        services.close_inspection(running, by=cast.phong_officer)
    services.close_finding(finding, by=cast.phong_officer)
    services.close_inspection(running, by=cast.phong_officer)

    running.refresh_from_db()
    assert (running.status, running.conclusion_document.symbol) == (
        InspectionStatus.CLOSED,
        "TB-PGDĐT",
    )


def test_plan_refuses_subjects_outside_the_subtree(cast):
    with pytest.raises(ValidationError):
        services.plan_inspection(
            cast.phong,
            by=cast.phong_officer,
            subjects=[cast.outsider_school],
            year=2026,
            title="Kiểm tra",
            scope="TTĐN",
            starts_on=datetime.date(2026, 4, 1),
            ends_on=datetime.date(2026, 4, 2),
        )
