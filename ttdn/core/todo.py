""" "Việc cần làm": what waits for the signed-in person. Each app registers a provider."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


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


def register(provider: Provider) -> None:
    """Add a provider; each returns the items it owns for a user. Idempotent."""
    if provider not in _providers:
        _providers.append(provider)


def items_for(user: Any) -> list[TodoItem]:
    """Every provider's items, urgent first, then by due date (undated last)."""
    items = [item for provider in _providers for item in provider(user)]
    return sorted(items, key=lambda i: (not i.urgent, i.due or datetime.date.max, i.title))
