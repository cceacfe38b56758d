"""Requesting every URL and API operation as each member of the cast, and naming the outcome.

Outcomes, one letter per person (`ROLES` order):
  o  served: 2xx, or a redirect anywhere but the sign-in page, and nothing was written
  w  served as `o`, and the request wrote to the database (`WRITES`): a POST carried out, or a
     page that records something when read
  L  sent to sign in (a redirect to the sign-in page, or the API's 401)
  x  not found or refused (404, 403): nothing tells the person the object exists
  m  method not allowed (405)
  b  bad request (400) or refused input (422)
  !  served, and the page names the other province: a leak
  E  a server error: never expected
"""

from __future__ import annotations

import json
import re
from http.cookies import SimpleCookie
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("anonymous", "outsider", "viewer", "editor", "officer", "leader", "operator")
# Against the other province's object: its own person, then the weakest and the strongest
# member of ours (viewer and leader; editor and officer hold roles between the two).
AWAY_ROLES = ("outsider", "viewer", "leader")
# What names each province on a page: its units' codes and names (tests/access/world.py).
MARKERS = {
    "home": ("PGD-HB", "HB-A", "Hồng Bàng"),
    "away": ("SGD-QN", "QN-X", "Quảng Ninh", "Cẩm Phú"),
}
# The side each person belongs to: a page they are shown must not name the other side.
SIDE_OF = {
    "outsider": "away",
    "viewer": "home",
    "editor": "home",
    "officer": "home",
    "leader": "home",
}
BINARY = (
    "application/vnd",
    "application/pdf",
    "image/",
    "application/octet-stream",
    "text/calendar",
)


# Tables whose rows any request may write without acting on anything: the signed-in session (a
# message shown on the next page lives there), the sign-in guard's records and an API token's
# "last used" time.
BOOKKEEPING = re.compile(r"^(django_session|axes_\w+|core_apitoken)$")
WRITES = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def url_patterns() -> dict[str, str]:
    """Every named URL pattern of the project, `namespace:name` → its route, API routes excluded
    (the API is enumerated by operation, from its OpenAPI document)."""
    found: dict[str, str] = {}

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = (
                    f"{namespace}:{entry.namespace}"
                    if namespace and entry.namespace
                    else (entry.namespace or namespace)
                )
                walk(entry, prefix + str(entry.pattern), inner or "")
            elif isinstance(entry, URLPattern):
                name = entry.name or str(entry.pattern)
                found[f"{namespace}:{name}" if namespace else name] = prefix + str(entry.pattern)

    walk(get_resolver(), "", "")
    return found


def api_operations() -> dict[str, tuple[str, str]]:
    """Every operation of the OpenAPI document: `METHOD /path` → (method, path)."""
    from ttdn.api import api

    schema = api.get_openapi_schema()
    return {
        f"{method.upper()} {path}": (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
    }


def outcome(response: Any, *, api: bool, leak_markers: tuple[str, ...]) -> str:
    status = response.status_code
    if status >= 500:
        return "E"
    if status in (404, 403):
        return "x"
    if status == 401 and api:
        return "L"
    if status == 405:
        return "m"
    if status in (400, 422):
        return "b"
    if status in (301, 302, 303, 307, 308):
        location = response.get("Location", "")
        if "/accounts/login/" in location or "/admin/login/" in location:
            return "L"
    elif leak_markers and _names(response, leak_markers):
        return "!"
    return "w" if getattr(response, "matrix_writes", ()) else "o"


def _names(response: Any, markers: tuple[str, ...]) -> bool:
    kind = response.get("Content-Type", "")
    if getattr(response, "streaming", False) or kind.startswith(BINARY):
        return False
    text = response.content.decode("utf-8", "replace")
    if kind.startswith("application/json"):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    return any(marker in text for marker in markers)


def request(client: Client, method: str, url: str, **extra: Any) -> Any:
    """One request whose writes are rolled back, and whose cookies (a sign-out, a language)
    do not outlive it: every request sees the same world."""
    saved = {name: morsel.value for name, morsel in client.cookies.items()}
    writes: list[str] = []
    with transaction.atomic(), connection.execute_wrapper(_Writes(writes)):
        if method == "GET":
            response = client.get(url, **extra)
        elif method in ("PUT", "PATCH"):
            response = client.generic(method, url, b"{}", content_type="application/json", **extra)
        else:
            response = client.post(url, **extra)
        transaction.set_rollback(True)
    client.cookies = SimpleCookie(saved)
    response.matrix_writes = writes
    return response


class _Writes:
    """Notes the table of every statement that writes a row (bookkeeping tables aside)."""

    def __init__(self, found: list[str]) -> None:
        self.found = found

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        match = WRITES.match(sql)
        if match and not BOOKKEEPING.match(match.group(1)):
            self.found.append(match.group(1))
        return execute(sql, params, many, context)
