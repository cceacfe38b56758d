"""Emulation movements: launching one, and units joining it."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.activities import rules
from ttdn.activities.models import Movement, Registration
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.text import nfc
from ttdn.org.models import Unit


@transaction.atomic
def launch_movement(
    unit: Unit,
    *,
    by: Any,
    title: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    criteria: str = "",
) -> Movement:
    """A movement of `unit` for its subtree. Raises PermissionDenied, or ValidationError when it
    ends before it starts or has no title."""
    if not rules.can_write(by, unit):
        raise PermissionDenied(_("You may not launch movements for this unit."))
    if ends_on < starts_on:
        raise ValidationError({"ends_on": _("A movement cannot end before it starts.")})
    movement = Movement(
        unit=unit, title=nfc(title).strip(), starts_on=starts_on, ends_on=ends_on,
        criteria=nfc(criteria).strip(), created_by=by,
    )  # fmt: skip
    movement.full_clean()
    movement.save()
    audit.record(AuditAction.CREATE, movement, by=by, unit_id=unit.pk)
    return movement


@transaction.atomic
def register_unit(
    movement: Movement, unit: Unit, *, by: Any, pledge: str = "", on: datetime.date | None = None
) -> Registration:
    """`unit` joins the movement. Raises PermissionDenied unless the person writes for the unit;
    ValidationError when the unit is outside the owner's subtree, the movement is over, or the
    unit has joined already."""
    on = on or timezone.localdate()
    if not rules.can_write(by, unit):
        raise PermissionDenied(_("You may not register this unit."))
    if not unit.path.startswith(movement.unit.path):
        raise ValidationError(_("Only units under %(owner)s may join.") % {"owner": movement.unit})
    if on > movement.ends_on:
        raise ValidationError(
            _("The movement ended on %(day)s.") % {"day": f"{movement.ends_on:%d/%m/%Y}"}
        )
    if movement.registrations.filter(unit=unit).exists():
        raise ValidationError(_("%(unit)s has joined this movement already.") % {"unit": unit})
    registration = Registration.objects.create(
        movement=movement, unit=unit, registered_on=on, pledge=nfc(pledge).strip(),
        registered_by=by,
    )  # fmt: skip
    audit.record(AuditAction.CREATE, registration, by=by, unit_id=unit.pk)
    return registration
