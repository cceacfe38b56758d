"""Training: the TTĐN contacts units name, courses, and who attended them."""

from __future__ import annotations

import datetime
from typing import Any, Self

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ttdn.core import access
from ttdn.core.models import TimestampedModel
from ttdn.registries.enums import PASSING, CourseLevel, Evaluation
from ttdn.registries.models.base import UnitOwnedQuerySet, max_length


class ContactPerson(TimestampedModel):
    """A person a unit names as its TTĐN contact (often a part-time officer, "cán bộ kiêm
    nhiệm"), whom the unit above must have trained each year. Personal data."""

    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="contact_people",
    )
    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    is_part_time = models.BooleanField(_("part-time (kiêm nhiệm)"), default=True)
    is_active = models.BooleanField(_("still the contact"), default=True)

    objects = UnitOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("TTĐN contact")
        verbose_name_plural = _("TTĐN contacts")
        ordering = ["unit__path", "full_name"]

    def __str__(self) -> str:
        return self.full_name


class CourseQuerySet(UnitOwnedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Courses the person's units organise or send trainees to."""
        units = access.visible_unit_ids(user)
        ids = self.filter(Q(unit__in=units) | Q(trainees__unit__in=units)).values("pk")
        return self.filter(pk__in=ids)

    def between(self, start: datetime.date, end: datetime.date) -> Self:
        return self.filter(starts_on__gte=start, starts_on__lte=end)


class Course(TimestampedModel):
    """A training course on external information work organised by a unit."""

    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("organising unit"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    topic = models.CharField(_("topic"), max_length=500)
    level = models.CharField(_("level"), max_length=max_length(CourseLevel), choices=CourseLevel)
    trainer = models.CharField(_("trainer"), max_length=255)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    place = models.CharField(_("place"), max_length=255)
    hours = models.PositiveSmallIntegerField(_("hours"), default=0)
    programme = models.ForeignKey(
        "registries.Programme",
        verbose_name=_("programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="courses",
    )
    evaluation = models.TextField(
        _("evaluation of the course"),
        blank=True,
        help_text=_("What went well, what to change next time."),
    )

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="course_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.topic

    def get_absolute_url(self) -> str:
        return reverse("registries:course_detail", args=[self.pk])


class TraineeQuerySet(UnitOwnedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """Trainees of the units the person sees, and every trainee of the courses those units
        organise (the organiser needs the whole list)."""
        units = access.visible_unit_ids(user)
        return self.filter(Q(unit__in=units) | Q(course__unit__in=units))

    def trained(self) -> Self:
        return self.filter(attended=True)


class Trainee(models.Model):
    """A person a unit sends to a course: attendance, evaluation, certificate. Personal data."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="trainees"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    contact = models.ForeignKey(
        ContactPerson,
        verbose_name=_("TTĐN contact"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainings",
    )
    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    evaluation = models.CharField(
        _("evaluation"), max_length=max_length(Evaluation), choices=Evaluation, blank=True
    )
    certificate_number = models.CharField(_("certificate number"), max_length=50, blank=True)

    objects = TraineeQuerySet.as_manager()

    class Meta:
        verbose_name = _("trainee")
        verbose_name_plural = _("trainees")
        ordering = ["unit__path", "full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "contact"],
                condition=Q(contact__isnull=False),
                name="one_seat_per_contact_and_course",
            ),
            models.UniqueConstraint(
                fields=["course", "certificate_number"],
                condition=~Q(certificate_number=""),
                name="unique_certificate_number",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def may_have_certificate(self) -> bool:
        return bool(self.attended) and self.evaluation in PASSING
