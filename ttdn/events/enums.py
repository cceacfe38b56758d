"""Choices of commemorations and the classes of anniversary years.

Nghị định 145/2013/NĐ-CP, Art. 3.1, counts an anniversary by the years since its origin: a count
ending in 0 is a năm tròn, one ending in 5 a năm lẻ 5, any other a năm khác. Nghị định
111/2018/NĐ-CP celebrates the founding days of bodies, sectors and localities with ceremonies only
in năm tròn. "Năm chẵn" has no legal definition (seed 001 writes "năm tròn, năm chẵn" of
diplomatic relations), so which years are worth planning for is a per-deployment setting,
EVEN_YEAR_RULE (environment variable TTDN_EVEN_YEAR_RULE), read through `even_classes`.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class CalendarKind(models.TextChoices):
    SOLAR = "solar", pgettext_lazy("calendar", "Solar")
    LUNAR = "lunar", pgettext_lazy("calendar", "Lunar")


class Scope(models.TextChoices):
    NATIONAL = "national", pgettext_lazy("commemoration scope", "National")
    INTERNATIONAL = "international", pgettext_lazy("commemoration scope", "International")
    SECTOR = "sector", pgettext_lazy("commemoration scope", "Education sector")
    PROVINCE = "province", pgettext_lazy("commemoration scope", "Province")
    LOCAL = "local", pgettext_lazy("commemoration scope", "Local unit")


# A commemoration of these scopes belongs to a unit (a province's founding, a school's day);
# the others belong to no unit and concern everyone.
OWNED_SCOPES = frozenset({Scope.PROVINCE, Scope.LOCAL})


class Category(models.TextChoices):
    PARTY_STATE = "party_state", _("Party and state")
    HISTORY = "history", _("History")
    DIPLOMACY = "diplomacy", _("Diplomacy")
    EDUCATION = "education", _("Education")
    CULTURE = "culture", _("Culture")


class Verification(models.TextChoices):
    VERIFIED = "verified", _("Verified")
    PARTLY = "partly", _("Partly verified")
    UNVERIFIED = "unverified", _("Not verified")


class YearClass(models.TextChoices):
    ROUND = "round", _("Round year (count ends in 0)")
    HALF = "half", _("Half-round year (count ends in 5)")
    OTHER = "other", _("Other year")


class EvenYearRule(models.TextChoices):
    ROUND = "round", _("Round years only (10, 20, 30 …)")
    ROUND_AND_HALF = "round_and_half", _("Round and half-round years (5, 10, 15 …)")


EVEN_CLASSES = {
    EvenYearRule.ROUND: frozenset({YearClass.ROUND}),
    EvenYearRule.ROUND_AND_HALF: frozenset({YearClass.ROUND, YearClass.HALF}),
}


def classify(ordinal: int) -> YearClass:
    """The class of the `ordinal`-th anniversary under Nghị định 145/2013/NĐ-CP, Art. 3.1."""
    if ordinal % 10 == 0:
        return YearClass.ROUND
    if ordinal % 5 == 0:
        return YearClass.HALF
    return YearClass.OTHER


def even_classes(rule: str) -> frozenset[YearClass]:
    """The year classes that count as "năm chẵn" under `rule`. Raises ValueError for an unknown rule."""
    return EVEN_CLASSES[EvenYearRule(rule)]
