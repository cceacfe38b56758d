"""Sign in with a user name or an e-mail address."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from ttdn.org.models import User


def resolve_username(login: str) -> str:
    """The user name behind `login`, which may be an e-mail address (case-insensitive)."""
    login = login.strip()
    if "@" in login:
        user = User.objects.filter(email__iexact=login).only("username").first()
        if user is not None:
            return user.username
    return login


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """Count failures per account, whichever of its names was typed."""
    login = (credentials or {}).get("username") or request.POST.get("username", "")
    return resolve_username(str(login))


class UsernameOrEmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any | None:
        if username is None:
            return None
        return super().authenticate(
            request, username=resolve_username(username), password=password, **kwargs
        )
