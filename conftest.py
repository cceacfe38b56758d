"""The shared cast: Sở → Phòng → school A and school B with their people, and an outsider.

The outsider is a whole other province with its own school and officer, so that every access
test has data that *could* leak.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass

import pytest

from ttdn.org.enums import Role, UnitKind
from ttdn.org.models import Unit, User
from ttdn.org.tests.factories import UnitFactory, UserFactory, member


@dataclass
class Cast:
    so: Unit
    phong: Unit
    school_a: Unit
    school_b: Unit
    outsider_so: Unit
    outsider_school: Unit
    so_leader: User
    phong_leader: User
    phong_officer: User
    teacher_a: User
    teacher_b: User
    outsider: User
    operator: User


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


def build_cast() -> Cast:
    """The cast, for a fixture that builds it once for a whole module."""
    so = UnitFactory(
        code="SGD-HP", name="Sở Giáo dục và Đào tạo thành phố Hải Phòng", kind=UnitKind.DEPARTMENT
    )
    phong = UnitFactory(
        code="PGD-HB",
        name="Phòng Giáo dục và Đào tạo quận Hồng Bàng",
        kind=UnitKind.DISTRICT_OFFICE,
        parent=so,
    )
    school_a = UnitFactory(
        code="HB-A", name="Trường THCS Hồng Bàng", kind=UnitKind.LOWER_SECONDARY, parent=phong
    )
    school_b = UnitFactory(
        code="HB-B", name="Trường Tiểu học Lý Tự Trọng", kind=UnitKind.PRIMARY, parent=phong
    )
    outsider_so = UnitFactory(
        code="SGD-QN", name="Sở Giáo dục và Đào tạo tỉnh Quảng Ninh", kind=UnitKind.DEPARTMENT
    )
    outsider_school = UnitFactory(
        code="QN-X", name="Trường THCS Cẩm Phú", kind=UnitKind.LOWER_SECONDARY, parent=outsider_so
    )
    return Cast(
        so=so,
        phong=phong,
        school_a=school_a,
        school_b=school_b,
        outsider_so=outsider_so,
        outsider_school=outsider_school,
        so_leader=member("so-leader", so, Role.LEADER),
        phong_leader=member("phong-leader", phong, Role.LEADER),
        phong_officer=member("phong-officer", phong, Role.OFFICER),
        teacher_a=member("teacher-a", school_a, Role.OFFICER),
        teacher_b=member("teacher-b", school_b, Role.OFFICER),
        outsider=member("outsider", outsider_so, Role.OFFICER),
        operator=UserFactory(username="operator", is_staff=True),
    )


# --- The demo data, loaded once per module that needs it ----------------------------------


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data (`ttdn load_demo`), loaded once for all the tests of a module.

    It is loaded in a transaction that outlives the module's tests (each test's own work is a
    savepoint inside it, undone after the test) and is rolled back after the last one, so no
    other test ever sees it. Tests that take it are marked `demo` and left out of `make check`.
    """
    import io

    from django.core.management import call_command
    from django.db import transaction

    outer = transaction.atomic()
    with django_db_blocker.unblock():
        outer.__enter__()
        try:
            call_command("load_demo", stdout=io.StringIO())
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def pytest_collection_modifyitems(items):
    """A test that takes the `demo` fixture is a `demo` test, so `-m "not demo"` leaves it out."""
    for item in items:
        if "demo" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.demo)


# --- Browser tests: Playwright driving Debian's chromium -----------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """Headless chromium. Outside CI, missing chromium skips; with TTDN_CI=1 it fails."""
    import os

    if not os.path.exists(CHROMIUM):
        reason = f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("TTDN_CI") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser page whose relative URLs go to the live test server. Every page it visits
    must send our Content Security Policy without 'unsafe-inline' and break none of it: the test
    fails on any violation the browser reports."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    violations = watch_csp(context, live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert violations == [], "Content Security Policy violations:\n" + "\n".join(violations)


# The browser reports a violation on the console; the listener catches those it does not.
_CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (event) => {
    console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
});"""


def watch_csp(context, origin: str) -> list[str]:
    """Collect, for every page of `context`, each Content Security Policy violation and each
    page of `origin` served without a policy or with 'unsafe-inline'."""
    found: list[str] = []

    def console(message) -> None:
        if "Content Security Policy" in message.text:
            # An inline script has no location of its own: name the page it was blocked on.
            where = message.location.get("url") or (message.page.url if message.page else "")
            found.append(f"{where}: {message.text}")

    def response(answer) -> None:
        if answer.request.resource_type != "document" or not answer.url.startswith(origin):
            return
        policy = answer.headers.get("content-security-policy")
        if answer.status < 300 and (policy is None or "unsafe-inline" in policy):
            found.append(f"{answer.url}: policy {policy!r}")

    context.add_init_script(_CSP_LISTENER)
    context.on("console", console)
    context.on("response", response)
    return found


def sign_in(page, username: str, password: str) -> None:
    """Sign in through the real form."""
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main button[type=submit]")


# --- The append-only audit log and test flushes --------------------------------------------

AUDIT_TRIGGERS = importlib.import_module("ttdn.core.migrations.0003_audit_append_only")


@pytest.fixture(autouse=True)
def _audit_log_append_only(request):
    """Transactional tests empty every table afterwards; on SQLite that is a DELETE, which the
    append-only triggers refuse. Such tests drop the triggers just before that flush, and every
    database test makes sure they are in place when it starts. (PostgreSQL flushes with
    TRUNCATE, which row triggers do not see.)"""
    transactional = (
        "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    )
    marker = request.node.get_closest_marker("django_db")
    transactional = transactional or bool(marker and marker.kwargs.get("transaction"))
    if not (transactional or marker or "db" in request.fixturenames):
        yield
        return
    request.getfixturevalue("transactional_db" if transactional else "db")
    from django.db import connection

    sqlite = connection.vendor == "sqlite"
    _run_sql(connection, AUDIT_TRIGGERS.SQLITE if sqlite else [])
    yield
    _run_sql(connection, AUDIT_TRIGGERS.SQLITE_REVERSE if sqlite and transactional else [])


def _run_sql(connection, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@pytest.fixture(autouse=True)
def _no_language_left_active():
    """The language middleware activates a language for the thread and nothing deactivates it,
    and `translation.override` restores what it found: start every test with none active, so
    messages are in the default language (Vietnamese) whatever test ran before on the worker."""
    from django.utils import translation

    translation.deactivate()
    yield


@pytest.fixture(autouse=True)
def _no_rate_limits_left():
    """Every test starts with no failed sign-ins or searches counted against 127.0.0.1."""
    from django.core.cache import caches

    caches["ratelimit"].clear()
    yield


_LOCKS_JOINED_ROWS = re.compile(r"\bJOIN\b.*\bFOR (?:NO KEY )?UPDATE\b(?! OF)", re.DOTALL)


@pytest.fixture(autouse=True)
def _row_locks_only_on_own_rows():
    """On PostgreSQL a SELECT … FOR UPDATE that joins other tables locks their rows too: a
    report's save that read its round with select_related locked the round, and every school's
    save in that round waited for the one before. Lock with select_for_update(of=("self",)).
    (SQLite sends no FOR UPDATE: the check bites in the PostgreSQL run.)"""
    from django.db import connection

    def check(execute, sql, params, many, context):
        if "FOR " in sql and _LOCKS_JOINED_ROWS.search(sql):
            raise AssertionError(f"a row lock that also locks the joined tables' rows: {sql}")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(check):
        yield
