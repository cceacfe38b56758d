"""API plumbing shared by every app: authentication, JSON errors, and /me."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django_otp import user_has_device
from ninja import Field, NinjaAPI, Path, Router, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer, SessionAuth

from ttdn.core import access, services

# Every integer a client sends is bounded, so that no value reaches the database that it cannot
# hold (an offset above 2^63 - 1 was a 500): out of bounds is a 422 like any invalid value.
MAX_ID = 2**63 - 1
MAX_OFFSET = 10**9
FIRST_YEAR, LAST_YEAR = 1900, 2100


def id_in_path(description: str = "") -> Any:
    """A primary key in the path: 1 to 2^63 - 1."""
    return Path(..., ge=1, le=MAX_ID, description=description)


def offset_field(**kwargs: Any) -> Any:
    """How many items to skip: 0 to 10^9."""
    return Field(0, ge=0, le=MAX_OFFSET, description="items to skip", **kwargs)


def year_field(default: Any = None, **kwargs: Any) -> Any:
    """A calendar year, 1900 to 2100."""
    return Field(default, ge=FIRST_YEAR, le=LAST_YEAR, **kwargs)


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


ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "message": {"type": "string", "description": "what went wrong, for a person"},
        "errors": {
            "type": "array",
            "items": {"type": "object"},
            "description": "422 only: each invalid value, where it is and why",
        },
    },
    "required": ["message"],
}
ERROR_MEANINGS = {
    400: "The request could not be read (malformed JSON, a bad Host header).",
    401: "No valid API token (or a token that expired).",
    403: "The caller may see this but not do this.",
    404: "No such object, or not visible to the caller.",
    409: "The object changed or its state does not allow this now.",
    422: "A parameter or a value is not valid: out of bounds, wrong type, refused by a check.",
}


class DocumentedAPI(NinjaAPI):
    """The API whose OpenAPI document lists, for each operation, the error answers it may give,
    each a JSON `Error` body: 400, 404 and 422 for every operation, 401 and 403 when a token is
    needed, 409 for writes."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        for path_item in schema["paths"].values():
            for method, operation in path_item.items():
                for status in _error_statuses(method, operation):
                    operation["responses"].setdefault(
                        status,
                        {
                            "description": ERROR_MEANINGS[status],
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                    )
        return schema


def _error_statuses(method: str, operation: dict[str, Any]) -> list[int]:
    statuses = [400, 404, 422]  # 404: an object named in the path or in a parameter (a unit code)
    if operation.get("security"):
        statuses += [401, 403]
    if method in ("post", "put", "patch", "delete"):
        statuses += [403, 409]
    return sorted(set(statuses))


def caller(request: HttpRequest) -> Any:
    """The authenticated user of an API request (token or session)."""
    return request.auth  # type: ignore[attr-defined]


def install_error_handlers(api: NinjaAPI) -> None:
    """Every error is JSON with a `message`; validation errors list what was wrong."""

    def reply(request: HttpRequest, status: int, message: str, **extra: Any) -> HttpResponse:
        return api.create_response(request, {"message": message, **extra}, status=status)

    def unauthenticated(request: HttpRequest, error: Any) -> HttpResponse:
        return reply(request, 401, _("Authentication required: send a valid API token."))

    def forbidden(request: HttpRequest, error: Any) -> HttpResponse:
        return reply(request, 403, str(error) or _("You may not do this."))

    def not_found(request: HttpRequest, error: Any) -> HttpResponse:
        return reply(request, 404, _("Not found."))

    def invalid(request: HttpRequest, error: Any) -> HttpResponse:
        return reply(request, 422, _("The request is not valid."), errors=error.errors)

    def http_error(request: HttpRequest, error: Any) -> HttpResponse:
        return reply(request, error.status_code, str(error))

    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(ValidationError, invalid)
    api.add_exception_handler(HttpError, http_error)


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
    user = caller(request)
    memberships = [
        MembershipOut(unit=m.unit.code, unit_name=m.unit.name, role=m.role)
        for m in access.memberships(user)
    ]
    return MeOut(
        username=user.username,
        full_name=user.get_full_name(),
        email=user.email,
        is_operator=access.is_operator(user),
        memberships=memberships,
    )
