"""RSS 2.0 and Atom feeds of a site and of each of its sections.

A feed is built straight from one query of the columns its entries show. (Django's Feed class
asks for every attribute of every entry through introspection; with model instances for each
entry, its section and its author, that took most of a feed's time.)
"""

from __future__ import annotations

import io
import re
from typing import Any
from xml.sax.saxutils import escape, quoteattr  # writes XML, parses none  # nosec B406

from django.contrib.syndication.views import add_domain
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, rfc2822_date
from django.utils.http import http_date

from ttdn.content import cache, queries
from ttdn.content.models import article_path
from ttdn.content.public import cached, language_of, site_or_404

FEED_SIZE = 30
_CONTROL = re.compile(r"[\x00-\x08\x0B-\x0C\x0E-\x1F]")
DC = "http://purl.org/dc/elements/1.1/"


def _element(name: str, text: str, attributes: str = "") -> str:
    return f"<{name}{attributes}>{escape(text)}</{name}>" if text else f"<{name}{attributes}/>"


class RssFeed(Rss201rev2Feed):
    """Django's RSS 2.0 feed, the same bytes written by joining strings.

    Django writes through a SAX generator, about a thousand calls for thirty entries: more than
    the query. What the portal's feeds never set (enclosures, comments, e-mail addresses, TTLs,
    style sheets, feed categories) and text XML 1.0 cannot hold go the generator's way.
    """

    def write(self, outfile: Any, encoding: str) -> None:
        feed = self.feed
        unusual = any(feed[k] for k in ("stylesheets", "categories", "feed_copyright", "ttl")) or any(
            item["enclosures"] or item["comments"] or item["author_email"] or item["ttl"]
            or item["unique_id_is_permalink"] is not None or item["description"] is None
            or not (item["link"] and item["unique_id"] and item["pubdate"])
            for item in self.items
        )  # fmt: skip
        if unusual or encoding.lower() != "utf-8" or not feed["feed_url"] or not feed["language"]:
            return super().write(outfile, encoding)
        parts = [
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>',
            _element("title", feed["title"]),
            _element("link", feed["link"]),
            _element("description", feed["description"]),
            f'<atom:link href={quoteattr(feed["feed_url"])} rel="self"/>',
            _element("language", feed["language"]),
            _element("lastBuildDate", rfc2822_date(self.latest_post_date())),
        ]
        for item in self.items:
            parts += [
                "<item>",
                _element("title", item["title"]),
                _element("link", item["link"]),
                _element("description", item["description"]),
            ]
            if item["author_name"]:
                parts.append(
                    _element("dc:creator", item["author_name"], f" xmlns:dc={quoteattr(DC)}")
                )
            parts += [
                _element("pubDate", rfc2822_date(item["pubdate"])),
                _element("guid", item["unique_id"]),
                *(_element("category", category) for category in item["categories"]),
                "</item>",
            ]
        parts.append("</channel></rss>")
        text = "".join(parts)
        if _CONTROL.search(text):  # Django's generator refuses it, and says why
            return super().write(outfile, encoding)
        outfile.write(text)


def _feed(
    request: HttpRequest,
    kind: type[Rss201rev2Feed | Atom1Feed],
    unit_slug: str,
    section_slug: str | None,
) -> HttpResponse:
    """The latest live articles of a site, or of one section of it, in the language asked for."""
    site = site_or_404(unit_slug)
    section = None
    if section_slug:
        section = next((s for s in cache.shown_sections(site) if s.slug == section_slug), None)
        if section is None:
            raise Http404
    language = language_of(request, site)
    domain, secure = request.get_host(), request.is_secure()
    if section:
        title = f"{section.title} — {site.unit.name}"
        link = reverse("portal:section", args=[unit_slug, section.slug])
    else:
        title, link = site.unit.name, reverse("portal:home", args=[unit_slug])
    description = site.tagline or site.unit.name
    feed = kind(
        title=title,
        link=add_domain(domain, link, secure),
        description=description,
        subtitle=description,
        language=language,
        feed_url=add_domain(domain, request.path, secure),
    )
    for entry in queries.feed_entries(site, language, section, limit=FEED_SIZE):
        url = add_domain(domain, article_path(unit_slug, entry.pk, entry.slug), secure)
        feed.add_item(
            title=entry.title,
            link=url,
            description=entry.summary,
            unique_id=url,
            pubdate=entry.published_at,
            updateddate=entry.updated_at,
            author_name=entry.author,
            categories=[entry.section, *entry.tags],
        )
    out = io.StringIO()  # the generator writes a thousand small pieces: not to the response
    feed.write(out, "utf-8")
    response = HttpResponse(out.getvalue(), content_type=feed.content_type)
    response.headers["Last-Modified"] = http_date(feed.latest_post_date().timestamp())
    return response


@cached
def rss(request: HttpRequest, unit_slug: str, section_slug: str | None = None) -> HttpResponse:
    return _feed(request, RssFeed, unit_slug, section_slug)


@cached
def atom(request: HttpRequest, unit_slug: str, section_slug: str | None = None) -> HttpResponse:
    return _feed(request, Atom1Feed, unit_slug, section_slug)
