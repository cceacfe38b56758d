"""RSS 2.0 and Atom feeds of a site and of each of its sections."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from ttdn.content import queries
from ttdn.content.models import Article, Section, Site
from ttdn.content.public import cached, language_of, site_or_404

FEED_SIZE = 30


class SiteFeed(Feed):
    """The latest live articles of a site, or of one section of it, in the language asked for."""

    feed_type: type[Rss201rev2Feed] = Rss201rev2Feed

    def get_object(
        self, request: HttpRequest, unit_slug: str, section_slug: str | None = None
    ) -> tuple[Site, Section | None, str]:
        site = site_or_404(unit_slug)
        section = (
            get_object_or_404(site.sections.shown(), slug=section_slug) if section_slug else None
        )
        return site, section, language_of(request, site)

    def title(self, obj: tuple[Site, Section | None, str]) -> str:
        site, section, _language = obj
        return f"{section.title} — {site.unit.name}" if section else site.unit.name

    def link(self, obj: tuple[Site, Section | None, str]) -> str:
        site, section, _language = obj
        if section:
            return reverse("portal:section", args=[site.unit.slug, section.slug])
        return reverse("portal:home", args=[site.unit.slug])

    def description(self, obj: tuple[Site, Section | None, str]) -> str:
        return obj[0].tagline or obj[0].unit.name

    def items(self, obj: tuple[Site, Section | None, str]) -> list[Article]:
        site, section, language = obj
        articles = queries.public_articles(site, language)
        if section:
            articles = articles.filter(section=section)
        return list(articles.select_related("author")[:FEED_SIZE])

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        return item.summary

    def item_pubdate(self, item: Article) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Article) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: Article) -> str:
        return item.byline or str(item.author)

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.title, *item.tags]


class SiteAtomFeed(SiteFeed):
    feed_type = Atom1Feed  # type: ignore[assignment]
    subtitle = SiteFeed.description


rss = cached(SiteFeed())
atom = cached(SiteAtomFeed())
