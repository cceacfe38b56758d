from decimal import Decimal
from typing import Any

from django import template
from django.utils.translation import get_language

from ttdn.stats.queries import number_text

register = template.Library()


@register.filter
def number(value: Any) -> str:
    """A figure as the reader writes it (3.090 in Vietnamese, 3,090 in English); — when empty."""
    if value is None or value == "":
        return "—"
    return number_text(Decimal(value), "en" if get_language() == "en" else "vi")


@register.filter
def caption_in(photo: Any, language: str) -> str:
    """A press photo's caption in the reader's language (Vietnamese when not translated)."""
    return str(photo.caption_in(language))
