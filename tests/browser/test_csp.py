"""The Content Security Policy watch that every browser test's page carries (conftest.watch_csp)
reports what it must: an inline script the policy blocks, and a page sent without the policy."""

import pytest

from conftest import watch_csp
from ttdn.content.services import open_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

POLICY = "default-src 'self'; script-src 'self'"
PAGE = "<!doctype html><title>t</title><p>t</p><script>document.title = 'inline';</script>"


def test_the_watch_reports_a_blocked_inline_script_and_a_page_without_policy(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    found = watch_csp(context, live_server.url)
    context.route(
        "**/probe/with-policy",
        lambda route: route.fulfill(
            body=PAGE, content_type="text/html", headers={"Content-Security-Policy": POLICY}
        ),
    )
    context.route(
        "**/probe/without-policy",
        lambda route: route.fulfill(
            body="<!doctype html><title>t</title>", content_type="text/html"
        ),
    )
    page = context.new_page()

    page.goto("/probe/with-policy")
    title = page.title()
    page.goto("/probe/without-policy")
    context.close()

    assert title == "t"  # the inline script did not run
    assert sorted({line.split(": ")[0] for line in found}) == [
        f"{live_server.url}/probe/with-policy",
        f"{live_server.url}/probe/without-policy",
    ]


def test_our_pages_send_the_policy_without_unsafe_inline(cast, page):
    open_site(cast.school_a)

    page.goto("/accounts/login/")
    page.goto(f"/{cast.school_a.slug}/")
