"""A site's two colours, chosen freely and checked for contrast (WCAG 2.1 AA).

The first colour is the header's background under white text, and the colour of large figures
on the white page: it needs 4.5:1 against white (success criterion 1.4.3, normal text). The
second colour draws lines and bars on the white page (menu rule, notice bar, figure tops): it
needs 3:1 against white (1.4.11, non-text contrast). The contrast ratio is symmetric, so one
check against white covers both uses of each colour.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

HEX = re.compile(r"^#[0-9a-f]{6}$")
WHITE = "#ffffff"
TEXT_RATIO = 4.5  # WCAG 2.1 AA, normal text
LINE_RATIO = 3.0  # WCAG 2.1 AA, non-text contrast


def luminance(colour: str) -> float:
    """The relative luminance of a #rrggbb colour (WCAG 2.1 definition)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two #rrggbb colours, from 1 to 21."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def normalise(value: str) -> str:
    """'#0B4F8A' or '0b4f8a' → '#0b4f8a'; anything else unchanged (the check refuses it)."""
    value = (value or "").strip().lower()
    return value if value.startswith("#") else f"#{value}"


def _well_formed(value: str) -> None:
    if not HEX.match(value or ""):
        raise ValidationError(
            _("Give the colour as # and six hexadecimal digits, for example #0b4f8a."),
            code="format",
        )


def _check(value: str, needed: float, refusal: str) -> None:
    _well_formed(value)
    found = contrast(value, WHITE)
    if found < needed:
        raise ValidationError(refusal % {"found": found, "needed": needed}, code="contrast")


def check_header(value: str) -> None:
    """Model validator of the first colour (white text on it)."""
    _check(
        value,
        TEXT_RATIO,
        _(
            "White text on this colour has a contrast of %(found).1f:1; it needs at least "
            "%(needed).1f:1 (WCAG AA). Choose a darker colour."
        ),
    )


def check_accent(value: str) -> None:
    """Model validator of the second colour (lines on the white page)."""
    _check(
        value,
        LINE_RATIO,
        _(
            "This colour has a contrast of %(found).1f:1 with the white page; lines in it "
            "need at least %(needed).1f:1 (WCAG AA). Choose a darker colour."
        ),
    )
