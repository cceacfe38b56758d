import html
from decimal import Decimal
from functools import cache
from typing import Any

from django import template
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from ttdn.org.enums import UnitLevel
from ttdn.reports.enums import AGGREGATION_NOTES, Aggregation

register = template.Library()


@register.filter
def figure(value: Any) -> str:
    """A figure without trailing zeros, in the reader's number format (45, 12,5); — when empty."""
    return _figure(value, *_separators())


@register.simple_tag
def figure_cells(values: Any) -> SafeString:
    """A `<td class="number">` per figure of `values`: a consolidation's table has thousands of
    cells, and one call per row spares the template engine's work per cell. A number's text is
    digits, signs and the separators, escaped once here; anything else is escaped."""
    separators = _escaped(*_separators())
    return mark_safe(  # noqa: S308  (escaped: the separators above, anything not a number)
        "".join(f'<td class="number">{_safe_figure(v, separators)}</td>' for v in values)
    )


@register.simple_tag
def chart_bars(chart: Any) -> SafeString:
    """The bars of a chart (`ttdn.reports.charts`) as SVG groups: a consolidation's chart has a
    bar per unit below, drawn here in one call rather than by the template engine per bar."""
    separators = _escaped(*_separators())
    return mark_safe(  # noqa: S308  (labels escaped, figures as in figure_cells, numbers ours)
        "".join(
            f"<g><title>{html.escape(str(bar.label))}: {_safe_figure(bar.value, separators)}"
            f'</title><text x="0" y="{bar.text_y}" class="chart-label">'
            f"{html.escape(Truncator(bar.label).chars(28))}</text>"
            f'<rect x="38%" y="{bar.y + 4}" width="{bar.percent}%" height="18" class="chart-bar">'
            f'</rect><text x="100%" y="{bar.text_y}" text-anchor="end" class="chart-value">'
            f"{_safe_figure(bar.value, separators)}</text></g>"
            for bar in chart.bars
        )
    )


def _safe_figure(value: Any, separators: tuple[str, int, str]) -> str:
    """`_figure` as HTML, with `separators` escaped (`_escaped`)."""
    if value is None or isinstance(value, Decimal):
        return _figure(value, *separators)
    return html.escape(str(value))


@cache
def _escaped(decimal_sep: str, grouping: int, thousand_sep: str) -> tuple[str, int, str]:
    return html.escape(decimal_sep), grouping, html.escape(thousand_sep)


def _separators() -> tuple[str, int, str]:
    """The reader's decimal separator, grouping and thousand separator (what number_format
    looks up on every call)."""
    return (
        get_format("DECIMAL_SEPARATOR", use_l10n=True),
        get_format("NUMBER_GROUPING", use_l10n=True),
        get_format("THOUSAND_SEPARATOR", use_l10n=True),
    )


def _figure(value: Any, decimal_sep: str, grouping: int, thousand_sep: str) -> str:
    if isinstance(value, Decimal):
        if grouping in (0, 3) and value.is_finite():  # Vietnamese and English: Python does it
            # "f" without a precision writes the normalised figure's own places, no exponent.
            text = format(value.normalize(), ",f" if grouping else "f")
            if text[0] == "-" and not value:
                text = text[1:]  # "-0" reads as 0, as number_format writes it
            if grouping and thousand_sep != ",":
                return text.translate(_table(thousand_sep, decimal_sep))
            return text if decimal_sep == "." else text.replace(".", decimal_sep)
        value = value.normalize()
        return numberformat.format(
            value,
            decimal_sep,
            decimal_pos=max(0, -int(value.as_tuple().exponent)),
            grouping=grouping,
            thousand_sep=thousand_sep,
            force_grouping=True,
            use_l10n=True,
        )
    if value is None or value == "":
        return "—"
    return str(value)


@cache
def _table(thousand_sep: str, decimal_sep: str) -> dict[int, str]:
    return {ord(","): thousand_sep, ord("."): decimal_sep}


@register.simple_tag
def level_label(level: str) -> str:
    """The name of a level of units ("school" → "Trường học"/"School")."""
    return str(UnitLevel(level).label) if level in UnitLevel.values else level


@register.filter
def aggregation_note(aggregation: str) -> str:
    """How an indicator's consolidated figure comes from its units, in the reader's words."""
    return str(AGGREGATION_NOTES[Aggregation(aggregation)])
