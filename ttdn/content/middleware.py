"""The public sites' middleware: a unit's own host name serves its site, and cached pages are
answered before the sign-in machinery runs."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

from ttdn.content.cache import ALIAS
from ttdn.content.public import cached_page
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


class PortalCacheMiddleware:
    """Answer a cached public page before sessions, sign-in, two-factor and CSRF run.

    Only a GET without a session or messages cookie is answered here: anyone else goes through
    the whole stack (a signed-in person may have to enter a code first), where the view's own
    lookup answers. It sits after SiteHostMiddleware (a unit's host name has become its path) and
    inside the middleware that set headers on every response (security, CSP, language, frame
    options), so a page from here carries the headers a rendered one does.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        anonymous = not (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            or CookieStorage.cookie_name in request.COOKIES
        )
        if request.method == "GET" and anonymous:
            first = request.path_info.lstrip("/").split("/", 1)[0]
            if first and first not in RESERVED and (hit := cached_page(request, first)):
                return hit
        return self.get_response(request)
