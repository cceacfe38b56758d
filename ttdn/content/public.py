"""The public site of a unit at /<unit slug>/: home, sections, articles, figures, search, sitemap.

Pages are the same for everyone, so whole pages are cached (see `ttdn.content.cache`); the
language is part of the address (`?lang=en`), never a cookie, so a cached page is right for all.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from ttdn.content import cache, colours, queries, serving
from ttdn.content.enums import PALETTE_HEX, Language, Palette, SectionKind
from ttdn.content.forms import SearchForm
from ttdn.content.models import (
    Album,
    AlbumItem,
    Article,
    Attachment,
    Disclosure,
    Exemplar,
    GalleryItem,
    Section,
    Site,
    public_path,
)
from ttdn.core import changes, ratelimit
from ttdn.documents import exports as document_exports
from ttdn.documents.forms import PublicSearchForm
from ttdn.documents.models import Document, OutgoingDocument
from ttdn.documents.queries import issued_on_site, library_page
from ttdn.documents.queries import relations as document_relations
from ttdn.org.models import RESERVED_SLUGS as RESERVED

View = Callable[..., HttpResponse]


def site_or_404(unit_slug: str) -> Site:
    """The site of the unit, with its unit, logo and banner: kept by the process while none of
    those tables is written (every public page reads it). Read only."""
    site = _sites.get(unit_slug, lambda: _site(unit_slug))
    if site is None:
        raise Http404
    return site


def _site(unit_slug: str) -> Site | None:
    return (
        Site.objects.select_related("unit", "logo", "banner").filter(unit__slug=unit_slug).first()
    )


SITE_TABLES = ("content_site", "org_unit", "content_image")
_sites = changes.Keeper(SITE_TABLES)


def language_of(request: HttpRequest, site: Site) -> str:
    """The language asked for in the address, if the site offers it; else Vietnamese."""
    wanted = request.GET.get("lang", Language.VI)
    return wanted if wanted in site.offered else Language.VI


def cached(view: View) -> View:
    """Serve the whole page from the portal cache; render and store it on a miss."""

    @wraps(view)
    def wrapper(request: HttpRequest, unit_slug: str, *args: Any, **kwargs: Any) -> HttpResponse:
        key = cache.page_key(unit_slug, _cache_path(request))
        if hit := cache.get_page(key):
            return HttpResponse(hit[0], content_type=hit[1])
        response = view(request, unit_slug, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set_page(key, response.content, response["Content-Type"])
        return response

    return require_GET(wrapper)


def cached_page(request: HttpRequest, unit_slug: str) -> HttpResponse | None:
    """The cached page a GET asks for, if any (middleware.PortalCacheMiddleware, before the view
    is even resolved). The key is the view's own: a site's pages are all at /<unit slug>/…, and
    only the cached views above store pages, so no other address ever finds one."""
    hit = cache.get_page(cache.page_key(unit_slug, _cache_path(request)))
    return HttpResponse(hit[0], content_type=hit[1]) if hit else None


def _cache_path(request: HttpRequest) -> str:
    """The path and the parameters that change a page: other parameters never grow the cache."""
    kept = [f"{name}={request.GET[name]}" for name in ("lang", "page") if name in request.GET]
    return request.path + ("?" + "&".join(kept) if kept else "")


def _search_limit() -> ratelimit.Limit:
    return ratelimit.Limit("portal-search", settings.PORTAL_SEARCH_PER_MINUTE, 60)


def _render(
    request: HttpRequest, site: Site, template: str, context: dict[str, Any]
) -> HttpResponse:
    language = context.get("language") or language_of(request, site)
    with translation.override(language):
        context = {"site": site, "unit": site.unit, "language": language, **context}
        context["sections"] = cache.shown_sections(site)
        context["menu"] = cache.menu(site)
        context["languages"] = [(code, Language(code).label) for code in site.offered]
        return render(request, template, context)


def render_page(
    request: HttpRequest, site: Site, template: str, context: dict[str, Any]
) -> HttpResponse:
    """A page of the site in its frame (sections, languages), for the apps that add pages to
    the portal (activities: contest results)."""
    return _render(request, site, template, context)


@cached
def home(request: HttpRequest, unit_slug: str) -> HttpResponse:
    site = site_or_404(unit_slug)
    page = queries.home(site, language_of(request, site), cache.shown_sections(site))
    return _render(request, site, "content/public/home.html", {"home": page})


@cached
def section(
    request: HttpRequest, unit_slug: str, section_slug: str, monday: str = ""
) -> HttpResponse:
    site = site_or_404(unit_slug)
    chosen = next((s for s in cache.shown_sections(site) if s.slug == section_slug), None)
    if chosen is None or (monday and chosen.kind != SectionKind.SCHEDULE):
        raise Http404
    if chosen.kind == SectionKind.SCHEDULE:
        return _schedule(request, site, chosen, monday)
    if chosen.kind == SectionKind.DISCLOSURE:
        context = {"section": chosen, "years": queries.public_disclosures(site, _today())}
        return _render(request, site, "content/public/disclosure.html", context)
    if chosen.kind == SectionKind.LIBRARY:
        return redirect("portal:documents", unit_slug)
    if chosen.kind == SectionKind.ALBUMS:
        context = {"section": chosen, "page": queries.public_albums(site, request.GET.get("page"))}
        return _render(request, site, "content/public/albums.html", context)
    language = language_of(request, site)
    context = {
        "section": chosen,
        "page": queries.section_page(site, chosen, language, request.GET.get("page")),
        "exemplars": site.exemplars.public().select_related("photo")
        if chosen.kind == SectionKind.EXEMPLARS
        else [],
        "documents": chosen.kind == SectionKind.DOCUMENTS,
        "about": queries.about(site) if chosen.kind == SectionKind.ABOUT else None,
    }
    return _render(request, site, "content/public/section.html", context)


def _today() -> datetime.date:
    return timezone.localdate()


def _schedule(request: HttpRequest, site: Site, chosen: Section, monday: str) -> HttpResponse:
    """The week's schedule: this week, or the week of the Monday in the address."""
    day = _today()
    if monday:
        try:
            day = datetime.date.fromisoformat(monday)
        except ValueError:
            raise Http404 from None
        if day.weekday() != 0 or not 2000 <= day.year <= 2100:
            raise Http404
    context = {"section": chosen, "week": queries.schedule_week(site, day), "today": _today()}
    return _render(request, site, "content/public/schedule.html", context)


@require_GET
def disclosure_file(request: HttpRequest, unit_slug: str, pk: int) -> FileResponse:
    """The file of a published disclosure: public documents, every version."""
    found = get_object_or_404(Disclosure, pk=pk, site__unit__slug=unit_slug)
    if not found.file:
        raise Http404
    return serving.disclosure_file(found)


@require_GET
def robots(request: HttpRequest, unit_slug: str) -> HttpResponse:
    """robots.txt of a site: everything may be read except search results; the sitemap."""
    site = site_or_404(unit_slug)
    sitemap = request.build_absolute_uri(public_path("portal:sitemap", site.unit.slug))
    search = public_path("portal:search", site.unit.slug)
    body = f"User-agent: *\nDisallow: {search}\nSitemap: {sitemap}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


@require_GET
def stylesheet(request: HttpRequest, unit_slug: str) -> HttpResponse:
    """The site's two colours as a stylesheet (no inline style under the CSP). Pages link it
    with the colours in its query, so a changed colour is a new address and this may be kept."""
    site = site_or_404(unit_slug)
    brand = site.colour if colours.HEX.match(site.colour) else PALETTE_HEX[Palette.NAVY]
    accent = site.accent if colours.HEX.match(site.accent) else PALETTE_HEX[Palette.RED]
    body = f"body.portal {{ --brand: {brand}; --accent: {accent}; }}\n"
    response = HttpResponse(body, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


@require_GET
def favicon(request: HttpRequest, unit_slug: str) -> HttpResponse:
    """The site's logo (its smallest public rendition) as its icon, or the product's."""
    site = site_or_404(unit_slug)
    logo = site.logo
    if logo is not None and logo.withdrawn_at is None and logo.renditions:
        return redirect(f"{settings.MEDIA_URL}{logo.renditions[0]['jpeg']}")
    return redirect(static("ttdn/favicon.svg"))


def not_found(request: HttpRequest) -> HttpResponse | None:
    """A 404 under a site's address, in the site's own look (core.errors asks every registered
    app); None when the address is not a site's."""
    first = request.path_info.lstrip("/").split("/", 1)[0]
    if not first or first in RESERVED:
        return None
    site = Site.objects.select_related("unit", "logo", "banner").filter(unit__slug=first).first()
    if site is None:
        return None
    response = _render(request, site, "content/public/404.html", {"missing": True})
    response.status_code = 404
    return response


@cached
def article(request: HttpRequest, unit_slug: str, pk: int, slug: str) -> HttpResponse:
    site = site_or_404(unit_slug)
    found = queries.public_article(site, pk)
    if found is None:
        raise Http404
    if slug != found.slug:
        return redirect(found, permanent=True)
    # 2 queries, for the few articles with a gallery or attachments
    gallery, attachments = queries.article_media(found) if found.has_media else ([], [])
    context = {
        "article": found,
        "gallery": gallery,
        "attachments": attachments,
        "language": found.language,
        "translations": queries.translations(found),
        "cover": found.cover if found.cover and found.cover.withdrawn_at is None else None,
    }
    return _render(request, site, "content/public/article.html", context)


@cached
def exemplar(request: HttpRequest, unit_slug: str, pk: int) -> HttpResponse:
    site = site_or_404(unit_slug)
    figure = get_object_or_404(Exemplar.objects.public().filter(site=site), pk=pk)
    articles = queries.public_articles(site, language_of(request, site)).filter(exemplar=figure)
    context = {"exemplar": figure, "articles": list(articles[:20])}
    return _render(request, site, "content/public/exemplar.html", context)


@cached
def album(request: HttpRequest, unit_slug: str, pk: int) -> HttpResponse:
    """A published album: its photos (those it may show) and its videos as links."""
    site = site_or_404(unit_slug)
    found = get_object_or_404(Album.objects.live().filter(site=site), pk=pk)
    prefetch_related_objects([found], queries.SHOWN_ITEMS)
    chosen = next((s for s in cache.shown_sections(site) if s.kind == SectionKind.ALBUMS), None)
    return _render(request, site, "content/public/album.html", {"album": found, "list": chosen})


@require_GET
def album_file(
    request: HttpRequest, unit_slug: str, pk: int, width: int, extension: str
) -> FileResponse:
    """A picture of an album (a photo or a video's poster), only while the album is published
    and the picture may be shown (not withdrawn, pupils only with valid consents)."""
    item = get_object_or_404(
        AlbumItem.objects.shown().select_related("image"),
        pk=pk,
        album__in=Album.objects.live().filter(site__unit__slug=unit_slug),
    )
    return serving.gallery_file(item, width, extension)


@require_GET
def gallery_file(
    request: HttpRequest, unit_slug: str, pk: int, width: int, extension: str
) -> FileResponse:
    """A gallery picture, only while its article is live and the picture not withdrawn."""
    item = get_object_or_404(
        GalleryItem.objects.select_related("image"),
        pk=pk,
        article__in=Article.objects.live().filter(site__unit__slug=unit_slug),
    )
    return serving.gallery_file(item, width, extension)


@require_GET
def attachment(request: HttpRequest, unit_slug: str, pk: int) -> FileResponse:
    """An attached file, only while its article is live: never a raw media address."""
    found = get_object_or_404(
        Attachment, pk=pk, article__in=Article.objects.live().filter(site__unit__slug=unit_slug)
    )
    return serving.attachment_file(found)


@require_GET
def search(request: HttpRequest, unit_slug: str) -> HttpResponse:
    site = site_or_404(unit_slug)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    language = language_of(request, site)
    # Searching is the one public page that cannot be cached: an address gets so many a minute.
    limited = _over_limit(request, query)
    results = queries.search_site(site, query, language) if query and not limited else []
    context = {"form": form, "query": query, "results": results, "limited": limited}
    return _limited(_render(request, site, "content/public/search.html", context), limited)


def _over_limit(request: HttpRequest, query: str) -> bool:
    """Whether this address has searched more than the minute's limit (counting this one)."""
    limit = _search_limit()
    return bool(query) and ratelimit.count(request, limit) > limit.count


def _limited(response: HttpResponse, limited: bool) -> HttpResponse:
    """The page, answered 429 with when to try again when the search was over the limit."""
    if limited:
        response.status_code = 429
        response["Retry-After"] = str(_search_limit().seconds)
    return response


@require_GET
def documents(request: HttpRequest, unit_slug: str) -> HttpResponse:
    """The unit's public documents in the site's look: those it issued and shows from its
    outgoing register (newest first, each with its DOCX), then those of the library it
    published. Not cached: the lists follow the library's publications and the register's
    marks, which the portal's cache does not see, and searching is limited like the site's
    search."""
    site = site_or_404(unit_slug)
    form = PublicSearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    limited = _over_limit(request, query)
    searched = "" if limited else query
    library = library_page(
        Document.objects.published_by(site.unit), q=searched, page=request.GET.get("page")
    )
    issued = issued_on_site(site.unit, q=searched, page=request.GET.get("issued_page"))
    section = next((s for s in cache.shown_sections(site) if s.kind == SectionKind.LIBRARY), None)
    context = {
        "form": form,
        "library": library,
        "issued": issued,
        "query": query,
        "section": section,
    }
    return _limited(_render(request, site, "content/public/documents.html", context), limited)


@require_GET
def document(request: HttpRequest, unit_slug: str, pk: int) -> HttpResponse:
    """One public document of the unit, its files and full text, in the site's look."""
    site = site_or_404(unit_slug)
    published = Document.objects.published_by(site.unit)
    found = get_object_or_404(published, pk=pk)
    context = {
        "document": found,
        "files": found.files.all(),
        "relations": document_relations(found, published),
    }
    return _render(request, site, "content/public/document.html", context)


@require_GET
def outgoing_file(request: HttpRequest, unit_slug: str, pk: int) -> HttpResponse:
    """The frozen DOCX of a document the unit issued, only while its site shows it (marked
    published and not withdrawn): any other entry of any register is not found."""
    site = site_or_404(unit_slug)
    found = get_object_or_404(OutgoingDocument.objects.on_site_of(site.unit), pk=pk)
    return document_exports.docx_response(found)


@cached
def sitemap(request: HttpRequest, unit_slug: str) -> HttpResponse:
    site = site_or_404(unit_slug)
    articles = (
        Article.objects.live()
        .filter(site=site)
        .select_related("site__unit")
        .order_by("-published_at")
    )
    albums = site.albums.live().order_by("-date", "-pk").only("pk", "updated_at")[:5000]
    context = {
        "site": site,
        "sections": site.sections.shown(),
        "articles": articles[:5000],
        "albums": albums,
    }
    return render(request, "content/public/sitemap.xml", context, content_type="application/xml")
