"""System checks of the events settings: a wrong value is reported at start-up, not on a page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

from ttdn.events.enums import EvenYearRule


@register()
def check_settings(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    errors = []
    if settings.EVEN_YEAR_RULE not in EvenYearRule.values:
        errors.append(
            Error(
                f"TTDN_EVEN_YEAR_RULE is {settings.EVEN_YEAR_RULE!r}; it must be one of {', '.join(EvenYearRule.values)}.",
                id="events.E001",
            )
        )
    if settings.ANNIVERSARY_LEAD_DAYS < 0:
        errors.append(Error("TTDN_ANNIVERSARY_LEAD_DAYS must be 0 or more days.", id="events.E002"))
    return errors
