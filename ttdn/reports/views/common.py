"""Helpers the reports screens share."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from ttdn.core import access
from ttdn.org.models import Unit
from ttdn.reports.models import Round


def acting_unit(request: HttpRequest) -> Unit | None:
    active = access.active_membership(request.user, request.session)
    return active.unit if active else None


def round_and_unit(request: HttpRequest, pk: int, code: str) -> tuple[Round, Unit]:
    round_ = get_object_or_404(
        Round.objects.visible_to(request.user).select_related("form_version"), pk=pk
    )
    units = access.visible_units(request.user)
    unit = get_object_or_404(units, code=code) if code else default_unit(request, round_)
    return round_, unit


def default_unit(request: HttpRequest, round_: Round) -> Unit:
    if access.can_see_unit(request.user, round_.owner):
        return round_.owner
    unit = acting_unit(request)
    if unit is None:
        raise PermissionDenied
    return unit
