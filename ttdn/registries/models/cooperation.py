"""Agreements, programmes, delegations and conferences: the cooperation a unit carries on.

Delegations and conferences need the approval of the supervising unit (Quyết định
3767/QĐ-BGDĐT, the Ministry's rules on foreign affairs): each is a request to the unit above
with a decision, moved by `services.cooperation.move_approval` along `APPROVAL_FLOW`.
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

from ttdn.core import access
from ttdn.core.models import TimestampedModel
from ttdn.org.enums import Role
from ttdn.registries.enums import (
    AgreementKind,
    AgreementStatus,
    ApprovalStatus,
    ConferenceKind,
    Direction,
)
from ttdn.registries.models.base import UnitOwnedQuerySet, max_length


class AgreementQuerySet(UnitOwnedQuerySet):
    def in_force_on(self, day: datetime.date) -> Self:
        """Signed, signed on or before `day`, and not expired by then (open-ended ones too)."""
        return self.filter(status=AgreementStatus.SIGNED, signed_on__lte=day).filter(
            Q(expires_on__isnull=True) | Q(expires_on__gte=day)
        )

    def expiring_within(self, day: datetime.date, days: int) -> Self:
        """In force on `day`, expiring within `days`, and not yet renewed."""
        return self.in_force_on(day).filter(
            expires_on__lte=day + datetime.timedelta(days=days), renewals__isnull=True
        )


class Agreement(TimestampedModel):
    """A memorandum, letter of intent or twinning between a unit and a foreign partner."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="agreements"
    )
    partner = models.ForeignKey(
        "registries.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    kind = models.CharField(_("kind"), max_length=max_length(AgreementKind), choices=AgreementKind)
    title = models.CharField(_("title"), max_length=500)
    other_parties = models.CharField(
        _("other parties"),
        max_length=500,
        blank=True,
        help_text=_("Other signatories besides the unit and the partner, if any."),
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    expires_on = models.DateField(
        _("expires on"), null=True, blank=True, help_text=_("Empty when it has no end date.")
    )
    status = models.CharField(
        _("status"),
        max_length=max_length(AgreementStatus),
        choices=AgreementStatus,
        default=AgreementStatus.DRAFT,
    )
    file = models.FileField(_("signed file"), upload_to="registries/agreements/%Y/", blank=True)
    renews = models.ForeignKey(
        "self",
        verbose_name=_("renews"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewals",
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(signed_on__isnull=True)
                | Q(expires_on__gt=models.F("signed_on")),
                name="agreement_expires_after_signing",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("registries:agreement_detail", args=[self.pk])

    @property
    def is_in_force(self) -> bool:
        today = timezone.localdate()
        return (
            self.status == AgreementStatus.SIGNED
            and self.signed_on is not None
            and self.signed_on <= today
            and (self.expires_on is None or self.expires_on >= today)
        )


class ProgrammeQuerySet(UnitOwnedQuerySet):
    def visible_to(self, user: Any) -> Self:
        """The leading unit's and those of every participating unit the person sees."""
        units = access.visible_unit_ids(user)
        ids = self.filter(Q(unit__in=units) | Q(units__in=units)).values("pk")
        return self.filter(pk__in=ids)

    def running_on(self, day: datetime.date) -> Self:
        return self.filter(starts_on__lte=day).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class Programme(TimestampedModel):
    """A cooperation programme (the French bilingual programme, the Guangxi–Quảng Ninh
    programme) led by a unit, with partners, participating units, goals and yearly results.

    Activities link to a programme by its `pk`; `get_absolute_url` is its page."""

    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("leading unit"),
        on_delete=models.PROTECT,
        related_name="programmes",
    )
    name = models.CharField(_("name"), max_length=255)
    partners = models.ManyToManyField(
        "registries.Partner", verbose_name=_("partners"), related_name="programmes"
    )
    units = models.ManyToManyField(
        "org.Unit",
        verbose_name=_("participating units"),
        related_name="participating_programmes",
        blank=True,
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="programmes",
    )
    goals = models.TextField(_("goals"))
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("registries:programme_detail", args=[self.pk])


class ProgrammeResult(TimestampedModel):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="results"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    results = models.TextField(_("results"))

    class Meta:
        verbose_name = _("yearly result")
        verbose_name_plural = _("yearly results")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="one_result_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"


class Approvable(TimestampedModel):
    """An undertaking that needs the supervising unit's approval, and a report afterwards."""

    status = models.CharField(
        _("status"),
        max_length=max_length(ApprovalStatus),
        choices=ApprovalStatus,
        default=ApprovalStatus.DRAFT,
    )
    requested_at = models.DateTimeField(_("approval requested at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    approval_document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("approving document"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The decision or letter in the legal library that approves it, if any."),
    )
    report = models.ForeignKey(
        "documents.OutgoingDocument",
        verbose_name=_("report"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    outcome = models.TextField(_("outcome"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_editable(self) -> bool:
        return self.status in (ApprovalStatus.DRAFT, ApprovalStatus.REFUSED)


class ApprovableQuerySet(UnitOwnedQuerySet):
    def awaiting_decision_of(self, user: Any) -> Self:
        """Requests of the units directly below those the person leads (or operates)."""
        leading = access.units_with_role(user, {Role.LEADER}).values("pk")
        return self.filter(status=ApprovalStatus.REQUESTED, unit__parent__in=leading)

    def between(self, start: datetime.date, end: datetime.date) -> Self:
        return self.filter(starts_on__gte=start, starts_on__lte=end)


class Delegation(Approvable):
    """A delegation received from or sent to a partner."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="delegations"
    )
    direction = models.CharField(
        _("direction"), max_length=max_length(Direction), choices=Direction
    )
    partner = models.ForeignKey(
        "registries.Partner",
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        related_name="delegations",
    )
    purpose = models.TextField(_("purpose"))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    place = models.CharField(_("place"), max_length=255)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="delegations",
    )
    hosts = models.TextField(
        _("received by / met"),
        blank=True,
        help_text=_("Who received the delegation, or whom it met abroad."),
    )

    objects = ApprovableQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="delegation_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_direction_display()}: {self.partner.name} ({self.starts_on:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("registries:delegation_detail", args=[self.pk])


class DelegationMember(models.Model):
    """A member of a delegation: personal data, seen only by who sees the delegation."""

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("delegation"), on_delete=models.CASCADE, related_name="members"
    )
    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    is_head = models.BooleanField(_("head of delegation"), default=False)

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["-is_head", "pk"]

    def __str__(self) -> str:
        return self.full_name


class Conference(Approvable):
    """An international conference or seminar a unit organises."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="conferences"
    )
    kind = models.CharField(
        _("kind"), max_length=max_length(ConferenceKind), choices=ConferenceKind
    )
    title = models.CharField(_("title"), max_length=500)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    place = models.CharField(_("place"), max_length=255)
    partners = models.ManyToManyField(
        "registries.Partner", verbose_name=_("partners"), related_name="conferences", blank=True
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="conferences",
    )
    participants = models.TextField(
        _("participants"),
        help_text=_("Who takes part: delegations, organisations and how many people."),
    )
    participant_count = models.PositiveIntegerField(_("number of participants"), default=0)
    foreign_participant_count = models.PositiveIntegerField(_("of whom foreign"), default=0)

    objects = ApprovableQuerySet.as_manager()

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="conference_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(foreign_participant_count__lte=models.F("participant_count")),
                name="conference_foreign_within_total",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("registries:conference_detail", args=[self.pk])


class ConferenceParticipant(models.Model):
    """A named participant of a conference: personal data (Luật 91/2025/QH15), seen only by who
    sees the conference, exported only by them."""

    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        on_delete=models.CASCADE,
        related_name="named_participants",
    )
    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    organisation = models.CharField(_("organisation"), max_length=255, blank=True)
    country = models.CharField(
        _("country"),
        max_length=100,
        blank=True,
        help_text=_("Empty for participants from Viet Nam."),
    )

    class Meta:
        verbose_name = _("conference participant")
        verbose_name_plural = _("conference participants")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def is_foreign(self) -> bool:
        return bool(self.country)
