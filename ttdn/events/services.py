"""Writes of commemorations. Each is atomic and audited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.text import fold, nfc
from ttdn.events.models import Commemoration

FIELDS = [
    "key",
    "name",
    "calendar",
    "month",
    "day",
    "origin_year",
    "scope",
    "category",
    "unit_id",
    "partner",
    "verification",
    "verification_note",
    "source",
    "notes",
]


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def create_commemoration(*, name: str, by: Any, **fields: Any) -> Commemoration:
    """Create a commemoration. Raises ValidationError for an impossible date or a scope without its unit."""
    commemoration = Commemoration()
    _assign(commemoration, name=name, **fields)
    commemoration.full_clean()
    commemoration.save()
    audit.record(
        AuditAction.CREATE,
        commemoration,
        by=by,
        changes=audit.diff({}, audit.snapshot(commemoration, FIELDS)),
    )
    return commemoration


@transaction.atomic
def update_commemoration(commemoration: Commemoration, *, by: Any, **fields: Any) -> Commemoration:
    """Change the given fields and record what changed. Raises ValidationError as create_commemoration."""
    before = audit.snapshot(commemoration, FIELDS)
    _assign(commemoration, **fields)
    commemoration.full_clean()
    changes = audit.diff(before, audit.snapshot(commemoration, FIELDS))
    if changes:
        commemoration.save()
        audit.record(AuditAction.UPDATE, commemoration, by=by, changes=changes)
    return commemoration


@transaction.atomic
def delete_commemoration(commemoration: Commemoration, *, by: Any) -> None:
    """Delete the commemoration; the audit log keeps its last fields."""
    audit.record(
        AuditAction.DELETE,
        commemoration,
        by=by,
        changes=audit.diff(audit.snapshot(commemoration, FIELDS), {}),
    )
    commemoration.delete()


@transaction.atomic
def load_reference(rows: Iterable[dict[str, Any]], *, by: Any = None) -> LoadResult:
    """Create or update one commemoration per row, found again by its `key`; idempotent.

    Rows of the reference files that are gone from them are kept: an operator deletes them.
    Raises ValidationError (and writes nothing) when a row is not a valid commemoration.
    """
    created = updated = unchanged = 0
    existing = {c.key: c for c in Commemoration.objects.exclude(key="")}
    for row in rows:
        current = existing.get(row["key"])
        if current is None:
            create_commemoration(by=by, **row)
            created += 1
            continue
        before = audit.snapshot(current, FIELDS)
        update_commemoration(current, by=by, **row)
        changed = audit.snapshot(current, FIELDS) != before
        updated, unchanged = updated + changed, unchanged + (not changed)
    return LoadResult(created, updated, unchanged)


def _assign(commemoration: Commemoration, **fields: Any) -> None:
    for name, value in fields.items():
        setattr(commemoration, name, nfc(value).strip() if isinstance(value, str) else value)
    commemoration.folded_name = fold(commemoration.name)
