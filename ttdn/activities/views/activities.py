"""Screens of activities: the registry, recording one, its page (photos, states, the article),
Excel out and in, and the evidence of a plan's tasks by unit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.activities import excel, queries, rules, services
from ttdn.activities.enums import ActivityStatus
from ttdn.activities.forms import (
    COUNTED,
    ActivityFilterForm,
    ActivityForm,
    ArticleDraftForm,
    FileForm,
    ImportForm,
    PhotoForm,
)
from ttdn.activities.models import (
    Activity,
    ActivityFile,
    ActivityPhoto,
    ActivityQuerySet,
    Movement,
)
from ttdn.content.models import Consent
from ttdn.core import access, history
from ttdn.core.feedback import attempt, errors_of
from ttdn.core.models import AuditEntry
from ttdn.events.models import Commemoration
from ttdn.plans.enums import PlanStatus
from ttdn.plans.models import Plan, PlanTask
from ttdn.registries.models import Programme

# --- The registry -----------------------------------------------------------------------------


def _filtered(request: HttpRequest) -> tuple[ActivityFilterForm, ActivityQuerySet]:
    form = ActivityFilterForm(request.GET or None)
    activities = Activity.objects.visible_to(request.user)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("q"):
        activities = activities.filter(
            Q(title__icontains=data["q"]) | Q(place__icontains=data["q"])
        )
    if data.get("unit"):
        activities = activities.filter(unit__code=data["unit"])
    if data.get("kind"):
        activities = activities.filter(kind=data["kind"])
    if data.get("status") == COUNTED:
        activities = activities.counted()
    elif data.get("status"):
        activities = activities.filter(status=data["status"])
    if data.get("since"):
        activities = activities.filter(starts_on__gte=data["since"])
    if data.get("until"):
        activities = activities.filter(starts_on__lte=data["until"])
    return form, activities


@login_required
def activity_list(request: HttpRequest) -> HttpResponse:
    form, activities = _filtered(request)
    page = Paginator(activities.select_related("unit"), 50).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "can_add": access.units_with_role(request.user, access.WRITING_ROLES).exists(),
    }
    return render(request, "activities/activity_list.html", context)


# --- Recording and editing --------------------------------------------------------------------


def _activity_form(request: HttpRequest, **kwargs: Any) -> ActivityForm:
    user = request.user
    writing = access.supervised_units(user, access.WRITING_ROLES)
    # Issued plans above and the person's own drafts; the service checks the subtree.
    plans = Plan.objects.visible_to(user).exclude(status=PlanStatus.SUPERSEDED)
    tasks = PlanTask.objects.filter(plan__in=plans).select_related("plan")
    return ActivityForm(
        request.POST or None,
        units=writing,
        tasks=tasks.order_by("plan__year", "plan_id", "order"),
        commemorations=Commemoration.objects.visible_to(user).order_by("month", "day", "name"),
        movements=Movement.objects.visible_to(user),
        programmes=Programme.objects.visible_to(user).order_by("name"),
        partners=access.visible_units(user),
        **kwargs,
    )


@login_required
def activity_create(request: HttpRequest) -> HttpResponse:
    """Record an activity; a link from a task or an anniversary fills in what it knows."""
    initial: dict[str, Any] = {
        k: request.GET[k] for k in ("commemoration", "title", "kind") if k in request.GET
    }
    if "task" in request.GET:
        initial["tasks"] = [request.GET["task"]]
    active = access.active_membership(request.user, request.session)
    if active is not None:
        initial.setdefault("unit", active.unit_id)
    form = _activity_form(request, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        unit = fields.pop("unit")
        try:
            activity = services.record_activity(unit, by=request.user, **fields)
        except (ValidationError, PermissionDenied) as error:
            for message in errors_of(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("The activity is saved as a draft."))
            return redirect(activity)
    return render(request, "activities/activity_form.html", {"form": form})


@login_required
def activity_update(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(Activity.objects.visible_to(request.user), pk=pk)
    if not rules.can_edit(request.user, activity):
        raise PermissionDenied
    initial = {
        **{
            name: getattr(activity, name)
            for name in services.activities.FIELDS
            if not name.endswith("_id")
        },
        "unit": activity.unit_id,
        "commemoration": activity.commemoration_id,
        "movement": activity.movement_id,
        "programme": activity.programme_id,
        "tasks": list(activity.tasks.values_list("pk", flat=True)),
        "co_organisers": list(activity.co_organisers.values_list("pk", flat=True)),
    }
    form = _activity_form(request, initial=initial)
    form.fields["unit"].disabled = True
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        fields.pop("unit")
        if attempt(
            request,
            _("The activity is saved."),
            services.update_activity,
            activity,
            by=request.user,
            **fields,
        ):
            return redirect(activity)
    return render(request, "activities/activity_form.html", {"form": form, "activity": activity})


# --- An activity's page -----------------------------------------------------------------------


def _consents(activity: Activity) -> Any:
    return Consent.objects.filter(site__unit=activity.unit).order_by("pupil")


@login_required
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(
        Activity.objects.visible_to(request.user).select_related(
            "unit__parent", "commemoration", "movement", "programme", "article", "verified_by"
        ),
        pk=pk,
    )
    photos = activity.photos.select_related("image")
    can_edit = rules.can_edit(request.user, activity)
    context = {
        "activity": activity,
        "photos": photos,
        "tasks": activity.tasks.select_related("plan"),
        "co_organisers": activity.co_organisers.all(),
        "can_edit": can_edit,
        "can_write": rules.can_write(request.user, activity.unit),
        "can_verify": rules.can_verify(request.user, activity),
        "photo_form": PhotoForm(consents=_consents(activity)) if can_edit else None,
        "files": activity.files.all(),
        "file_form": FileForm() if can_edit else None,
        "article_form": ArticleDraftForm(photos=photos)
        if can_edit and not activity.article_id
        else None,
        "history": history.describe(
            AuditEntry.objects.filter(object_type=Activity._meta.label, object_id=str(activity.pk))[
                :50
            ]
        ),
    }
    return render(request, "activities/activity_detail.html", context)


def _activity(request: HttpRequest, pk: int) -> Activity:
    return get_object_or_404(
        Activity.objects.visible_to(request.user).select_related("unit__parent"), pk=pk
    )


@require_POST
@login_required
def activity_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Record, verify, or take a step back; the service decides who may."""
    activity = _activity(request, pk)
    target = request.POST.get("to", "")
    if target not in ActivityStatus.values:
        messages.error(request, _("Unknown status."))
        return redirect(activity)
    done = {
        ActivityStatus.DRAFT: _("The activity is a draft again."),
        ActivityStatus.RECORDED: _("The activity is recorded."),
        ActivityStatus.VERIFIED: _("The activity is verified."),
    }[ActivityStatus(target)]
    attempt(request, done, services.transition_activity, activity, to=target, by=request.user)
    return redirect(activity)


@require_POST
@login_required
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    form = PhotoForm(request.POST, request.FILES, consents=_consents(activity))
    if not form.is_valid():
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, str(message))
        return redirect(activity)
    fields = dict(form.cleaned_data)
    upload = fields.pop("file")
    attempt(
        request,
        _("The photo is added."),
        services.add_photo,
        activity,
        upload=upload,
        by=request.user,
        **fields,
    )
    return redirect(activity)


@require_POST
@login_required
def file_add(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity(request, pk)
    form = FileForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        attempt(
            request,
            _("The file is attached."),
            services.attach_file,
            activity,
            upload=upload,
            by=request.user,
        )
    else:
        messages.error(request, _("Choose a file."))
    return redirect(activity)


@login_required
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    """A document of an activity the person sees, under its original name."""
    stored = get_object_or_404(
        ActivityFile, pk=pk, activity__in=Activity.objects.visible_to(request.user)
    )
    name = str(stored.file.name or "")
    if not name or not default_storage.exists(name):
        raise Http404
    return FileResponse(
        default_storage.open(name, "rb"), as_attachment=True, filename=stored.filename,
        content_type=stored.content_type,
    )  # fmt: skip


@require_POST
@login_required
def photo_remove(request: HttpRequest, pk: int) -> HttpResponse:
    photo = get_object_or_404(
        ActivityPhoto.objects.select_related("activity__unit", "image"),
        pk=pk,
        activity__in=Activity.objects.visible_to(request.user),
    )
    attempt(request, _("The photo is removed."), services.remove_photo, photo, by=request.user)
    return redirect(photo.activity)


@require_POST
@login_required
def activity_article(request: HttpRequest, pk: int) -> HttpResponse:
    """Draft the portal article of the activity, then open it for editing."""
    activity = _activity(request, pk)
    form = ArticleDraftForm(request.POST, photos=activity.photos.select_related("image"))
    if not form.is_valid():
        messages.error(request, _("Choose photos of this activity."))
        return redirect(activity)
    try:
        article = services.draft_article(
            activity, by=request.user, photos=form.cleaned_data["photos"]
        )
    except (ValidationError, PermissionDenied) as error:
        for message in errors_of(error):
            messages.error(request, message)
        return redirect(activity)
    messages.success(request, _("The article is drafted; it goes through the usual review."))
    return redirect("content:article_detail", article.pk)


# --- Excel ------------------------------------------------------------------------------------


@login_required
def activity_export(request: HttpRequest) -> HttpResponse:
    """The filtered registry as .xlsx, with Vietnamese headers."""
    _form, activities = _filtered(request)
    body = excel.export_activities(
        activities.select_related("unit", "commemoration", "movement").prefetch_related("tasks")
    )
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="hoat-dong.xlsx"'
    return response


@login_required
def activity_import(request: HttpRequest) -> HttpResponse:
    """Draft activities from a sheet in the export's shape: all rows, or none and every error."""
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[excel.RowError] = []
    if request.method == "POST" and form.is_valid():
        try:
            created = excel.import_activities(form.cleaned_data["file"], by=request.user)
        except excel.ImportRefused as refused:
            problems = refused.errors
        else:
            messages.success(
                request, _("%(count)d activities are saved as drafts.") % {"count": len(created)}
            )
            return redirect("activities:activity_list")
    return render(request, "activities/activity_import.html", {"form": form, "problems": problems})


# --- The evidence of a plan's tasks -----------------------------------------------------------


@login_required
def plan_evidence(request: HttpRequest, pk: int) -> HttpResponse:
    """Each unit carrying the plan's tasks, and which of its tasks have evidence."""
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("unit"), pk=pk)
    context = {"plan": plan, "units": queries.plan_evidence(request.user, plan)}
    return render(request, "activities/plan_evidence.html", context)
