"""Template filters of the calendar pages."""

from __future__ import annotations

import datetime

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def month_year(day: datetime.date) -> str:
    """ "September 2025", "Tháng 9 năm 2025": the month of `day` with its year."""
    return _("%(month)s %(year)s") % {"month": date_format(day, "F"), "year": day.year}
