"""/api/v1/open-data: the public datasets of a unit and their approved figures (no token
needed), the same rows the CSV, JSON and .xlsx downloads hold, under the same licence."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from ttdn.core.api import MAX_OFFSET
from ttdn.org.models import Unit
from ttdn.stats import exports, queries
from ttdn.stats.models import Dataset

router = Router(tags=["open data"])
MAX_LIMIT = 1000


class DatasetOut(Schema):
    code: str
    name: str
    name_en: str
    measure: str
    description: str
    periods: list[str] = Field(description="period codes with approved figures, newest first")
    licence: str


class FigureOut(Schema):
    dataset: str
    unit_code: str
    unit: str
    period: str = Field(description="2022-SY: school year 2022–2023; 2023-Y: year 2023")
    period_name: str
    value: str = Field(description="a plain number, a point before decimals")
    measure: str
    revision: int
    current: bool = Field(description="false for a revision replaced by a correction")
    source: str
    approved_at: datetime.datetime | str


def _unit(slug: str) -> Unit:
    return get_object_or_404(Unit, slug=slug)


@router.get(
    "/{unit_slug}/datasets", response=list[DatasetOut], auth=None, summary="Public datasets"
)
def list_datasets(request: HttpRequest, unit_slug: str) -> list[dict[str, Any]]:
    """The open datasets with approved figures for the unit. Public: no token needed."""
    return [
        {
            "code": d.code, "name": d.name, "name_en": d.name_en, "measure": d.measure,
            "description": d.description, "periods": [p.key for p in periods],
            "licence": exports.LICENCE,
        }
        for d, periods in queries.public_datasets(_unit(unit_slug))
    ]  # fmt: skip


@router.get(
    "/{unit_slug}/datasets/{code}/figures",
    response=list[FigureOut],
    auth=None,
    summary="Approved figures of a dataset",
)
def list_figures(
    request: HttpRequest,
    unit_slug: str,
    code: str,
    period: str = Query("", max_length=20, description="a period code, e.g. 2022-SY"),
    revisions: bool = Query(False, description="include revisions replaced by a correction"),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="items to skip"),
    limit: int = Query(100, ge=1, le=MAX_LIMIT),
) -> list[dict[str, Any]]:
    """The unit's figures and those of the units below it, in tree order: approved only."""
    dataset = get_object_or_404(Dataset.objects.filter(public=True), code=code)
    unit = _unit(unit_slug)
    rows = queries.open_data(dataset, unit, period_key=period, revisions=revisions)
    figures = list(rows.select_related("dataset")[offset : offset + limit])
    codes = dict(Unit.objects.filter(pk__in={f.unit_id for f in figures}).values_list("pk", "code"))
    return exports.records(figures, codes)
