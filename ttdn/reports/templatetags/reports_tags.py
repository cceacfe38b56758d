from decimal import Decimal
from typing import Any

from django import template
from django.utils import numberformat
from django.utils.formats import get_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

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
    cells, and one call per row spares the template engine's work per cell."""
    separators = _separators()
    return mark_safe(  # noqa: S308  (every figure is escaped)
        "".join(f'<td class="number">{escape(_figure(v, *separators))}</td>' for v in values)
    )


def _separators() -> tuple[str, int, str]:
    """The reader's decimal separator, grouping and thousand separator (what number_format
    looks up on every call)."""
    return (
        get_format("DECIMAL_SEPARATOR", use_l10n=True),
        get_format("NUMBER_GROUPING", use_l10n=True),
        get_format("THOUSAND_SEPARATOR", use_l10n=True),
    )


def _figure(value: Any, decimal_sep: str, grouping: int, thousand_sep: str) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        value = value.normalize()
        places = max(0, -int(value.as_tuple().exponent))
        if grouping in (0, 3) and value.is_finite():  # Vietnamese and English: Python does it
            text = f"{value:{',' if grouping else ''}.{places}f}"
            if text.startswith("-") and not value:
                text = text[1:]  # "-0" reads as 0, as number_format writes it
            return text.translate({ord(","): thousand_sep, ord("."): decimal_sep})
        return numberformat.format(
            value,
            decimal_sep,
            decimal_pos=places,
            grouping=grouping,
            thousand_sep=thousand_sep,
            force_grouping=True,
            use_l10n=True,
        )
    return str(value)


@register.simple_tag
def level_label(level: str) -> str:
    """The name of a level of units ("school" → "Trường học"/"School")."""
    return str(UnitLevel(level).label) if level in UnitLevel.values else level


@register.filter
def aggregation_note(aggregation: str) -> str:
    """How an indicator's consolidated figure comes from its units, in the reader's words."""
    return str(AGGREGATION_NOTES[Aggregation(aggregation)])
