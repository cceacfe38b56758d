"""Request-wide concerns: the address for the audit log, and two-factor enforcement."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django_otp import user_has_device

from ttdn.core import access
from ttdn.core.context import RequestInfo, current_request

OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz", "/media/")


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for the audit log and the sign-in lock-out: REMOTE_ADDR, or behind
    TRUSTED_PROXY_HOPS proxies the X-Forwarded-For entry the outermost one appended (the n-th
    from the right). Entries to its left were written by the client and are ignored; a header
    with too few entries or a malformed address falls back to REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR") or None
    hops = settings.TRUSTED_PROXY_HOPS
    entries = [e.strip() for e in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    entries = [e for e in entries if e]
    if hops <= 0 or len(entries) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-hops]))
    except ValueError:
        return remote


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user_id = request.user.pk if request.user.is_authenticated else None
        token = current_request.set(RequestInfo(ip_address=client_ip(request), user_id=user_id))
        try:
            return self.get_response(request)
        finally:
            current_request.reset(token)


class PrivateCacheMiddleware:
    """Nothing shown to a signed-in person, or to an API token, is kept by a browser or a shared
    cache: every such response, page or internal download, says `private, no-store`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        signed_in = getattr(request, "user", None) is not None and request.user.is_authenticated
        if signed_in or "HTTP_AUTHORIZATION" in request.META:
            response.headers["Cache-Control"] = "private, no-store"
        return response


class TwoFactorMiddleware:
    """A person with a TOTP device must enter a code before anything else; leaders and
    operators must set one up first when TTDN_REQUIRE_2FA is on."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated or request.path.startswith(OPEN_PREFIXES):
            return self.get_response(request)
        if user_has_device(user):
            if not user.is_verified():  # type: ignore[attr-defined]
                return redirect("two_factor_verify")
        elif settings.REQUIRE_2FA and access.needs_two_factor(user):
            return redirect("two_factor_setup")
        return self.get_response(request)


class LanguageMiddleware:
    """Vietnamese unless the person chose English with the switch (a cookie).

    The browser's Accept-Language is ignored in the UI: officials' machines often say English
    while they work in Vietnamese. API clients may still ask for English with Accept-Language.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = self.language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(
            response,
            ["Cookie", "Accept-Language"] if request.path.startswith("/api/") else ["Cookie"],
        )
        return response

    def language_for(self, request: HttpRequest) -> str:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen and translation.check_for_language(chosen) and chosen in dict(settings.LANGUAGES):
            return chosen
        if request.path.startswith("/api/"):
            return translation.get_language_from_request(request)
        return settings.LANGUAGE_CODE
