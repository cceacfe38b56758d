"""TTĐN contacts, courses, enrolment, attendance and certificates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.org.models import Unit
from ttdn.registries.enums import PASSING, Evaluation
from ttdn.registries.models import ContactPerson, Course, Trainee
from ttdn.registries.services.common import change, create


@transaction.atomic
def name_contact(unit: Unit, *, by: Any, **fields: Any) -> ContactPerson:
    """Name a person as the unit's TTĐN contact."""
    return create(ContactPerson, by=by, unit=unit, **fields)


@transaction.atomic
def update_contact(contact: ContactPerson, *, by: Any, **fields: Any) -> ContactPerson:
    return change(contact, by=by, **fields)


@transaction.atomic
def remove_contact(contact: ContactPerson, *, by: Any) -> ContactPerson:
    """The person is no longer the unit's TTĐN contact: they leave the list and the "not trained"
    count, while the courses they attended keep their name and certificate."""
    return change(contact, by=by, is_active=False)


@transaction.atomic
def record_course(unit: Unit, *, by: Any, **fields: Any) -> Course:
    """A new course organised by `unit`. Raises ValidationError on a wrong field."""
    if (
        fields.get("ends_on")
        and fields.get("starts_on")
        and fields["ends_on"] < fields["starts_on"]
    ):
        raise ValidationError({"ends_on": _("The end comes before the start.")})
    return create(Course, by=by, unit=unit, **fields)


@transaction.atomic
def update_course(course: Course, *, by: Any, **fields: Any) -> Course:
    return change(course, by=by, **fields)


@transaction.atomic
def enrol(
    course: Course,
    *,
    unit: Unit,
    by: Any,
    contact: ContactPerson | None = None,
    full_name: str = "",
    position: str = "",
) -> Trainee:
    """Add a trainee from `unit`: a named TTĐN contact of the unit, or anyone by name. Raises
    ValidationError when the contact is of another unit or already enrolled, or no name is given."""
    if contact is not None:
        if contact.unit_id != unit.pk:
            raise ValidationError(_("This contact belongs to another unit."))
        if course.trainees.filter(contact=contact).exists():
            raise ValidationError(_("This person is already enrolled."))
        full_name, position = contact.full_name, position or contact.position
    if not full_name.strip():
        raise ValidationError({"full_name": _("Give the trainee's name.")})
    return create(
        Trainee,
        by=by,
        unit_id=course.unit_id,
        course=course,
        unit=unit,
        contact=contact,
        full_name=full_name,
        position=position,
    )


@transaction.atomic
def remove_trainee(trainee: Trainee, *, by: Any) -> None:
    if trainee.certificate_number:
        raise ValidationError(_("A trainee with a certificate cannot be removed."))
    audit.record(AuditAction.DELETE, trainee, by=by, unit_id=trainee.course.unit_id)
    trainee.delete()


@transaction.atomic
def record_attendance(
    course: Course, *, marks: Mapping[int, tuple[bool | None, str]], by: Any
) -> list[Trainee]:
    """Record, per trainee id, whether they attended and their evaluation; all or nothing.

    Raises ValidationError before the course starts, for an id not of this course, for an
    evaluation of someone absent, and for a change to a trainee who has a certificate."""
    if course.starts_on > timezone.localdate():
        raise ValidationError(_("Attendance is recorded once the course has started."))
    trainees = {
        t.pk: t for t in course.trainees.select_for_update(of=("self",)).filter(pk__in=list(marks))
    }
    if set(marks) - set(trainees):
        raise ValidationError(_("Some of these people are not enrolled in this course."))
    changed = []
    for pk, (attended, evaluation) in marks.items():
        trainee = trainees[pk]
        if evaluation and not attended:
            raise ValidationError(
                _("%(name)s did not attend and cannot be evaluated.") % {"name": trainee.full_name}
            )
        if evaluation and evaluation not in Evaluation.values:
            raise ValidationError(_("Choose an evaluation from the list."))
        if (trainee.attended, trainee.evaluation) == (attended, evaluation):
            continue
        if trainee.certificate_number:
            raise ValidationError(
                _("%(name)s already has a certificate; the record can no longer change.")
                % {"name": trainee.full_name}
            )
        changed.append(
            change(trainee, by=by, unit_id=course.unit_id, attended=attended, evaluation=evaluation)
        )
    return changed


@transaction.atomic
def number_certificates(course: Course, *, by: Any) -> list[Trainee]:
    """Give each trainee who attended and passed a certificate number, continuing the course's
    sequence ("12/2026-GCN-7": the 12th certificate of course 7 in 2026). Numbers never change
    once given. Raises ValidationError when nobody is eligible."""
    locked = Course.objects.select_for_update(of=("self",)).get(pk=course.pk)
    eligible = list(
        locked.trainees.filter(
            attended=True, evaluation__in=sorted(PASSING), certificate_number=""
        ).order_by("unit__path", "full_name", "pk")
    )
    if not eligible:
        raise ValidationError(_("Nobody who attended and passed is waiting for a certificate."))
    start = locked.trainees.exclude(certificate_number="").count()
    for offset, trainee in enumerate(eligible, start=1):
        number = f"{start + offset}/{locked.starts_on.year}-GCN-{locked.pk}"
        change(trainee, by=by, unit_id=locked.unit_id, certificate_number=number)
    return eligible
