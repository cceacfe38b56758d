"""TTĐN contacts, courses, attendance and certificates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core import access
from ttdn.core.feedback import attempt
from ttdn.docgen.pdf import convert
from ttdn.documents.printing import download
from ttdn.org.models import Unit
from ttdn.registries import exports, queries, rules
from ttdn.registries.forms import (
    AttendanceForm,
    CertificateForm,
    ContactPersonForm,
    CourseForm,
    EnrolForm,
    YearForm,
    limit,
)
from ttdn.registries.models import ContactPerson, Course, Programme, Trainee
from ttdn.registries.services import training as services
from ttdn.registries.views.common import (
    INCOMPLETE,
    can_record,
    form_page,
    page_of,
    recording_units,
    save_or_show,
)

# --- TTĐN contacts ------------------------------------------------------------------------------


@login_required
def contact_list(request: HttpRequest) -> HttpResponse:
    """The contacts of the person's subtrees; with ?untrained=<year>, those not trained that year."""
    form = YearForm(request.GET or None)
    year = form.cleaned_data["year"] if form.is_valid() and form.cleaned_data["year"] else None
    rows = (
        ContactPerson.objects.visible_to(request.user).filter(is_active=True).select_related("unit")
    )
    if year is not None:
        untrained = ContactPerson.objects.none()
        for unit in _top_units(request):
            untrained = untrained | queries.untrained_contacts(unit, year)
        rows = rows.filter(pk__in=untrained.values("pk"))
    page = page_of(request, rows)
    editable = ContactPerson.objects.editable_by(request.user).filter(
        pk__in=[contact.pk for contact in page]
    )
    context = {
        "form": form,
        "year": year,
        "page": page,
        "editable": set(editable.values_list("pk", flat=True)),
        "can_record": can_record(request),
    }
    return render(request, "registries/contact_list.html", context)


def _top_units(request: HttpRequest) -> list[Unit]:
    return [m.unit for m in access.memberships(request.user)] or list(
        access.visible_units(request.user).filter(parent__isnull=True)
    )


@login_required
def contact_create(request: HttpRequest) -> HttpResponse:
    form = ContactPersonForm(
        request.POST or None,
        units=recording_units(request),
        initial={"unit": access.acting_unit(request)},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        if save_or_show(form, lambda: services.name_contact(unit, by=request.user, **data)):
            messages.success(request, _("The TTĐN contact is named."))
            return redirect("registries:contact_list")
    intro = _(
        "The person (often a part-time officer) your unit names for external information work; the unit above arranges their training."
    )
    return form_page(
        request, form, title=_("Name a TTĐN contact"), back="registries:contact_list", intro=intro
    )


@login_required
def contact_update(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(ContactPerson.objects.editable_by(request.user), pk=pk)
    initial = {n: getattr(contact, n) for n in ContactPersonForm.base_fields if n != "unit"}
    form = ContactPersonForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_show(
            form, lambda: services.update_contact(contact, by=request.user, **form.cleaned_data)
        )
    ):
        messages.success(request, _("The TTĐN contact is saved."))
        return redirect("registries:contact_list")
    return form_page(
        request, form, title=_("Edit the TTĐN contact"), back="registries:contact_list"
    )


@require_POST
@login_required
def contact_remove(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(ContactPerson.objects.editable_by(request.user), pk=pk)
    attempt(
        request,
        _("%(name)s is no longer a TTĐN contact.") % {"name": contact.full_name},
        services.remove_contact,
        contact,
        by=request.user,
    )
    return redirect("registries:contact_list")


# --- Courses ------------------------------------------------------------------------------------


@login_required
def course_list(request: HttpRequest) -> HttpResponse:
    rows = Course.objects.visible_to(request.user).select_related("unit")
    context = {"page": page_of(request, rows), "can_record": can_record(request)}
    return render(request, "registries/course_list.html", context)


@login_required
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(
        Course.objects.visible_to(request.user).select_related("unit", "programme"), pk=pk
    )
    trainees = list(
        Trainee.objects.visible_to(request.user)
        .filter(course=course)
        .select_related("unit", "contact")
    )
    can_edit = rules.can_edit(request.user, course)
    enrol = EnrolForm()
    limit(
        enrol,
        unit=Unit.objects.subtree_of(course.unit),
        contact=ContactPerson.objects.in_subtree(course.unit.path)
        .filter(is_active=True)
        .select_related("unit"),
    )
    context = {
        "course": course,
        "trainees": trainees,
        "can_edit": can_edit,
        "enrol_form": enrol,
        "attendance": AttendanceForm(trainees=trainees) if can_edit else None,
        "numbered": sum(1 for t in trainees if t.certificate_number),
        "started": course.starts_on <= timezone.localdate(),
        "certificate_form": CertificateForm(),
    }
    return render(request, "registries/course_detail.html", context)


@login_required
def course_create(request: HttpRequest) -> HttpResponse:
    form = limit(
        CourseForm(
            request.POST or None,
            units=recording_units(request),
            initial={"unit": access.acting_unit(request)},
        ),
        programme=Programme.objects.visible_to(request.user),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        course = save_or_show(form, lambda: services.record_course(unit, by=request.user, **data))
        if course is not None:
            messages.success(request, _("The course is recorded; now enrol its trainees."))
            return redirect(course)
    return form_page(
        request, form, title=_("Record a training course"), back="registries:course_list"
    )


@login_required
def course_update(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(Course.objects.editable_by(request.user), pk=pk)
    initial = {n: getattr(course, n) for n in CourseForm.base_fields if n != "unit"}
    form = limit(
        CourseForm(request.POST or None, initial=initial),
        programme=Programme.objects.visible_to(request.user),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_show(
            form, lambda: services.update_course(course, by=request.user, **form.cleaned_data)
        )
    ):
        messages.success(request, _("The course is saved."))
        return redirect(course)
    return form_page(request, form, title=_("Edit the course"), back=course.get_absolute_url())


@require_POST
@login_required
def course_enrol(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(
        Course.objects.editable_by(request.user).select_related("unit"), pk=pk
    )
    form = limit(
        EnrolForm(request.POST),
        unit=Unit.objects.subtree_of(course.unit),
        contact=ContactPerson.objects.in_subtree(course.unit.path),
    )
    if form.is_valid():
        attempt(
            request,
            _("The trainee is enrolled."),
            services.enrol,
            course,
            by=request.user,
            **form.cleaned_data,
        )
    else:
        messages.error(
            request, _("Choose the trainee's unit among those below the organising unit.")
        )
    return redirect(course)


@require_POST
@login_required
def trainee_remove(request: HttpRequest, pk: int) -> HttpResponse:
    trainee = get_object_or_404(
        Trainee.objects.filter(course__in=Course.objects.editable_by(request.user)), pk=pk
    )
    attempt(
        request, _("The trainee is removed."), services.remove_trainee, trainee, by=request.user
    )
    return redirect(trainee.course)


@require_POST
@login_required
def course_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(Course.objects.editable_by(request.user), pk=pk)
    form = AttendanceForm(request.POST, trainees=list(course.trainees.all()))
    if form.is_valid():
        attempt(
            request,
            _("Attendance is saved."),
            services.record_attendance,
            course,
            marks=form.marks(),
            by=request.user,
        )
    else:
        messages.error(request, _("Choose attendance and evaluation from the lists."))
    return redirect(course)


@require_POST
@login_required
def course_number(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(Course.objects.editable_by(request.user), pk=pk)
    attempt(
        request,
        _("Certificate numbers are given."),
        services.number_certificates,
        course,
        by=request.user,
    )
    return redirect(course)


@login_required
def course_certificates(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Every numbered certificate of the course (or one trainee's, with ?trainee=<id>)."""
    course = get_object_or_404(Course.objects.editable_by(request.user), pk=pk)
    trainees = course.trainees.exclude(certificate_number="").select_related("unit")
    if request.GET.get("trainee", "").isdigit():
        trainees = trainees.filter(pk=int(request.GET["trainee"]))
    if not trainees.exists():
        messages.error(request, _("No certificate has a number yet."))
        return redirect(course)
    form = CertificateForm(request.GET)
    if not form.is_valid():
        messages.error(request, _("Give the position and the name of the person who signs."))
        return redirect(course)
    signature = exports.Signature(
        form.cleaned_data["signer_position"], form.cleaned_data["signer_name"]
    )
    content = exports.certificates(course, list(trainees), signature=signature)
    return download(
        request,
        fmt,
        lambda fmt: convert(content) if fmt == "pdf" else content,
        filename=f"giay-chung-nhan-{course.pk}",
        back=course,
        incomplete=INCOMPLETE,
    )
