"""Screens of contests: the list, organising one, its levels and juries, entries, results,
advancement and certificates."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ttdn import docgen
from ttdn.activities import queries, rules, services
from ttdn.activities.forms import ContestForm, EntryForm, LevelForm, ResultForm
from ttdn.activities.models import Contest, ContestLevel, Entry, Result
from ttdn.core import access
from ttdn.core.feedback import attempt, errors_of
from ttdn.docgen.pdf import convert
from ttdn.documents import printing
from ttdn.org.models import UnitGroup


@login_required
def contest_list(request: HttpRequest) -> HttpResponse:
    contests = Contest.objects.visible_to(request.user).select_related("unit")
    context = {
        "contests": contests,
        "can_add": access.units_with_role(request.user, access.WRITING_ROLES).exists(),
    }
    return render(request, "activities/contest_list.html", context)


@login_required
def contest_create(request: HttpRequest) -> HttpResponse:
    form = ContestForm(
        request.POST or None, units=access.supervised_units(request.user, access.WRITING_ROLES)
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        unit = fields.pop("unit")
        try:
            contest = services.organise_contest(unit, by=request.user, **fields)
        except (ValidationError, PermissionDenied) as error:
            for message in errors_of(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("The contest is set up; now add its levels."))
            return redirect(contest)
    return render(request, "activities/contest_form.html", {"form": form})


def _contest(request: HttpRequest, pk: int) -> Contest:
    return get_object_or_404(Contest.objects.visible_to(request.user).select_related("unit"), pk=pk)


def _level_form(contest: Contest, data: Any = None) -> LevelForm:
    people = (
        get_user_model()
        .objects.filter(
            memberships__unit__path__under=contest.unit.path, memberships__is_active=True
        )
        .distinct()
        .order_by("last_name", "username")
    )
    groups = UnitGroup.objects.filter(members__path__under=contest.unit.path).distinct()
    return LevelForm(data, groups=groups.order_by("name"), people=people, prefix="level")


def _entry_units(request: HttpRequest, contest: Contest) -> Any:
    return access.supervised_units(request.user, access.WRITING_ROLES).filter(
        path__under=contest.unit.path
    )


@login_required
def contest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The contest's levels and juries, the entries the person may see with their results, and
    what the person may do: enter pupils, judge a level, add a level."""
    contest = _contest(request, pk)
    levels = queries.contest_levels(contest)
    entries = queries.entries_with_results(request.user, contest)
    judged = [level for level in levels if rules.can_judge(request.user, level)]
    rows = [_entry_row(entry, levels, judged) for entry in entries]
    entry_units = _entry_units(request, contest)
    organiser = rules.can_organise(request.user, contest)
    context = {
        "contest": contest,
        "levels": levels,
        "rows": rows,
        "can_organise": organiser,
        "pdf_available": docgen.pdf_available(),
        "level_form": _level_form(contest) if organiser else None,
        "entry_form": EntryForm(units=entry_units, prefix="entry")
        if entry_units.exists()
        else None,
    }
    return render(request, "activities/contest_detail.html", context)


def _entry_row(
    entry: Entry, levels: list[ContestLevel], judged: list[ContestLevel]
) -> dict[str, Any]:
    results = {r.level_id: r for r in entry.results.all()}
    advanced = {
        results[lv.pk].level.rank for lv in levels if lv.pk in results and results[lv.pk].advanced
    }
    rank = 1
    while rank in advanced:
        rank += 1
    current = next((lv for lv in levels if lv.rank == rank), None)
    result = results.get(current.pk) if current else None
    return {
        "entry": entry,
        "cells": [results.get(level.pk) for level in levels],
        "current": current,
        "result": result,
        "form": ResultForm(
            initial={"score": result.score, "prize": result.prize} if result else None,
            prefix=f"r{entry.pk}",
        )
        if current in judged
        else None,
        "can_advance": current in judged and result is not None and current is not levels[-1],
        "withdrawable": _withdrawable(results, levels, judged, rank),
    }


def _withdrawable(
    results: dict[int, Result], levels: list[ContestLevel], judged: list[ContestLevel], rank: int
) -> Result | None:
    """The advancement the person may take back: from the level below the entry's current one,
    while the entry has no result at its current level."""
    below = next((lv for lv in levels if lv.rank == rank - 1), None)
    current = next((lv for lv in levels if lv.rank == rank), None)
    if below is None or below not in judged or (current and current.pk in results):
        return None
    return results.get(below.pk)


@require_POST
@login_required
def level_add(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _contest(request, pk)
    form = _level_form(contest, request.POST)
    if form.is_valid():
        attempt(
            request,
            _("The level is added."),
            services.add_level,
            contest,
            by=request.user,
            **form.cleaned_data,
        )
    else:
        _form_messages(request, form)
    return redirect(contest)


@require_POST
@login_required
def entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _contest(request, pk)
    form = EntryForm(request.POST, units=_entry_units(request, contest), prefix="entry")
    if form.is_valid():
        fields = dict(form.cleaned_data)
        unit = fields.pop("unit")
        attempt(
            request,
            _("The entry is registered."),
            services.enter_contest,
            contest,
            unit,
            by=request.user,
            **fields,
        )
    else:
        _form_messages(request, form)
    return redirect(contest)


@require_POST
@login_required
def result_record(request: HttpRequest, entry_pk: int, level_pk: int) -> HttpResponse:
    entry = get_object_or_404(
        Entry.objects.visible_to(request.user).select_related("contest__unit", "unit"), pk=entry_pk
    )
    level = get_object_or_404(entry.contest.levels, pk=level_pk)
    form = ResultForm(request.POST, prefix=f"r{entry.pk}")
    if form.is_valid():
        attempt(
            request,
            _("The result is saved."),
            services.record_result,
            entry,
            level,
            by=request.user,
            **form.cleaned_data,
        )
    else:
        _form_messages(request, form)
    return redirect(entry.contest)


@require_POST
@login_required
def result_advance(request: HttpRequest, pk: int) -> HttpResponse:
    result = get_object_or_404(
        Result.objects.select_related("entry__contest__unit", "entry__unit", "level__contest"),
        pk=pk,
        entry__in=Entry.objects.visible_to(request.user),
    )
    advances = request.POST.get("advances") == "1"
    done = (
        _("The entry advances to the next level.")
        if advances
        else _("The entry stays at this level.")
    )
    attempt(request, done, services.set_advancement, result, by=request.user, advances=advances)
    return redirect(result.entry.contest)


def _form_messages(request: HttpRequest, form: Any) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for message in errors:
            messages.error(request, f"{label}: {message}" if label else message)


CERTIFICATE_INCOMPLETE = gettext_lazy("The certificate cannot be printed yet; it lacks: %(parts)s.")


@login_required
def certificate(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The issued certificate of a prize, as numbered in the organiser's register (the stored
    DOCX, or its PDF), for those who may see the entry."""
    result = get_object_or_404(
        Result.objects.exclude(prize="").select_related("level__contest", "certificate"),
        pk=pk,
        entry__in=Entry.objects.visible_to(request.user),
    )
    issued = result.certificate
    if issued is None:
        messages.error(request, _("The organiser has not issued this certificate yet."))
        return redirect(result.level.contest)
    return printing.download(
        request,
        fmt,
        lambda fmt: convert(bytes(issued.docx)) if fmt == "pdf" else bytes(issued.docx),
        filename=f"giay-chung-nhan-{issued.file_stem}",
        back=result.level.contest,
        incomplete=CERTIFICATE_INCOMPLETE,
    )


@require_POST
@login_required
def certificate_issue(request: HttpRequest, pk: int) -> HttpResponse:
    """Number the certificate of a prize in the organiser's outgoing register."""
    result = get_object_or_404(
        Result.objects.exclude(prize="").select_related("level__contest"),
        pk=pk,
        entry__in=Entry.objects.visible_to(request.user),
    )
    contest = result.level.contest
    if not rules.can_organise(request.user, contest):
        raise Http404
    try:
        issued = services.issue_certificate(result, by=request.user)
    except docgen.DocumentIncomplete as error:
        messages.error(request, printing.incomplete_message(CERTIFICATE_INCOMPLETE, error))
    except (ValidationError, PermissionDenied) as error:
        for message in errors_of(error):
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Certificate %(number)s is issued and entered in the register.")
            % {"number": issued.number_symbol},
        )
    return redirect(contest)


@require_POST
@login_required
def contest_publish(request: HttpRequest, pk: int) -> HttpResponse:
    contest = get_object_or_404(Contest.objects.visible_to(request.user), pk=pk)
    if not rules.can_organise(request.user, contest):
        raise Http404
    publish = request.POST.get("publish") == "1"
    attempt(
        request,
        _("The prizes are on the portal.") if publish else _("The results are off the portal."),
        services.publish_results,
        contest,
        by=request.user,
        publish=publish,
    )
    return redirect(contest)
