"""Articles, their revisions and review steps, and the addresses of public pages."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.content.enums import ArticleStatus, Classification, Decision, Language
from ttdn.content.models.media import Exemplar, Image
from ttdn.content.models.sites import Section, Site
from ttdn.core import access
from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.org.enums import Role

REVIEWING_ROLES = frozenset({Role.LEADER})


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
