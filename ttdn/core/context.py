"""The request being served, for code far from the view (the audit log wants its address)."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    ip_address: str | None
    user_id: int | None


current_request: ContextVar[RequestInfo | None] = ContextVar("current_request", default=None)


# The id of the request being served (ttdn.core.middleware.RequestIdMiddleware): every log line
# written while serving it carries the id (ttdn.core.logs), and so does the response's
# X-Request-ID header, so a person's report of an error leads to its log lines.
current_request_id: ContextVar[str | None] = ContextVar("current_request_id", default=None)
