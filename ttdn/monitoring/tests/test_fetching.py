import gzip
import tracemalloc

import pytest

from ttdn.monitoring import fetching
from ttdn.monitoring.tests.server import Reply, endless, gzip_bomb, never_answers


def test_fetch_returns_the_body_and_validators(web):
    web.routes["/a"] = Reply(b"hello", headers={"ETag": '"v1"', "Content-Type": "text/plain"})

    response = fetching.fetch(web.url + "/a")

    assert (response.body, response.etag, response.content_type) == (b"hello", '"v1"', "text/plain")


def test_fetch_sends_conditional_headers_and_reads_not_modified(web):
    def conditional(handler):
        handler.send_response(304 if handler.headers["If-None-Match"] == '"v1"' else 200)
        handler.end_headers()

    web.routes["/a"] = conditional

    response = fetching.fetch(
        web.url + "/a", etag='"v1"', last_modified="Tue, 01 Dec 2026 00:00:00 GMT"
    )

    assert response.not_modified
    assert web.requests[-1][1]["If-Modified-Since"] == "Tue, 01 Dec 2026 00:00:00 GMT"


def test_fetch_inflates_gzip(web):
    web.routes["/a"] = Reply(
        gzip.compress(b"<p>xin chao</p>"), headers={"Content-Encoding": "gzip"}
    )

    assert fetching.fetch(web.url + "/a").body == b"<p>xin chao</p>"


def test_fetch_refuses_what_robots_txt_disallows(web):
    web.routes["/robots.txt"] = Reply(b"User-agent: *\nDisallow: /private/\n")
    web.routes["/private/a"] = Reply(b"secret")

    with pytest.raises(fetching.FetchError) as error:
        fetching.fetch(web.url + "/private/a")

    assert str(error.value) == "Tệp robots.txt của trang không cho phép lấy địa chỉ này."


def test_fetch_follows_redirects_and_stops_a_loop(web):
    web.routes["/old"] = Reply(status=301, headers={"Location": "/new"})
    web.routes["/new"] = Reply(b"moved")
    web.routes["/a"] = Reply(status=302, headers={"Location": "/b"})
    web.routes["/b"] = Reply(status=302, headers={"Location": "/a"})

    moved = fetching.fetch(web.url + "/old")
    with pytest.raises(fetching.FetchError) as error:
        fetching.fetch(web.url + "/a")

    assert (moved.body, moved.url, str(error.value)) == (
        b"moved",
        web.url + "/new",
        "Địa chỉ chuyển hướng vòng quanh.",
    )


def test_fetch_gives_up_on_a_server_that_never_answers(web):
    web.routes["/a"] = never_answers

    with pytest.raises(fetching.FetchError) as error:
        fetching.fetch(web.url + "/a")

    assert str(error.value) == "Máy chủ không trả lời kịp thời."


def test_fetch_refuses_a_50_mb_page_with_bounded_memory(web, settings):
    settings.MONITORING_MAX_BYTES = 5_000_000
    web.routes["/big"] = Reply(endless(50), headers={"Content-Type": "text/html"})
    tracemalloc.start()

    with pytest.raises(fetching.FetchError) as error:
        fetching.fetch(web.url + "/big")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    assert str(error.value) == "Trang lớn hơn 5 MB."
    assert peak < 15_000_000


def test_fetch_refuses_a_declared_length_over_the_cap_before_reading(web, settings):
    settings.MONITORING_MAX_BYTES = 1000
    web.routes["/big"] = Reply(b"x" * 5000)

    with pytest.raises(fetching.FetchError) as error:
        fetching.fetch(web.url + "/big")

    assert str(error.value) == "Trang lớn hơn 0.001 MB."


def test_fetch_stops_a_gzip_bomb_at_the_cap(web, settings):
    settings.MONITORING_MAX_BYTES = 5_000_000
    web.routes["/bomb"] = Reply(gzip_bomb(200), headers={"Content-Encoding": "gzip"})
    tracemalloc.start()

    with pytest.raises(fetching.FetchError) as error:
        fetching.fetch(web.url + "/bomb")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    assert str(error.value) == "Trang lớn hơn 5 MB."
    assert peak < 15_000_000


def test_fetch_refuses_other_schemes():
    with pytest.raises(fetching.FetchError) as error:
        fetching.fetch("file:///etc/passwd")

    assert str(error.value) == "Chỉ lấy được địa chỉ http và https."


def test_fetch_each_gives_each_page_or_its_error_in_order(web):
    web.routes["/a"] = Reply(b"first")
    web.routes["/c"] = Reply(b"third")
    urls = [web.url + "/a", web.url + "/b", "ftp://example.test/c", web.url + "/c"]

    found = [
        r.body if isinstance(r, fetching.Response) else str(r) for r in fetching.fetch_each(urls)
    ]

    assert found == [
        b"first",
        "Máy chủ trả về lỗi 404.",
        "Chỉ lấy được địa chỉ http và https.",
        b"third",
    ]
