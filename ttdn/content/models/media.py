"""Pictures, files and people on a site: consents, images, exemplary figures, an article's
gallery and attachments."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.content.enums import ExemplarRole
from ttdn.content.models.sites import Site
from ttdn.core import access
from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.core.storage import RandomName


class Consent(TimestampedModel):
    """A guardian's consent to show a pupil (name or photo) on the site, for a time."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="consents")
    pupil = models.CharField(_("pupil"), max_length=255)
    given_by = models.CharField(_("given by (guardian)"), max_length=255)
    given_on = models.DateField(_("given on"))
    valid_until = models.DateField(_("valid until"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["pupil", "-valid_until"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__gte=models.F("given_on")),
                name="consent_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.pupil} ({self.given_by}, {self.valid_until:%d/%m/%Y})"

    @property
    def is_valid(self) -> bool:
        return self.valid_until >= timezone.localdate()


class ImageQuerySet(models.QuerySet["Image"]):
    def shown(self) -> ImageQuerySet:
        return self.filter(withdrawn_at__isnull=True)


class Image(TimestampedModel):
    """An uploaded picture: stored without its EXIF/GPS data, with WebP and JPEG renditions.

    The original (`file`) is private. A cover, logo or exemplar photo has renditions, under
    random public names, only while it is in public use (`ttdn.content.storage`); a gallery
    picture has them in the gallery folder, served through a view.
    """

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="images")
    file = models.ImageField(_("file"), upload_to=RandomName("originals"))
    alt = models.CharField(_("alternative text"), max_length=255)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    renditions = models.JSONField(default=list, blank=True)  # [{"width", "webp", "jpeg"}]
    shows_pupils = models.BooleanField(_("shows pupils"), default=False)
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="images",
    )
    # A picture of several pupils cites each one's consent: `consent` is the first, these the
    # others; it is withdrawn as soon as any of them expires.
    other_consents = models.ManyToManyField(
        Consent, verbose_name=_("other consents"), blank=True, related_name="further_images"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")

    def __str__(self) -> str:
        return self.alt

    @property
    def srcset_webp(self) -> str:
        return ", ".join(f"{settings.MEDIA_URL}{r['webp']} {r['width']}w" for r in self.renditions)

    @property
    def srcset_jpeg(self) -> str:
        return ", ".join(f"{settings.MEDIA_URL}{r['jpeg']} {r['width']}w" for r in self.renditions)

    @property
    def fallback_url(self) -> str:
        """The middle JPEG rendition's address; none without renditions (the original is
        private and never has a public address)."""
        middle = self.renditions[len(self.renditions) // 2] if self.renditions else None
        return f"{settings.MEDIA_URL}{middle['jpeg']}" if middle else ""


class ExemplarQuerySet(models.QuerySet["Exemplar"]):
    def public(self) -> ExemplarQuerySet:
        return self.filter(is_public=True)

    def visible_to(self, user: Any) -> ExemplarQuerySet:
        return self.filter(site__unit__in=access.visible_unit_ids(user))

    def editable_by(self, user: Any) -> ExemplarQuerySet:
        return self.filter(
            site__unit__in=access.supervised_units(user, access.EDITING_ROLES).values("pk")
        )


class Exemplar(TimestampedModel):
    """A gương điển hình tiên tiến: an official, teacher or pupil and their achievements."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="exemplars")
    name = models.CharField(pgettext_lazy("person", "name"), max_length=255)
    role = models.CharField(_("role"), max_length=max_length_of(ExemplarRole), choices=ExemplarRole)
    achievements = models.TextField(_("achievements"))
    photo = models.ForeignKey(
        Image, verbose_name=_("photo"), on_delete=models.SET_NULL, null=True, blank=True
    )
    consent = models.ForeignKey(
        Consent,
        verbose_name=_("consent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exemplars",
    )
    is_public = models.BooleanField(_("shown on the site"), default=True)

    objects = ExemplarQuerySet.as_manager()

    class Meta:
        verbose_name = _("exemplary figure")
        verbose_name_plural = _("exemplary figures")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portal:exemplar", args=[self.site.unit.slug, self.pk])


# Gallery pictures are stored outside media/content/ (which the web server hands out to anyone):
# they are served by views that check the article is live and the picture not withdrawn.
GALLERY_FOLDER = "gallery"
# Attachments likewise: never a raw media URL, always through a view that checks the article.
ATTACHMENT_FOLDER = "attachments"


class GalleryItem(models.Model):
    """One picture of an article's gallery, in its place, with its caption (alt text is the image's)."""

    article = models.ForeignKey("content.Article", on_delete=models.CASCADE, related_name="gallery")
    image = models.OneToOneField(
        Image, verbose_name=_("picture"), on_delete=models.CASCADE, related_name="gallery_item"
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)

    class Meta:
        verbose_name = _("gallery picture")
        verbose_name_plural = _("gallery pictures")
        ordering = ["article", "position", "pk"]

    def __str__(self) -> str:
        return self.image.alt

    @property
    def middle_width(self) -> int:
        """The rendition width an <img> falls back to (the middle one, as for covers)."""
        renditions = self.image.renditions
        return int(renditions[len(renditions) // 2]["width"]) if renditions else 0

    @property
    def largest_width(self) -> int:
        """The widest rendition: what the gallery links to for a closer look."""
        return max((int(r["width"]) for r in self.image.renditions), default=0)


class Attachment(models.Model):
    """A file attached to an article, kept under its original name for download."""

    article = models.ForeignKey(
        "content.Article", on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("file"), upload_to=RandomName(ATTACHMENT_FOLDER))
    filename = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=16)  # "PDF", "DOCX" … as sniffed
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["article", "position", "pk"]

    def __str__(self) -> str:
        return self.filename

    @property
    def extension(self) -> str:
        return self.filename.rsplit(".", 1)[-1].lower() if "." in self.filename else ""
