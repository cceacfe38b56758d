"""A unit's public website and its sections."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.content.colours import check_accent, check_header
from ttdn.content.enums import (
    DEFAULT_HOME_BLOCKS,
    PAGE_KINDS,
    PALETTE_HEX,
    Language,
    Palette,
    SectionKind,
)
from ttdn.core.models import TimestampedModel, max_length_of


class Site(TimestampedModel):
    """A unit's public website and its settings."""

    unit = models.OneToOneField(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="site"
    )
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    # Two colours chosen freely, each checked for contrast (content.colours).
    colour = models.CharField(
        _("colour"), max_length=7, default=PALETTE_HEX[Palette.NAVY], validators=[check_header]
    )
    logo = models.ForeignKey(
        "content.Image",
        verbose_name=_("logo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    accent = models.CharField(
        _("second colour"),
        max_length=7,
        default=PALETTE_HEX[Palette.RED],
        validators=[check_accent],
    )
    banner = models.ForeignKey(
        "content.Image",
        verbose_name=_("banner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact = models.CharField(_("contact"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    phone = models.CharField(_("telephone"), max_length=64, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    responsible = models.CharField(_("responsible for the content"), max_length=255, blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    zalo_url = models.URLField(_("Zalo official account"), blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)
    # Channels (settings.SOCIAL_CHANNELS) a published article is posted to through the outbox.
    post_channels = models.JSONField(_("post new articles to"), default=list, blank=True)
    home_blocks = models.JSONField(_("home page blocks"), default=list, blank=True)
    key_figures = models.JSONField(_("key figures"), default=list, blank=True)  # [[label, value]]
    videos = models.JSONField(_("videos"), default=list, blank=True)  # [[title, address]]
    languages = models.JSONField(
        _("languages offered"),
        default=list,
        blank=True,
        help_text=_("Vietnamese is always offered."),
    )

    class Meta:
        verbose_name = _("site")
        verbose_name_plural = _("sites")

    def __str__(self) -> str:
        return str(self.unit)

    @property
    def blocks(self) -> list[str]:
        """The home page's blocks in the editor's order (the defaults until chosen)."""
        return list(self.home_blocks) or list(DEFAULT_HOME_BLOCKS)

    @property
    def offered(self) -> list[str]:
        """The site's languages, Vietnamese first."""
        return [Language.VI, *[code for code in self.languages if code != Language.VI]]


class SectionQuerySet(models.QuerySet["Section"]):
    def shown(self) -> SectionQuerySet:
        """The sections the public site lists (hidden ones keep their articles, off the menu)."""
        return self.filter(is_hidden=False)


class Section(TimestampedModel):
    """A chuyên mục of a site."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="sections")
    slug = models.SlugField(_("slug"), max_length=100)
    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(
        _("kind"),
        max_length=max_length_of(SectionKind),
        choices=SectionKind,
        default=SectionKind.OTHER,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("under"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Shown in the menu under this section (one level)."),
    )
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)
    is_hidden = models.BooleanField(_("hidden"), default=False)

    objects = SectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["site", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["site", "slug"], name="one_section_slug_per_site")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def lists_articles(self) -> bool:
        """A section of articles (not the schedule, disclosure or documents page)."""
        return self.kind not in PAGE_KINDS
