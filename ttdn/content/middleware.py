"""A unit's own host name serves its site: thcs-hongbang.example.vn/ is /<its slug>/."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

from ttdn.content.cache import ALIAS
from ttdn.content.public_urls import RESERVED
from ttdn.org.models import Unit

HOST_SECONDS = 300


def site_slug_for_host(host: str) -> str:
    """The slug of the unit whose public host name is `host`, or "" (remembered for a while)."""
    key = f"content:host:{host}"
    slug = caches[ALIAS].get(key)
    if slug is None:
        slug = Unit.objects.filter(hostname=host).values_list("slug", flat=True).first() or ""
        caches[ALIAS].set(key, slug, HOST_SECONDS)
    return str(slug)


class SiteHostMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        host = request.get_host().rsplit(":", 1)[0].lower()
        if host in settings.PRODUCT_HOSTS:  # the product's own names: never a unit's site
            return self.get_response(request)
        slug = site_slug_for_host(host)
        first = request.path_info.lstrip("/").split("/", 1)[0]
        if slug and first != slug and first not in RESERVED:
            request.path_info = f"/{slug}{request.path_info}"
        return self.get_response(request)
