"""Foreign partners, shared across the tree, and the people a unit deals with there."""

from __future__ import annotations

from typing import Any, Self

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ttdn.core import access
from ttdn.core.models import TimestampedModel
from ttdn.registries.enums import PartnerKind
from ttdn.registries.models.base import UnitOwnedQuerySet, max_length


class PartnerQuerySet(models.QuerySet["Partner"]):
    def visible_to(self, user: Any) -> Self:
        """Partners the person's subtrees work with: recorded by, or named in an agreement,
        programme, delegation or conference of, a unit the person sees."""
        if access.is_operator(user):
            return self.all()
        from ttdn.registries.models.cooperation import Agreement, Conference, Delegation, Programme

        units = access.visible_unit_ids(user)
        return self.filter(
            Q(recorded_by__in=units)
            | Exists(Agreement.objects.filter(partner=OuterRef("pk"), unit__in=units))
            | Exists(Delegation.objects.filter(partner=OuterRef("pk"), unit__in=units))
            | Exists(Programme.objects.filter(partners=OuterRef("pk"), unit__in=units))
            | Exists(Conference.objects.filter(partners=OuterRef("pk"), unit__in=units))
        )


class Partner(TimestampedModel):
    """One foreign province, ministry, school, university, organisation or embassy: one record
    for the whole tree (Huaphanh province once, not once per school that works with it)."""

    name = models.CharField(_("name"), max_length=255)
    folded_name = models.CharField(max_length=255, editable=False, db_index=True)
    kind = models.CharField(_("kind"), max_length=max_length(PartnerKind), choices=PartnerKind)
    country = models.CharField(_("country"), max_length=100)
    languages = models.CharField(
        _("languages"), max_length=255, blank=True, help_text=_("E.g. Lao, French, English.")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        "org.Unit",
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="recorded_partners",
    )

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["country", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["folded_name", "country"], name="one_partner_per_name_and_country"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"

    def get_absolute_url(self) -> str:
        return reverse("registries:partner_detail", args=[self.pk])


class PartnerContact(TimestampedModel):
    """A person at a partner, as one unit knows them: personal data, seen only by that unit and
    the units above it."""

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.CASCADE, related_name="contacts"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    full_name = models.CharField(_("full name"), max_length=255)
    position = models.CharField(_("position"), max_length=255, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = UnitOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner contact")
        verbose_name_plural = _("partner contacts")
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name
