"""Schedules: a form's rounds open by themselves each period, with a deadline per level."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ttdn.core import access
from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.reports.enums import PeriodKind
from ttdn.reports.models.forms import ReportForm
from ttdn.reports.periods import Period


class ScheduleQuerySet(models.QuerySet["Schedule"]):
    def visible_to(self, user: Any) -> ScheduleQuerySet:
        if access.is_operator(user):
            return self
        return self.filter(form__owner__in=access.visible_unit_ids(user))


class Schedule(TimestampedModel):
    """When the rounds of a form open, are due (per level of the reporting units) and close,
    named once for every period as a day of the period's n-th month; the scheduler opens each
    period's round on its opening day, owned by the form's unit, to the units below it."""

    form = models.OneToOneField(
        ReportForm, verbose_name=_("form"), on_delete=models.CASCADE, related_name="schedule"
    )
    period_kind = models.CharField(
        _("period"), max_length=max_length_of(PeriodKind), choices=PeriodKind
    )
    title = models.CharField(_("title of the rounds"), max_length=200)
    opens_month = models.PositiveSmallIntegerField(_("opens in month of the period"))
    opens_day = models.PositiveSmallIntegerField(_("opens on day"))
    closes_month = models.PositiveSmallIntegerField(_("closes in month of the period"))
    closes_day = models.PositiveSmallIntegerField(_("closes on day"))
    # {level: [month of the period, day]}: schools by 16/11, the office by 20/11.
    deadlines = models.JSONField(_("deadlines per level"), default=dict)
    levels = models.JSONField(_("levels"), default=list, blank=True)
    active = models.BooleanField(_("opens rounds by itself"), default=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = ScheduleQuerySet.as_manager()

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        ordering = ["form"]

    def __str__(self) -> str:
        return f"{self.form} ({self.period_kind})"

    def opens_on(self, period: Period) -> datetime.date:
        return period.day_in(self.opens_month, self.opens_day)

    def closes_on(self, period: Period) -> datetime.date:
        return period.day_in(self.closes_month, self.closes_day)

    def deadline_dates(self, period: Period) -> dict[str, datetime.date]:
        return {lv: period.day_in(m, d) for lv, (m, d) in sorted(self.deadlines.items())}
