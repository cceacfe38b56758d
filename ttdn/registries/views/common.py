"""What every registry screen shares: the units a person records for, the form page, paging,
the "run a service with a document" step."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from ttdn import docgen
from ttdn.core import access
from ttdn.core.feedback import errors_of
from ttdn.documents.printing import incomplete_message
from ttdn.registries import rules

PAGE_SIZE = 50
INCOMPLETE = gettext_lazy("The document cannot be issued yet; it lacks: %(parts)s.")


def page_of(request: HttpRequest, rows: QuerySet[Any]) -> Page:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def recording_units(request: HttpRequest) -> Any:
    return rules.recording_units(request.user)


def can_record(request: HttpRequest) -> bool:
    return any(m.role in access.WRITING_ROLES for m in access.memberships(request.user))


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    back: str,
    intro: str = "",
    multipart: bool = False,
) -> HttpResponse:
    context = {"form": form, "title": title, "back": back, "intro": intro, "multipart": multipart}
    return render(request, "registries/form.html", context)


def apply_errors(form: Any, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its fields where it names them."""
    if hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def save_or_show(form: Any, service: Callable[[], Any]) -> Any:
    """Run `service` once the form is valid; a refusal lands on the form. The service's result,
    or None when it refused."""
    try:
        return service()
    except ValidationError as error:
        apply_errors(form, error)
    return None


def issue(request: HttpRequest, success: str, service: Callable[[], Any]) -> bool:
    """Run a service that issues a document; show its success or why it was refused."""
    try:
        service()
    except docgen.DocumentIncomplete as error:
        messages.error(request, incomplete_message(INCOMPLETE, error))
    except (ValidationError, PermissionDenied) as error:
        for message in errors_of(error):
            messages.error(request, message)
    else:
        messages.success(request, success)
        return True
    return False
