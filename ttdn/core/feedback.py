"""Running one service from a view and telling the person how it went."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _


def errors_of(error: ValidationError | PermissionDenied) -> list[str]:
    """The messages a refusal carries, in the person's words."""
    if isinstance(error, PermissionDenied):
        return [str(error) or _("You may not do this.")]
    return [str(m) for m in error.messages]


def attempt(
    request: HttpRequest,
    success: str | Callable[[], str],
    service: Callable[..., Any],
    *args: Any,
    **kwargs: Any,
) -> bool:
    """Run one service; show `success` or each reason it was refused. A refusal changes nothing.

    Services refuse with ValidationError (InvalidTransition is one) or PermissionDenied.
    `success` may be a function that words the message once the service has run (to say what
    it changed).
    """
    try:
        service(*args, **kwargs)
    except (ValidationError, PermissionDenied) as error:
        for message in errors_of(error):
            messages.error(request, message)
        return False
    messages.success(request, success() if callable(success) else success)
    return True
