"""Simple horizontal bar charts, drawn as SVG on the server (no script, no CDN)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

ROW = 26  # pixels per bar


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int | None
    percent: float
    y: int
    text_y: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    height: int


def bar_chart(title: str, items: Iterable[tuple[str, Decimal | int | None]]) -> Chart:
    """Bars scaled to the largest value; an empty value draws no bar."""
    items = list(items)
    top = max((float(v) for _label, v in items if v is not None), default=0.0) or 1.0
    bars = [
        Bar(label, value, round(50 * float(value or 0) / top, 2), i * ROW, i * ROW + 17)
        for i, (label, value) in enumerate(items)
    ]
    return Chart(title, bars, max(len(bars), 1) * ROW)
