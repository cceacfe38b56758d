"""Demo data loaders, registered by each app and run in order by `ttdn load_demo`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoLoader:
    name: str
    load: Callable[[], list[str]]
    order: int


_loaders: dict[str, DemoLoader] = {}


def register(name: str, load: Callable[[], list[str]], *, order: int) -> None:
    """Register `load`, which creates or updates its demo data and returns lines to print."""
    _loaders[name] = DemoLoader(name, load, order)


def loaders() -> list[DemoLoader]:
    return sorted(_loaders.values(), key=lambda loader: loader.order)


DEMO_PASSWORD = "demo-ttdn-2026"  # noqa: S105  (printed by `ttdn run`; demo accounts only)  # nosec B105
