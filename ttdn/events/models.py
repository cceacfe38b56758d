"""Commemorations: the days a year is organised around, national, international or a unit's own.

Diplomatic relations are commemorations of category DIPLOMACY, not a model of their own: each has
a solar origin date, counts its anniversaries the same way (50 years of relations with France in
2023), and belongs on the same calendar, feed, reminders and plan paragraph. A second model would
duplicate every one of those reads for the sake of one extra column, `partner`. The reference
files' rows are found again by `key` when the files are loaded anew.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ttdn.core import access
from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.events.enums import OWNED_SCOPES, CalendarKind, Category, Scope, Verification
from ttdn.org.models import Unit

FIRST_ORIGIN_YEAR = 1
LAST_ORIGIN_YEAR = 2100
_LEAP_YEAR = 2000  # any leap year: 29/2 exists in it


class CommemorationQuerySet(models.QuerySet["Commemoration"]):
    def concerning(self, units: Iterable[Unit]) -> CommemorationQuerySet:
        """Those of no unit, plus those of each unit in `units` and of the units above it."""
        ids = {pk for unit in units for pk in [*unit.ancestor_ids, unit.pk]}
        return self.filter(models.Q(unit__isnull=True) | models.Q(unit_id__in=ids))

    def for_unit(self, unit: Unit) -> CommemorationQuerySet:
        return self.concerning([unit])

    def visible_to(self, user: Any) -> CommemorationQuerySet:
        """Those of no unit, of the units the person sees, and of the units above their own."""
        if access.is_operator(user):
            return self.all()
        above = access.concerning_unit_ids(user)
        return self.filter(
            models.Q(unit__isnull=True)
            | models.Q(unit__in=access.visible_unit_ids(user))
            | models.Q(unit_id__in=above)
        )

    def editable_by(self, user: Any) -> CommemorationQuerySet:
        """Unit-owned ones whose unit the person leads or serves as officer (or a unit above it)."""
        return self.filter(
            unit__in=access.supervised_units(user, access.WRITING_ROLES).values("pk")
        )


class Commemoration(TimestampedModel):
    """A day to commemorate every year, dated on the solar or the Vietnamese lunar calendar."""

    key = models.CharField(
        _("reference key"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_(
            "Identifies a row of the reference files, so that loading them again updates it."
        ),
    )
    name = models.CharField(_("name"), max_length=255)
    folded_name = models.CharField(max_length=255, editable=False, db_index=True)
    calendar = models.CharField(
        _("calendar"),
        max_length=max_length_of(CalendarKind),
        choices=CalendarKind,
        default=CalendarKind.SOLAR,
    )
    month = models.PositiveSmallIntegerField(_("month"))
    day = models.PositiveSmallIntegerField(_("day"))
    origin_year = models.PositiveSmallIntegerField(
        _("origin year"),
        null=True,
        blank=True,
        help_text=_(
            "The year of the event; anniversaries are counted from it. Empty for a feast such as Tết."
        ),
    )
    scope = models.CharField(_("scope"), max_length=max_length_of(Scope), choices=Scope)
    category = models.CharField(_("category"), max_length=max_length_of(Category), choices=Category)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commemorations",
        help_text=_("The unit a provincial or local commemoration belongs to."),
    )
    partner = models.CharField(
        _("partner"),
        max_length=255,
        blank=True,
        help_text=_("The partner country or organisation of a diplomatic anniversary."),
    )
    verification = models.CharField(
        _("verification"),
        max_length=max_length_of(Verification),
        choices=Verification,
        default=Verification.UNVERIFIED,
    )
    verification_note = models.CharField(_("verification note"), max_length=255, blank=True)
    source = models.CharField(_("source"), max_length=255, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    objects = CommemorationQuerySet.as_manager()

    class Meta:
        verbose_name = _("commemoration")
        verbose_name_plural = _("commemorations")
        ordering = ["month", "day", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=~models.Q(key=""), name="unique_commemoration_key"
            ),
            models.CheckConstraint(
                condition=models.Q(scope__in=sorted(OWNED_SCOPES), unit__isnull=False)
                | (~models.Q(scope__in=sorted(OWNED_SCOPES)) & models.Q(unit__isnull=True)),
                name="commemoration_unit_matches_scope",
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12, day__gte=1, day__lte=31),
                name="commemoration_month_and_day_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("events:commemoration_detail", args=[self.pk])

    def clean(self) -> None:
        """Refuse a day that no year has (30/2, lunar 31), or that the origin year lacks (29/2/1993)."""
        super().clean()
        errors = _date_errors(self.calendar, self.month, self.day, self.origin_year)
        if self.scope in OWNED_SCOPES and self.unit_id is None:
            errors["unit"] = _("A provincial or local commemoration belongs to a unit.")
        if self.scope and self.scope not in OWNED_SCOPES and self.unit_id is not None:
            errors["unit"] = _("Only a provincial or local commemoration belongs to a unit.")
        if errors:
            raise ValidationError(errors)

    @property
    def origin_date(self) -> datetime.date | None:
        """The solar date of the event itself, when its year is known and it is dated in solar."""
        if self.origin_year is None or self.calendar != CalendarKind.SOLAR:
            return None
        return datetime.date(self.origin_year, self.month, self.day)

    @property
    def is_lunar(self) -> bool:
        return self.calendar == CalendarKind.LUNAR


def _date_errors(
    calendar: str, month: int | None, day: int | None, origin_year: int | None
) -> dict[str, Any]:
    if origin_year is not None and not FIRST_ORIGIN_YEAR <= origin_year <= LAST_ORIGIN_YEAR:
        return {"origin_year": _("The origin year must lie between 1 and 2100.")}
    if month is None or day is None:
        return {}
    if not 1 <= month <= 12:
        return {"month": _("A month runs from 1 to 12.")}
    if calendar == CalendarKind.LUNAR:
        return {} if 1 <= day <= 30 else {"day": _("A lunar month has 29 or 30 days.")}
    try:
        datetime.date(origin_year if origin_year is not None else _LEAP_YEAR, month, day)
    except ValueError:
        if origin_year is not None and month == 2 and day == 29:
            return {
                "day": _("%(year)s is not a leap year: it has no 29 February.")
                % {"year": origin_year}
            }
        return {"day": _("%(day)s/%(month)s is not a date.") % {"day": day, "month": month}}
    return {}
