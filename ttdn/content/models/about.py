"""A site's structured "Giới thiệu" page: history, organisation, leaders, map. Its contacts are
the site's own (address, telephone, e-mail, map link)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.content.models.media import Image
from ttdn.content.models.sites import Site
from ttdn.core.models import TimestampedModel


class AboutPage(TimestampedModel):
    """What the site's Giới thiệu section shows above its articles."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="about")
    history = models.TextField(_("history"), blank=True)  # sanitised HTML (content.markup)
    organisation = models.TextField(_("organisational structure"), max_length=5000, blank=True)
    map_image = models.ForeignKey(
        Image,
        verbose_name=_("map picture"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("about page")
        verbose_name_plural = _("about pages")

    def __str__(self) -> str:
        return str(self.site)


class Leader(models.Model):
    """A member of the school's leadership as the about page lists them, in order."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="leaders")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=255)
    role = models.CharField(_("position"), max_length=255)
    photo = models.ForeignKey(
        Image,
        verbose_name=_("photo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    phone = models.CharField(_("telephone"), max_length=64, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    show_phone = models.BooleanField(_("show the telephone on the site"), default=False)
    show_email = models.BooleanField(_("show the e-mail on the site"), default=False)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)

    class Meta:
        verbose_name = _("leader")
        verbose_name_plural = _("leaders")
        ordering = ["site", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})"
