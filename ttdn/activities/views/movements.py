"""Screens of emulation movements: the list, launching one, and its participation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ttdn.activities import queries, rules, services
from ttdn.activities.forms import MovementForm, RegistrationForm
from ttdn.activities.models import Movement
from ttdn.core import access
from ttdn.core.feedback import attempt, errors_of


@login_required
def movement_list(request: HttpRequest) -> HttpResponse:
    movements = Movement.objects.visible_to(request.user).select_related("unit")
    context = {
        "movements": movements,
        "can_add": access.units_with_role(request.user, access.WRITING_ROLES).exists(),
    }
    return render(request, "activities/movement_list.html", context)


@login_required
def movement_create(request: HttpRequest) -> HttpResponse:
    form = MovementForm(
        request.POST or None, units=access.supervised_units(request.user, access.WRITING_ROLES)
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        unit = fields.pop("unit")
        try:
            movement = services.launch_movement(unit, by=request.user, **fields)
        except (ValidationError, PermissionDenied) as error:
            for message in errors_of(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("The movement is launched."))
            return redirect(movement)
    return render(request, "activities/movement_form.html", {"form": form})


@login_required
def movement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The movement, the units that joined it and their activities under it; joining it."""
    movement = get_object_or_404(
        Movement.objects.visible_to(request.user).select_related("unit"), pk=pk
    )
    joinable = (
        access.supervised_units(request.user, access.WRITING_ROLES)
        .filter(path__under=movement.unit.path)
        .exclude(pk=movement.unit_id)
        .exclude(pk__in=movement.registrations.values("unit"))
    )
    form = RegistrationForm(request.POST or None, units=joinable)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        unit = fields.pop("unit")
        if attempt(
            request, _("The unit has joined the movement."), services.register_unit,
            movement, unit, by=request.user, **fields,
        ):  # fmt: skip
            return redirect(movement)
    rows = queries.participation(request.user, movement)
    context = {
        "movement": movement,
        "rows": rows,
        "joined": sum(1 for row in rows if row.registration),
        "form": form if joinable.exists() else None,
        "can_manage": rules.can_manage_movement(request.user, movement),
    }
    return render(request, "activities/movement_detail.html", context)
