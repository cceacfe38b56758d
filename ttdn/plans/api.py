"""/api/v1/plans: plans the caller can see, one plan's structure, importing a file, and the
board of the plans a plan requires."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile

from ttdn.core import access
from ttdn.core.api import caller, id_in_path, year_field
from ttdn.plans import queries, rules, services
from ttdn.plans.forms import import_message, upload_text
from ttdn.plans.importer import MAX_BYTES, PlanImportError, parse_plan
from ttdn.plans.models import Plan

router = Router(tags=["plans"])


class PlanRow(Schema):
    id: int
    unit: str = Field(description="code of the plan's unit")
    year: int
    status: str
    number: str | None
    symbol: str | None
    issued_on: datetime.date | None
    title: str
    parent: int | None


class PlanFilter(Schema):
    unit: str = Field("", description="a unit code")
    year: int | None = year_field()
    status: str = ""


class SubmissionRow(Schema):
    id: int
    unit: str
    unit_name: str
    level: str
    parent_unit: str
    due: datetime.date
    status: str = Field(description="not_started, draft, on_time, late, returned or accepted")
    submitted_at: datetime.datetime | None
    plan: int | None
    comment: str


@router.get("", response=list[PlanRow], summary="Plans the caller can see")
def list_plans(request: HttpRequest, filters: Query[PlanFilter]) -> list[dict[str, Any]]:
    plans = Plan.objects.visible_to(caller(request)).of_year(filters.year).select_related("unit")
    if filters.unit:
        plans = plans.filter(unit__code=filters.unit)
    if filters.status:
        plans = plans.filter(status=filters.status)
    return [
        {
            "id": p.pk,
            "unit": p.unit.code,
            "year": p.year,
            "status": p.status,
            "number": p.number or None,
            "symbol": p.symbol or None,
            "issued_on": p.issued_on,
            "title": p.title,
            "parent": p.parent_id,
        }
        for p in plans
    ]


@router.get("/{int:pk}", summary="One plan: its structure, as the import gives it")
def get_plan(request: HttpRequest, pk: int = id_in_path()) -> dict[str, Any]:
    try:
        plan = queries.plan_with_parts(pk, Plan.objects.visible_to(caller(request)))
    except Plan.DoesNotExist as error:
        raise HttpError(404, "Not found.") from error
    return queries.saved_plan(plan).as_dict()


@router.post("/import", summary="Read a plan file; saved as a draft only with save=true")
def import_plan(
    request: HttpRequest,
    file: File[UploadedFile],
    save: Form[bool] = False,
    unit: Form[str] = "",
) -> dict[str, Any]:
    """A .txt, .docx or text-based .pdf file → the JSON of a plan (422 with a message when it
    cannot be read). With save=true and a unit code the caller writes for, it is saved as a
    draft and its id added."""
    user = caller(request)
    owner = get_object_or_404(access.visible_units(user), code=unit) if save else None
    if owner is not None and not rules.can_write(user, owner):
        raise PermissionDenied
    if (file.size or 0) > MAX_BYTES:
        raise HttpError(
            413,
            import_message(
                PlanImportError(
                    "too large", code="too_large", params={"size": file.size, "limit": MAX_BYTES}
                )
            ),
        )
    try:
        parsed = parse_plan(upload_text(file.read(), file.name or ""))
    except PlanImportError as error:
        raise HttpError(422, import_message(error)) from error
    data = parsed.as_dict()
    if owner is not None:
        data["id"] = services.save_imported(parsed, unit=owner, by=user).pk
    return data


@router.get("/{int:pk}/submissions", response=list[SubmissionRow], summary="The board as data")
def submissions(request: HttpRequest, pk: int = id_in_path()) -> list[dict[str, Any]]:
    plan = get_object_or_404(Plan.objects.visible_to(caller(request)), pk=pk)
    if not rules.can_see_board(caller(request), plan):
        raise PermissionDenied
    return [
        {
            "id": row.submission.pk,
            "unit": row.submission.unit.code,
            "unit_name": row.submission.unit_name,
            "level": row.submission.unit_level,
            "parent_unit": row.submission.parent_name,
            "due": row.submission.due,
            "status": row.column.value,
            "submitted_at": row.submission.submitted_at,
            "plan": row.submission.plan_id,
            "comment": row.submission.comment,
        }
        for row in queries.board(plan).rows
    ]
