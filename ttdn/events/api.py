"""/api/v1/anniversaries: the anniversaries of a year, for the caller's units."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from ttdn.core import access
from ttdn.core.api import FIRST_YEAR, LAST_YEAR
from ttdn.events import queries
from ttdn.events.models import Commemoration

router = Router(tags=["anniversaries"])


class LunarOut(Schema):
    year: int
    month: int
    day: int
    leap: bool


class AnniversaryOut(Schema):
    name: str
    date: datetime.date
    ordinal: int | None = Field(
        description="years since the origin year; null when it is not known (Tết)"
    )
    year_class: str | None = Field(
        alias="class",
        description="round (ends in 0), half (ends in 5), other; null without an ordinal",
    )
    even: bool = Field(description="a “năm chẵn” under this deployment's rule: worth planning for")
    scope: str
    category: str
    unit: str | None = Field(
        description="code of the unit a provincial or local commemoration belongs to"
    )
    calendar: str = Field(description="solar or lunar")
    lunar: LunarOut | None = Field(
        description="the lunar date it falls on, for a lunar commemoration"
    )
    origin_year: int | None
    verification: str = Field(description="verified, partly or unverified")
    verification_note: str


class AnniversaryFilter(Schema):
    # Bounds documented here and checked by the view, which says why a year is refused.
    year: int = Field(
        description=f"a year from {FIRST_YEAR} to {LAST_YEAR}",
        json_schema_extra={"minimum": FIRST_YEAR, "maximum": LAST_YEAR},
    )
    unit: str = Field(
        "",
        description="a unit code: the national commemorations plus those of the unit and the units above it",
    )


@router.get("", response=list[AnniversaryOut], by_alias=True, summary="The anniversaries of a year")
def list_anniversaries(
    request: HttpRequest, filters: Query[AnniversaryFilter]
) -> list[dict[str, Any]]:
    """Without `unit`, every commemoration the caller may see; a unit they may not see is 404."""
    user = request.auth  # type: ignore[attr-defined]
    try:
        year = queries.check_year(filters.year)
    except queries.YearOutOfRange as error:
        raise HttpError(422, str(error)) from error
    commemorations = Commemoration.objects.visible_to(user)
    if filters.unit:
        commemorations = commemorations.for_unit(access.visible_unit(user, code=filters.unit))
    items = queries.anniversaries(commemorations.select_related("unit"), year)
    # The same JSON as the CLI's; Ninja checks it against AnniversaryOut ("class" by alias).
    return [queries.to_json(item) for item in items]
