"""Screens of one report: filling in, reviewing, unlocking, printing and issuing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ttdn import docgen
from ttdn.core import history
from ttdn.core.feedback import attempt, errors_of
from ttdn.core.forms import form_errors
from ttdn.core.models import AuditEntry
from ttdn.core.states import InvalidTransition
from ttdn.documents import printing
from ttdn.documents import queries as register_queries
from ttdn.documents.exports import missing_part_names
from ttdn.reports import computed, exports, queries, rules, services
from ttdn.reports.enums import Basis, SubmissionStatus
from ttdn.reports.forms import (
    GrantForm,
    PrintForm,
    ReturnForm,
    UnlockRequestForm,
    values_form,
)
from ttdn.reports.models import Submission, UnlockRequest
from ttdn.reports.validation import ValuesInvalid
from ttdn.reports.views.common import entry_sections

INCOMPLETE = gettext_lazy("The report cannot be printed yet; it lacks: %(parts)s.")


# --- A report ---------------------------------------------------------------------------------


def _submission(request: HttpRequest, pk: int) -> Submission:
    return get_object_or_404(
        Submission.objects.visible_to(request.user).select_related(
            "round__form_version__form", "unit", "reviewer", "outgoing"
        ),
        pk=pk,
    )


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    return _render_submission(request, submission)


def _render_submission(
    request: HttpRequest, submission: Submission, *, form: Any = None, status: int = 200
) -> HttpResponse:
    user = request.user
    editable = services.is_editable(submission) and rules.can_fill(user, submission)
    indicators = list(submission.round.form_version.indicators.select_related("section"))
    values = {v.indicator_id: v for v in submission.values.all()}
    if form is None:
        initial = _initial(indicators, values)
        form = values_form(indicators, initial=initial, disabled=not editable)
    round_ = submission.round
    context = {
        "submission": submission,
        "round": round_,
        "form": form,
        "sections": _sections(form, indicators, values, submission),
        "editable": editable,
        "can_fill": rules.can_fill(user, submission),
        "can_review": rules.can_review(user, submission),
        "return_form": ReturnForm(),
        "unlock_form": UnlockRequestForm(),
        "grant_form": GrantForm(),
        "unlocks": submission.unlocks.select_related("requested_by", "decided_by"),
        "can_request_unlock": rules.can_fill(user, submission)
        and not editable
        and submission.status != SubmissionStatus.SUBMITTED
        and not submission.unlocks.pending().exists(),
        "can_start": editable and queries.own_report_source(submission) is not None,
        "history": history.describe(
            AuditEntry.objects.filter(
                object_type="reports.Submission", object_id=str(submission.pk)
            )[:50]
        ),
        "changed": submission.changed_since_approval,
        "print_form": PrintForm(initial={"recipients": submission.reviewer.name}),
        "pdf_available": docgen.pdf_available(),
        "can_issue": submission.outgoing_id is None and rules.can_issue(user, submission),
    }
    return render(request, "reports/submission_detail.html", context, status=status)


def _initial(indicators: list[Any], values: dict[int, Any]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for indicator in indicators:
        value = values.get(indicator.pk)
        if value is not None:
            initial[indicator.code] = value.as_json() or ""
            initial[f"reason_{indicator.code}"] = value.override_reason
    return initial


def _sections(
    form: Any, indicators: list[Any], values: dict[int, Any], submission: Submission
) -> list[dict[str, Any]]:
    round_ = submission.round
    links = {
        i.pk: computed.link(i.computed_key, submission.unit, round_.data_from, round_.data_to)
        for i in indicators
        if i.computed_key
    }
    return entry_sections(form, indicators, values, links)


@require_POST
@login_required
def submission_save(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    if not rules.can_fill(request.user, submission):
        raise PermissionDenied
    indicators = list(submission.round.form_version.indicators.all())
    raw = {i.code: request.POST.get(i.code, "") for i in indicators if i.code in request.POST}
    reasons = {
        i.code: request.POST.get(f"reason_{i.code}", "") for i in indicators if i.computed_key
    }
    try:
        services.save_values(submission, raw, reasons=reasons, by=request.user)
        if "submit" in request.POST:
            services.submit_submission(submission, by=request.user)
    except ValuesInvalid as error:
        form = values_form(indicators, data=request.POST, initial={}, disabled=False)
        for code, message in error.errors.items():
            form.add_error(code if code in form.fields else None, message)
        messages.error(request, _("The report has errors; nothing was submitted."))
        return _render_submission(request, submission, form=form, status=422)
    except (services.Locked, InvalidTransition) as error:
        for message in errors_of(error):
            messages.error(request, message)
        return redirect(submission)
    messages.success(request, _("Report submitted.") if "submit" in request.POST else _("Saved."))
    return redirect(submission)


def _review(request: HttpRequest, pk: int) -> Submission:
    submission = _submission(request, pk)
    if not rules.can_review(request.user, submission):
        raise PermissionDenied
    return submission


@require_POST
@login_required
def submission_approve(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _review(request, pk)
    attempt(
        request, _("Report approved."), services.approve_submission, submission, by=request.user
    )
    return redirect(submission)


@require_POST
@login_required
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _review(request, pk)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what the unit should fix."))
        return redirect(submission)
    attempt(
        request,
        _("Report returned to the unit."),
        services.return_submission,
        submission,
        message=form.cleaned_data["message"],
        by=request.user,
    )
    return redirect(submission)


@require_POST
@login_required
def submission_start(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    if not rules.can_fill(request.user, submission):
        raise PermissionDenied
    basis = Basis.SUBMITTED if request.POST.get("basis") == Basis.SUBMITTED else Basis.APPROVED
    try:
        codes = services.start_from_consolidation(submission, by=request.user, basis=basis)
    except (services.RoundInvalid, services.Locked, ValuesInvalid) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("%(count)s values taken from the consolidation; check and edit them.")
            % {"count": len(codes)},
        )
    return redirect(submission)


# --- Unlocks ----------------------------------------------------------------------------------


@require_POST
@login_required
def unlock_request(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    if not rules.can_fill(request.user, submission):
        raise PermissionDenied
    form = UnlockRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the report must be reopened."))
        return redirect(submission)
    attempt(
        request,
        _("Your request to unlock was sent."),
        services.request_unlock,
        submission,
        reason=form.cleaned_data["reason"],
        by=request.user,
    )
    return redirect(submission)


@require_POST
@login_required
def unlock_decide(request: HttpRequest, pk: int) -> HttpResponse:
    unlock = get_object_or_404(UnlockRequest.objects.select_related("submission"), pk=pk)
    submission = _review(request, unlock.submission_id)
    form = GrantForm(request.POST)
    done = _("Decision recorded.")
    if "refuse" in request.POST:
        attempt(request, done, services.refuse_unlock, unlock, by=request.user)
    elif form.is_valid():
        until = form.cleaned_data["until"]
        attempt(request, done, services.grant_unlock, unlock, until=until, by=request.user)
    else:
        messages.error(request, _("Give the end of the window."))
    return redirect(submission)


# --- The printed report -----------------------------------------------------------------------


@require_POST
@login_required
def submission_print(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    submission = _submission(request, pk)
    if fmt not in printing.FORMATS:
        raise Http404
    form = PrintForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(submission)
    doc = exports.report_document(submission, **form.cleaned_data)
    return printing.download(
        request,
        fmt,
        lambda fmt: (exports.pdf_bytes if fmt == "pdf" else exports.docx_bytes)(submission, doc),
        filename=f"bao-cao-{submission.pk}",
        back=submission,
        incomplete=INCOMPLETE,
    )


@require_POST
@login_required
def submission_issue(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    if not rules.can_issue(request.user, submission):
        raise PermissionDenied
    form = PrintForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(submission)
    doc = exports.report_document(submission, **form.cleaned_data)
    missing = missing_part_names(docgen.missing_parts(doc))
    if "confirm" not in request.POST and not missing:
        context = {
            "submission": submission,
            "form": form,
            "doc": doc,
            "number": register_queries.next_number_symbol(submission.unit, doc_type=doc.doc_type),
        }
        return render(request, "reports/submission_issue_confirm.html", context)
    try:
        services.issue_report(submission, doc=doc, by=request.user)
    except docgen.DocumentIncomplete as error:
        messages.error(request, printing.incomplete_message(INCOMPLETE, error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        submission.refresh_from_db()
        messages.success(
            request,
            _("The report is issued as %(number)s.")
            % {"number": submission.outgoing.number_symbol if submission.outgoing else ""},
        )
    return redirect(submission)
