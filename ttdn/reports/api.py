"""/api/v1/reports: rounds, a submission, its values, submitting it, a consolidation and
completeness, for the caller's units."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from ttdn.core import access
from ttdn.core.api import caller, id_in_path
from ttdn.core.feedback import errors_of
from ttdn.core.states import InvalidTransition
from ttdn.org.models import Unit
from ttdn.reports import kept, queries, rules, services
from ttdn.reports.enums import Basis
from ttdn.reports.models import Round, Submission
from ttdn.reports.validation import ValuesInvalid
from ttdn.reports.views.common import visible_round

router = Router(tags=["reports"])


class RoundOut(Schema):
    id: int
    title: str
    owner: str = Field(description="code of the unit that opened the round")
    period: str = Field(description="period key, e.g. 2026-H1")
    data_from: datetime.date
    data_to: datetime.date
    opens_on: datetime.date
    due_on: datetime.date
    closes_on: datetime.date


class SubmissionOut(Schema):
    id: int
    round: int
    unit: str
    status: str
    due_on: datetime.date
    submitted: bool
    on_time: bool
    approved: bool
    editable: bool
    values: dict[str, Any]


class ValuesIn(Schema):
    values: dict[str, Any] = Field(description="by indicator code; numbers, yes/no, text")
    reasons: dict[str, str] = Field(
        default_factory=dict, description="why a computed value changes"
    )


class UnitFilter(Schema):
    unit: str = Field("", description="a unit code; default: the round's owner")
    basis: Basis = Basis.APPROVED


def _round_out(r: Round) -> dict[str, Any]:
    fields = ["id", "title", "data_from", "data_to", "opens_on", "due_on", "closes_on"]
    return {**{f: getattr(r, f) for f in fields}, "owner": r.owner.code, "period": r.period_key}


def _submission_out(s: Submission) -> dict[str, Any]:
    return {
        "id": s.pk,
        "round": s.round_id,
        "unit": s.unit.code,
        "status": s.status,
        "due_on": s.due_on,
        "submitted": s.is_submitted,
        "on_time": s.on_time,
        "approved": s.status == "approved",
        "editable": services.is_editable(s),
        "values": {v.indicator.code: v.as_json() for v in s.values.select_related("indicator")},
    }


@router.get("/rounds", response=list[RoundOut], summary="Rounds the caller can see")
def list_rounds(request: HttpRequest) -> list[dict[str, Any]]:
    rounds = Round.objects.visible_to(caller(request)).select_related("owner")
    return [_round_out(r) for r in rounds]


def _submission(request: HttpRequest, pk: int) -> Submission:
    found = Submission.objects.visible_to(caller(request)).select_related("round", "unit")
    return get_object_or_404(found, pk=pk)


def _reread(submission: Submission) -> Submission:
    """The report as a service left it (the caller was let in already)."""
    return Submission.objects.select_related("round", "unit").get(pk=submission.pk)


@router.get("/submissions/{pk}", response=SubmissionOut, summary="One report and its values")
def get_submission(request: HttpRequest, pk: int = id_in_path()) -> dict[str, Any]:
    return _submission_out(_submission(request, pk))


@router.put("/submissions/{pk}/values", response=SubmissionOut, summary="Store values")
def put_values(request: HttpRequest, body: ValuesIn, pk: int = id_in_path()) -> dict[str, Any]:
    """Every value is checked; on an error nothing is stored (422 naming each bad code)."""
    submission = _submission(request, pk)
    if not rules.can_fill(caller(request), submission):
        raise PermissionDenied
    # The answer is read inside the transaction: whatever fails, nothing stays stored.
    with transaction.atomic():
        try:
            services.save_values(submission, body.values, reasons=body.reasons, by=caller(request))
        except ValuesInvalid as error:
            raise HttpError(422, str(error)) from error
        except services.Locked as error:
            raise HttpError(409, str(error)) from error
        return _submission_out(_reread(submission))


@router.post("/submissions/{pk}/submit", response=SubmissionOut, summary="Submit the report")
def submit(request: HttpRequest, pk: int = id_in_path()) -> dict[str, Any]:
    submission = _submission(request, pk)
    if not rules.can_fill(caller(request), submission):
        raise PermissionDenied
    with transaction.atomic():
        try:
            services.submit_submission(submission, by=caller(request))
        except ValuesInvalid as error:
            raise HttpError(422, str(error)) from error
        except (services.Locked, InvalidTransition) as error:
            raise HttpError(409, " ".join(errors_of(error))) from error
        return _submission_out(_reread(submission))


def _figure(value: Decimal | None) -> str | None:
    """A figure as a JSON string without trailing zeros ("12.5", "9"), or null."""
    return None if value is None else format(value.normalize(), "f")


def _round_and_unit(request: HttpRequest, pk: int, code: str) -> tuple[Round, Any]:
    user = caller(request)
    round_ = visible_round(user, pk)
    if code:
        return round_, access.visible_unit(user, code=code)
    if not access.can_see_unit(user, round_.owner):
        raise Http404
    return round_, round_.owner


@router.get(
    "/rounds/{pk}/consolidation",
    summary="Totals of the reports below a unit",
    description="A broken-down indicator lists the codes of its `categories`; each category "
    "is a row of its own whose `parent` is the broken-down indicator's code.",
)
def consolidation(
    request: HttpRequest, filters: Query[UnitFilter], pk: int = id_in_path()
) -> dict[str, Any]:
    round_, unit = _round_and_unit(request, pk, filters.unit)
    return kept.below(
        "consolidation api",
        round_.pk,
        unit.pk,
        (filters.basis,),
        lambda: _consolidation(round_, unit, filters.basis),
    )


def _consolidation(round_: Round, unit: Unit, basis: str) -> dict[str, Any]:
    data = queries.consolidation(round_, unit, basis=basis, narratives=None)
    children = [c.name for c in data.children]
    codes = {row.indicator.pk: row.indicator.code for row in data.rows}
    return {
        "unit": unit.code,
        "basis": data.basis,
        "counted": data.counted,
        "indicators": [
            {
                "code": row.indicator.code,
                "name": row.indicator.name,
                "aggregation": row.indicator.aggregation,
                "parent": codes.get(row.indicator.parent_id) if row.indicator.parent_id else None,
                "breakdown": row.indicator.breakdown or None,
                "categories": [
                    r.indicator.code for r in data.rows if r.indicator.parent_id == row.indicator.pk
                ],
                "total": _figure(row.total),
                "count": row.count,
                "by_child": {c: _figure(v) for c, v in zip(children, row.by_child, strict=True)},
                "by_level": {
                    lv.key: _figure(v) for lv, v in zip(data.levels, row.by_level, strict=True)
                },
            }
            for row in data.rows
        ],
        "narratives": {
            n.indicator.code: [{"unit": e.unit_name, "text": e.text} for e in n.entries]
            for n in data.narratives
        },
    }


@router.get("/rounds/{pk}/completeness", summary="Expected, submitted, on time, approved…")
def completeness(
    request: HttpRequest, filters: Query[UnitFilter], pk: int = id_in_path()
) -> dict[str, Any]:
    round_, unit = _round_and_unit(request, pk, filters.unit)
    return kept.below(
        "completeness api",
        round_.pk,
        unit.pk,
        (timezone.localdate(),),  # a waiting report turns overdue with the date
        lambda: _completeness(round_, unit),
    )


def _completeness(round_: Round, unit: Unit) -> dict[str, Any]:
    data = queries.completeness(round_, unit, missing=None)
    facts = ["expected", "submitted", "on_time", "approved", "returned", "overdue"]
    return {
        "unit": unit.code,
        "total": {f: getattr(data.total, f) for f in facts},
        "by_child": [{"name": t.name, **{f: getattr(t, f) for f in facts}} for t in data.by_child],
        "missing": [s.unit_code for s in data.missing],  # type: ignore[attr-defined]
    }
