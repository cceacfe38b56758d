"""The one place that decides which units a person may see and act for.

A membership covers its unit and the unit's whole subtree: a Phòng officer reads every
school under the Phòng, and a supervising unit reviews what its subtree submits. Nothing
outside the subtrees of a person's memberships is visible, so a person of another province
sees nothing of this one. Operators (staff accounts) run the installation and see everything.

Every queryset a view or an API endpoint touches starts from these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from ttdn.org.enums import Role
from ttdn.org.models import Membership, Unit, UnitQuerySet

ALL_ROLES = frozenset(Role)
# Who acts for a unit: writes its plans and reports, issues its outgoing documents.
WRITING_ROLES = frozenset({Role.LEADER, Role.OFFICER})
# Who writes a unit's portal articles and library documents: the writers and the editors.
EDITING_ROLES = WRITING_ROLES | {Role.EDITOR}


def is_operator(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def memberships(user: Any) -> list[Membership]:
    """The person's active memberships with their units, fetched once per user object."""
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_ttdn_memberships", None)
    if cached is None:
        cached = list(Membership.objects.active().filter(user=user).select_related("unit"))
        user._ttdn_memberships = cached
    return cached


def _paths(user: Any, roles: Iterable[str]) -> list[str]:
    wanted = set(roles)
    return [m.unit.path for m in memberships(user) if m.role in wanted]


def visible_units(user: Any) -> UnitQuerySet:
    """Units the person may read: the subtrees of all their memberships."""
    if is_operator(user):
        return Unit.objects.all()
    return Unit.objects.in_subtrees(_paths(user, ALL_ROLES))


def visible_unit(user: Any, units: QuerySet[Unit, Any] | None = None, **lookup: Any) -> Unit:
    """`get_object_or_404(visible_units(user), **lookup)`, decided from the person's memberships
    rather than by a query of their subtrees: the unit is read by `lookup` (from `units`, for
    its select_related), then let in only if it is in one of them."""
    unit = (Unit.objects.all() if units is None else units).filter(**lookup).first()
    if unit is None or not can_see_unit(user, unit):
        raise Http404
    return unit


def visible_unit_ids(user: Any) -> QuerySet[Unit, Any]:
    """`visible_units` as a subquery of ids, for filtering other models by unit."""
    return visible_units(user).values("pk")


def units_with_role(user: Any, roles: Iterable[str] = ALL_ROLES) -> UnitQuerySet:
    """Units where the person holds one of `roles` directly (the units they act for)."""
    wanted = set(roles)
    ids = [m.unit_id for m in memberships(user) if m.role in wanted]
    return Unit.objects.filter(pk__in=ids)


def supervised_units(user: Any, roles: Iterable[str] = ALL_ROLES) -> UnitQuerySet:
    """Subtrees of the units where the person holds one of `roles`."""
    if is_operator(user):
        return Unit.objects.all()
    return Unit.objects.in_subtrees(_paths(user, roles))


def can_see_unit(user: Any, unit: Unit) -> bool:
    return is_operator(user) or any(unit.path.startswith(p) for p in _paths(user, ALL_ROLES))


def can_act_for(user: Any, unit: Unit, roles: Iterable[str] = WRITING_ROLES) -> bool:
    """True when the person holds one of `roles` in `unit` or in a unit above it."""
    return any(unit.path.startswith(p) for p in _paths(user, roles))


def can_browse_audit(user: Any) -> bool:
    return is_operator(user) or bool(_paths(user, {Role.LEADER}))


def audit_unit_ids(user: Any) -> QuerySet[Unit, Any]:
    """Units whose audit log the person may browse: leaders see their subtree."""
    return supervised_units(user, {Role.LEADER}).values("pk")


def roles_in(user: Any, unit: Unit) -> set[str]:
    """The roles the person holds in `unit` itself or any unit above it."""
    return {m.role for m in memberships(user) if unit.path.startswith(m.unit.path)}


def needs_two_factor(user: Any) -> bool:
    """Leaders and operators must use TOTP when the deployment requires it."""
    return is_operator(user) or bool(_paths(user, {Role.LEADER}))


def concerning_unit_ids(user: Any) -> set[int]:
    """Units above the person's own: what they decide (plans, commemorations) concerns the person."""
    return {pk for m in memberships(user) for pk in m.unit.ancestor_ids}


def active_membership(user: Any, session: Any) -> Membership | None:
    """The membership the person acts through: the one chosen in the header, else the first."""
    found = memberships(user)
    chosen = session.get("unit_id")
    return next((m for m in found if m.unit_id == chosen), found[0] if found else None)


def acting_unit(request: Any) -> Unit | None:
    """The unit the person acts for (chosen in the header), or None without a membership."""
    active = active_membership(request.user, request.session)
    return active.unit if active else None
