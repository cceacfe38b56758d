"""A site's weekly work schedule (lịch công tác), entered as a table and shown by week."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.content.models.sites import Site
from ttdn.core.models import TimestampedModel


class WorkWeek(TimestampedModel):
    """The schedule of one week (Monday to Sunday) of a site."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="weeks")
    monday = models.DateField(_("week starting"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("work schedule week")
        verbose_name_plural = _("work schedule weeks")
        ordering = ["site", "-monday"]
        constraints = [
            models.UniqueConstraint(fields=["site", "monday"], name="one_schedule_week_per_site")
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.monday:%d/%m/%Y}"


class ScheduleEntry(models.Model):
    """One row of the week's table: day, time, what, where, who leads, who attends."""

    week = models.ForeignKey(WorkWeek, on_delete=models.CASCADE, related_name="entries")
    day = models.DateField(_("day"))
    time = models.TimeField(pgettext_lazy("time of day", "time"), null=True, blank=True)
    content = models.CharField(_("work"), max_length=500)
    place = models.CharField(pgettext_lazy("venue", "place"), max_length=255, blank=True)
    lead = models.CharField(_("led by"), max_length=255, blank=True)
    attendees = models.CharField(_("attended by"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("schedule entry")
        verbose_name_plural = _("schedule entries")
        ordering = ["week", "day", models.F("time").asc(nulls_first=True), "pk"]

    def __str__(self) -> str:
        return self.content
