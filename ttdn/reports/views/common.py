"""Helpers the reports screens share."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from ttdn.core import access
from ttdn.org.models import Unit
from ttdn.reports.models import Indicator, Round, Value


def round_and_unit(request: HttpRequest, pk: int, code: str) -> tuple[Round, Unit]:
    round_ = visible_round(request.user, pk)
    unit = access.visible_unit(request.user, code=code) if code else default_unit(request, round_)
    return round_, unit


def visible_round(user: Any, pk: int) -> Round:
    return get_object_or_404(
        Round.objects.visible_to(user).select_related("form_version", "owner"), pk=pk
    )


def default_unit(request: HttpRequest, round_: Round) -> Unit:
    if access.can_see_unit(request.user, round_.owner):
        return round_.owner
    unit = access.acting_unit(request)
    if unit is None:
        raise PermissionDenied
    return unit


def entry_sections(
    form: Any, indicators: list[Indicator], values: dict[int, Value], links: dict[int, str]
) -> list[dict[str, Any]]:
    """The entry form by section: each indicator with its field, and the fields of its
    categories (shown as a grid under it); a computed one with its reason, value and link."""
    sections: dict[int, dict[str, Any]] = {}
    items: dict[int, dict[str, Any]] = {}
    for indicator in indicators:
        field = form[indicator.code]
        if indicator.parent_id in items:
            items[indicator.parent_id]["categories"].append(
                {"field": field, "indicator": indicator}
            )
            continue
        section = sections.setdefault(
            indicator.section_id, {"title": indicator.section.title, "items": []}
        )
        value = values.get(indicator.pk)
        items[indicator.pk] = {
            "field": field,
            "reason": form[f"reason_{indicator.code}"] if indicator.computed_key else None,
            "computed": value.computed_number if value else None,
            "link": links.get(indicator.pk, ""),
            "indicator": indicator,
            "categories": [],
        }
        section["items"].append(items[indicator.pk])
    return list(sections.values())
