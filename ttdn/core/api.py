"""API plumbing shared by every app: authentication, JSON errors, and /me."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_otp import user_has_device
from ninja import NinjaAPI, Router, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from ttdn.core import access, services


class TokenAuth(HttpBearer):
    """`Authorization: Bearer ttdn_…` with a personal API token."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        return services.user_for_key(token)


class VerifiedSessionAuth(SessionAuth):
    """The browser session, once two-factor verification (if set up) is done."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = super().authenticate(request, key)
        if user is None or (user_has_device(user) and not user.is_verified()):
            return None
        return user


def install_error_handlers(api: NinjaAPI) -> None:
    """Every error is JSON with a `message`; validation errors list what was wrong."""

    def reply(request: HttpRequest, status: int, message: str, **extra: Any) -> HttpResponse:
        return api.create_response(request, {"message": message, **extra}, status=status)

    api.add_exception_handler(AuthenticationError, lambda r, e: reply(r, 401, _("Authentication required: send a valid API token.")))
    api.add_exception_handler(PermissionDenied, lambda r, e: reply(r, 403, str(e) or _("You may not do this.")))
    api.add_exception_handler(Http404, lambda r, e: reply(r, 404, _("Not found.")))
    api.add_exception_handler(ValidationError, lambda r, e: reply(r, 422, _("The request is not valid."), errors=e.errors))
    api.add_exception_handler(HttpError, lambda r, e: reply(r, e.status_code, str(e)))


class MembershipOut(Schema):
    unit: str
    unit_name: str
    role: str


class MeOut(Schema):
    username: str
    full_name: str
    email: str
    is_operator: bool
    memberships: list[MembershipOut]


router = Router(tags=["me"])


@router.get("/me", response=MeOut, summary="The calling user and their memberships")
def me(request: HttpRequest) -> MeOut:
    user = request.auth  # type: ignore[attr-defined]
    memberships = [
        MembershipOut(unit=m.unit.code, unit_name=m.unit.name, role=m.role) for m in access.memberships(user)
    ]
    return MeOut(
        username=user.username, full_name=user.get_full_name(), email=user.email,
        is_operator=access.is_operator(user), memberships=memberships,
    )
