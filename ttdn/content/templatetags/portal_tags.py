"""Template tags and filters of the public pages, which show dozens of dates and addresses.

Django's `date` filter parses its format and looks up the language's formats on every call,
`{% url %}` walks the URL patterns: these give the same text for a fraction of the cost.
"""

from __future__ import annotations

import datetime

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from ttdn.content.models import Image, public_path

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


@register.simple_tag
def portal_url(name: str, *args: object) -> str:
    """{% url name args %}, remembered (a page's header and footer show a dozen addresses)."""
    return public_path(name, *args)


@register.simple_tag
def picture(image: Image, sizes: str) -> SafeString:
    """The image in a <picture>: WebP and JPEG sources of its renditions, a JPEG fallback.

    Written here rather than as a template: a list of twenty cards rendered twenty templates.
    """
    sources = ""
    if image.renditions:
        sources = format_html(
            '<source type="image/webp" srcset="{webp}" sizes="{sizes}">\n'
            '  <source type="image/jpeg" srcset="{jpeg}" sizes="{sizes}">',
            webp=image.srcset_webp,
            jpeg=image.srcset_jpeg,
            sizes=sizes,
        )
    return format_html(
        '<picture>\n  {}\n  <img src="{}" alt="{}" width="{}" height="{}" loading="lazy">\n</picture>',
        sources,
        image.fallback_url,
        image.alt,
        image.width,
        image.height,
    )
