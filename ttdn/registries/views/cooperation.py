"""Agreements, programmes, delegations and conferences, with the approval flow."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.core import access, pending, related
from ttdn.core.feedback import attempt
from ttdn.documents.models import Document
from ttdn.registries import exports, rules
from ttdn.registries.enums import ApprovalStatus
from ttdn.registries.forms import (
    AgreementForm,
    ConferenceForm,
    DecisionForm,
    DelegationFilterForm,
    DelegationForm,
    MemberForm,
    ParticipantForm,
    ProgrammeForm,
    ReportForm,
    ResultForm,
    SignForm,
    YearForm,
    limit,
)
from ttdn.registries.models import (
    Agreement,
    Conference,
    ConferenceParticipant,
    Delegation,
    DelegationMember,
    Partner,
    Programme,
)
from ttdn.registries.services import cooperation as services
from ttdn.registries.views.common import (
    can_record,
    form_page,
    issue,
    page_of,
    recording_units,
    save_or_show,
)


def _choices(request: HttpRequest, form: Any) -> Any:
    """Partners from the shared list; programmes and agreements of the person's units."""
    return limit(
        form,
        partner=Partner.objects.all(),
        partners=Partner.objects.all(),
        programme=Programme.objects.visible_to(request.user),
        agreement=Agreement.objects.visible_to(request.user),
        units=recording_units(request),
    )


def _create(
    request: HttpRequest, form_class: Any, service: Any, *, title: str, back: str
) -> HttpResponse:
    """The create page of a unit's record: the form, then one service, then its page."""
    form = _choices(
        request,
        form_class(
            request.POST or None,
            pending.restore(request) or None,
            units=recording_units(request),
            initial={"unit": access.acting_unit(request)},
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        record = save_or_show(form, lambda: service(unit, by=request.user, **data))
        if record is not None:
            pending.discard(request)
            messages.success(request, _("“%(record)s” is recorded.") % {"record": record})
            return redirect(record)
    if form.is_bound:
        pending.keep(request, form)
    return form_page(request, form, title=title, back=back, multipart=True)


def _update(
    request: HttpRequest, record: Any, form_class: Any, service: Any, *, title: str
) -> HttpResponse:
    initial = {
        name: (
            list(getattr(record, name).all())
            if hasattr(getattr(record, name, None), "all")
            else getattr(record, name)
        )
        for name in form_class.base_fields
        if name != "unit"
    }
    form = _choices(
        request, form_class(request.POST or None, pending.restore(request) or None, initial=initial)
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not (k == "file" and not v)}
        if save_or_show(form, lambda: service(record, by=request.user, **data)) is not None:
            pending.discard(request)
            messages.success(request, _("“%(record)s” is saved.") % {"record": record})
            return redirect(record)
    if form.is_bound:
        pending.keep(request, form)
    return form_page(request, form, title=title, back=record.get_absolute_url(), multipart=True)


# --- Agreements ---------------------------------------------------------------------------------


@login_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    rows = Agreement.objects.visible_to(request.user).select_related("unit", "partner")
    context = {"page": page_of(request, rows), "can_record": can_record(request)}
    return render(request, "registries/agreement_list.html", context)


@login_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(
        Agreement.objects.visible_to(request.user).select_related("unit", "partner", "renews"),
        pk=pk,
    )
    context = {
        "agreement": agreement,
        "can_edit": rules.can_edit(request.user, agreement),
        "sign_form": SignForm(),
        "renewals": agreement.renewals.all(),
        "programmes": agreement.programmes.all(),
    }
    return render(request, "registries/agreement_detail.html", context)


@login_required
def agreement_create(request: HttpRequest) -> HttpResponse:
    return _create(
        request,
        AgreementForm,
        services.record_agreement,
        title=_("Record an agreement"),
        back="registries:agreement_list",
    )


@login_required
def agreement_update(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.editable_by(request.user), pk=pk)
    return _update(
        request, agreement, AgreementForm, services.update_agreement, title=_("Edit the agreement")
    )


@require_POST
@login_required
def agreement_sign(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.editable_by(request.user), pk=pk)
    form = SignForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            _("The signature is recorded."),
            services.sign_agreement,
            agreement,
            by=request.user,
            **form.cleaned_data,
        )
    else:
        messages.error(request, _("Give the date of signature as dd/mm/yyyy."))
    return redirect(agreement)


@require_POST
@login_required
def agreement_terminate(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.editable_by(request.user), pk=pk)
    attempt(
        request,
        _("The agreement is terminated."),
        services.terminate_agreement,
        agreement,
        by=request.user,
    )
    return redirect(agreement)


@require_POST
@login_required
def agreement_renew(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.editable_by(request.user), pk=pk)
    if attempt(
        request,
        _("A renewal is started; record its signature once signed."),
        services.renew_agreement,
        agreement,
        by=request.user,
    ):
        return redirect(agreement.renewals.latest("pk"))
    return redirect(agreement)


@login_required
def agreement_file(request: HttpRequest, pk: int) -> FileResponse:
    agreement = get_object_or_404(Agreement.objects.visible_to(request.user), pk=pk)
    if not agreement.file:
        raise Http404
    name = agreement.file.name.rsplit("/", 1)[-1]
    return FileResponse(agreement.file.open("rb"), as_attachment=True, filename=name)


# --- Programmes ---------------------------------------------------------------------------------


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    rows = (
        Programme.objects.visible_to(request.user)
        .select_related("unit")
        .prefetch_related("partners")
    )
    context = {"page": page_of(request, rows), "can_record": can_record(request)}
    return render(request, "registries/programme_list.html", context)


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(
        Programme.objects.visible_to(request.user).select_related("unit"), pk=pk
    )
    context = {
        "programme": programme,
        "can_edit": rules.can_edit(request.user, programme),
        "result_form": ResultForm(),
        "delegations": programme.delegations.visible_to(request.user).select_related("partner"),
        "courses": programme.courses.visible_to(request.user),
        "related": related.for_object(request.user, programme),
    }
    return render(request, "registries/programme_detail.html", context)


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    return _create(
        request,
        ProgrammeForm,
        services.record_programme,
        title=_("Record a programme"),
        back="registries:programme_list",
    )


@login_required
def programme_update(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.editable_by(request.user), pk=pk)
    return _update(
        request, programme, ProgrammeForm, services.update_programme, title=_("Edit the programme")
    )


@require_POST
@login_required
def programme_result(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.editable_by(request.user), pk=pk)
    form = ResultForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            _("The results are saved."),
            services.record_result,
            programme,
            by=request.user,
            **form.cleaned_data,
        )
    else:
        messages.error(request, _("Give the year and the results."))
    return redirect(programme)


# --- Delegations and conferences ----------------------------------------------------------------


@login_required
def delegation_list(request: HttpRequest) -> HttpResponse:
    form = DelegationFilterForm(request.GET or None)
    rows = Delegation.objects.visible_to(request.user).select_related("unit", "partner")
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("direction"):
        rows = rows.filter(direction=filters["direction"])
    if filters.get("year"):
        rows = rows.filter(starts_on__year=filters["year"])
    context = {"form": form, "page": page_of(request, rows), "can_record": can_record(request)}
    return render(request, "registries/delegation_list.html", context)


def _approval_context(request: HttpRequest, record: Any) -> dict[str, Any]:
    can_edit = rules.can_edit(request.user, record)
    decision = DecisionForm()
    decision.fields["document"].queryset = Document.objects.visible_to(request.user)  # type: ignore[attr-defined]
    return {
        "can_edit": can_edit and record.is_editable,
        "can_request": can_edit and record.status in (ApprovalStatus.DRAFT, ApprovalStatus.REFUSED),
        "can_withdraw": can_edit and record.status == ApprovalStatus.REQUESTED,
        "can_decide": record.status == ApprovalStatus.REQUESTED
        and rules.can_decide(request.user, record),
        "can_report": can_edit and record.status == ApprovalStatus.APPROVED,
        "decision_form": decision,
        "report_form": ReportForm(),
        "supervisor": rules.supervising_unit(record.unit),
    }


@login_required
def delegation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = get_object_or_404(
        Delegation.objects.visible_to(request.user).select_related(
            "unit__parent", "partner", "programme", "decided_by", "approval_document", "report"
        ),
        pk=pk,
    )
    context = {
        "delegation": delegation,
        "members": delegation.members.all(),
        "member_form": MemberForm(),
        "kind": "delegation",
        **_approval_context(request, delegation),
    }
    context["can_change_members"] = (
        rules.can_edit(request.user, delegation) and delegation.is_editable
    )
    return render(request, "registries/delegation_detail.html", context)


@login_required
def delegation_create(request: HttpRequest) -> HttpResponse:
    return _create(
        request,
        DelegationForm,
        services.record_delegation,
        title=_("Record a delegation"),
        back="registries:delegation_list",
    )


@login_required
def delegation_update(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = get_object_or_404(Delegation.objects.editable_by(request.user), pk=pk)
    return _update(
        request,
        delegation,
        DelegationForm,
        services.update_delegation,
        title=_("Edit the delegation"),
    )


@require_POST
@login_required
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = get_object_or_404(Delegation.objects.editable_by(request.user), pk=pk)
    form = MemberForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            _("The member is added."),
            services.add_member,
            delegation,
            by=request.user,
            **form.cleaned_data,
        )
    else:
        messages.error(request, _("Give the member's full name."))
    return redirect(delegation)


@require_POST
@login_required
def member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(
        DelegationMember.objects.filter(
            delegation__in=Delegation.objects.editable_by(request.user)
        ),
        pk=pk,
    )
    attempt(request, _("The member is removed."), services.remove_member, member, by=request.user)
    return redirect(member.delegation)


@login_required
def conference_list(request: HttpRequest) -> HttpResponse:
    form = YearForm(request.GET or None)
    rows = Conference.objects.visible_to(request.user).select_related("unit")
    if form.is_valid() and form.cleaned_data["year"]:
        rows = rows.filter(starts_on__year=form.cleaned_data["year"])
    context = {"form": form, "page": page_of(request, rows), "can_record": can_record(request)}
    return render(request, "registries/conference_list.html", context)


@login_required
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_object_or_404(
        Conference.objects.visible_to(request.user).select_related(
            "unit__parent", "programme", "decided_by", "approval_document", "report"
        ),
        pk=pk,
    )
    context = {
        "conference": conference,
        "kind": "conference",
        "participants": conference.named_participants.all(),
        "participant_form": ParticipantForm(),
        **_approval_context(request, conference),
    }
    context["can_change_participants"] = (
        rules.can_edit(request.user, conference) and conference.is_editable
    )
    return render(request, "registries/conference_detail.html", context)


@require_POST
@login_required
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_object_or_404(Conference.objects.editable_by(request.user), pk=pk)
    form = ParticipantForm(request.POST)
    if form.is_valid():
        attempt(
            request,
            _("The participant is added."),
            services.add_participant,
            conference,
            by=request.user,
            **form.cleaned_data,
        )
    else:
        messages.error(request, _("Give the participant's full name."))
    return redirect(conference)


@require_POST
@login_required
def participant_remove(request: HttpRequest, pk: int) -> HttpResponse:
    participant = get_object_or_404(
        ConferenceParticipant.objects.filter(
            conference__in=Conference.objects.editable_by(request.user)
        ),
        pk=pk,
    )
    attempt(
        request,
        _("The participant is removed."),
        services.remove_participant,
        participant,
        by=request.user,
    )
    return redirect(participant.conference)


@login_required
def conference_create(request: HttpRequest) -> HttpResponse:
    return _create(
        request,
        ConferenceForm,
        services.record_conference,
        title=_("Record a conference or seminar"),
        back="registries:conference_list",
    )


@login_required
def conference_update(request: HttpRequest, pk: int) -> HttpResponse:
    conference = get_object_or_404(Conference.objects.editable_by(request.user), pk=pk)
    return _update(
        request,
        conference,
        ConferenceForm,
        services.update_conference,
        title=_("Edit the conference"),
    )


APPROVABLE: dict[str, tuple[type[Delegation] | type[Conference], Any]] = {
    "delegation": (Delegation, exports.delegation_report),
    "conference": (Conference, exports.conference_report),
}


def _approvable(request: HttpRequest, kind: str, pk: int) -> Any:
    if kind not in APPROVABLE:
        raise Http404
    return get_object_or_404(APPROVABLE[kind][0].objects.visible_to(request.user), pk=pk)


@require_POST
@login_required
def approval_request(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _approvable(request, kind, pk)
    attempt(
        request,
        _("Approval is asked from the supervising unit."),
        services.request_approval,
        record,
        by=request.user,
    )
    return redirect(record)


@require_POST
@login_required
def approval_withdraw(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _approvable(request, kind, pk)
    attempt(
        request, _("The request is withdrawn."), services.withdraw_request, record, by=request.user
    )
    return redirect(record)


@require_POST
@login_required
def approval_decide(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _approvable(request, kind, pk)
    form = DecisionForm(request.POST)
    form.fields["document"].queryset = Document.objects.visible_to(request.user)  # type: ignore[attr-defined]
    if not form.is_valid():
        messages.error(request, _("Choose approve or refuse."))
        return redirect(record)
    done = (
        _("The request is approved.")
        if form.cleaned_data["approve"]
        else _("The request is refused.")
    )
    attempt(request, done, services.decide, record, by=request.user, **form.cleaned_data)
    return redirect(record)


@require_POST
@login_required
def approval_report(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    record = _approvable(request, kind, pk)
    if not rules.can_edit(request.user, record):
        raise PermissionDenied
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the outcome, the signer and the recipients."))
        return redirect(record)
    doc = APPROVABLE[kind][1](record, **form.cleaned_data)
    outcome = form.cleaned_data["outcome"]
    issue(
        request,
        _("The report is issued and registered."),
        lambda: services.report_on(record, outcome=outcome, doc=doc, by=request.user),
    )
    return redirect(record)
