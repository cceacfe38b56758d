"""The modules shown in the navigation. Each app registers its entries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    order: int
    allowed: Callable[[Any], bool] = lambda user: True


_items: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _items[item.url_name] = item


def items_for(user: Any) -> list[NavItem]:
    return [item for item in sorted(_items.values(), key=lambda i: i.order) if item.allowed(user)]
