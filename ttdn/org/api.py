"""/api/v1/units: the units visible to the caller."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from ttdn.core import access
from ttdn.core.api import caller, offset_field
from ttdn.org import queries
from ttdn.org.models import Unit

router = Router(tags=["units"])


class UnitOut(Schema):
    code: str
    name: str
    short_name: str
    slug: str
    hostname: str | None
    kind: str
    level: str
    parent: str | None = Field(description="code of the parent unit, null for a root")
    path: list[str] = Field(description="codes from the root down to this unit")
    opened_on: datetime.date | None
    closed_on: datetime.date | None


class UnitFilter(Schema):
    q: str = ""
    kind: str = ""
    level: str = ""
    limit: int = Field(100, ge=1, le=1000)
    offset: int = offset_field()


class UnitPage(Schema):
    count: int
    items: list[UnitOut]


def unit_out(unit: Unit, path: list[str]) -> UnitOut:
    return UnitOut(
        code=unit.code,
        name=unit.name,
        short_name=unit.short_name,
        slug=unit.slug,
        hostname=unit.hostname,
        kind=unit.kind,
        level=unit.level,
        parent=unit.parent.code if unit.parent else None,
        path=path,
        opened_on=unit.opened_on,
        closed_on=unit.closed_on,
    )


@router.get("", response=UnitPage, summary="Units visible to the caller")
def list_units(request: HttpRequest, filters: Query[UnitFilter]) -> UnitPage:
    units = queries.search_units(
        access.visible_units(caller(request)), q=filters.q, kind=filters.kind, level=filters.level
    )
    page = list(units[filters.offset : filters.offset + filters.limit])
    paths = queries.code_paths(page)
    return UnitPage(count=units.count(), items=[unit_out(u, paths[u.pk]) for u in page])


@router.get("/{code}", response=UnitOut, summary="One unit, if visible to the caller")
def get_unit(request: HttpRequest, code: str) -> UnitOut:
    unit = access.visible_unit(caller(request), Unit.objects.select_related("parent"), code=code)
    return unit_out(unit, queries.code_paths([unit])[unit.pk])
