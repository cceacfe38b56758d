"""The public portal: a site per unit, its sections, articles, exemplary figures, images and consents."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.content.enums import (
    ArticleStatus,
    Classification,
    Decision,
    ExemplarRole,
    Language,
    Palette,
    SectionKind,
)
from ttdn.core import access
from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.core.storage import RandomName
from ttdn.org.enums import Role

REVIEWING_ROLES = frozenset({Role.LEADER})


class Site(TimestampedModel):
    """A unit's public website and its settings."""

    unit = models.OneToOneField(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="site"
    )
    tagline = models.CharField(_("tagline"), max_length=255, blank=True)
    colour = models.CharField(
        _("colour"), max_length=max_length_of(Palette), choices=Palette, default=Palette.NAVY
    )
    logo = models.ForeignKey(
        "content.Image",
        verbose_name=_("logo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact = models.CharField(_("contact"), max_length=255, blank=True)
    address = models.CharField(_("address"), max_length=255, blank=True)
    map_url = models.URLField(_("map link"), blank=True)
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
    position = models.PositiveSmallIntegerField(_("position"), default=0)
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
    name = models.CharField(_("name"), max_length=255)
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


class ArticleQuerySet(models.QuerySet["Article"]):
    def live(self) -> ArticleQuerySet:
        """What the public sees: published, public, due."""
        return self.filter(
            status=ArticleStatus.PUBLISHED,
            classification=Classification.PUBLIC,
            published_at__lte=timezone.now(),
        )

    def in_subtree_of(self, unit: Any) -> ArticleQuerySet:
        return self.filter(site__unit__path__under=unit.path)

    def visible_to(self, user: Any) -> ArticleQuerySet:
        return self.filter(site__unit__in=access.visible_unit_ids(user))

    def editable_by(self, user: Any) -> ArticleQuerySet:
        return self.filter(
            site__unit__in=access.supervised_units(user, access.EDITING_ROLES).values("pk")
        )

    def reviewable_by(self, user: Any) -> ArticleQuerySet:
        return self.filter(
            site__unit__in=access.supervised_units(user, REVIEWING_ROLES).values("pk")
        )

    def due(self) -> ArticleQuerySet:
        """Approved articles whose publication time has come."""
        return self.filter(status=ArticleStatus.APPROVED, published_at__lte=timezone.now())


class Article(TimestampedModel):
    """A tin bài. Its status is moved only by `services.transition_article`."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="articles")
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    title = models.CharField(_("title"), max_length=255)
    slug = models.SlugField(max_length=120)
    summary = models.TextField(_("summary"), max_length=600)
    body = models.TextField(_("body"))
    cover = models.ForeignKey(
        Image,
        verbose_name=_("cover image"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="covers",
    )
    tags = models.JSONField(_("tags"), default=list, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="articles",
    )
    byline = models.CharField(_("byline"), max_length=255, blank=True)
    language = models.CharField(
        _("language"), max_length=max_length_of(Language), choices=Language, default=Language.VI
    )
    translation_of = models.ForeignKey(
        "self",
        verbose_name=_("translation of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="translations",
    )
    source_version = models.PositiveIntegerField(default=0)
    # Gallery pictures or attachments exist (kept by services.media): the public page reads
    # them only then, as most articles have none.
    has_media = models.BooleanField(default=False, editable=False)
    classification = models.CharField(
        _("classification"),
        max_length=max_length_of(Classification),
        choices=Classification,
        default=Classification.PUBLIC,
    )
    commemoration = models.ForeignKey(
        "events.Commemoration",
        verbose_name=_("commemoration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    exemplar = models.ForeignKey(
        Exemplar,
        verbose_name=_("exemplary figure"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    status = models.CharField(
        _("status"),
        max_length=max_length_of(ArticleStatus),
        choices=ArticleStatus,
        default=ArticleStatus.DRAFT,
    )
    published_at = models.DateTimeField(_("publication date"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["site", "status", "-published_at"]),
            # A section's list counts its live articles: from this index alone, not from rows
            # that carry 1,500-word bodies.
            models.Index(
                fields=["site", "section", "status", "classification", "language", "-published_at"],
                name="article_section_list",
            ),
        ]
        constraints = [
            # Defence in depth: whatever code runs, a classified article is never published.
            models.CheckConstraint(
                condition=~models.Q(status__in=["published", "approved"])
                | models.Q(classification="public"),
                name="only_public_articles_are_published",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return article_path(self.site.unit.slug, self.pk, self.slug)

    @property
    def is_live(self) -> bool:
        return (
            self.status == ArticleStatus.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_out_of_date(self) -> bool:
        """A translation made from an older version of its source."""
        source = self.translation_of
        return source is not None and self.source_version < source.version


def public_path(name: str, *args: Any) -> str:
    """reverse(name, args=args), remembered: a public page shows dozens of addresses, each of
    which reverse() would find again by walking the URL patterns."""
    return _public_path(get_script_prefix(), get_urlconf(), name, tuple(str(a) for a in args))


@lru_cache(maxsize=8192)
def _public_path(prefix: str, urlconf: str | None, name: str, args: tuple[str, ...]) -> str:
    return reverse(name, args=args, urlconf=urlconf)  # the prefix is reverse()'s own


def article_path(unit_slug: str, pk: int, slug: str) -> str:
    """The address of an article's public page."""
    return public_path("portal:article", unit_slug, pk, slug)


class Revision(models.Model):
    """The article's content as saved, one row per save: compared and restored from here."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    content = models.JSONField()

    class Meta:
        ordering = ["article", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="one_revision_number")
        ]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"


class ReviewStep(models.Model):
    """One move of the workflow: who, when, what was decided, the comment, the checklist, the reason."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decision = models.CharField(max_length=max_length_of(Decision), choices=Decision)
    comment = models.TextField(blank=True)
    checklist = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.article_id} {self.decision}"


# Gallery pictures are stored outside media/content/ (which the web server hands out to anyone):
# they are served by views that check the article is live and the picture not withdrawn.
GALLERY_FOLDER = "gallery"
# Attachments likewise: never a raw media URL, always through a view that checks the article.
ATTACHMENT_FOLDER = "attachments"


class GalleryItem(models.Model):
    """One picture of an article's gallery, in its place, with its caption (alt text is the image's)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="gallery")
    image = models.OneToOneField(
        Image, verbose_name=_("picture"), on_delete=models.CASCADE, related_name="gallery_item"
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

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

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=RandomName(ATTACHMENT_FOLDER))
    filename = models.CharField(_("file name"), max_length=255)
    kind = models.CharField(_("type"), max_length=16)  # "PDF", "DOCX" … as sniffed
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
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
