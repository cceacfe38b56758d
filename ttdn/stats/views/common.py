"""What the statistics screens share: the unit a screen is about (not visible: 404) and the
form page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ttdn.core import access
from ttdn.core.feedback import errors_of
from ttdn.org.models import Unit


def unit_or_404(request: HttpRequest, pk: int) -> Unit:
    return access.visible_unit(request.user, pk=pk)


def form_page(
    request: HttpRequest, form: Any, *, title: str, unit: Unit, back: str, intro: str = ""
) -> HttpResponse:
    context = {"form": form, "title": title, "unit": unit, "back": back, "intro": intro}
    return render(request, "stats/form.html", context)


def show_refusal(form: Any, error: Exception) -> None:
    """A service's refusal on the form, as errors that are not tied to one field."""
    assert isinstance(error, ValidationError) or hasattr(error, "args")
    for message in errors_of(error):  # type: ignore[arg-type]
        form.add_error(None, message)
