"""Request-wide concerns: the request's id and counts, the address for the audit log, and
two-factor enforcement."""

from __future__ import annotations

import ipaddress
import re
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django_otp import user_has_device

from ttdn.core import access, metrics
from ttdn.core.context import RequestInfo, current_request, current_request_id

OPEN_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/healthz", "/media/")
# An X-Request-ID worth keeping (nginx's $request_id, a load balancer's UUID): short, and nothing
# that could forge or break a log line. Anything else is replaced by an id of our own.
REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")


class RequestIdMiddleware:
    """Gives each request an id: the proxy's X-Request-ID when it is sane, else a new one. Every
    log line written while serving the request carries it (ttdn.core.logs), and the response
    returns it in X-Request-ID."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        # Kept until the response is closed, not just until this returns: Django logs a 4xx or
        # 5xx answer ("Not Found: …") after the whole middleware chain has run.
        current_request_id.set(request_id)
        response = self.get_response(request)
        response.headers["X-Request-ID"] = request_id
        return response


@receiver(request_finished, dispatch_uid="ttdn.core.middleware.forget_request_id")
def forget_request_id(**kwargs: object) -> None:
    current_request_id.set(None)


class RequestMetricsMiddleware:
    """Counts every answer by view (its URL name), method and status for /metrics."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        metrics.count_request(
            view=self.view_name(request), method=request.method or "", status=response.status_code
        )
        return response

    def view_name(self, request: HttpRequest) -> str:
        """The URL name of the view that answered, or would have: a page served from the
        portal's cache never reached URL resolution. Empty when no URL matches."""
        match = request.resolver_match
        if match is None:
            try:
                match = resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404:
                return ""
        return match.view_name


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
