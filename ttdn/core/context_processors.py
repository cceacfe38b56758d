from typing import Any

from django.http import HttpRequest

from ttdn.core import access, navigation


def layout(request: HttpRequest) -> dict[str, Any]:
    """Navigation entries, the person's memberships and the unit they are acting for."""
    user = request.user
    if not user.is_authenticated:
        return {}
    return {
        "nav_items": navigation.items_for(user),
        "my_memberships": access.memberships(user),
        "active_membership": access.active_membership(user, request.session),
    }
