"""Who may do what with activities, movements and contests. Built on core.access only."""

from __future__ import annotations

from typing import Any

from ttdn.activities.enums import ActivityStatus
from ttdn.activities.models import Activity, Contest, ContestLevel, Movement
from ttdn.core import access
from ttdn.org.models import Unit


def can_write(user: Any, unit: Unit) -> bool:
    """Leaders and officers of the unit (or above it) record its activities and entries."""
    return access.can_act_for(user, unit)


def can_edit(user: Any, activity: Activity) -> bool:
    """A verified activity is frozen; its unit's writers change it before that."""
    return activity.status != ActivityStatus.VERIFIED and can_write(user, activity.unit)


def can_verify(user: Any, activity: Activity) -> bool:
    """The supervising unit verifies: leaders and officers of a unit strictly above the
    organiser. A unit never verifies its own activities."""
    parent = activity.unit.parent
    return parent is not None and access.can_act_for(user, parent)


def can_manage_movement(user: Any, movement: Movement) -> bool:
    return access.can_act_for(user, movement.unit)


def can_organise(user: Any, contest: Contest) -> bool:
    """The organiser's leaders and officers set the levels and juries, and judge every level."""
    return access.can_act_for(user, contest.unit)


def can_judge(user: Any, level: ContestLevel) -> bool:
    """A level's jurors enter results for that level only; the organiser for every level."""
    if can_organise(user, level.contest):
        return True
    return any(juror.pk == user.pk for juror in level.jurors.all())
