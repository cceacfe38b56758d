"""A site's weekly work schedule, saved a week at a time."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.content import cache, rules
from ttdn.content.models import ScheduleEntry, Site, WorkWeek
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.text import nfc

FIELDS = ("day", "time", "content", "place", "lead", "attendees")


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _clean(value: Any) -> Any:
    return nfc(value).strip() if isinstance(value, str) else value


@transaction.atomic
def save_week(
    site: Site, *, monday: datetime.date, rows: Iterable[dict[str, Any]], by: Any, note: str = ""
) -> WorkWeek:
    """Replace the week's table with `rows` (dicts of FIELDS); rows without work are dropped.
    Raises PermissionDenied for someone who may not write for the site, ValidationError for a
    week that does not start on a Monday or a row dated outside the week."""
    if not rules.can_write(by, site.unit):
        raise PermissionDenied(_("You may not change this site."))
    if monday.weekday() != 0:
        raise ValidationError(_("A week starts on a Monday."))
    sunday = monday + datetime.timedelta(days=6)
    kept: list[dict[str, Any]] = [
        {name: _clean(row.get(name)) for name in FIELDS}
        for row in rows
        if (row.get("content") or "").strip()
    ]
    for row in kept:
        day = row["day"]
        if not isinstance(day, datetime.date) or not monday <= day <= sunday:
            raise ValidationError(
                _("Each day must be in the week from %(monday)s to %(sunday)s.")
                % {"monday": f"{monday:%d/%m/%Y}", "sunday": f"{sunday:%d/%m/%Y}"}
            )
    week, created = WorkWeek.objects.get_or_create(site=site, monday=monday)
    week.note = nfc(note or "").strip()
    week.save()
    week.entries.all().delete()
    ScheduleEntry.objects.bulk_create(
        ScheduleEntry(week=week, **{k: v or ("" if k not in ("day", "time") else None)
                                    for k, v in row.items()})
        for row in kept
    )  # fmt: skip
    audit.record(
        AuditAction.CREATE if created else AuditAction.UPDATE, week, by=by, unit_id=site.unit_id,
        changes={"entries": [None, len(kept)]},
    )  # fmt: skip
    cache.invalidate(site.unit)
    return week
