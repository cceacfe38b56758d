"""Reads of units that views and the API share."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, Q

from ttdn.core import access
from ttdn.core.text import fold
from ttdn.org.models import Membership, Unit, UnitQuerySet


def code_paths(units: Iterable[Unit]) -> dict[int, list[str]]:
    """For each unit, the codes from its root down to itself (one query for all ancestors)."""
    units = list(units)
    ids = {int(part) for u in units for part in u.path.strip("/").split("/") if part}
    codes = dict(Unit.objects.filter(pk__in=ids).values_list("pk", "code"))
    return {
        u.pk: [codes.get(int(p), "?") for p in u.path.strip("/").split("/") if p] for u in units
    }


def writer_emails(unit_ids: Iterable[int]) -> dict[int, list[str]]:
    """For each unit, the e-mail addresses of the people who may write for it (an active
    membership with a writing role), in one query. Units without such people are left out."""
    members = (
        Membership.objects.active()
        .filter(unit_id__in=set(unit_ids), role__in=access.WRITING_ROLES)
        .exclude(user__email="")
        .order_by("unit_id", "user__email")
        .values_list("unit_id", "user__email")
    )
    emails: dict[int, list[str]] = {}
    for unit_id, email in members:
        if email not in emails.setdefault(unit_id, []):
            emails[unit_id].append(email)
    return emails


def search_units(
    units: UnitQuerySet,
    *,
    q: str = "",
    kind: str = "",
    level: str = "",
    include_closed: bool = True,
) -> UnitQuerySet:
    """Filter units by folded name/code words, kind and level; closed units on request."""
    for word in fold(q).split():
        units = units.filter(Q(code__icontains=word) | Q(slug__icontains=word))
    if kind:
        units = units.filter(kind=kind)
    if level:
        units = units.filter(level=level)
    if not include_closed:
        units = units.open_on()
    return units.select_related("parent").annotate(child_count=Count("children")).order_by("path")
