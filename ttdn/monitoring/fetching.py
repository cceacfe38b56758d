"""Polite, bounded HTTP fetching of feeds and pages.

`fetch(url)` either returns the body (at most `MONITORING_MAX_BYTES` after decompression) or
raises `FetchError` with a reason a person can read. It never holds more than the cap in
memory: the body is read in chunks, a gzip or deflate body is inflated with a bound on its
output (a gzip bomb stops at the cap), redirects are followed by hand up to a limit with loops
detected, and connect and read timeouts apply to every request. It honours robots.txt (cached
per host) and waits between two requests to one host (`MONITORING_HOST_INTERVAL` seconds,
within this process). Conditional GET: pass the ETag and Last-Modified of the previous
response; a 304 comes back as `Response(not_modified=True)`. `fetch_each(urls)` reads a list of
addresses one after another in a thread, so that the caller works on one page while the next
arrives.
"""

from __future__ import annotations

import queue
import threading
import time
import urllib.robotparser
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

USER_AGENT = "TTDN-monitor/1.0 (+https://ttdn.example.vn/monitoring)"
CHUNK = 64 * 1024
MAX_REDIRECTS = 5
ROBOTS_TTL = 24 * 3600

_pool = urllib3.PoolManager(retries=False, maxsize=4, block=False)
_lock = threading.Lock()
_last_request: dict[str, float] = {}
_robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}


class FetchError(Exception):
    """The address could not be fetched; the message says why, in the person's language."""


@dataclass(frozen=True)
class Response:
    url: str
    status: int = 200
    body: bytes = b""
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    not_modified: bool = False


def fetch(url: str, *, etag: str = "", last_modified: str = "", robots: bool = True) -> Response:
    """GET `url` politely. Raises FetchError (robots.txt refusal, timeout, too large, loop…)."""
    if urlsplit(url).scheme not in {"http", "https"}:
        raise FetchError(_("Only http and https addresses can be fetched."))
    if robots and not allowed_by_robots(url):
        raise FetchError(_("The site's robots.txt does not allow fetching this address."))
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    seen = {url}
    for _hop in range(MAX_REDIRECTS + 1):
        response = _get(url, headers)
        if response.status not in {301, 302, 303, 307, 308}:
            return _read(url, response)
        location = response.headers.get("Location", "")
        response.release_conn()
        url = urljoin(url, location)
        if not location or url in seen:
            raise FetchError(_("The address redirects in a loop."))
        seen.add(url)
    raise FetchError(
        _("The address redirects more than %(count)s times.") % {"count": MAX_REDIRECTS}
    )


def fetch_each(urls: Sequence[str]) -> Iterator[Response | FetchError]:
    """Each address's response, or the FetchError that says why there is none, in order: one
    thread fetches them one after another (as `fetch` would, politely) while the caller works
    on those already read. Only the network waits overlap with the caller's work: the thread
    holds Python's lock for its own little work. Messages are in the caller's language."""
    if not urls:
        return
    results: queue.SimpleQueue[Response | FetchError | BaseException] = queue.SimpleQueue()
    stop = threading.Event()
    language = translation.get_language()

    def read_all() -> None:
        with translation.override(language):
            for url in urls:
                if stop.is_set():
                    return
                try:
                    results.put(fetch(url))
                except FetchError as error:
                    results.put(error)
                except BaseException as error:  # a bug: raised again in the caller's thread
                    results.put(error)
                    return

    threading.Thread(target=read_all, name="ttdn-fetch-each", daemon=True).start()
    try:
        for _url in urls:
            result = results.get()
            if isinstance(result, BaseException) and not isinstance(result, FetchError):
                raise result
            yield result
    finally:
        stop.set()  # the caller stopped early: the thread ends after the page it is reading


def allowed_by_robots(url: str) -> bool:
    """What the host's robots.txt says for our user agent; a missing or broken one allows."""
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    cached = _robots.get(origin)
    if cached is None or cached[0] < time.monotonic() - ROBOTS_TTL:
        cached = (time.monotonic(), _read_robots(origin))
        _robots[origin] = cached
    parser = cached[1]
    return parser is None or parser.can_fetch(USER_AGENT, url)


def forget_hosts() -> None:
    """Forget robots.txt files and request times (tests start new servers on reused ports)."""
    _robots.clear()
    _last_request.clear()


def _read_robots(origin: str) -> urllib.robotparser.RobotFileParser | None:
    try:
        response = fetch(origin + "/robots.txt", robots=False)
    except FetchError:
        return None
    if response.status != 200:
        return None
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(response.body.decode("utf-8", "replace").splitlines())
    return parser


def _get(url: str, headers: dict[str, str]) -> urllib3.BaseHTTPResponse:
    _wait_for_host(urlsplit(url).netloc)
    timeout = urllib3.Timeout(
        connect=settings.MONITORING_CONNECT_TIMEOUT, read=settings.MONITORING_READ_TIMEOUT
    )
    try:
        return _pool.request(
            "GET", url, headers=headers, timeout=timeout, redirect=False,
            preload_content=False, decode_content=False,
        )  # fmt: skip
    except urllib3.exceptions.TimeoutError as error:
        raise FetchError(_("The server did not answer in time.")) from error
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(
            _("The server could not be reached: %(error)s") % {"error": error}
        ) from error


def _wait_for_host(host: str) -> None:
    interval = settings.MONITORING_HOST_INTERVAL
    with _lock:
        wait = _last_request.get(host, 0.0) + interval - time.monotonic()
        _last_request[host] = time.monotonic() + max(wait, 0.0)
    if wait > 0:
        time.sleep(wait)


def _read(url: str, response: urllib3.BaseHTTPResponse) -> Response:
    try:
        if response.status == 304:
            return Response(url, status=304, not_modified=True)
        if response.status >= 400:
            raise FetchError(
                _("The server answered with error %(status)s.") % {"status": response.status}
            )
        body = _body(response, response.headers.get("Content-Encoding", "").lower())
    except urllib3.exceptions.TimeoutError as error:
        raise FetchError(_("The server stopped sending before the page was complete.")) from error
    except urllib3.exceptions.HTTPError as error:
        raise FetchError(_("The page could not be read: %(error)s") % {"error": error}) from error
    finally:
        response.release_conn()
    return Response(
        url,
        status=response.status,
        body=body,
        content_type=response.headers.get("Content-Type", ""),
        etag=response.headers.get("ETag", ""),
        last_modified=response.headers.get("Last-Modified", ""),
    )


def _body(response: urllib3.BaseHTTPResponse, encoding: str) -> bytes:
    """The body, inflated, refusing to grow past the cap (compressed or not)."""
    cap = settings.MONITORING_MAX_BYTES
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and not encoding and int(declared) > cap:
        raise FetchError(_too_large(cap))
    inflater = _inflater(encoding)
    parts: list[bytes] = []
    size = 0
    for chunk in response.stream(CHUNK, decode_content=False):
        if inflater is not None:
            chunk = _inflate(inflater, chunk, cap - size + 1)
        size += len(chunk)
        if size > cap:
            raise FetchError(_too_large(cap))
        parts.append(chunk)
    return b"".join(parts)


def _inflater(encoding: str) -> zlib._Decompress | None:
    if encoding in {"gzip", "x-gzip"}:
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    return None


def _inflate(inflater: zlib._Decompress, chunk: bytes, room: int) -> bytes:
    """Inflate `chunk` into at most `room` bytes: when the cap is hit the caller refuses."""
    try:
        out = inflater.decompress(chunk, room)
    except zlib.error as error:
        raise FetchError(_("The compressed page is damaged.")) from error
    return out


def _too_large(cap: int) -> str:
    return _("The page is larger than %(size)s MB.") % {"size": f"{cap / 1_000_000:g}"}
