"""Template tags and filters of the public pages, which show dozens of dates and addresses.

Django's `date` filter parses its format and looks up the language's formats on every call,
`{% url %}` walks the URL patterns: these give the same text for a fraction of the cost.
"""

from __future__ import annotations

import datetime
from html import escape

from django import template
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from ttdn.content import links
from ttdn.content.models import Article, GalleryItem, Image, Section, Site, public_path

register = template.Library()


@register.filter(expects_localtime=True)
def isoformat(value: datetime.datetime | None) -> str:
    """The moment in ISO 8601, in local time, to the second (HTML's valid date and time string
    takes no more than milliseconds; the validator refuses Django's microseconds)."""
    return value.replace(microsecond=0).isoformat() if value else ""


@register.filter(expects_localtime=True)
def day_month_year(value: datetime.date | None) -> str:
    """29/11/2026: what `date:"d/m/Y"` prints."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


@register.filter(expects_localtime=True)
def hour_minute(value: datetime.datetime | None) -> str:
    """08:05: what `time:"H:i"` prints."""
    return f"{value.hour:02d}:{value.minute:02d}" if value else ""


@register.filter
def video_host(url: str) -> str:
    """The service a video link leads to, named as people know it ("YouTube")."""
    return links.video_service(url)


@register.simple_tag
def portal_url(name: str, *args: object) -> str:
    """{% url name args %}, remembered (a page's header and footer show a dozen addresses)."""
    return public_path(name, *args)


@register.simple_tag(takes_context=True)
def frame(context: template.Context, name: str) -> SafeString:
    """A part of the frame every public page shares (the links in its head, its header, its
    footer): the template `name` rendered in the page's context, without its file's final
    newline.

    Kept on the site object for its language: rendering them cost more than an article's own
    content. A site is read from what the process keeps (public.site_or_404), which is a new
    object as soon as the site, its unit or its pictures change, so nothing kept there outlives
    what it shows; a site read afresh is used once. The words searched, which the header shows,
    are never kept; the menu, which marks the page's own section, is not part of the frame.
    """
    site = context.get("site")
    if not isinstance(site, Site) or context.get("unit") is not site.unit or context.get("query"):
        return _frame(context, name)
    key = (name, translation.get_language(), context.get("language"))
    kept: dict[tuple[object, ...], SafeString] = site.__dict__.setdefault("_kept_frame", {})
    if (part := kept.get(key)) is None:
        part = kept[key] = _frame(context, name)
    return part


def _frame(context: template.Context, name: str) -> SafeString:
    engine = context.template.engine if context.template else template.Engine.get_default()
    text = engine.get_template(name).render(context)
    return mark_safe(text.removesuffix("\n"))  # noqa: S308  (rendered by an autoescaping template)


@register.simple_tag(takes_context=True)
def menu(context: template.Context) -> SafeString:
    """The site's menu (`cache.menu`), the page's own section marked: what a template of two
    loops wrote with a dozen {% portal_url %}, a third of a page's rendering, for a tenth of it."""
    # A page rendered without the portal's frame context (stats' press pages) shows no links.
    menu: list[tuple[Section, list[Section]]] = context.get("menu") or []
    unit, language, current = (
        context.get("unit"),
        context.get("language", ""),
        context.get("section"),
    )
    query = f"?lang={_e(language)}" if language != "vi" else ""

    def link(section: Section) -> str:
        path = public_path("portal:section", unit.slug, section.slug)  # type: ignore[union-attr]
        here = ' aria-current="page"' if section == current else ""
        return f'<a href="{_e(path)}{query}"{here}>{_e(section.title)}</a>'

    items = []
    for parent, children in menu:
        below = ""
        if children:
            below = (
                '\n        <ul class="portal-subnav">\n          '
                + "".join(f"<li>{link(child)}</li>" for child in children)
                + "\n        </ul>\n        "
            )
        items.append(f"\n      <li>{link(parent)}\n        {below}\n      </li>\n      ")
    label = _e(gettext("Sections"))
    return mark_safe(  # noqa: S308  (every value escaped here)
        f'<nav class="portal-nav" aria-label="{label}">\n    <ul>\n      {"".join(items)}'
        "\n    </ul>\n  </nav>"
    )


@register.simple_tag
def picture(image: Image, sizes: str) -> SafeString:
    """The image in a <picture>: WebP and JPEG sources of its renditions, a JPEG fallback.

    Written here rather than as a template: a list of twenty cards rendered twenty templates.
    Escaped with the standard library's `escape`, which Django's own calls: its lazy-aware
    wrappers cost more than the escaping on a list's hundred values.
    """
    sources = ""
    if image.renditions:
        size = _e(sizes)
        sources = (
            f'<source type="image/webp" srcset="{_e(image.srcset_webp)}" sizes="{size}">\n'
            f'  <source type="image/jpeg" srcset="{_e(image.srcset_jpeg)}" sizes="{size}">'
        )
    return mark_safe(  # noqa: S308  (every value escaped above or here)
        f'<picture>\n  {sources}\n  <img src="{_e(image.fallback_url)}" alt="{_e(image.alt)}" '
        f'width="{_e(image.width)}" height="{_e(image.height)}" loading="lazy">\n</picture>'
    )


@register.simple_tag
def gallery_srcset(unit_slug: str, item: GalleryItem, extension: str) -> str:
    """The srcset of a gallery picture's renditions in `extension`, each at the portal's address
    that checks the article is live (public.gallery_file): a loop of {% portal_url %} in the
    template cost more than the rest of the picture."""
    return ", ".join(
        f"{public_path('portal:gallery_file', unit_slug, item.pk, r['width'], extension)} "
        f"{r['width']}w"
        for r in item.image.renditions
    )


@register.simple_tag
def card(item: Article, show_unit: bool = False) -> SafeString:
    """An article's card in a list: its cover, title, date, section (and unit, on an office's
    home, which shows its subtree's news) and summary. Written here for the reasons above."""
    cover = item.cover
    figure = (
        picture(cover, "(min-width: 900px) 20rem, 100vw")
        if cover is not None and not cover.withdrawn_at
        else ""
    )
    published = timezone.localtime(item.published_at) if item.published_at else None
    unit = f" · {_e(item.site.unit.short_name or item.site.unit.name)}" if show_unit else ""
    return mark_safe(  # noqa: S308  (every value escaped here)
        f'<article class="card">\n  {figure}\n'
        f'  <h3><a href="{_e(item.get_absolute_url())}">{_e(item.title)}</a></h3>\n'
        f'  <p class="help"><time datetime="{isoformat(published)}">'
        f"{day_month_year(published)}</time> · {_e(item.section.title)}{unit}</p>\n"
        f"  <p>{_e(item.summary)}</p>\n</article>"
    )


def _e(value: object) -> str:
    return escape(str(value))
