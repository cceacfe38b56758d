""" "Việc cần làm": what waits for the signed-in person. Each app registers a provider.

The list is on everyone's home page, and each provider costs a few queries. A provider's items for
a person are kept (per process, in the "todo" cache) with the tables they were read from, and
served again while none of those tables has been written since (`ttdn.core.changes`) and for at
most TTL seconds, so a deadline turning urgent or overdue during the day shows within a minute.
A person's own action is a write, so its effect shows on the next page.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.utils import timezone, translation

from ttdn.core import changes


@dataclass(frozen=True)
class TodoItem:
    title: str
    url: str
    unit_name: str = ""
    due: datetime.date | None = None
    detail: str = ""
    urgent: bool = False


Provider = Callable[[Any], list[TodoItem]]
_providers: list[Provider] = []

CACHE = "todo"
TTL = 60  # seconds
# What every list depends on though a provider may not query it (memberships are cached on the
# person by whichever provider asked first).
ALWAYS_READ = frozenset({"org_membership", "org_unit", "org_user"})


UNKNOWN = "?"  # matches no generation
# Per provider, every table it has read so far (for any person), replaced whole, never mutated.
_tables_of: dict[Provider, frozenset[str]] = {}


@dataclass(frozen=True)
class _Kept:
    generations: dict[str, str]  # of the tables read, taken before reading them
    items: list[TodoItem]


def register(provider: Provider) -> None:
    """Add a provider; each returns the items it owns for a user. Idempotent."""
    if provider not in _providers:
        _providers.append(provider)


def items_for(user: Any) -> list[TodoItem]:
    """Every provider's items, urgent first, then by due date (undated last)."""
    prefix = f"{user.pk}:{translation.get_language()}:{timezone.localdate().isoformat()}"
    keys = {
        provider: f"{prefix}:{provider.__module__}.{provider.__qualname__}"
        for provider in _providers
    }
    cache = caches[CACHE]
    kept: dict[str, _Kept] = cache.get_many(list(keys.values()))
    current = changes.generations({table for entry in kept.values() for table in entry.generations})
    items: list[TodoItem] = []
    for provider, key in keys.items():
        entry = kept.get(key)
        if entry is None or any(current[t] != g for t, g in entry.generations.items()):
            entry = _compute(provider, user)
            cache.set(key, entry, TTL)
        items += entry.items
    return sorted(items, key=lambda i: (not i.urgent, i.due or datetime.date.max, i.title))


def _compute(provider: Provider, user: Any) -> _Kept:
    """The provider's items, with the generations of the tables it read taken *before* reading,
    so a write committed meanwhile makes them out of date rather than hiding in them. A table the
    provider had never read before has no generation taken: the items are used once and
    computed again next time, when it has."""
    known = _tables_of.get(provider, ALWAYS_READ)
    before = changes.generations(known)
    with changes.tables_read() as read:
        items = provider(user)
    if not read <= known:
        _tables_of[provider] = known | read
    return _Kept(
        generations={table: before.get(table, UNKNOWN) for table in read | ALWAYS_READ},
        items=items,
    )
