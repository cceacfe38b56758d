"""The request being served, for code far from the view (the audit log wants its address)."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestInfo:
    ip_address: str | None
    user_id: int | None


current_request: ContextVar[RequestInfo | None] = ContextVar("current_request", default=None)
