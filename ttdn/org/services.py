"""Writes of units, groups and memberships. Each is atomic and audited; history is never lost."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.text import nfc, slugify
from ttdn.org.enums import Role, UnitChangeKind, level_for
from ttdn.org.models import Membership, Unit, UnitChange, UnitGroup, User, is_reserved_slug

UNIT_FIELDS = [
    "code",
    "name",
    "short_name",
    "slug",
    "hostname",
    "kind",
    "level",
    "parent_id",
    "opened_on",
    "closed_on",
]


def unique_slug(name: str, code: str, *, exclude_pk: int | None = None) -> str:
    """A slug from the name, suffixed with the code when the name's slug is taken or is the
    address of one of the product's own pages."""
    base = slugify(name)[:80] or slugify(code)
    same = Unit.objects.filter(slug=base)
    taken = is_reserved_slug(base) or (same.exclude(pk=exclude_pk) if exclude_pk else same).exists()
    return f"{base}-{slugify(code)}"[:100] if taken else base


@transaction.atomic
def create_unit(
    *, code: str, name: str, kind: str, by: Any, parent: Unit | None = None, **fields: Any
) -> Unit:
    """Create a unit under `parent` (or as a root). Raises ValidationError on a duplicate code."""
    name = nfc(name).strip()
    fields.setdefault("level", level_for(kind))
    fields["slug"] = fields.get("slug") or unique_slug(name, code)
    unit = Unit(code=code.strip(), name=name, kind=kind, parent=parent, **fields)
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
    unit.depth = parent.depth + 1 if parent else 0
    unit.save(update_fields=["path", "depth"])
    UnitChange.objects.create(
        unit=unit,
        kind=UnitChangeKind.CREATED,
        by=_actor(by),
        to_parent=parent,
        effective_on=unit.opened_on,
    )
    audit.record(
        AuditAction.CREATE, unit, by=by, changes=audit.diff({}, audit.snapshot(unit, UNIT_FIELDS))
    )
    return unit


@transaction.atomic
def update_unit(unit: Unit, *, by: Any, **fields: Any) -> Unit:
    """Change a unit's own fields (not its parent: see move_unit). Records what changed."""
    before = audit.snapshot(unit, UNIT_FIELDS)
    for name, value in fields.items():
        setattr(unit, name, nfc(value).strip() if isinstance(value, str) else value)
    unit.full_clean(exclude=["path"])
    unit.save()
    changes = audit.diff(before, audit.snapshot(unit, UNIT_FIELDS))
    if changes:
        UnitChange.objects.create(
            unit=unit, kind=UnitChangeKind.UPDATED, by=_actor(by), changes=changes
        )
        audit.record(AuditAction.UPDATE, unit, by=by, changes=changes)
    return unit


@transaction.atomic
def move_unit(
    unit: Unit, *, to_parent: Unit | None, by: Any, effective_on: datetime.date | None = None
) -> Unit:
    """Put `unit` and its subtree under `to_parent`. Raises ValidationError on a cycle."""
    if to_parent is not None and to_parent.path.startswith(unit.path):
        raise ValidationError(_("A unit cannot be moved under itself or one of its own units."))
    old_parent, old_path = unit.parent, unit.path
    new_path = f"{to_parent.path if to_parent else '/'}{unit.pk}/"
    depth_shift = (to_parent.depth + 1 if to_parent else 0) - unit.depth
    Unit.objects.filter(path__under=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_shift,
    )
    Unit.objects.filter(pk=unit.pk).update(parent=to_parent)
    unit.refresh_from_db()
    UnitChange.objects.create(
        unit=unit,
        kind=UnitChangeKind.MOVED,
        by=_actor(by),
        from_parent=old_parent,
        to_parent=to_parent,
        effective_on=effective_on or timezone.localdate(),
    )
    changes = {"parent_id": [getattr(old_parent, "pk", None), getattr(to_parent, "pk", None)]}
    audit.record(AuditAction.MOVE, unit, by=by, changes=changes)
    return unit


@transaction.atomic
def close_unit(unit: Unit, *, on: datetime.date, by: Any) -> Unit:
    """Close the unit from `on`. It keeps its records and history; nothing is deleted."""
    before = audit.snapshot(unit, ["closed_on"])
    unit.closed_on = on
    unit.full_clean(exclude=["path"])
    unit.save(update_fields=["closed_on", "updated_at"])
    UnitChange.objects.create(unit=unit, kind=UnitChangeKind.CLOSED, by=_actor(by), effective_on=on)
    audit.record(
        AuditAction.CLOSE,
        unit,
        by=by,
        changes=audit.diff(before, audit.snapshot(unit, ["closed_on"])),
    )
    return unit


@transaction.atomic
def add_membership(user: User, unit: Unit, role: Role, *, by: Any, title: str = "") -> Membership:
    """Let `user` act for `unit` in `role` (idempotent: an existing one is reactivated)."""
    membership, created = Membership.objects.get_or_create(
        user=user, unit=unit, role=role, defaults={"title": title}
    )
    if not created and not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active", "updated_at"])
    if created:
        audit.record(
            AuditAction.CREATE,
            membership,
            by=by,
            changes={"role": [None, role], "user_id": [None, user.pk]},
        )
    return membership


@transaction.atomic
def set_group_members(group: UnitGroup, units: list[Unit], *, by: Any) -> UnitGroup:
    """Make `units` the members of `group`, recording who was added and removed."""
    before = sorted(group.members.values_list("code", flat=True))
    group.members.set(units)
    after = sorted(u.code for u in units)
    if before != after:
        audit.record(
            AuditAction.UPDATE,
            group,
            by=by,
            unit_id=group.owner_id,
            changes={"members": [before, after]},
        )
    return group


def _actor(by: Any) -> User | None:
    return by if isinstance(by, User) else None
