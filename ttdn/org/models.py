"""Units form a tree of any depth; people act for units through memberships."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.org.enums import GroupKind, Role, UnitChangeKind, UnitKind, UnitLevel

if TYPE_CHECKING:
    from collections.abc import Iterable


class User(AbstractUser):
    """An account. People sign in with their user name or their e-mail address."""

    is_demo = models.BooleanField(_("demo account"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), condition=~models.Q(email=""), name="unique_user_email"
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class UnitQuerySet(models.QuerySet["Unit"]):
    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        return self.filter(path__under=unit.path)

    def open_on(self, day: object = None) -> UnitQuerySet:
        day = day or timezone.localdate()
        return self.filter(models.Q(closed_on__isnull=True) | models.Q(closed_on__gt=day))

    def in_subtrees(self, paths: Iterable[str]) -> UnitQuerySet:
        condition = models.Q(pk__in=[])
        for path in paths:
            condition |= models.Q(path__under=path)
        return self.filter(condition)


# First path segments of the product's own pages. A unit's public site lives at /<its slug>/,
# so no unit may take one of these (content's public URLs and host middleware read this list).
RESERVED_SLUGS = (
    "accounts", "account", "activities", "admin", "api", "audit", "calendar", "don-vi", "healthz",
    "i18n", "library", "media", "metrics", "monitoring", "ops", "plans", "portal", "register", "registries",
    "reports", "static", "stats", "units", "robots.txt", "favicon.ico",
)  # fmt: skip


def is_reserved_slug(slug: str) -> bool:
    return slug.strip().lower() in RESERVED_SLUGS


def validate_unit_slug(slug: str) -> None:
    """Refuse a slug that is the first part of one of the product's own addresses."""
    if is_reserved_slug(slug):
        raise ValidationError(
            _(
                "“%(slug)s” is used by the system's own pages (/%(slug)s/); "
                "choose another address for the unit's site."
            ),
            code="reserved",
            params={"slug": slug.strip().lower()},
        )


class Unit(TimestampedModel):
    """A ministry, department, office, committee, school or centre, at any depth of the tree."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, validators=[validate_unit_slug])
    hostname = models.CharField(_("host name"), max_length=255, null=True, blank=True, unique=True)
    kind = models.CharField(
        pgettext_lazy("unit", "kind"), max_length=max_length_of(UnitKind), choices=UnitKind
    )
    level = models.CharField(_("level"), max_length=max_length_of(UnitLevel), choices=UnitLevel)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    # Compared byte by byte, "C" collation on PostgreSQL (migration 0003, core/lookups.py).
    path = models.CharField(max_length=512, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    opened_on = models.DateField(_("opened on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True)
                | models.Q(opened_on__isnull=True)
                | models.Q(closed_on__gte=models.F("opened_on")),
                name="unit_closed_after_opened",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("org:unit_detail", args=[self.code])

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None and self.closed_on <= timezone.localdate()

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]


class UnitGroup(TimestampedModel):
    """Units tagged together across the tree: a cluster of schools, a school level."""

    code = models.CharField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(
        _("kind"),
        max_length=max_length_of(GroupKind),
        choices=GroupKind,
        default=GroupKind.CLUSTER,
    )
    owner = models.ForeignKey(
        Unit, verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="owned_groups"
    )
    members = models.ManyToManyField(
        Unit, verbose_name=_("members"), related_name="unit_groups", blank=True
    )

    class Meta:
        verbose_name = _("unit group")
        verbose_name_plural = _("unit groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UnitChange(models.Model):
    """One step of a unit's history: created, renamed, moved under another parent, closed."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="changes")
    kind = models.CharField(max_length=max_length_of(UnitChangeKind), choices=UnitChangeKind)
    changed_at = models.DateTimeField(default=timezone.now)
    effective_on = models.DateField(null=True, blank=True)
    by = models.ForeignKey(
        "org.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    from_parent = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    to_parent = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changes = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.unit} {self.kind} {self.changed_at:%Y-%m-%d}"


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(is_active=True, user__is_active=True)


class Membership(TimestampedModel):
    """A person acts for a unit (and reads its whole subtree) in one role."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=max_length_of(Role), choices=Role)
    title = models.CharField(_("position"), max_length=255, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["unit__path", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="one_membership_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.unit} ({self.get_role_display()})"
