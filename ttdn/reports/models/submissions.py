"""Submissions (one expected unit's report in a round), their values, and unlock requests."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.core import access
from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.org.enums import UnitLevel
from ttdn.reports.enums import SubmissionStatus, UnlockStatus
from ttdn.reports.models.forms import Indicator
from ttdn.reports.models.rounds import Round


class SubmissionQuerySet(models.QuerySet["Submission"]):
    def visible_to(self, user: Any) -> SubmissionQuerySet:
        """Submissions of the units the person sees (their own and their subtree's)."""
        if access.is_operator(user):
            return self
        return self.filter(unit__in=access.visible_unit_ids(user))

    def in_subtree(self, path: str) -> SubmissionQuerySet:
        """By the tree as it was when the round opened."""
        return self.filter(path__under=path)

    def waiting(self) -> SubmissionQuerySet:
        """Not handed in yet: a draft, or returned to be fixed."""
        return self.filter(status__in=[SubmissionStatus.DRAFT, SubmissionStatus.RETURNED])

    def contributing_to(self, unit_id: int, path: str, depth: int) -> SubmissionQuerySet:
        """The reports that make up `unit`'s consolidation: below it, and not already inside
        the report of an expected unit between them."""
        return self.filter(path__under=path, reviewer_depth__lte=depth).exclude(unit_id=unit_id)


class Submission(TimestampedModel):
    """One expected unit's report in a round. The unit's place in the tree (path, parent,
    level) is frozen when the round opens, so later re-organisations keep the history.

    `reviewer` is the nearest expected unit above (or the round's owner): it approves this
    report, and this report counts in the consolidations of the units from its parent up to
    the reviewer."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    unit_name = models.CharField(_("unit"), max_length=255)
    parent = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    # Compared byte by byte, "C" collation on PostgreSQL (migration 0004, core/lookups.py).
    path = models.CharField(max_length=512)
    depth = models.PositiveSmallIntegerField()
    level = models.CharField(_("level"), max_length=max_length_of(UnitLevel), choices=UnitLevel)
    reviewer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    reviewer_depth = models.PositiveSmallIntegerField()
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"),
        max_length=max_length_of(SubmissionStatus),
        choices=SubmissionStatus,
        default=SubmissionStatus.DRAFT,
    )
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    return_message = models.TextField(_("message from the reviewer"), blank=True)
    approved_values = models.JSONField(default=dict, blank=True)
    # Kept by services.save_values: the values differ from `approved_values` (a granted window
    # was used after approval). Stored so that consolidations never re-read every value.
    changed_after_approval = models.BooleanField(default=False)
    unlocked_until = models.DateTimeField(_("unlocked until"), null=True, blank=True)
    reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)
    outgoing = models.ForeignKey(
        "documents.OutgoingDocument",
        verbose_name=_("register entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit"], name="one_submission_per_unit")
        ]
        indexes = [
            # Subtrees are path ranges (core.lookups.Under), read in tree order from this
            # index; on PostgreSQL the column has the bytewise "C" collation (migration 0004).
            models.Index(fields=["round", "path"], name="submission_round_path"),
            models.Index(fields=["unit", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.unit_name} — {self.round}"

    def get_absolute_url(self) -> str:
        return reverse("reports:submission_detail", args=[self.pk])

    @property
    def is_submitted(self) -> bool:
        return self.first_submitted_at is not None

    @property
    def on_time(self) -> bool:
        """Submitted (for the first time) by the unit's deadline: a separate fact from approval."""
        first = self.first_submitted_at
        return first is not None and timezone.localdate(first) <= self.due_on

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        waiting = self.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
        return waiting and (today or timezone.localdate()) > self.due_on

    def window_open(self, now: datetime.datetime | None = None) -> bool:
        return self.unlocked_until is not None and (now or timezone.now()) < self.unlocked_until

    @property
    def changed_since_approval(self) -> bool:
        return self.status == SubmissionStatus.APPROVED and self.changed_after_approval

    def current_values_json(self) -> dict[str, Any]:
        return {v.indicator.code: v.as_json() for v in self.values.select_related("indicator")}


class Value(models.Model):
    """One indicator's answer in a submission. Numbers (and yes as 1, no as 0) go in `number`,
    the rest in `text`. A computed indicator keeps what the query found beside what is used."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="+")
    number = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    text = models.TextField(blank=True)
    computed_number = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    override_reason = models.CharField(
        _("reason for changing the computed value"), max_length=500, blank=True
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "indicator"], name="one_value_per_indicator"
            )
        ]
        indexes = [models.Index(fields=["indicator", "submission"])]

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.as_json()}"

    def as_json(self) -> Any:
        if self.indicator.is_numeric:
            return None if self.number is None else _plain_number(self.number)
        return self.text

    @property
    def is_empty(self) -> bool:
        return self.number is None and not self.text


def _plain_number(number: Decimal) -> str:
    """A decimal without trailing zeros: 12.5000 → "12.5", 3.0000 → "3"."""
    text = format(number.normalize(), "f")
    return text


class UnlockRequestQuerySet(models.QuerySet["UnlockRequest"]):
    def pending(self) -> UnlockRequestQuerySet:
        return self.filter(status=UnlockStatus.PENDING)


class UnlockRequest(TimestampedModel):
    """A unit asks to reopen a locked report, with a reason; the reviewer grants a window."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="unlocks")
    reason = models.TextField(_("reason"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=max_length_of(UnlockStatus),
        choices=UnlockStatus,
        default=UnlockStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    until = models.DateTimeField(_("open until"), null=True, blank=True)

    objects = UnlockRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("unlock request")
        verbose_name_plural = _("unlock requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.submission} {self.status}"
