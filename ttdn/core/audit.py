"""The audit log: every change made through the product, with the fields before and after."""

from __future__ import annotations

import datetime
import decimal
from typing import Any

from django.db import models

from ttdn.core.context import current_request
from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The concrete field values of `obj` (foreign keys as ids), JSON-ready."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: _plain(getattr(obj, name)) for name in names}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Changed fields as {field: [before, after]}."""
    keys = before.keys() | after.keys()
    return {k: [before.get(k), after.get(k)] for k in sorted(keys) if before.get(k) != after.get(k)}


def unit_of(obj: models.Model | None) -> int | None:
    """The unit an object belongs to, for filtering the log by subtree."""
    if obj is None:
        return None
    if obj._meta.label == "org.Unit":
        return int(obj.pk)
    return getattr(obj, "unit_id", None)


def record(
    action: AuditAction,
    obj: models.Model | None = None,
    *,
    by: Any = None,
    changes: dict[str, Any] | None = None,
    unit_id: int | None = None,
    object_repr: str = "",
) -> AuditEntry:
    """Append one entry. The actor's address comes from the request being served, if any."""
    info = current_request.get()
    actor = by if by is not None and getattr(by, "pk", None) else None
    return AuditEntry.objects.create(
        action=action,
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        ip_address=info.ip_address if info else None,
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(object_repr or str(obj or ""))[:255],
        unit_id=unit_id if unit_id is not None else unit_of(obj),
        changes=changes or {},
    )
