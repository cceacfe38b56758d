"""Courses: enrolment, attendance, certificates, and who has not been trained this year."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from ttdn.registries import queries
from ttdn.registries.enums import Evaluation
from ttdn.registries.services import training
from ttdn.registries.tests.factories import ContactPersonFactory, CourseFactory


def test_attendance_and_certificates(cast):
    course = CourseFactory(unit=cast.phong)
    a = training.enrol(
        course,
        unit=cast.school_a,
        contact=ContactPersonFactory(unit=cast.school_a),
        by=cast.phong_officer,
    )
    b = training.enrol(course, unit=cast.school_b, full_name="Lê Văn Vắng", by=cast.phong_officer)
    c = training.enrol(
        course, unit=cast.school_b, full_name="Phạm Thị Chưa Đạt", by=cast.phong_officer
    )

    training.record_attendance(
        course,
        marks={a.pk: (True, Evaluation.GOOD), b.pk: (False, ""), c.pk: (True, Evaluation.FAILED)},
        by=cast.phong_officer,
    )
    numbered = training.number_certificates(course, by=cast.phong_officer)

    assert [(t.full_name, t.certificate_number) for t in numbered] == [
        (a.full_name, f"1/2026-GCN-{course.pk}")
    ]
    with pytest.raises(ValidationError):
        training.number_certificates(course, by=cast.phong_officer)


def test_attendance_is_all_or_nothing(cast):
    course = CourseFactory(unit=cast.phong)
    a = training.enrol(course, unit=cast.school_a, full_name="Nguyễn Văn A", by=cast.phong_officer)
    b = training.enrol(course, unit=cast.school_b, full_name="Nguyễn Văn B", by=cast.phong_officer)

    with pytest.raises(ValidationError):
        training.record_attendance(
            course,
            marks={a.pk: (True, Evaluation.GOOD), b.pk: (False, Evaluation.GOOD)},
            by=cast.phong_officer,
        )

    a.refresh_from_db()
    assert (a.attended, a.evaluation) == (None, "")


def test_untrained_contacts_of_the_subtree(cast):
    course = CourseFactory(unit=cast.phong)
    trained = ContactPersonFactory(unit=cast.school_a)
    absent = ContactPersonFactory(unit=cast.school_a)
    never = ContactPersonFactory(unit=cast.school_b)
    ContactPersonFactory(unit=cast.outsider_school)
    seat = training.enrol(course, unit=cast.school_a, contact=trained, by=cast.phong_officer)
    gone = training.enrol(course, unit=cast.school_a, contact=absent, by=cast.phong_officer)
    training.record_attendance(
        course, marks={seat.pk: (True, ""), gone.pk: (False, "")}, by=cast.phong_officer
    )

    assert list(queries.untrained_contacts(cast.phong, 2026)) == [absent, never]
    assert list(queries.untrained_contacts(cast.phong, 2025)) == [trained, absent, never]


def test_contact_of_another_unit_cannot_be_enrolled_for_this_one(cast):
    course = CourseFactory(unit=cast.phong)

    with pytest.raises(ValidationError):
        training.enrol(
            course,
            unit=cast.school_b,
            contact=ContactPersonFactory(unit=cast.school_a),
            by=cast.phong_officer,
        )

    assert course.trainees.count() == 0
