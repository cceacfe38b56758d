"""Rounds: a unit asks the units below it to report on a form for a period, with a deadline
per level."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core import access
from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.org.enums import UnitLevel
from ttdn.reports.enums import PeriodKind
from ttdn.reports.models.forms import FormVersion
from ttdn.reports.periods import Period


class RoundQuerySet(models.QuerySet["Round"]):
    def visible_to(self, user: Any) -> RoundQuerySet:
        """Rounds of units the person sees, and rounds that expect a unit they see."""
        from ttdn.reports.models.submissions import Submission  # submissions point at rounds

        if access.is_operator(user):
            return self
        units = access.visible_unit_ids(user)
        # A correlated EXISTS, not an IN of every round id the person's units report in: for
        # one round (a page's) the database then looks at that round's submissions only.
        expects_one = Submission.objects.filter(round=models.OuterRef("pk"), unit__in=units)
        return self.filter(models.Q(owner__in=units) | models.Exists(expects_one))


class Round(TimestampedModel):
    """A unit asks the units below it to report on a form for a period, by deadlines."""

    title = models.CharField(_("title"), max_length=255)
    owner = models.ForeignKey(
        "org.Unit", verbose_name=_("opened by unit"), on_delete=models.PROTECT, related_name="+"
    )
    form_version = models.ForeignKey(
        FormVersion, verbose_name=_("form"), on_delete=models.PROTECT, related_name="rounds"
    )
    period_kind = models.CharField(
        _("period"), max_length=max_length_of(PeriodKind), choices=PeriodKind
    )
    period_year = models.PositiveSmallIntegerField(_("year"))
    period_number = models.PositiveSmallIntegerField(pgettext_lazy("period", "number"), default=1)
    period_start_month = models.PositiveSmallIntegerField(_("year starts in month"), default=1)
    period_key = models.CharField(max_length=20, db_index=True)
    data_from = models.DateField(_("data from"))
    data_to = models.DateField(_("data to"))
    opens_on = models.DateField(_("opens on"))
    due_on = models.DateField(_("due on"))
    closes_on = models.DateField(_("closes on"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    groups = models.ManyToManyField("org.UnitGroup", blank=True, related_name="+")
    levels = models.JSONField(_("levels"), default=list, blank=True)
    # "Unit (“title of the round it reports in”)" of the units not asked because they already
    # report on the form for the period in another open round (services.open_round).
    left_out = models.JSONField(_("left out"), default=list, blank=True)
    schedule = models.ForeignKey(
        "reports.Schedule",
        verbose_name=_("opened by the schedule"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="rounds",
    )

    objects = RoundQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")
        ordering = ["-opens_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:round_detail", args=[self.pk])

    @property
    def period(self) -> Period:
        return Period(
            PeriodKind(self.period_kind),
            self.period_year,
            self.period_number,
            self.period_start_month,
        )

    def is_closed(self, today: datetime.date | None = None) -> bool:
        return (today or timezone.localdate()) > self.closes_on


class RoundDeadline(models.Model):
    """The deadline of one level of units in a round (schools by 16/11, the office by 20/11)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="deadlines")
    level = models.CharField(_("level"), max_length=max_length_of(UnitLevel), choices=UnitLevel)
    due_on = models.DateField(_("due on"))

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["round", "level"], name="one_deadline_per_level")
        ]

    def __str__(self) -> str:
        return f"{self.round} {self.level} {self.due_on}"
