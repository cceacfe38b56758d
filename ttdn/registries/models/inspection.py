"""Inspections: the inspecting unit's plan, the units inspected, findings, violations with the
rule they break, remedies with deadlines followed up until closed.

An inspected unit sees the inspection and only its own findings; the inspecting unit (and the
units above it) see everything.
"""

from __future__ import annotations

import datetime
from typing import Any, Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core import access
from ttdn.core.models import TimestampedModel
from ttdn.documents.enums import CitationStatus
from ttdn.registries.enums import InspectionStatus, RemedyStatus
from ttdn.registries.models.base import UnitOwnedQuerySet, max_length


class InspectionQuerySet(UnitOwnedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """The inspecting unit's, and those inspecting a unit the person sees."""
        units = access.visible_unit_ids(user)
        ids = self.filter(Q(unit__in=units) | Q(subjects__in=units)).values("pk")
        return self.filter(pk__in=ids)

    def of_year(self, year: int | None) -> Self:
        return self if year is None else self.filter(year=year)


class Inspection(TimestampedModel):
    """One inspection in a unit's yearly plan of inspections."""

    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("inspecting unit"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    year = models.PositiveSmallIntegerField(_("year of the plan"))
    title = models.CharField(_("title"), max_length=500)
    scope = models.TextField(_("content and scope"))
    subjects = models.ManyToManyField(
        "org.Unit", verbose_name=_("inspected units"), related_name="inspected_by"
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    status = models.CharField(
        _("status"),
        max_length=max_length(InspectionStatus),
        choices=InspectionStatus,
        default=InspectionStatus.PLANNED,
    )
    conclusion = models.TextField(_("conclusion"), blank=True)
    conclusion_document = models.ForeignKey(
        "documents.OutgoingDocument",
        verbose_name=_("conclusion document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        ordering = ["-year", "starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="inspection_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("registries:inspection_detail", args=[self.pk])


class FindingQuerySet(models.QuerySet["Finding"]):
    def visible_to(self, user: Any) -> Self:
        """All findings of the person's units' inspections; of other inspections, only those
        about a unit the person sees (a school sees its own findings, not its neighbour's)."""
        units = access.visible_unit_ids(user)
        return self.filter(Q(inspection__unit__in=units) | Q(unit__in=units))

    def violations(self) -> Self:
        return self.filter(is_violation=True)

    def open(self) -> Self:
        return self.exclude(remedy_status=RemedyStatus.CLOSED)

    def overdue_on(self, day: datetime.date) -> Self:
        return self.filter(remedy_status=RemedyStatus.OPEN, remedy_due__lt=day)


class Finding(TimestampedModel):
    """What the inspection found at one inspected unit; a violation cites the rule it breaks
    and carries a remedy with a deadline."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("inspection"), on_delete=models.CASCADE, related_name="findings"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("inspected unit"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("finding"))
    is_violation = models.BooleanField(_("violation"), default=False)
    rule = models.CharField(
        _("rule broken"),
        max_length=500,
        blank=True,
        help_text=_("The provision it breaks, e.g. “Điều 5 Quyết định số 3767/QĐ-BGDĐT”."),
    )
    rule_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document of the rule"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rule_status = models.CharField(
        _("citation check"),
        max_length=max_length(CitationStatus),
        choices=CitationStatus,
        blank=True,
    )
    remedy = models.TextField(_("remedy required"), blank=True)
    remedy_due = models.DateField(_("remedy due"), null=True, blank=True)
    remedy_status = models.CharField(
        _("remedy"),
        max_length=max_length(RemedyStatus),
        choices=RemedyStatus,
        default=RemedyStatus.OPEN,
    )
    remedied_at = models.DateTimeField(_("reported remedied at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    escalated_on = models.DateField(_("escalated on"), null=True, blank=True)

    objects = FindingQuerySet.as_manager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["unit__path", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_violation=False) | (~Q(rule="") & ~Q(remedy="")),
                name="violation_has_rule_and_remedy",
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse("registries:inspection_detail", args=[self.inspection_id]) + (
            f"#finding-{self.pk}"
        )

    @property
    def is_overdue(self) -> bool:
        return (
            self.remedy_status == RemedyStatus.OPEN
            and self.remedy_due is not None
            and self.remedy_due < timezone.localdate()
        )


class FollowUp(models.Model):
    """One step in following a remedy: a note from either side, with who wrote it and when."""

    finding = models.ForeignKey(
        Finding, verbose_name=_("finding"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    at = models.DateTimeField(_("time"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("written by", "by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("note"))

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return self.note[:80]
