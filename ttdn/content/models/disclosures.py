"""Công khai: what a school must publish under Thông tư 09/2024/TT-BGDĐT, one row per version."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.content.models.sites import Site
from ttdn.core.storage import RandomName

DISCLOSURE_FOLDER = "disclosures"


class DisclosureQuerySet(models.QuerySet["Disclosure"]):
    def for_year(self, school_year: int) -> DisclosureQuerySet:
        return self.filter(school_year=school_year)


class Disclosure(models.Model):
    """One published version of a công khai item (`ttdn.content.disclosure.CATALOGUE`) of a site
    for a school year. A published disclosure is a public document: rows are only ever added
    (`services.publish_disclosure`); a correction is the next version, and the earlier ones stay
    listed on the public page with their dates."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="disclosures")
    item = models.CharField(_("item"), max_length=64)
    school_year = models.PositiveSmallIntegerField(_("school year"))
    version = models.PositiveIntegerField(_("version"), default=1)
    body = models.TextField(_("content"), blank=True)
    file = models.FileField(_("file"), upload_to=RandomName(DISCLOSURE_FOLDER), blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    note = models.CharField(_("what changed"), max_length=500, blank=True)
    published_at = models.DateTimeField(
        pgettext_lazy("disclosure", "published at"), default=timezone.now
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        verbose_name = _("public disclosure")
        verbose_name_plural = _("public disclosures")
        ordering = ["site", "school_year", "item", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "item", "school_year", "version"], name="one_disclosure_version"
            ),
            models.CheckConstraint(
                condition=~models.Q(body="") | ~models.Q(file=""), name="disclosure_has_content"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} {self.school_year} v{self.version}"
