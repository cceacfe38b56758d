"""A report form (template) and its versions: sections, indicators and cross-checks."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core import access
from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.reports.enums import NUMERIC_KINDS, Aggregation, IndicatorKind, RuleKind


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
    # The key of the standard form (reports/standard.py) it was adopted from, "" for a form of
    # the unit's own: forms adopted from one standard count as one form for the rule that a
    # unit reports once per period.
    standard = models.CharField(_("adopted from the standard form"), max_length=64, blank=True)

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
