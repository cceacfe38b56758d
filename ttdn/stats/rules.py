"""Who may do what with statistics and press documents, on top of core.access."""

from __future__ import annotations

from typing import Any

from ttdn.core import access
from ttdn.org.enums import Role
from ttdn.org.models import Unit
from ttdn.stats.models import Figure, PressDocument

LEADERS = frozenset({Role.LEADER})


def can_enter_figures(user: Any, unit: Unit) -> bool:
    """Officers and leaders of the unit or above enter figures and write press documents."""
    return access.can_act_for(user, unit)


def can_approve_figure(user: Any, figure: Figure) -> bool:
    """A leader of the unit or above, never the person who entered the figure."""
    return access.can_act_for(user, figure.unit, LEADERS) and user.pk != figure.entered_by_id


def can_write_press(user: Any, document: PressDocument) -> bool:
    return access.can_act_for(user, document.unit)


def can_publish_press(user: Any, document: PressDocument) -> bool:
    """Publishing speaks for the unit: its leaders (or a leader above) do it."""
    return access.can_act_for(user, document.unit, LEADERS)


def can_clear_photos(user: Any, unit: Unit) -> bool:
    """The unit's editors, officers and leaders (or those of a unit above) clear its portal's
    pictures for press use, as they write its articles."""
    return access.can_act_for(user, unit, access.EDITING_ROLES)
