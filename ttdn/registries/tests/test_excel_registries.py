"""Programmes, conferences, training courses (with their trainees) and inspections out to .xlsx
and back: the same file makes the same records, a wrong row stops the file with its row and
column named, and an export holds only the people the exporting person may see."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry
from ttdn.registries import excel
from ttdn.registries.models import Conference, Course, Finding, Inspection, Programme
from ttdn.registries.services import cooperation, inspection, training
from ttdn.registries.tests.factories import (
    ConferenceFactory,
    CourseFactory,
    InspectionFactory,
    PartnerFactory,
    TraineeFactory,
)


def _rows(content: bytes) -> list[tuple]:
    return list(load_workbook(BytesIO(content)).active.iter_rows(values_only=True))


def _book(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _column(sheet: excel.Sheet, content: bytes, key: str) -> list:
    rows = _rows(content)
    index = [c.key for c in sheet.columns].index(key)
    return [row[index] for row in rows[1:]]


def test_programmes_round_trip(cast):
    lao = PartnerFactory(name="Sở Giáo dục tỉnh Hủa Phăn", country="Lào")
    french = PartnerFactory(name="Tổ chức Quốc tế Pháp ngữ", country="Pháp")
    cooperation.record_programme(
        cast.phong,
        by=cast.phong_officer,
        partners=[lao, french],
        units=[cast.school_a, cast.school_b],
        name="Chương trình song ngữ tiếng Pháp",
        goals="Dạy song ngữ Pháp – Việt.",
        starts_on=datetime.date(2024, 9, 1),
        ends_on=datetime.date(2029, 5, 31),
    )
    content = excel.export(excel.PROGRAMMES, cast.phong_officer)
    Programme.objects.all().delete()

    result = excel.import_rows(excel.PROGRAMMES, content, by=cast.phong_officer)

    again = Programme.objects.get()
    assert (result.created, result.errors) == (1, [])
    assert (
        again.unit,
        again.name,
        set(again.partners.all()),
        set(again.units.all()),
        again.starts_on,
        again.ends_on,
    ) == (
        cast.phong,
        "Chương trình song ngữ tiếng Pháp",
        {lao, french},
        {cast.school_a, cast.school_b},
        datetime.date(2024, 9, 1),
        datetime.date(2029, 5, 31),
    )


def test_conferences_round_trip(cast):
    partner = PartnerFactory(name="Đại học Quảng Tây", country="Trung Quốc")
    original = ConferenceFactory(unit=cast.phong, participant_count=40)
    original.partners.set([partner])
    fields = ("kind", "title", "starts_on", "ends_on", "place", "participants")
    before = [getattr(original, f) for f in fields]
    content = excel.export(excel.CONFERENCES, cast.phong_officer)
    Conference.objects.all().delete()

    result = excel.import_rows(excel.CONFERENCES, content, by=cast.phong_officer)

    again = Conference.objects.get()
    assert (result.created, result.errors) == (1, [])
    assert [getattr(again, f) for f in fields] == before
    assert (again.participant_count, again.foreign_participant_count) == (40, 6)
    assert list(again.partners.all()) == [partner]


def test_courses_round_trip_with_their_trainees(cast):
    course = CourseFactory(unit=cast.phong)
    TraineeFactory(course=course, unit=cast.school_a, full_name="Trần Thị Hoa", position="GV")
    TraineeFactory(course=course, unit=cast.school_b, full_name="Lê Văn Nam")
    content = excel.export(excel.COURSES, cast.phong_officer)
    Course.objects.all().delete()

    result = excel.import_rows(excel.COURSES, content, by=cast.phong_officer)

    again = Course.objects.get()
    assert (result.created, result.errors) == (1, [])
    assert (again.topic, again.level, again.hours, again.starts_on) == (
        course.topic,
        course.level,
        8,
        course.starts_on,
    )
    assert [(t.unit, t.full_name, t.position) for t in again.trainees.order_by("pk")] == [
        (cast.school_a, "Trần Thị Hoa", "GV"),
        (cast.school_b, "Lê Văn Nam", ""),
    ]


def test_a_school_exports_only_its_own_trainees(cast):
    course = CourseFactory(unit=cast.phong)
    TraineeFactory(course=course, unit=cast.school_a, full_name="Trần Thị Hoa")
    TraineeFactory(course=course, unit=cast.school_b, full_name="Lê Văn Nam")

    trainees = _column(excel.COURSES, excel.export(excel.COURSES, cast.teacher_a), "trainees")

    assert trainees == ["HB-A: Trần Thị Hoa"]


def test_inspections_round_trip_and_findings_shown_only_to_whom_they_concern(cast):
    planned = inspection.plan_inspection(
        cast.phong,
        by=cast.phong_officer,
        subjects=[cast.school_a, cast.school_b],
        year=2026,
        title="Kiểm tra công tác thông tin đối ngoại",
        scope="Việc thực hiện quy chế",
        starts_on=datetime.date(2026, 4, 1),
        ends_on=datetime.date(2026, 4, 3),
    )
    Finding.objects.create(inspection=planned, unit=cast.school_a, description="Thiếu sổ theo dõi")
    Finding.objects.create(inspection=planned, unit=cast.school_b, description="Chưa cập nhật")
    school_file = excel.export(excel.INSPECTIONS, cast.teacher_a)
    content = excel.export(excel.INSPECTIONS, cast.phong_officer)
    Finding.objects.all().delete()
    Inspection.objects.all().delete()

    result = excel.import_rows(excel.INSPECTIONS, content, by=cast.phong_officer)

    again = Inspection.objects.get()
    assert (result.created, result.errors) == (1, [])
    assert (again.year, again.title, set(again.subjects.all()), again.ends_on) == (
        2026,
        "Kiểm tra công tác thông tin đối ngoại",
        {cast.school_a, cast.school_b},
        datetime.date(2026, 4, 3),
    )
    findings = _column(excel.INSPECTIONS, school_file, "findings")
    assert findings == ["HB-A: Thiếu sổ theo dõi [Cần khắc phục]"]


def test_an_inspection_of_a_unit_not_below_stops_the_file(cast):
    header = [c.header for c in excel.INSPECTIONS.columns]
    content = _book(
        [
            header,
            ["PGD-HB", 2026, "Đợt 1", "Quy chế", "HB-A", "01/04/2026", "02/04/2026"],
            ["PGD-HB", 2026, "Đợt 2", "Quy chế", "QN-X", "01/05/2026", "32/05/2026"],
        ]
    )

    result = excel.import_rows(excel.INSPECTIONS, content, by=cast.phong_officer)

    assert result.created == 0
    assert result.errors == [
        "Dòng 3: Mã đơn vị “QN-X” không phải đơn vị trực thuộc Phòng Giáo dục và Đào tạo "
        "quận Hồng Bàng."
    ]
    assert not Inspection.objects.exists()


def test_a_wrong_trainee_cell_names_its_row(cast):
    header = [c.header for c in excel.COURSES.columns]
    row = ["PGD-HB", "Tập huấn", "Huyện", "Sở", "01/04/2026", "01/04/2026", "Phòng họp", 4]
    content = _book([header, [*row, "HB-A: Trần Thị Hoa"], [*row, "Không có mã đơn vị"]])

    result = excel.import_rows(excel.COURSES, content, by=cast.phong_officer)

    assert result.created == 0
    assert result.errors == [
        "Dòng 3: Học viên “Không có mã đơn vị”: ghi theo dạng Mã đơn vị: Họ tên - chức vụ."
    ]
    assert not Course.objects.exists()


def test_the_outsider_exports_nothing_and_the_export_is_audited(cast):
    course = CourseFactory(unit=cast.phong)
    TraineeFactory(course=course, unit=cast.school_a)
    InspectionFactory(unit=cast.phong, starts_on=course.starts_on, ends_on=course.ends_on)

    for sheet in (excel.PROGRAMMES, excel.CONFERENCES, excel.COURSES, excel.INSPECTIONS):
        assert _rows(excel.export(sheet, cast.outsider))[1:] == []

    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, actor=cast.outsider).count() == 4


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x")', "@SUM(A1)"])
def test_trainee_names_are_written_as_text(cast, payload):
    course = CourseFactory(unit=cast.phong, topic=payload)
    training.enrol(course, unit=cast.school_a, by=cast.phong_officer, full_name=payload)

    book = load_workbook(BytesIO(excel.export(excel.COURSES, cast.phong_officer)))

    topic = book.active.cell(row=2, column=2)
    assert (topic.value, topic.data_type) == (payload, "s")


def test_trainees_come_from_the_organising_unit_or_below(cast):
    header = [c.header for c in excel.COURSES.columns]
    row = ["PGD-HB", "Tập huấn", "Huyện", "Sở", "01/04/2026", "01/04/2026", "Phòng họp", 4]
    content = _book([header, [*row, "HB-A: Trần Thị Hoa; QN-X: Người tỉnh khác"]])

    result = excel.import_rows(excel.COURSES, content, by=cast.phong_officer)

    assert result.errors == [
        "Dòng 2: Mã đơn vị “QN-X” không phải đơn vị trực thuộc Phòng Giáo dục và Đào tạo "
        "quận Hồng Bàng."
    ]
    assert not Course.objects.exists()
