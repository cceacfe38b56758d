"""Screens of plans: the list, importing a file (preview, then save as a draft), a plan with
its outline, editing a draft, issuing and printing it, the board of required plans, a
unit's submission, and a derived plan's coverage."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from django.views.decorators.http import require_POST

from ttdn import docgen
from ttdn.core import access, related, uploads
from ttdn.core.enums import UploadJobStatus
from ttdn.core.feedback import attempt
from ttdn.core.forms import form_errors
from ttdn.documents import checker, printing
from ttdn.documents import queries as register_queries
from ttdn.documents.exports import missing_part_names
from ttdn.documents.forms import WithdrawForm
from ttdn.events.models import Commemoration
from ttdn.events.queries import anniversaries, plan_paragraph
from ttdn.org.models import Unit, UnitGroup
from ttdn.plans import exports, markup, queries, rules, services
from ttdn.plans.enums import PlanStatus, SubmissionStatus, TaskStatus
from ttdn.plans.forms import (
    BoardFilterForm,
    ImportForm,
    ImportSaveForm,
    IssueForm,
    PlanForm,
    ReturnForm,
    SectionForm,
    StartPlanForm,
    TaskArticleForm,
    TaskForm,
    TaskProgressForm,
)
from ttdn.plans.importer import ParsedPlan, parse_plan
from ttdn.plans.models import Plan, PlanSection, PlanSubmission, PlanTask, TaskArticle

IMPORT_JOB = "plans.import"  # the worker reads a heavy plan file (core.uploads)
DUPLICATE = gettext_lazy(
    "Nothing was saved: this plan is already among your unit's plans. Open it, or confirm that "
    "you want a second copy."
)
INCOMPLETE = gettext_lazy("The plan cannot be printed yet; it lacks: %(parts)s.")


# --- Plans -----------------------------------------------------------------------------------


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = Plan.objects.visible_to(request.user).select_related("unit")
    owed = (
        PlanSubmission.objects.waiting()
        .filter(unit__in=access.units_with_role(request.user, access.WRITING_ROLES).values("pk"))
        .select_related("requesting_plan")
    )
    unit = access.acting_unit(request)
    context = {
        "plans": plans,
        "owed": owed,
        "can_import": unit is not None and rules.can_write(request.user, unit),
    }
    return render(request, "plans/plan_list.html", context)


@login_required
def plan_import(request: HttpRequest) -> HttpResponse:
    unit = access.acting_unit(request)
    if unit is None or not rules.can_write(request.user, unit):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        if form.background is not None:  # a heavy file: the worker reads it
            data, name = form.background
            job = uploads.queue_upload(IMPORT_JOB, data=data, filename=name, by=request.user)
            return redirect("upload_job", pk=job.pk)
        return _import_preview(request, unit, form.cleaned_data["file"], form.text)
    return render(request, "plans/plan_import.html", {"form": form, "unit": unit})


@login_required
def plan_import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview of a plan file the worker has read."""
    unit = access.acting_unit(request)
    if unit is None or not rules.can_write(request.user, unit):
        raise PermissionDenied
    job = uploads.job_of(request.user, pk, kind=IMPORT_JOB)
    if job.status != UploadJobStatus.DONE:
        return redirect("upload_job", pk=job.pk)
    text = job.result["text"]
    return _import_preview(request, unit, parse_plan(text), text)


def _import_preview(
    request: HttpRequest, unit: Unit, parsed: ParsedPlan, text: str
) -> HttpResponse:
    context = {
        "unit": unit,
        "parsed": parsed,
        "preview": queries.import_preview(parsed, request.user, unit),
        "duplicates": queries.duplicates(parsed, request.user, unit),
        "save_form": ImportSaveForm(initial={"text": text}),
    }
    return render(request, "plans/plan_import_preview.html", context)


@require_POST
@login_required
def plan_import_save(request: HttpRequest) -> HttpResponse:
    unit = access.acting_unit(request)
    if unit is None or not rules.can_write(request.user, unit):
        raise PermissionDenied
    form = ImportSaveForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for e in form.errors.get("text", [])))
        return redirect("plans:plan_import")
    parsed = form.cleaned_data["text"]
    if "save_anyway" not in request.POST and queries.duplicates(parsed, request.user, unit):
        messages.warning(request, DUPLICATE)
        return _import_preview(request, unit, parsed, form.data["text"])
    plan = services.save_imported(parsed, unit=unit, by=request.user)
    messages.success(request, _("The plan is saved as a draft."))
    return redirect(plan)


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        plan = queries.plan_with_parts(pk, Plan.objects.visible_to(request.user))
    except Plan.DoesNotExist as error:
        raise Http404 from error
    can_issue = plan.is_draft and rules.can_issue(request.user, plan)
    context = {
        "plan": plan,
        "citations": queries.citations_problems_first(plan),
        "outline": queries.outline(plan),
        "can_edit": rules.can_edit(request.user, plan),
        "can_issue": can_issue,
        "issue_form": IssueForm(units=plan.unit.children.open_on()) if can_issue else None,
        "can_revise": plan.status in (PlanStatus.ISSUED, PlanStatus.WITHDRAWN)
        and rules.can_issue(request.user, plan),
        "withdraw_form": WithdrawForm()
        if plan.status in (PlanStatus.ISSUED, PlanStatus.SUPERSEDED)
        and rules.can_withdraw(request.user, plan)
        else None,
        "pdf_available": docgen.pdf_available(),
        "task_form": TaskForm(units=plan.unit.children.open_on()),
        "can_track": access.can_act_for(request.user, plan.unit),
        "progress_choices": TaskStatus.choices,
        "missing": missing_part_names(docgen.missing_parts(exports.plan_document(plan))),
        "related": related.for_object(request.user, plan),
        "submit_prompt": _submit_prompt(request.user, plan),
    }
    return render(request, "plans/plan_detail.html", context)


def _submit_prompt(user: Any, plan: Plan) -> PlanSubmission | None:
    """The request this issued plan answers, while the unit has not handed it in."""
    submission = getattr(plan, "submission", None)
    waiting = (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)
    if plan.status != PlanStatus.ISSUED or submission is None or submission.status not in waiting:
        return None
    return submission if rules.can_submit(user, submission) else None


@login_required
def plan_print(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=pk)
    return printing.download(
        request,
        fmt,
        lambda fmt: exports.pdf_bytes(plan) if fmt == "pdf" else exports.docx_bytes(plan),
        filename=plan.file_stem,
        back=plan,
        incomplete=INCOMPLETE,
    )


@require_POST
@login_required
def plan_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue in two steps: the form's choices, then a confirmation naming the number the plan
    will take, the units asked and the deadline. Plainly incomplete choices issue nothing."""
    plan = get_object_or_404(Plan.objects.visible_to(request.user).drafts(), pk=pk)
    if not rules.can_issue(request.user, plan):
        raise PermissionDenied
    form = IssueForm(request.POST, units=plan.unit.children.open_on())
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(plan)
    doc = exports.plan_document(plan)
    if "confirm" not in request.POST:
        return _confirm_issue(request, plan, form, doc)
    try:
        services.issue_plan(plan, doc=doc, by=request.user, **form.service_arguments)
    except docgen.DocumentIncomplete as error:
        messages.error(request, printing.incomplete_message(INCOMPLETE, error))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _issued_message(plan))
    return redirect(plan)


def _issued_message(plan: Plan) -> str:
    issued = _("The plan is issued as %(number)s.") % {"number": plan.number_symbol}
    submission = getattr(plan, "submission", None)
    if submission is None or submission.status == SubmissionStatus.SUBMITTED:
        return issued
    return f"{issued} " + _("Now submit it to %(unit)s, which asked for it.") % {
        "unit": submission.requesting_plan.unit.name
    }


def _confirm_issue(
    request: HttpRequest, plan: Plan, form: IssueForm, doc: docgen.Document
) -> HttpResponse:
    missing = missing_part_names(docgen.missing_parts(doc))
    if missing:
        messages.error(request, INCOMPLETE % {"parts": ", ".join(missing)})
        return redirect(plan)
    context = {
        "plan": plan,
        "form": form,
        "number": register_queries.next_number_symbol(plan.unit, doc_type=doc.doc_type),
        "units": form.cleaned_data.get("required_units") or [],
        "due": form.cleaned_data.get("submissions_due"),
    }
    return render(request, "plans/plan_issue_confirm.html", context)


@require_POST
@login_required
def plan_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=pk)
    if not rules.can_withdraw(request.user, plan):
        raise PermissionDenied
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(plan)
    attempt(
        request,
        _("The plan is withdrawn; its number %(number)s stays used.")
        % {"number": plan.number_symbol},
        services.withdraw_plan,
        plan,
        reason=form.cleaned_data["reason"],
        by=request.user,
    )
    return redirect(plan)


@require_POST
@login_required
def plan_revise(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=pk)
    if not rules.can_issue(request.user, plan):
        raise PermissionDenied
    try:
        draft = services.new_version(plan, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(plan)
    messages.success(request, _("A new version is drafted; issuing it supersedes this plan."))
    return redirect(draft)


@login_required
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = get_object_or_404(
        PlanSection.objects.select_related("plan__unit"),
        pk=pk,
        plan__in=Plan.objects.visible_to(request.user),
    )
    if not rules.can_edit(request.user, section.plan):
        raise PermissionDenied
    form = SectionForm(request.POST or None, initial={"body": section.body})
    if request.method == "POST" and form.is_valid():
        services.update_section(section, body=form.cleaned_data["body"], by=request.user)
        messages.success(request, pgettext("plan", "The section is saved."))
        return redirect(section.plan)
    text = " ".join(markup.paragraphs(form.data.get("body", section.body)))
    commemorations = Commemoration.objects.visible_to(request.user)
    context = {
        "section": section,
        "form": form,
        "checked": checker.in_problem_order(
            checker.check_for(request.user, text, on=section.plan.issued_on)
        ),
        "anniversaries": plan_paragraph(anniversaries(commemorations, section.plan.year)),
    }
    return render(request, "plans/section_form.html", context)


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.visible_to(request.user).drafts(), pk=pk)
    if not rules.can_edit(request.user, plan):
        raise PermissionDenied
    initial = {**{f: getattr(plan, f) for f in services.PLAN_FIELDS}}
    initial["recipients"] = "\n".join(plan.recipients)
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.update_plan(plan, by=request.user, **form.cleaned_data)
        messages.success(request, _("The plan is saved."))
        return redirect(plan)
    return render(request, "plans/plan_form.html", {"plan": plan, "form": form})


@require_POST
@login_required
def task_update(request: HttpRequest, pk: int) -> HttpResponse:
    task = get_object_or_404(
        PlanTask.objects.select_related("plan__unit"),
        pk=pk,
        plan__in=Plan.objects.visible_to(request.user),
    )
    if not access.can_act_for(request.user, task.plan.unit):
        raise PermissionDenied
    form = TaskProgressForm(request.POST)
    if form.is_valid():
        services.update_task(task, by=request.user, **form.cleaned_data)
        messages.success(request, _("The task's progress is saved."))
    else:
        messages.error(request, form_errors(form))
    return redirect(task.plan)


@require_POST
@login_required
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.visible_to(request.user).drafts(), pk=pk)
    if not rules.can_edit(request.user, plan):
        raise PermissionDenied
    form = TaskForm(request.POST, units=plan.unit.children.open_on())
    if form.is_valid():
        services.add_task(plan, by=request.user, **form.cleaned_data)
        messages.success(request, _("The task is added."))
    else:
        messages.error(request, form_errors(form))
    return redirect(plan)


def _task(request: HttpRequest, pk: int) -> PlanTask:
    return get_object_or_404(
        PlanTask.objects.select_related("plan__unit"),
        pk=pk,
        plan__in=Plan.objects.visible_to(request.user),
    )


@login_required
def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A task with the portal articles that prove it; those who track it link more."""
    task = _task(request, pk)
    can_track = rules.can_track(request.user, task)
    form = TaskArticleForm(
        request.POST or None, articles=queries.linkable_articles(request.user, task)
    )
    if request.method == "POST" and can_track and form.is_valid():
        try:
            services.link_article(task, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(request, _("The article is linked to the task."))
            return redirect("plans:task_detail", task.pk)
    context = {
        "task": task,
        "links": queries.task_articles(request.user, task),
        "mentions": task.mentions.select_related("commemoration"),
        "can_track": can_track,
        "form": form if can_track else None,
        "related": related.for_object(request.user, task),
    }
    return render(request, "plans/task_detail.html", context)


@require_POST
@login_required
def task_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(
        TaskArticle.objects.select_related("task__plan__unit"),
        pk=pk,
        task__plan__in=Plan.objects.visible_to(request.user),
    )
    try:
        services.unlink_article(link, by=request.user)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The article is no longer linked to the task."))
    return redirect("plans:task_detail", link.task_id)


# --- The cascade -----------------------------------------------------------------------------


@login_required
def plan_board(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("unit"), pk=pk)
    if not rules.can_see_board(request.user, plan):
        raise PermissionDenied
    form = BoardFilterForm(request.GET or None, groups=UnitGroup.objects.filter(owner=plan.unit))
    data = form.cleaned_data if form.is_valid() else {}
    context = {
        "plan": plan,
        "form": form,
        "board": queries.board(plan, level=data.get("level", ""), group=data.get("group")),
        "can_review": access.can_act_for(request.user, plan.unit),
    }
    return render(request, "plans/plan_board.html", context)


@require_POST
@login_required
def plan_remind(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=pk)
    if not access.can_act_for(request.user, plan.unit):
        raise PermissionDenied
    count = services.remind_units(plan, by=request.user)
    messages.success(request, _("%(count)s units were reminded.") % {"count": count})
    return redirect("plans:plan_board", pk=plan.pk)


@login_required
def plan_coverage(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("parent"), pk=pk)
    coverage = queries.coverage(plan)
    if coverage is None:
        raise Http404
    return render(request, "plans/plan_coverage.html", {"plan": plan, "coverage": coverage})


def _submission(request: HttpRequest, pk: int) -> PlanSubmission:
    return get_object_or_404(
        PlanSubmission.objects.visible_to(request.user).select_related(
            "requesting_plan__unit", "plan"
        ),
        pk=pk,
    )


@login_required
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    context = {
        "submission": submission,
        "start_form": StartPlanForm(initial={"year": submission.requesting_plan.year}),
        "column": queries.column(submission),
        "can_submit": rules.can_submit(request.user, submission),
        "can_review": rules.can_review(request.user, submission),
        "return_form": ReturnForm(),
    }
    return render(request, "plans/submission_detail.html", context)


@require_POST
@login_required
def submission_start(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    if not rules.can_submit(request.user, submission):
        raise PermissionDenied
    form = StartPlanForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(submission)
    try:
        plan = services.start_plan(submission, by=request.user, year=form.cleaned_data["year"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(submission)
    messages.success(request, _("Your plan is started from the parent plan; add your own tasks."))
    return redirect(plan)


@require_POST
@login_required
def submission_submit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    if not rules.can_submit(request.user, submission):
        raise PermissionDenied
    attempt(
        request, _("Your plan is submitted."), services.submit_plan, submission, by=request.user
    )
    return redirect(submission)


@require_POST
@login_required
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    if not rules.can_review(request.user, submission):
        raise PermissionDenied
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what needs fixing."))
        return redirect(submission)
    comment = form.cleaned_data["comment"]
    attempt(
        request,
        _("The plan is returned to the unit."),
        services.return_submission,
        submission,
        message=comment,
        by=request.user,
    )
    return redirect(submission)


@require_POST
@login_required
def submission_accept(request: HttpRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    if not rules.can_review(request.user, submission):
        raise PermissionDenied
    attempt(
        request, _("The plan is accepted."), services.accept_submission, submission, by=request.user
    )
    return redirect(submission)
