"""Standard forms a unit adopts, the schedule of a form, and the rounds schedules open by
themselves (job `open_scheduled_rounds`, docs/decisions/0013-standard-forms-and-schedules.md)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.text import nfc
from ttdn.org.enums import UnitLevel
from ttdn.org.models import Unit
from ttdn.reports import standard
from ttdn.reports.enums import CATEGORY_PRESETS, PeriodKind
from ttdn.reports.models import ReportForm, Round, Schedule
from ttdn.reports.periods import InvalidPeriod, Period, SubmissionWindow, containing
from ttdn.reports.services.errors import RoundInvalid
from ttdn.reports.services.forms import add_indicator, add_rule, create_form, latest_version
from ttdn.reports.services.rounds import open_round
from ttdn.reports.validation import ValuesInvalid

# --- Adopting a standard form -----------------------------------------------------------------


@transaction.atomic
def adopt_standard(unit: Unit, key: str, *, by: Any) -> ReportForm:
    """Copy the standard form `key` into a form of `unit` (which may then change it), with the
    standard's schedule, not yet switched on. Raises ValuesInvalid when the unit has it already."""
    found = standard.get(key)
    if found is None:
        raise ValuesInvalid({"": _("There is no such standard form.")})
    existing = ReportForm.objects.filter(owner=unit, standard=key).first()
    if existing is not None:
        raise ValuesInvalid(
            {
                "": _("Your unit has adopted this form already: “%(name)s”.")
                % {"name": existing.name}
            }
        )
    form = create_form(
        unit,
        code=_free_code(f"{key}-{unit.code}".lower()),
        name=found.name,
        description=found.description,
        by=by,
    )
    form.standard = key
    form.save(update_fields=["standard", "updated_at"])
    for section in found.sections:
        for item in section["indicators"]:
            _add(form, section["title"], item, by=by)
    for rule in found.rules:
        add_rule(form, kind=rule["kind"], left=rule["left"], right=rule["right"], by=by)
    plan = found.schedule
    Schedule.objects.create(
        form=form,
        period_kind=found.period_kind,
        title=found.title,
        opens_month=plan.opens[0],
        opens_day=plan.opens[1],
        closes_month=plan.closes[0],
        closes_day=plan.closes[1],
        deadlines={lv: list(day) for lv, day in plan.deadlines.items()},
        active=False,
        set_by=by,
    )
    return form


def _free_code(code: str) -> str:
    taken = set(ReportForm.objects.filter(code__startswith=code).values_list("code", flat=True))
    if code not in taken:
        return code
    return next(f"{code}-{n}" for n in range(2, len(taken) + 3) if f"{code}-{n}" not in taken)


def _add(form: ReportForm, section: str, item: dict[str, Any], *, by: Any) -> None:
    breakdown, categories = "", cast(tuple[tuple[str, str], ...], ())
    if item.get("breakdown"):
        breakdown, categories = CATEGORY_PRESETS[item["breakdown"]]
    numeric = item["kind"] in ("integer", "decimal")
    add_indicator(
        form,
        section=section,
        code=item["code"],
        name=item["name"],
        kind=item["kind"],
        aggregation=item["aggregation"],
        measure=item.get("measure", ""),
        required=item.get("required", False),
        min_value=0 if numeric else None,
        computed_key=item.get("computed", ""),
        breakdown=breakdown,
        categories=categories,
        by=by,
    )


# --- The schedule of a form -------------------------------------------------------------------

SCHEDULED_KINDS = (PeriodKind.MONTH, PeriodKind.QUARTER, PeriodKind.HALF_YEAR, PeriodKind.YEAR)
LATEST_MONTH = 15  # a date may fall up to three months after a year's period


@transaction.atomic
def set_schedule(
    form: ReportForm,
    *,
    period_kind: str,
    title: str,
    opens: tuple[int, int],
    closes: tuple[int, int],
    deadlines: Mapping[str, tuple[int, int]],
    active: bool,
    by: Any,
    levels: Iterable[str] = (),
) -> Schedule:
    """Set (or change) when the form's rounds open, are due per level and close, and who
    reports (`levels` of the units below; none: the units right below). Raises ValuesInvalid
    when the dates are not in that order or do not name days."""
    errors = {}
    title = nfc(title.strip())
    if not title:
        errors["title"] = _("Give the rounds a title.")
    if period_kind not in SCHEDULED_KINDS:
        errors["period_kind"] = _(
            "Rounds open by themselves for months, quarters, half-years and years."
        )
    if not deadlines:
        errors["deadlines"] = _("Give at least one level its deadline.")
    levels = sorted(set(levels))
    if any(lv not in UnitLevel.values for lv in [*deadlines, *levels]):
        errors["deadlines"] = _("A deadline is for a level of units.")
    dates = [opens, closes, *deadlines.values()]
    if any(not (1 <= m <= LATEST_MONTH and 1 <= d <= 31) for m, d in dates):
        errors["opens"] = _("A date is a day from 1 to 31 of a month of the period.")
    if not errors:
        sample = containing(period_kind, timezone.localdate())
        start, end = sample.day_in(*opens), sample.day_in(*closes)
        if any(not start < sample.day_in(*d) <= end for d in deadlines.values()):
            errors["deadlines"] = _(
                "Every deadline falls after the round opens and no later than it closes."
            )
    if errors:
        raise ValuesInvalid(errors)
    schedule = Schedule.objects.filter(form=form).first() or Schedule(form=form, set_by=by)
    before = audit.snapshot(schedule, FIELDS) if schedule.pk else {}
    schedule.period_kind, schedule.title, schedule.active = period_kind, title, active
    schedule.opens_month, schedule.opens_day = opens
    schedule.closes_month, schedule.closes_day = closes
    schedule.deadlines = {lv: list(d) for lv, d in sorted(deadlines.items())}
    schedule.levels = levels
    schedule.set_by = by
    schedule.save()
    changes = audit.diff(before, audit.snapshot(schedule, FIELDS)) if before else {}
    audit.record(
        AuditAction.UPDATE if before else AuditAction.CREATE,
        schedule,
        by=by,
        unit_id=form.owner_id,
        changes=changes,
    )
    return schedule


FIELDS = [
    "period_kind",
    "title",
    "opens_month",
    "opens_day",
    "closes_month",
    "closes_day",
    "deadlines",
    "active",
    "levels",
]


# --- Rounds that open by themselves -----------------------------------------------------------


@dataclass(frozen=True)
class Planned:
    """A scheduled round: its period, data window, submission window and deadlines."""

    schedule: Schedule
    period: Period
    title: str
    data_window: tuple[datetime.date, datetime.date]
    window: SubmissionWindow
    deadlines: dict[str, datetime.date]


def planned(schedule: Schedule, period: Period) -> Planned:
    """The round `schedule` opens for `period`. Raises InvalidPeriod on dates out of order."""
    opens = schedule.opens_on(period)
    deadlines = schedule.deadline_dates(period)
    span = period.data_window_before(opens)
    window = SubmissionWindow(opens, max(deadlines.values()), schedule.closes_on(period))
    with translation.override("vi"):
        label = period.label  # a title is data, in the language of the documents
    title = f"{schedule.title} {label[:1].lower()}{label[1:]}"
    return Planned(schedule, period, title, (span.start, span.end), window, deadlines)


def next_round(schedule: Schedule, today: datetime.date | None = None) -> Planned | None:
    """The next round the schedule will open (or the one open now), for its page."""
    today = today or timezone.localdate()
    period = containing(schedule.period_kind, today).previous()
    for _step in range(4):
        try:
            found = planned(schedule, period)
        except InvalidPeriod:
            return None
        if found.window.closes >= today:
            return found
        period = period.next()
    return None


def due_rounds(today: datetime.date) -> list[Planned]:
    """The rounds active schedules should have opened by `today` and have not: their opening
    day has come and their closing day has not passed."""
    found = []
    schedules = Schedule.objects.filter(active=True).select_related("form__owner", "set_by")
    for schedule in schedules:
        period = containing(schedule.period_kind, today)
        opened = set(Round.objects.filter(schedule=schedule).values_list("period_key", flat=True))
        for candidate in (period.previous(), period, period.next()):
            try:
                plan = planned(schedule, candidate)
            except InvalidPeriod:
                continue
            if candidate.key not in opened and plan.window.opens <= today <= plan.window.closes:
                found.append(plan)
    return found


def open_scheduled_rounds(today: datetime.date | None = None) -> list[str]:
    """Open every round that is due (each on its own transaction) and say what happened: a
    round opened, the units left out because they report in another round, or why it could
    not open. Run daily by the scheduler; a second run the same day opens nothing."""
    today = today or timezone.localdate()
    lines = []
    for plan in due_rounds(today):
        schedule = plan.schedule
        try:
            round_ = open_round(
                schedule.form.owner,
                form_version=latest_version(schedule.form),
                period=plan.period,
                window=plan.window,
                data_window=plan.data_window,
                title=plan.title,
                levels=schedule.levels,
                deadlines=plan.deadlines,
                by=schedule.set_by,
                leave_out_covered=True,
                schedule=schedule,
            )
        except RoundInvalid as error:
            lines.append(
                f"{schedule.form.owner.code} {schedule.form.code} {plan.period.key}: {error}"
            )
            continue
        lines.append(
            f"{round_.owner.code} opened “{round_.title}” ({round_.period_key}), "
            f"{round_.submissions.count()} reports, {len(round_.left_out)} left out"
        )
    return lines
