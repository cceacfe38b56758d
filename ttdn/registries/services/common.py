"""Creating and changing a record the same way everywhere: NFC text, full_clean, audit."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import models

from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.text import nfc

M = TypeVar("M", bound=models.Model)


def normalised(fields: dict[str, Any]) -> dict[str, Any]:
    """Text values in NFC and stripped; everything else as given."""
    return {k: nfc(v).strip() if isinstance(v, str) else v for k, v in fields.items()}


def create(model: type[M], *, by: Any, unit_id: int | None = None, **fields: Any) -> M:
    """A new validated row, audited. Raises ValidationError naming the fields that are wrong."""
    obj = model(**normalised(fields))
    obj.full_clean()
    obj.save()
    audit.record(AuditAction.CREATE, obj, by=by, unit_id=unit_id)
    return obj


def change(obj: M, *, by: Any, unit_id: int | None = None, **fields: Any) -> M:
    """Assign `fields`, validate, save, and audit what changed (nothing when nothing did)."""
    before = audit.snapshot(obj)
    for name, value in normalised(fields).items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    changes = audit.diff(before, audit.snapshot(obj))
    if changes:
        audit.record(AuditAction.UPDATE, obj, by=by, changes=changes, unit_id=unit_id)
    return obj


def set_many(obj: models.Model, name: str, values: Iterable[models.Model]) -> None:
    getattr(obj, name).set(list(values))
