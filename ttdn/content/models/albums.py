"""A site's albums of photos and videos (thư viện ảnh – video)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.content.enums import AlbumItemKind, ArticleStatus
from ttdn.content.models.media import Image
from ttdn.content.models.sites import Site
from ttdn.core import access
from ttdn.core.models import TimestampedModel, max_length_of


class AlbumQuerySet(models.QuerySet["Album"]):
    def live(self) -> AlbumQuerySet:
        """What the public sees: published albums."""
        return self.filter(status=ArticleStatus.PUBLISHED)

    def visible_to(self, user: Any) -> AlbumQuerySet:
        return self.filter(site__unit__in=access.visible_unit_ids(user))

    def editable_by(self, user: Any) -> AlbumQuerySet:
        return self.filter(
            site__unit__in=access.supervised_units(user, access.EDITING_ROLES).values("pk")
        )


class Album(TimestampedModel):
    """An album of a site. Its status is moved only by `services.transition_album`."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="albums")
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    date = models.DateField(_("date"))
    cover = models.ForeignKey(
        "content.AlbumItem",
        verbose_name=_("cover"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_featured = models.BooleanField(_("featured on the home page"), default=False)
    status = models.CharField(
        _("status"),
        max_length=max_length_of(ArticleStatus),
        choices=ArticleStatus,
        default=ArticleStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = AlbumQuerySet.as_manager()

    class Meta:
        verbose_name = _("album")
        verbose_name_plural = _("albums")
        ordering = ["site", "-date", "-pk"]
        indexes = [models.Index(fields=["site", "status", "-date"], name="album_site_list")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:album", args=[self.site.unit.slug, self.pk])

    @property
    def public_cover(self) -> AlbumItem | None:
        """The cover a public page shows: the chosen photo if shown, else the first shown one
        (of `shown_items`, which `queries.SHOWN_ITEMS` prefetches)."""
        photos = [i for i in getattr(self, "shown_items", []) if i.kind == AlbumItemKind.PHOTO]
        return next((i for i in photos if i.pk == self.cover_id), photos[0] if photos else None)


def hidden_from_public(today: datetime.date | None = None) -> Q:
    """Album items a public page never shows: a picture withdrawn, or showing pupils without a
    consent valid today for each of them."""
    today = today or timezone.localdate()
    return (
        Q(image__withdrawn_at__isnull=False)
        | Q(image__shows_pupils=True, image__consent__isnull=True)
        | Q(image__consent__valid_until__lt=today)
        | Q(image__other_consents__valid_until__lt=today)
    )


class AlbumItemQuerySet(models.QuerySet["AlbumItem"]):
    def shown(self) -> AlbumItemQuerySet:
        """What a public page may show of albums (whether the album is live is the caller's)."""
        return self.exclude(hidden_from_public())


class AlbumItem(models.Model):
    """A photo of an album (its picture, alt text on the image), or a video given by its link
    on a hosting service, with a poster picture if the editor uploaded one."""

    album = models.ForeignKey(Album, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(
        _("kind"), max_length=max_length_of(AlbumItemKind), choices=AlbumItemKind
    )
    image = models.OneToOneField(
        Image,
        verbose_name=_("picture"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="album_item",
    )
    video_url = models.URLField(_("video link"), max_length=500, blank=True)
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(pgettext_lazy("order", "position"), default=0)

    objects = AlbumItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("album item")
        verbose_name_plural = _("album items")
        ordering = ["album", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="video", video_url__gt="") | Q(kind="photo", image__isnull=False),
                name="album_item_photo_or_video",
            )
        ]

    def __str__(self) -> str:
        return self.caption or (self.image.alt if self.image else self.video_url)

    @property
    def is_video(self) -> bool:
        return self.kind == AlbumItemKind.VIDEO

    @property
    def middle_width(self) -> int:
        renditions = self.image.renditions if self.image else []
        return int(renditions[len(renditions) // 2]["width"]) if renditions else 0

    @property
    def largest_width(self) -> int:
        renditions = self.image.renditions if self.image else []
        return max((int(r["width"]) for r in renditions), default=0)
