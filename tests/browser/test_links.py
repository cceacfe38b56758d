"""Issue 15's "Done when": signed in as each kind of demo account, follow the links of every
signed-in screen (breadth first, same site, one page per URL pattern) and find none answering
404 or 500."""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import expect

from conftest import sign_in
from ttdn.core.demo import DEMO_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# One account of each kind: leaders, officers, editors and viewers of a Sở, a Phòng, a school.
ROLES = [
    "so-haiphong",
    "so-haiphong-canbo",
    "phong-hongbang-lanhdao",
    "phong-hongbang",
    "phong-hongbang-bientap",
    "phong-hongbang-xem",
    "truong-hongbang-hieutruong",
    "truong-hongbang",
    "truong-hongbang-bientap",
    "bo-gddt",
]
# Pages that change state on GET (none should) or end the session, and files: followed by
# their own tests, not by the walker.
SKIPPED = ("/accounts/logout", "/admin/", "/api/", "/i18n/")
FILES = (".docx", ".pdf", ".xlsx", ".ics", ".xml", ".rss", "/docx/", "/pdf/", "/feed/")
LIMIT = 300  # screens per account; a safety stop, the product has fewer


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.found.append(href)


def _followable(href: str) -> str | None:
    url = urldefrag(href)[0]
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIPPED) or parts.path.endswith(FILES) or "export" in parts.path:
        return None
    return url


def _screen(url: str) -> str:
    """The route a URL is an instance of: /plans/5/ and /plans/7/ are one screen."""
    path = urlsplit(url).path
    try:
        return resolve(path).route
    except Resolver404:
        return path


def walk(page, start: str = "/") -> dict[str, int]:
    """One page of every screen reachable from `start` and the status it answered."""
    seen: dict[str, int] = {}
    screens: set[str] = set()
    queue = [start]
    while queue and len(seen) < LIMIT:
        url = queue.pop(0)
        if url in seen:
            continue
        response = page.request.get(url, max_redirects=5)
        seen[url] = response.status
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        parser = Links()
        parser.feed(response.text())
        for href in parser.found:
            found = _followable(href)
            if found and _screen(found) not in screens:
                screens.add(_screen(found))
                queue.append(found)
    return seen


def test_every_link_of_every_signed_in_page_answers_for_each_demo_role(page):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    broken, walked = {}, {}

    for username in ROLES:
        page.context.clear_cookies()
        sign_in(page, username, DEMO_PASSWORD)
        expect(page.locator(".user-name")).to_be_visible()
        answered = walk(page)
        walked[username] = len(answered) > 10
        broken |= {
            f"{username} {url}": status for url, status in answered.items() if status in (404, 500)
        }

    assert (broken, walked) == ({}, dict.fromkeys(ROLES, True))
