"""Who may do what in press monitoring, on top of `core.access`."""

from __future__ import annotations

from typing import Any

from ttdn.core import access
from ttdn.monitoring.models import Case, PressRequest, Source, Watch


def can_use_desk(user: Any) -> bool:
    return bool(user.is_authenticated and (access.is_operator(user) or access.memberships(user)))


def can_edit_source(user: Any, source: Source) -> bool:
    return access.is_operator(user) or access.can_act_for(user, source.unit)


def can_edit_watch(user: Any, watch: Watch) -> bool:
    return access.is_operator(user) or access.can_act_for(user, watch.unit)


def can_handle_case(user: Any, case: Case) -> bool:
    """Officers and leaders of the case's unit or a unit above it."""
    return access.is_operator(user) or access.can_act_for(user, case.unit)


def can_answer_press(user: Any, request: PressRequest) -> bool:
    return access.is_operator(user) or access.can_act_for(user, request.unit)
