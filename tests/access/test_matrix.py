"""The access matrix: every URL pattern and every API operation, requested with GET and the
writing methods by each member of the cast, against an object of their own province and one of
another, compared with the table in `expected.py`. A URL or API operation without an entry
there fails, so nothing new ships without its row.

Beside the table, two rules hold whatever the table says: no request answers a server error,
and a page that is not public (anonymous people are sent to sign in) never serves a person of
one province an object of the other, nor names the other province on a page about their own.
"""

from __future__ import annotations

import os
import re
from typing import Any
from unittest import mock

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from conftest import build_cast
from tests.access import expected, matrix
from tests.access.kinds import API_KINDS, URL_KINDS
from tests.access.world import World, build
from ttdn.core.services import create_token

pytestmark = pytest.mark.django_db

URLS = matrix.url_patterns()
API = matrix.api_operations()
PAGES = sorted(
    name for name in URLS if (not name.startswith(("admin:", "api:")) or name in expected.API_PAGES)
)
ADMIN = sorted(name for name in URLS if name.startswith("admin:"))


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any, tmp_path_factory: Any) -> Any:
    """One world per module, built once inside a transaction that is rolled back at the end."""
    from django.db import connection

    from conftest import AUDIT_TRIGGERS, _run_sql

    media = tmp_path_factory.mktemp("media")
    # Without LibreOffice on the PATH a PDF link answers "unavailable" after the same access
    # check, instead of converting a document for every person (the PDF has its own tests).
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if not _has_soffice(p))
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        mock.patch.dict(os.environ, {"PATH": path}),
        transaction.atomic(),
    ):
        if connection.vendor == "sqlite":
            _run_sql(connection, AUDIT_TRIGGERS.SQLITE)
        built = build(build_cast())
        clients = {role: _client(built, role) for role in matrix.ROLES}
        tokens = {role: _token(built, role) for role in matrix.ROLES}
        yield built, clients, tokens
        transaction.set_rollback(True)
    caches["portal"].clear()


def _has_soffice(folder: str) -> bool:
    return any(os.path.exists(os.path.join(folder, name)) for name in ("soffice", "libreoffice"))


def _client(world: World, role: str) -> Client:
    client = Client()
    if world.people[role] is not None:
        client.force_login(world.people[role])
    return client


def _token(world: World, role: str) -> dict[str, str]:
    person = world.people[role]
    if person is None:
        return {}
    _token, key = create_token(person, name="matrix", by=person)
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def _row(world: World, kind: str | None, route: str, resolve: Any) -> list[tuple[str, str]]:
    """(side, url) for each side the URL is requested on."""
    if kind is None:
        return [("any", resolve({}))]
    if "any" in world.objects[kind]:
        return [("any", resolve(world.kwargs(kind, "any")))]
    return [(side, resolve(world.kwargs(kind, side))) for side in ("home", "away")]


def _observe(
    world_and_clients: Any, method: str, urls: list[tuple[str, str]], *, api: bool
) -> tuple[str, list[str]]:
    """The row's letters, and the tables its requests wrote to."""
    _world, clients, tokens = world_and_clients
    cells = []
    wrote: set[str] = set()
    for side, url in urls:
        row = ""
        for role in matrix.ROLES if side != "away" else matrix.AWAY_ROLES:
            extra = tokens[role] if api else {}
            client = Client() if api else clients[role]
            response = matrix.request(client, method, url, **extra)
            own = matrix.SIDE_OF.get(role)
            about_own = own is not None and side in ("any", own)
            markers = matrix.MARKERS["home" if own == "away" else "away"] if about_own else ()
            row += matrix.outcome(response, api=api, leak_markers=markers)
            wrote.update(response.matrix_writes)
        cells.append(row)
    return " ".join(cells), sorted(wrote)


def _check(name: str, method: str, observed: tuple[str, list[str]], wanted: str | None) -> None:
    seen, wrote = observed
    rows = seen.split()
    assert "E" not in seen, f"{method} {name}: a server error ({seen})"
    if len(rows) == 2 and rows[0][0] == "L":
        home, away = rows
        leaks = [
            role
            for role, cell in zip(matrix.AWAY_ROLES[1:], away[1:], strict=True)
            if cell in "o!w"
        ]
        leaks += ["outsider"] if home[matrix.ROLES.index("outsider")] in "o!w" else []
        assert leaks == [], f"{method} {name}: served to the other province ({seen})"
    # Whatever the page: anonymous people write nothing, nor does anyone to the other side's.
    strangers = rows[0][0] + (rows[0][1] + rows[1][1:] if len(rows) == 2 else "")
    assert "w" not in strangers, f"{method} {name}: written by a stranger ({seen})"
    assert "!" not in seen, f"{method} {name}: names the other province ({seen})"
    if os.environ.get("TTDN_MATRIX_RECORD"):
        with open(os.environ["TTDN_MATRIX_RECORD"], "a", encoding="utf-8") as out:
            tables = f"  # writes {', '.join(wrote)}" if wrote else ""
            out.write(f"    ({name!r}, {method!r}): {seen!r},{tables}\n")
        return
    assert wanted is not None, f"{method} {name} has no row in tests/access/expected.py"
    assert seen == wanted, f"{method} {name}: expected {wanted}, got {seen}"


def test_every_url_and_operation_has_a_row() -> None:
    names = (
        {name for name, _method in expected.PAGES}
        | set(ADMIN)
        | {name for name in URLS if name.startswith("api:") and name not in expected.API_PAGES}
    )
    operations = {operation for operation, _ in expected.OPERATIONS}

    assert (sorted(set(URLS) - names), sorted(set(API) - operations)) == ([], [])


def test_every_row_names_a_url_or_operation() -> None:
    # A row left behind by a removed URL would hide that the table no longer says what it tests.
    pages = {name for name, _method in expected.PAGES} - set(URLS)
    operations = {operation for operation, _method in expected.OPERATIONS} - set(API)

    assert (sorted(pages), sorted(operations)) == ([], [])


@pytest.mark.parametrize("name", PAGES)
def test_page(world: Any, name: str) -> None:
    kind = URL_KINDS.get(name)
    if kind is None and re.search(r"<|\(\?P", URLS[name]):
        pytest.fail(f"{name} takes arguments: name the kind of object in tests/access/kinds.py")

    def resolve(kwargs: dict[str, Any]) -> str:
        if name.startswith("^"):
            return "/media/" + kwargs["path"]
        if ":" not in name and "/" + URLS[name] == "/" + name:
            return "/" + name  # an unnamed route
        return reverse(name, kwargs=kwargs)

    urls = _row(world[0], kind, URLS[name], resolve)
    for method in ("GET", "POST"):
        _check(
            name,
            method,
            _observe(world, method, urls, api=False),
            expected.PAGES.get((name, method)),
        )


@pytest.mark.parametrize("name", ADMIN)
def test_admin_page(world: Any, name: str) -> None:
    """The admin is for operators with model permissions: anyone else, signed in or not, is
    sent to its sign-in page, whatever the object."""
    url = _admin_url(URLS[name])

    seen = {
        method: "".join(
            matrix.outcome(matrix.request(world[1][role], method, url), api=False, leak_markers=())
            for role in ("anonymous", "viewer")
        )
        for method in ("GET", "POST")
    }

    assert seen == expected.ADMIN.get(name, {"GET": "LL", "POST": "LL"})


def _admin_url(route: str) -> str:
    """The route with an existing app label and "1" for every other argument."""
    route = re.sub(r"\(\?P<app_label>([^|)]+)[^)]*\)", r"\1", route)
    route = re.sub(r"\(\?P<\w+>[^)]*\)|<[^>]+>", "1", route)
    return "/" + route.replace("^", "").replace("$", "")


@pytest.mark.parametrize("operation", sorted(API))
def test_api_operation(world: Any, operation: str) -> None:
    method, path = API[operation]
    kind = API_KINDS.get(path)

    def resolve(kwargs: dict[str, Any]) -> str:
        return re.sub(r"\{(\w+)\}", lambda m: str(kwargs[m.group(1)]), path)

    if kind is None and "{" in path:
        pytest.fail(
            f"{operation} takes arguments: name the kind of object in tests/access/kinds.py"
        )
    urls = _row(world[0], kind, path, resolve)
    _check(
        operation,
        method,
        _observe(world, method, urls, api=True),
        expected.OPERATIONS.get((operation, method)),
    )


def test_a_post_carried_out_differs_from_one_refused_with_the_same_redirect(world: Any) -> None:
    # The viewer may not approve a figure, the leader may: both are sent back to the figure.
    built, clients, _tokens = world
    url = reverse("stats:figure_decide", kwargs=built.kwargs("figure_decision", "home"))

    refused = matrix.request(clients["viewer"], "POST", url)
    done = matrix.request(clients["leader"], "POST", url)

    assert (refused.status_code, refused["Location"]) == (done.status_code, done["Location"])
    assert [matrix.outcome(r, api=False, leak_markers=()) for r in (refused, done)] == ["o", "w"]
    assert refused.matrix_writes == []
    assert "stats_figure" in done.matrix_writes


@pytest.mark.parametrize(
    "seen",
    [
        # On a page anyone may read (a private page's row fails earlier, as served to a stranger):
        "owooooo ooo",  # the outsider carried out a POST on our object
        "ooooooo owo",  # our viewer on the other province's
        "ooooooo oow",  # our leader on the other province's
        "wxooooo oxx",  # someone anonymous
        "woooooo",
    ],
)
def test_a_write_by_a_stranger_fails_whatever_the_table_says(seen: str) -> None:
    with pytest.raises(AssertionError, match="written by a stranger"):
        _check("stats:figure_decide", "POST", (seen, ["stats_figure"]), seen)
