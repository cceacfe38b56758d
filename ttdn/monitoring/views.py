"""Screens of press monitoring: the desk, a mention, a story's copies, cases, sources, watches,
press requests. Every queryset starts from `core.access`; not visible means 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.content.enums import ArticleStatus
from ttdn.content.models import Article
from ttdn.core import access
from ttdn.core.feedback import attempt, errors_of
from ttdn.monitoring import excel, exports, forms, queries, rules, services
from ttdn.monitoring.enums import CASE_FLOW, CaseStatus, SourceFormat
from ttdn.monitoring.models import Case, Mention, PressRequest, Source, Watch
from ttdn.org.models import Unit, User

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _writing_units(user: Any) -> QuerySet[Unit]:
    return access.supervised_units(user, access.WRITING_ROLES).order_by("path")


def _people(unit: Unit) -> QuerySet[User]:
    units = [*unit.ancestor_ids, unit.pk]
    return (
        User.objects.filter(memberships__unit__in=units, memberships__is_active=True)
        .distinct()
        .order_by("last_name", "first_name")
    )


# --- Desk, mentions, stories ---------------------------------------------------


@login_required
def desk(request: HttpRequest) -> HttpResponse:
    form = forms.StreamFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    mentions = queries.stream(request.user, **filters)
    page = Paginator(mentions, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "monitoring/desk.html#results" if request.htmx else "monitoring/desk.html"  # type: ignore[attr-defined]
    return render(request, template, {"form": form, "page": page})


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The registers (mentions as filtered on the desk, cases, press requests) as .xlsx."""
    form = forms.StreamFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    response = HttpResponse(excel.export(request.user, **filters), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="theo-doi-bao-chi.xlsx"'
    return response


@login_required
def mention_detail(request: HttpRequest, pk: int) -> HttpResponse:
    mention = get_object_or_404(
        Mention.objects.visible_to(request.user).select_related(
            "unit", "watch", "item__source", "item__story"
        ),
        pk=pk,
    )
    can_act = access.is_operator(request.user) or access.can_act_for(request.user, mention.unit)
    context = {
        "mention": mention,
        "can_act": can_act,
        "tone_form": forms.ToneForm(initial={"tone": mention.tone}),
        "case_form": forms.OpenCaseForm(
            initial={"title": mention.item.title}, people=_people(mention.unit)
        ),
        "cases": mention.cases.all(),
    }
    return render(request, "monitoring/mention_detail.html", context)


@require_POST
@login_required
def label_tone(request: HttpRequest, pk: int) -> HttpResponse:
    mention = get_object_or_404(Mention.objects.editable_by(request.user), pk=pk)
    form = forms.ToneForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            _("Tone recorded."),
            services.label_tone,
            mention,
            by=request.user,
            tone=form.cleaned_data["tone"],
        )
    return redirect(mention.get_absolute_url())


@require_POST
@login_required
def open_case(request: HttpRequest, pk: int) -> HttpResponse:
    mention = get_object_or_404(
        Mention.objects.editable_by(request.user).select_related("item__story"), pk=pk
    )
    form = forms.OpenCaseForm(request.POST, people=_people(mention.unit))
    if not form.is_valid():
        return render(
            request,
            "monitoring/mention_detail.html",
            {"mention": mention, "can_act": True, "case_form": form, "tone_form": forms.ToneForm()},
            status=400,
        )
    case = services.open_case(mention, by=request.user, **form.cleaned_data)
    return redirect(case.get_absolute_url())


@login_required
def story_detail(request: HttpRequest, pk: int) -> HttpResponse:
    copies = queries.story_copies(pk, request.user)
    if not copies:
        raise Http404
    return render(
        request, "monitoring/story_detail.html", {"story": copies[0].story, "copies": copies}
    )


# --- Cases ---------------------------------------------------------------------


@login_required
def case_board(request: HttpRequest) -> HttpResponse:
    columns = queries.case_board(request.user)
    board = [(CaseStatus(status).label, cases) for status, cases in columns.items()]
    return render(request, "monitoring/case_board.html", {"board": board})


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related(
            "unit",
            "assignee",
            "escalated_to",
            "mention__item__source",
            "response_article",
            "response_document",
        ),
        pk=pk,
    )
    articles = (
        Article.objects.editable_by(request.user)
        .filter(status=ArticleStatus.PUBLISHED)
        .order_by("-published_at")[:50]
    )
    context = {
        "case": case,
        "can_act": rules.can_handle_case(request.user, case),
        "targets": CASE_FLOW.targets(case.status),
        "response_form": forms.ResponseForm(
            articles=Article.objects.filter(pk__in=[a.pk for a in articles])
        ),
        "letter_form": forms.LetterForm(initial={"outlet": case.mention.item.source.name}),
        "assign_form": forms.AssignForm(
            initial={"severity": case.severity, "assignee": case.assignee_id},
            people=_people(case.unit),
        ),
        "reason_form": forms.ReasonForm(),
    }
    return render(request, "monitoring/case_detail.html", context)


def _case_for_action(request: HttpRequest, pk: int) -> Case:
    case = get_object_or_404(
        Case.objects.visible_to(request.user).select_related("unit", "mention__item"), pk=pk
    )
    if not rules.can_handle_case(request.user, case):
        raise PermissionDenied
    return case


@require_POST
@login_required
def case_move(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Verify, close, escalate or dismiss: one button each."""
    case = _case_for_action(request, pk)
    if action == "verify":
        attempt(
            request,
            _("The case is being verified."),
            services.start_verifying,
            case,
            by=request.user,
        )
    elif action == "close":
        attempt(request, _("Case closed."), services.close_case, case, by=request.user)
    elif action == "escalate":
        attempt(
            request,
            _("Case handed to the supervising unit."),
            services.escalate,
            case,
            by=request.user,
        )
    elif action == "dismiss":
        form = forms.ReasonForm(request.POST)
        reason = form.cleaned_data["reason"] if form.is_valid() else ""
        attempt(
            request, _("Case dismissed."), services.dismiss, case, by=request.user, reason=reason
        )
    else:
        raise Http404
    return redirect(case.get_absolute_url())


@require_POST
@login_required
def case_assign(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_action(request, pk)
    form = forms.AssignForm(request.POST, people=_people(case.unit))
    if form.is_valid():
        attempt(
            request,
            _("Case updated."),
            services.assign_case,
            case,
            by=request.user,
            **form.cleaned_data,
        )
    return redirect(case.get_absolute_url())


@require_POST
@login_required
def case_respond(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_action(request, pk)
    articles = Article.objects.editable_by(request.user).filter(status=ArticleStatus.PUBLISHED)
    form = forms.ResponseForm(request.POST, articles=articles)
    if form.is_valid():
        attempt(
            request,
            _("Response recorded."),
            services.respond,
            case,
            by=request.user,
            **form.cleaned_data,
        )
    return redirect(case.get_absolute_url())


@require_POST
@login_required
def case_letter(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case_for_action(request, pk)
    form = forms.LetterForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        signer = exports.signer(
            data["signer_authority"], data["signer_position"], data["signer_name"]
        )
        attempt(
            request,
            _("Letter issued and recorded as the response."),
            services.respond_with_letter,
            case,
            by=request.user,
            outlet=data["outlet"],
            body=data["body"],
            signer=signer,
        )
    return redirect(case.get_absolute_url())


# --- Sources -------------------------------------------------------------------


@login_required
def source_list(request: HttpRequest) -> HttpResponse:
    rows = queries.source_health(request.user)
    return render(
        request,
        "monitoring/source_list.html",
        {"rows": rows, "can_add": _writing_units(request.user).exists()},
    )


@login_required
def source_detail(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(
        Source.objects.visible_to(request.user).select_related("unit"), pk=pk
    )
    can_edit = rules.can_edit_source(request.user, source)
    form = (
        forms.SourceForm(request.POST or None, instance=source, units=_writing_units(request.user))
        if can_edit
        else None
    )
    if form is not None and request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items()}
        if attempt(
            request,
            _("Source saved."),
            services.update_source,
            Source.objects.get(pk=pk),
            by=request.user,
            **fields,
        ):
            return redirect(source.get_absolute_url())
    context = {
        "source": source, "form": form, "runs": source.runs.all()[:20],
        "items": source.items.order_by("-pk")[:20],
        "paste_form": forms.PasteForm() if can_edit and source.format == SourceFormat.MANUAL else None,
    }  # fmt: skip
    return render(
        request,
        "monitoring/source_detail.html",
        context,
        status=400 if form is not None and form.errors else 200,
    )


@login_required
def source_create(request: HttpRequest) -> HttpResponse:
    units = _writing_units(request.user)
    if not units.exists():
        raise PermissionDenied
    form = forms.SourceForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        if attempt(
            request,
            _("Source added; it is fetched within minutes."),
            services.create_source,
            unit,
            by=request.user,
            **data,
        ):
            return redirect("monitoring:source_list")
    return render(
        request, "monitoring/source_form.html", {"form": form}, status=400 if form.errors else 200
    )


@require_POST
@login_required
def source_paste(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(Source.objects.editable_by(request.user), pk=pk)
    form = forms.PasteForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            _("Text recorded; it is matched within minutes."),
            services.paste_item,
            source,
            by=request.user,
            **form.cleaned_data,
        )
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return redirect(source.get_absolute_url())


# --- Watches -------------------------------------------------------------------


@login_required
def watch_list(request: HttpRequest) -> HttpResponse:
    watches = (
        Watch.objects.visible_to(request.user)
        .select_related("unit")
        .order_by("unit__path", "kind", "name")
    )
    page = Paginator(watches, PAGE_SIZE).get_page(request.GET.get("page"))
    units = _writing_units(request.user)
    form = forms.NewWatchForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("is_active")
        unit = data.pop("unit")
        if attempt(
            request, _("Watch added."), services.create_watch, unit, by=request.user, **data
        ):
            return redirect("monitoring:watch_list")
    editable = Watch.objects.editable_by(request.user).filter(pk__in=[w.pk for w in page])
    context = {
        "page": page,
        "editable": set(editable.values_list("pk", flat=True)),
        "form": form,
        "topics_form": forms.TopicWatchesForm(units=units),
        "can_add": units.exists(),
    }
    return render(
        request, "monitoring/watch_list.html", context, status=400 if form.errors else 200
    )


@login_required
def watch_edit(request: HttpRequest, pk: int) -> HttpResponse:
    watch = get_object_or_404(Watch.objects.editable_by(request.user).select_related("unit"), pk=pk)
    initial = {"name": watch.name, "query": watch.query, "is_active": watch.is_active}
    form = forms.WatchForm(request.POST or None, initial=initial)
    saved = request.method == "POST" and form.is_valid()
    if saved and attempt(
        request,
        _("Watch saved."),
        services.update_watch,
        watch,
        by=request.user,
        **form.cleaned_data,
    ):
        return redirect("monitoring:watch_list")
    return render(
        request,
        "monitoring/watch_form.html",
        {"form": form, "watch": watch},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def watch_topics(request: HttpRequest) -> HttpResponse:
    form = forms.TopicWatchesForm(request.POST, units=_writing_units(request.user))
    if form.is_valid():
        attempt(
            request,
            _("Sensitive topics are watched."),
            services.add_topic_watches,
            form.cleaned_data["unit"],
            by=request.user,
        )
    return redirect("monitoring:watch_list")


# --- Press requests --------------------------------------------------------------


@login_required
def press_request_list(request: HttpRequest) -> HttpResponse:
    requests = (
        PressRequest.objects.visible_to(request.user)
        .select_related("unit")
        .order_by("status", "deadline", "pk")
    )
    page = Paginator(requests, PAGE_SIZE).get_page(request.GET.get("page"))
    units = _writing_units(request.user)
    form = forms.PressRequestForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        if attempt(
            request,
            _("Press request recorded."),
            services.record_press_request,
            unit,
            by=request.user,
            **data,
        ):
            return redirect("monitoring:press_request_list")
    return render(
        request,
        "monitoring/press_request_list.html",
        {"page": page, "form": form, "can_add": units.exists()},
        status=400 if form.errors else 200,
    )


@login_required
def press_request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    press_request = get_object_or_404(
        PressRequest.objects.visible_to(request.user).select_related("unit", "answered_by"), pk=pk
    )
    can_answer = rules.can_answer_press(request.user, press_request)
    form = forms.AnswerForm(request.POST or None)
    if request.method == "POST" and can_answer and form.is_valid():
        service = (
            services.decline_press_request
            if "decline" in request.POST
            else services.answer_press_request
        )
        keyword = "reason" if "decline" in request.POST else "answer"
        if attempt(
            request,
            _("Answer recorded."),
            service,
            press_request,
            by=request.user,
            **{keyword: form.cleaned_data["answer"]},
        ):
            return redirect(press_request.get_absolute_url())
    return render(
        request,
        "monitoring/press_request_detail.html",
        {"press_request": press_request, "form": form, "can_answer": can_answer},
    )


# --- Tổng hợp dư luận báo chí --------------------------------------------------


@login_required
def press_report(request: HttpRequest) -> HttpResponse:
    """Choose a unit and a period; the review is numbered in the unit's outgoing register, whose
    page offers the DOCX and PDF."""
    units = _writing_units(request.user)
    if not units.exists():  # the sub-menu shows the page to everyone: say who issues it
        return render(request, "monitoring/press_report.html", {"form": None})
    form = forms.PressReportForm(
        request.POST or None,
        units=units,
        today=timezone.localdate(),
        initial={"unit": access.acting_unit(request) or units.first()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        signer = exports.signer(
            data["signer_authority"], data["signer_position"], data["signer_name"]
        )
        try:
            outgoing = services.issue_press_report(
                data["unit"],
                by=request.user,
                start=data["start"],
                end=data["end"],
                signer=signer,
                recipients=data["recipients"],
            )
        except (ValidationError, PermissionDenied) as error:
            for message in errors_of(error):
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("The press review is issued as %(number)s.") % {"number": outgoing},
            )
            return redirect(outgoing)
    return render(request, "monitoring/press_report.html", {"form": form})
