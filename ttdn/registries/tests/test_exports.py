"""What the registries print: the conclusion lists every finding, the report names the members,
certificates go to those numbered."""

from __future__ import annotations

import datetime
import io

import docx

from ttdn import docgen
from ttdn.registries import exports
from ttdn.registries.tests.factories import (
    CourseFactory,
    DelegationFactory,
    DelegationMemberFactory,
    FindingFactory,
    InspectionFactory,
    TraineeFactory,
)


def test_conclusion_tables_every_finding_and_ends_with_the_conclusion(cast):
    inspection = InspectionFactory(unit=cast.phong, title="Kiểm tra công tác TTĐN năm 2026")
    inspection.subjects.set([cast.school_a])
    FindingFactory(
        inspection=inspection,
        unit=cast.school_a,
        description="Đăng bản đồ thiếu Hoàng Sa",
        is_violation=True,
        rule="Quyết định số 3767/QĐ-BGDĐT",
        remedy="Gỡ bản đồ",
        remedy_due=datetime.date(2026, 4, 1),
    )

    doc = exports.inspection_conclusion(
        inspection,
        conclusion="Cơ bản thực hiện tốt.",
        signer_position="TRƯỞNG PHÒNG",
        signer_name="Đỗ Văn Hải",
        recipients="Trường THCS Hồng Bàng",
    )

    table = next(block for block in doc.body if isinstance(block, docgen.Table))
    assert (doc.doc_type, doc.title, table.rows, doc.body[-1]) == (
        docgen.DocumentType.NOTICE,
        "Kết luận kiểm tra công tác TTĐN năm 2026",
        (
            (
                "1",
                cast.school_a.name,
                "Đăng bản đồ thiếu Hoàng Sa",
                "Quyết định số 3767/QĐ-BGDĐT",
                "Gỡ bản đồ",
                "01/04/2026",
            ),
        ),
        docgen.Paragraph("Cơ bản thực hiện tốt."),
    )


def test_delegation_report_lists_members_and_is_addressed_to_the_unit_above(cast):
    delegation = DelegationFactory(unit=cast.phong)
    DelegationMemberFactory(
        delegation=delegation, full_name="Khamla Sisouk", position="Phó Giám đốc", is_head=True
    )

    doc = exports.delegation_report(
        delegation,
        outcome="Ký biên bản.\nHẹn gặp lại.",
        signer_position="TRƯỞNG PHÒNG",
        signer_name="Đỗ Văn Hải",
        recipients="Sở GDĐT",
    )

    members = next(block for block in doc.body if isinstance(block, docgen.ListBlock))
    assert (doc.addressees, members.items, doc.body[-2:]) == (
        (cast.so.name,),
        ("Khamla Sisouk, Phó Giám đốc (Trưởng đoàn)",),
        (docgen.Paragraph("Ký biên bản."), docgen.Paragraph("Hẹn gặp lại.")),
    )


def test_certificates_only_for_numbered_trainees(cast):
    course = CourseFactory(
        unit=cast.phong, starts_on=datetime.date(2026, 3, 2), ends_on=datetime.date(2026, 3, 2)
    )
    TraineeFactory(
        course=course,
        unit=cast.school_a,
        full_name="Trần Thị Hoa",
        attended=True,
        evaluation="good",
        certificate_number="1/2026-GCN-1",
    )
    TraineeFactory(
        course=course, unit=cast.school_b, full_name="Chưa Cấp", attended=True, evaluation="failed"
    )

    content = exports.certificates(
        course,
        list(course.trainees.all()),
        signature=exports.Signature("Trưởng phòng", "Đỗ Văn Hải"),
    )

    texts = [p.text for p in docx.Document(io.BytesIO(content)).paragraphs]
    assert texts.count("GIẤY CHỨNG NHẬN") == 1
    assert "TRẦN THỊ HOA" in texts
    assert "CHƯA CẤP" not in texts
