from typing import Any

from django.http import HttpRequest

from ttdn.core import access, navigation


def layout(request: HttpRequest) -> dict[str, Any]:
    """Navigation entries, the person's memberships and the unit they are acting for."""
    user = request.user
    if not user.is_authenticated:
        return {}
    memberships = access.memberships(user)
    active_id = request.session.get("unit_id")
    active = next(
        (m for m in memberships if m.unit_id == active_id), memberships[0] if memberships else None
    )
    return {
        "nav_items": navigation.items_for(user),
        "my_memberships": memberships,
        "active_membership": active,
    }
