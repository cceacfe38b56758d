"""A web server for tests on 127.0.0.1: each path answers what the test put in `routes`.

A route is a `Reply` (status, headers, body, or a body made chunk by chunk so that a 50 MB
page is never held in memory here either), or a callable taking the request handler.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    body: bytes | Callable[[], Iterable[bytes]] = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class TestServer:
    def __init__(self) -> None:
        self.routes: dict[str, Reply | Callable[[BaseHTTPRequestHandler], None]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.requests.append((self.path, dict(self.headers)))
                route = owner.routes.get(self.path)
                if route is None:
                    self.send_error(404)
                elif callable(route):
                    route(self)
                else:
                    _send(self, route)

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _send(handler: BaseHTTPRequestHandler, reply: Reply) -> None:
    handler.send_response(reply.status)
    for name, value in reply.headers.items():
        handler.send_header(name, value)
    if isinstance(reply.body, bytes):
        handler.send_header("Content-Length", str(len(reply.body)))
        handler.end_headers()
        handler.wfile.write(reply.body)
        return
    handler.end_headers()
    try:
        for chunk in reply.body():
            handler.wfile.write(chunk)
    except (BrokenPipeError, ConnectionResetError):
        return


def never_answers(handler: BaseHTTPRequestHandler) -> None:
    """Accept the request and say nothing for longer than any read timeout of the tests."""
    time.sleep(3)


def gzip_bomb(megabytes: int) -> bytes:
    """A small gzip body that inflates to `megabytes` MB of zeros."""
    return gzip.compress(b"\0" * (megabytes * 1_000_000), compresslevel=9)


def endless(megabytes: int) -> Callable[[], Iterable[bytes]]:
    def chunks() -> Iterable[bytes]:
        block = b"<p>" + b"x" * 65_529 + b"</p>"
        for _ in range(megabytes * 1_000_000 // len(block)):
            yield block

    return chunks
