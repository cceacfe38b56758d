"""Limits by client address: failed sign-ins (spraying many accounts from one address) and the
public portal's search.

A fixed window per (scope, address) counted in the "ratelimit" cache, which every server
process on the machine shares (files under var/, like the portal's page cache); with several
machines, point it at a shared cache. Counts are approximate under races, which a limit of
tens per quarter hour tolerates. The address is `core.middleware.client_ip`, the one the audit
log and the per-account lock-out (django-axes) use.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import caches
from django.http import HttpRequest

from ttdn.core.middleware import client_ip


@dataclass(frozen=True)
class Limit:
    scope: str
    count: int  # requests allowed per window
    seconds: int  # window length


def _key(limit: Limit, address: str) -> str:
    window = int(time.time()) // limit.seconds
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"ratelimit:{limit.scope}:{window}:{digest}"


def exceeded(request: HttpRequest, limit: Limit) -> bool:
    """Whether the request's address has used up `limit` in the current window."""
    address = client_ip(request) or ""
    return int(caches["ratelimit"].get(_key(limit, address), 0)) >= limit.count


def count(request: HttpRequest, limit: Limit) -> int:
    """Count one use of `limit` by the request's address and return the uses in this window."""
    cache = caches["ratelimit"]
    key = _key(limit, client_ip(request) or "")
    if cache.add(key, 1, timeout=limit.seconds + 1):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=limit.seconds + 1)
        return 1
