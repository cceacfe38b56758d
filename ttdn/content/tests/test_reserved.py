"""Every first part of the product's own addresses is reserved: no unit's site can take it."""

import re

from django.conf import settings
from django.urls import URLResolver, get_resolver

from ttdn.content import public_urls


def first_segments(patterns) -> set[str]:
    found = set()
    for pattern in patterns:
        if getattr(pattern, "urlconf_name", None) is public_urls:
            continue  # the sites themselves
        route = re.sub(r"^\^", "", str(pattern.pattern))
        if route.startswith("<unit:"):
            continue  # pages other apps add to the sites (press kit, open data, contest results)
        first = route.split("/", 1)[0]
        if first:
            found.add(first)
        elif isinstance(pattern, URLResolver):
            found |= first_segments(pattern.url_patterns)
    return found


def test_every_first_path_segment_of_the_product_is_reserved():
    segments = first_segments(get_resolver().url_patterns)
    segments |= {settings.STATIC_URL.strip("/"), settings.MEDIA_URL.strip("/")}

    assert sorted(segments - set(public_urls.RESERVED)) == []
    assert {"accounts", "admin", "api", "plans", "reports"} <= segments
