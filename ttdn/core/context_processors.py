from typing import Any

from django.http import HttpRequest

from ttdn.core import access, navigation


def layout(request: HttpRequest) -> dict[str, Any]:
    """Navigation entries, the person's memberships and the unit they are acting for. Nothing for
    a request that never reached the authentication middleware (an error page for a bad Host
    header is rendered before it) or that has no session."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return {}
    return {
        "nav_items": navigation.items_for(user),
        "my_memberships": access.memberships(user),
        "active_membership": access.active_membership(user, request.session),
    }
