"""/api/v1/plans: plans the caller can see, one plan's structure, importing a file, and the
board of the plans a plan requires."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.files import UploadedFile

from ttdn.core import access, uploads
from ttdn.core.api import caller, id_in_path, year_field
from ttdn.plans import queries, rules, services
from ttdn.plans.forms import API_IMPORT_JOB, import_message, upload_text
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


class ImportJob(Schema):
    """A plan file too heavy to read within the request: the worker reads it."""

    job: int
    status: str = Field(description="queued, running, done or failed")
    message: str = Field("", description="why the file could not be read, when it failed")
    result: dict[str, Any] | None = Field(
        None, description="the JSON of the plan (with its id when saved), once done"
    )
    url: str = Field(description="where to ask again")


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


@router.post(
    "/import",
    response={200: dict[str, Any], 202: ImportJob},
    summary="Read a plan file; saved as a draft only with save=true",
)
def import_plan(
    request: HttpRequest,
    file: File[UploadedFile],
    save: Form[bool] = False,
    unit: Form[str] = "",
) -> Any:
    """A .txt, .docx or text-based .pdf file → the JSON of a plan (422 with a message when it
    cannot be read). With save=true and a unit code the caller writes for, it is saved as a
    draft and its id added. A heavy file (a large one, a PDF of many pages) is read by the
    worker: the answer is 202 with the job, to be asked again at its `url`."""
    user = caller(request)
    owner = access.visible_unit(user, code=unit) if save else None
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
    data, name = file.read(), file.name or ""
    if uploads.needs_worker(data, name):
        params = {"unit": owner.pk if owner is not None else None, "user": user.pk}
        job = uploads.queue_upload(API_IMPORT_JOB, data=data, filename=name, by=user, params=params)
        return Status(202, _job_out(job))
    try:
        parsed = parse_plan(upload_text(data, name))
    except PlanImportError as error:
        raise HttpError(422, import_message(error)) from error
    data = parsed.as_dict()
    if owner is not None:
        data["id"] = services.save_imported(parsed, unit=owner, by=user).pk
    return data


@router.get("/imports/{int:pk}", response=ImportJob, summary="A plan file the worker reads")
def import_job(request: HttpRequest, pk: int = id_in_path()) -> dict[str, Any]:
    """The caller's own import job: its status, and the plan once read (404 for anyone else's)."""
    return _job_out(uploads.job_of(caller(request), pk, kind=API_IMPORT_JOB))


def _job_out(job: Any) -> dict[str, Any]:
    done = job.status == "done"
    return {
        "job": job.pk,
        "status": job.status,
        "message": job.message,
        "result": {k: v for k, v in job.result.items() if k != "text"} if done else None,
        "url": f"/api/v1/plans/imports/{job.pk}",
    }


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
