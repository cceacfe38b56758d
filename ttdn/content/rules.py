"""Who may write and who may review a site's content, decided through `ttdn.core.access`."""

from __future__ import annotations

from typing import Any

from ttdn.content.models import REVIEWING_ROLES
from ttdn.core import access
from ttdn.org.models import Unit


def can_write(user: Any, unit: Unit) -> bool:
    """Editors, officers and leaders of the unit or of a unit above it."""
    return user is not None and access.can_act_for(user, unit, access.EDITING_ROLES)


def can_review(user: Any, unit: Unit) -> bool:
    """Leaders of the unit or of a supervising unit: they review, approve and publish."""
    return user is not None and access.can_act_for(user, unit, REVIEWING_ROLES)
