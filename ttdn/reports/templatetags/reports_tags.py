from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format

from ttdn.org.enums import UnitLevel
from ttdn.reports.enums import AGGREGATION_NOTES, Aggregation

register = template.Library()


@register.filter
def figure(value: Any) -> str:
    """A figure without trailing zeros, in the reader's number format (45, 12,5); — when empty."""
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        value = value.normalize()
        places = max(0, -int(value.as_tuple().exponent))
        return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    return str(value)


@register.simple_tag
def level_label(level: str) -> str:
    """The name of a level of units ("school" → "Trường học"/"School")."""
    return str(UnitLevel(level).label) if level in UnitLevel.values else level


@register.filter
def aggregation_note(aggregation: str) -> str:
    """How an indicator's consolidated figure comes from its units, in the reader's words."""
    return str(AGGREGATION_NOTES[Aggregation(aggregation)])
