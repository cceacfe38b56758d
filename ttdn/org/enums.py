"""Kinds of units, their levels and the roles people hold in them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class UnitLevel(models.TextChoices):
    CENTRAL = "central", pgettext_lazy("unit level", "Central")
    PROVINCE = "province", pgettext_lazy("unit level", "Province")
    DISTRICT = "district", pgettext_lazy("unit level", "District")
    COMMUNE = "commune", pgettext_lazy("unit level", "Commune")
    SCHOOL = "school", pgettext_lazy("unit level", "School")


class UnitKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    DEPARTMENT = "department", _("Provincial department of education (Sở GDĐT)")
    DISTRICT_OFFICE = "district_office", _("District office of education (Phòng GDĐT)")
    PROVINCE_COMMITTEE = "province_committee", _("Provincial People's Committee")
    DISTRICT_COMMITTEE = "district_committee", _("District People's Committee")
    COMMUNE_COMMITTEE = "commune_committee", _("Commune People's Committee")
    PRESCHOOL = "preschool", _("Preschool (mầm non)")
    PRIMARY = "primary", _("Primary school (tiểu học)")
    LOWER_SECONDARY = "lower_secondary", _("Lower secondary school (THCS)")
    UPPER_SECONDARY = "upper_secondary", _("Upper secondary school (THPT)")
    MULTI_LEVEL = "multi_level", _("Multi-level school (liên cấp)")
    CONTINUING = "continuing", _("Continuing education centre (GDTX)")
    CENTRE = "centre", _("Centre")
    OTHER = "other", _("Other unit")


KIND_LEVEL = {
    UnitKind.MINISTRY: UnitLevel.CENTRAL,
    UnitKind.DEPARTMENT: UnitLevel.PROVINCE,
    UnitKind.PROVINCE_COMMITTEE: UnitLevel.PROVINCE,
    UnitKind.DISTRICT_OFFICE: UnitLevel.DISTRICT,
    UnitKind.DISTRICT_COMMITTEE: UnitLevel.DISTRICT,
    UnitKind.COMMUNE_COMMITTEE: UnitLevel.COMMUNE,
}
SCHOOL_KINDS = frozenset(
    {
        UnitKind.PRESCHOOL,
        UnitKind.PRIMARY,
        UnitKind.LOWER_SECONDARY,
        UnitKind.UPPER_SECONDARY,
        UnitKind.MULTI_LEVEL,
        UnitKind.CONTINUING,
    }
)


def level_for(kind: str) -> UnitLevel:
    """The usual level of a kind of unit; schools and centres sit at school level."""
    return KIND_LEVEL.get(UnitKind(kind), UnitLevel.SCHOOL)


class GroupKind(models.TextChoices):
    CLUSTER = "cluster", _("Cluster of schools")
    SCHOOL_LEVEL = "school_level", _("School level")
    OTHER = "other", _("Other group")


class Role(models.TextChoices):
    LEADER = "leader", _("Leader")
    OFFICER = "officer", _("Officer")
    EDITOR = "editor", _("Editor")
    VIEWER = "viewer", _("Viewer")


class UnitChangeKind(models.TextChoices):
    CREATED = "created", _("Created")
    UPDATED = "updated", _("Updated")
    MOVED = "moved", _("Moved")
    CLOSED = "closed", _("Closed")
    REOPENED = "reopened", _("Reopened")
