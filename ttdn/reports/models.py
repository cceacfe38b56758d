"""Forms of indicators (versioned), rounds that ask units to report, their submissions and
values, unlock requests, and the pre-computed roll-ups consolidations read."""

from __future__ import annotations

import datetime
from decimal import Decimal
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
from ttdn.reports.enums import (
    NUMERIC_KINDS,
    Aggregation,
    Basis,
    IndicatorKind,
    PeriodKind,
    RuleKind,
    SubmissionStatus,
    UnlockStatus,
)
from ttdn.reports.periods import Period

# --- Forms --------------------------------------------------------------------------------


class ReportFormQuerySet(models.QuerySet["ReportForm"]):
    def visible_to(self, user: Any) -> ReportFormQuerySet:
        """Forms of units the person sees or units above their own (they report on them)."""
        if access.is_operator(user):
            return self
        return self.filter(
            models.Q(owner__in=access.visible_unit_ids(user))
            | models.Q(owner_id__in=access.concerning_unit_ids(user))
        )


class ReportForm(TimestampedModel):
    """A report template a unit owns, e.g. “Báo cáo công tác TTĐN 6 tháng”. Its content lives
    in versions; a round uses one version, so a form changed later leaves it as it was."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    owner = models.ForeignKey(
        "org.Unit", verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(_("description"), blank=True)

    objects = ReportFormQuerySet.as_manager()

    class Meta:
        verbose_name = _("report form")
        verbose_name_plural = _("report forms")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reports:form_detail", args=[self.pk])


class FormVersion(TimestampedModel):
    """One version of a form's sections, indicators and rules. Frozen once a round uses it."""

    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))

    class Meta:
        verbose_name = _("form version")
        verbose_name_plural = _("form versions")
        ordering = ["form", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="one_form_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.form} v{self.number}"

    @property
    def in_use(self) -> bool:
        return self.rounds.exists()


class Section(models.Model):
    version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="sections")
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=255)

    class Meta:
        verbose_name = pgettext_lazy("report form", "section")
        verbose_name_plural = pgettext_lazy("report form", "sections")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """A figure or a text a report asks for, and how it rolls up."""

    version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="indicators")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="indicators")
    order = models.PositiveIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=32)
    name = models.CharField(_("name"), max_length=500)
    kind = models.CharField(
        _("kind"), max_length=max_length_of(IndicatorKind), choices=IndicatorKind
    )
    measure = models.CharField(_("unit of measure"), max_length=50, blank=True)
    help_text = models.TextField(_("help"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    min_value = models.DecimalField(
        _("minimum"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    max_value = models.DecimalField(
        _("maximum"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    aggregation = models.CharField(
        _("aggregation"),
        max_length=max_length_of(Aggregation),
        choices=Aggregation,
        default=Aggregation.SUM,
    )
    choices = models.JSONField(_("choices"), default=list, blank=True)
    computed_key = models.CharField(_("computed from"), max_length=100, blank=True)
    # Disaggregation: each category of a broken-down indicator is an indicator of its own
    # (code "A1.en", name the category's label) that rolls up like any other; the parent's
    # value is the aggregate of its categories when they are given.
    parent = models.ForeignKey(
        "self",
        verbose_name=_("broken down from"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="categories",
    )
    breakdown = models.CharField(_("broken down by"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code"], name="one_indicator_code_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.code}. {self.name}"

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def rolls_up(self) -> bool:
        return self.is_numeric and self.aggregation != Aggregation.NONE

    @property
    def category_key(self) -> str:
        """ "en" of the category "A1.en"; "" for an indicator that is not a category."""
        return self.code.rsplit(".", 1)[1] if self.parent_id and "." in self.code else ""


class Rule(models.Model):
    """A check across two indicators of a version: A ≤ B, or A and B filled in together."""

    version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(_("kind"), max_length=max_length_of(RuleKind), choices=RuleKind)
    left = models.CharField(_("indicator A"), max_length=32)
    right = models.CharField(_("indicator B"), max_length=32)
    message = models.CharField(_("message"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")

    def __str__(self) -> str:
        return f"{self.left} {self.kind} {self.right}"


# --- Rounds -------------------------------------------------------------------------------


class RoundQuerySet(models.QuerySet["Round"]):
    def visible_to(self, user: Any) -> RoundQuerySet:
        """Rounds of units the person sees, and rounds that expect a unit they see."""
        if access.is_operator(user):
            return self
        units = access.visible_unit_ids(user)
        return self.filter(
            models.Q(owner__in=units)
            | models.Q(pk__in=Submission.objects.filter(unit__in=units).values("round_id"))
        )


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


# --- Submissions --------------------------------------------------------------------------


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
        return {v.indicator.code: v.as_json() for v in self.values.all()}


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


class RollUp(models.Model):
    """Pre-computed consolidation of one unit (as the round froze the tree), for one level of
    the reporting units, one indicator and one basis. Services keep it up to date on every
    status move and value change; consolidation pages read it instead of scanning values."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    parent = models.ForeignKey(
        "org.Unit", on_delete=models.DO_NOTHING, db_constraint=False, null=True, related_name="+"
    )
    level = models.CharField(max_length=max_length_of(UnitLevel), choices=UnitLevel)
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    basis = models.CharField(max_length=max_length_of(Basis), choices=Basis)
    count = models.IntegerField(default=0)
    total = models.DecimalField(max_digits=22, decimal_places=4, default=Decimal(0))
    minimum = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    maximum = models.DecimalField(max_digits=18, decimal_places=4, null=True)
    yes_count = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["round", "unit", "basis", "level", "indicator"], name="one_roll_up"
            )
        ]
        indexes = [models.Index(fields=["round", "parent", "basis"])]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.unit_id}/{self.level}/{self.indicator_id}/{self.basis}"


class Tally(models.Model):
    """Pre-computed completeness of one unit's subtree (the unit included), as the round froze
    the tree, for the expected units of one level and one deadline. A unit's completeness page
    reads the tallies of its children (`parent`) instead of scanning every submission below it;
    services move the counters on every status change. Overdue = `waiting` where `due_on` has
    passed, so the rows do not go stale with the calendar."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    parent = models.ForeignKey(
        "org.Unit", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    level = models.CharField(max_length=max_length_of(UnitLevel), choices=UnitLevel)
    due_on = models.DateField()
    expected = models.IntegerField(default=0)
    submitted = models.IntegerField(default=0)
    on_time = models.IntegerField(default=0)
    approved = models.IntegerField(default=0)
    returned = models.IntegerField(default=0)
    waiting = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "unit", "level", "due_on"], name="one_tally")
        ]
        indexes = [models.Index(fields=["round", "parent"])]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.unit_id}/{self.level}/{self.due_on}"
