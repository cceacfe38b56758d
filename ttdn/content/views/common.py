"""What the editorial screens share: running a service and telling the person how it went."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from ttdn.content.models import (
    EDITING_ROLES,
    Site,
)
from ttdn.core import access


def errors_of(error: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(error, PermissionDenied):
        return [str(error) or _("You may not do this.")]
    return [str(m) for m in error.messages]


def attempt(
    request: HttpRequest, success: str, service: Callable[..., Any], *args: Any, **kwargs: Any
) -> bool:
    """Run one service; tell the person how it went. A refusal changes nothing."""
    try:
        service(*args, **kwargs)
    except (ValidationError, PermissionDenied) as error:
        for message in errors_of(error):
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True


def writable_site(request: HttpRequest, code: str) -> Site:
    units = access.supervised_units(request.user, EDITING_ROLES)
    return get_object_or_404(
        Site.objects.select_related("unit"), unit__in=units.values("pk"), unit__code=code
    )
