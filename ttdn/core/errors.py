"""Error pages in the product's look; JSON with a message under /api/."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import defaults


def _api_error(request: HttpRequest, status: int, message: str) -> JsonResponse | None:
    if request.path.startswith("/api/"):
        return JsonResponse({"message": message}, status=status)
    return None


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _api_error(request, 400, _("Bad request.")) or defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _api_error(request, 403, _("You may not do this.")) or defaults.permission_denied(
        request, exception
    )


NotFoundPage = Callable[[HttpRequest], HttpResponse | None]
_not_found_pages: list[NotFoundPage] = []


def register_not_found(page: NotFoundPage) -> None:
    """Let an app answer a 404 in its own look (the portal, under a site's address): `page`
    returns the response, or None when the address is not its. Idempotent."""
    if page not in _not_found_pages:
        _not_found_pages.append(page)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if api := _api_error(request, 404, _("Not found.")):
        return api
    for page in _not_found_pages:
        if (response := page(request)) is not None:
            return response
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if response := _api_error(request, 500, _("Internal error; it has been logged.")):
        return response
    return HttpResponse(loader.get_template("500.html").render(), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The form was stale or came from elsewhere: explain, in the product's look."""
    return HttpResponse(loader.get_template("403_csrf.html").render({}, request), status=403)
