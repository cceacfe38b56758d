"""Contests: levels and juries, entries, results and prizes, advancement to the next level."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.activities import exports, rules
from ttdn.activities.enums import LevelScope, Prize
from ttdn.activities.models import Contest, ContestLevel, Entry, Movement, Result
from ttdn.content.models import Site
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.text import nfc
from ttdn.documents import services as documents_services
from ttdn.documents.models import OutgoingDocument
from ttdn.org.models import Membership, Unit, UnitGroup


@transaction.atomic
def organise_contest(
    unit: Unit,
    *,
    by: Any,
    title: str,
    year: int,
    rules_text: str = "",
    entries_per_unit: int = 0,
    team_size: int = 1,
    entries_close_on: datetime.date | None = None,
    movement: Movement | None = None,
    signer_position: str = "",
    signer_name: str = "",
    international: bool = False,
) -> Contest:
    """A contest of `unit` for its subtree, without levels yet. Raises PermissionDenied."""
    if not rules.can_write(by, unit):
        raise PermissionDenied(_("You may not organise contests for this unit."))
    contest = Contest(
        unit=unit, title=nfc(title).strip(), year=year, rules=nfc(rules_text).strip(),
        entries_per_unit=entries_per_unit, team_size=max(team_size, 1),
        entries_close_on=entries_close_on, movement=movement, created_by=by,
        signer_position=nfc(signer_position).strip(), signer_name=nfc(signer_name).strip(),
        international=international,
    )  # fmt: skip
    contest.full_clean()
    contest.save()
    audit.record(AuditAction.CREATE, contest, by=by, unit_id=unit.pk)
    return contest


def _check_jurors(contest: Contest, jurors: list[Any]) -> None:
    """Jurors act for a unit of the organiser's tree: inside its subtree or above it."""
    path = contest.unit.path
    ids = {juror.pk for juror in jurors}
    paths = Membership.objects.active().filter(user__in=ids).values_list("user", "unit__path")
    placed = {
        user
        for user, unit_path in paths
        if unit_path.startswith(path) or path.startswith(unit_path)
    }
    strangers = [str(juror) for juror in jurors if juror.pk not in placed]
    if strangers:
        raise ValidationError(
            {
                "jurors": _("Not a person of the organiser's units: %(names)s")
                % {"names": ", ".join(strangers)}
            }
        )


@transaction.atomic
def add_level(
    contest: Contest,
    *,
    by: Any,
    name: str,
    scope: str = LevelScope.WHOLE,
    unit_level: str = "",
    groups: Iterable[UnitGroup] = (),
    advance_quota: int = 0,
    jurors: Iterable[Any] = (),
) -> ContestLevel:
    """Add the next level above the existing ones, with its rounds and its jury.

    Raises PermissionDenied unless the person organises the contest; ValidationError when the
    rounds are not defined (groups or level of the tree missing) or a juror is not of the
    organiser's units.
    """
    if not rules.can_organise(by, contest):
        raise PermissionDenied(_("Only the organiser sets the levels of a contest."))
    groups, jurors = list(groups), list(jurors)
    if scope == LevelScope.GROUPS and not groups:
        raise ValidationError({"groups": _("Choose the groups whose rounds this level holds.")})
    if scope == LevelScope.UNIT_LEVEL and not unit_level:
        raise ValidationError({"unit_level": _("Choose the level of the tree of the rounds.")})
    _check_jurors(contest, jurors)
    last = contest.levels.order_by("-rank").values_list("rank", flat=True).first() or 0
    level = ContestLevel(
        contest=contest, rank=last + 1, name=nfc(name).strip(), scope=scope,
        unit_level=unit_level if scope == LevelScope.UNIT_LEVEL else "",
        advance_quota=advance_quota,
    )  # fmt: skip
    level.full_clean()
    level.save()
    level.groups.set(groups if scope == LevelScope.GROUPS else [])
    level.jurors.set(jurors)
    audit.record(AuditAction.CREATE, level, by=by, unit_id=contest.unit_id)
    return level


@transaction.atomic
def enter_contest(
    contest: Contest,
    unit: Unit,
    *,
    by: Any,
    title: str,
    pupils: Iterable[str],
    public_consent: bool = False,
    on: datetime.date | None = None,
) -> Entry:
    """A unit's entry: a pupil or a team, with their work.

    Raises PermissionDenied unless the person writes for the unit; ValidationError when the unit
    is outside the organiser's subtree, entries are closed, the unit has used its entries, or
    the team is empty or too large.
    """
    on = on or timezone.localdate()
    if not rules.can_write(by, unit):
        raise PermissionDenied(_("You may not enter pupils of this unit."))
    if not unit.path.startswith(contest.unit.path):
        raise ValidationError(
            _("Only units under %(organiser)s may enter.") % {"organiser": contest.unit}
        )
    if contest.entries_close_on and on > contest.entries_close_on:
        raise ValidationError(
            _("Entries closed on %(day)s.") % {"day": f"{contest.entries_close_on:%d/%m/%Y}"}
        )
    names = [name for name in (nfc(p).strip() for p in pupils) if name]
    if not names:
        raise ValidationError({"pupils": _("Name at least one pupil.")})
    if len(names) > contest.team_size:
        raise ValidationError(
            {"pupils": _("An entry has at most %(count)d pupils.") % {"count": contest.team_size}}
        )
    used = contest.entries.filter(unit=unit).count()
    if contest.entries_per_unit and used >= contest.entries_per_unit:
        raise ValidationError(
            _("%(unit)s has used its %(count)d entries.")
            % {"unit": unit, "count": contest.entries_per_unit}
        )
    entry = Entry(
        contest=contest, unit=unit, title=nfc(title).strip(), pupils=names,
        public_consent=public_consent, created_by=by,
    )  # fmt: skip
    entry.full_clean()
    entry.save()
    audit.record(AuditAction.CREATE, entry, by=by, unit_id=unit.pk, object_repr=entry.title)
    return entry


# --- Levels, rounds and results ---------------------------------------------------------------


def round_of(level: ContestLevel, unit: Unit) -> str | None:
    """The round of `level` a unit's entries compete in ("group:3", "unit:12", "whole"), or
    None when the level holds no round for that unit (a school in none of its clusters)."""
    if level.scope == LevelScope.WHOLE:
        return "whole"
    if level.scope == LevelScope.GROUPS:
        group = next((g for g in level.groups.all() if unit in g.members.all()), None)
        return f"group:{group.pk}" if group else None
    ids = [*unit.ancestor_ids, unit.pk]
    found = Unit.objects.filter(pk__in=ids, level=level.unit_level).values_list("pk", flat=True)
    return f"unit:{found[0]}" if found else None


def reached_rank(entry: Entry) -> int:
    """The rank of the level the entry competes at now: 1, plus one per level it advanced from."""
    advanced = {r.level.rank for r in entry.results.select_related("level") if r.advanced}
    rank = 1
    while rank in advanced:
        rank += 1
    return rank


@transaction.atomic
def record_result(
    entry: Entry,
    level: ContestLevel,
    *,
    by: Any,
    score: Decimal | None = None,
    prize: str = "",
) -> Result:
    """Enter or correct the entry's result at `level`.

    Raises PermissionDenied unless the person sits on that level's jury or organises the
    contest; ValidationError when the entry does not compete at that level (it has not
    advanced to it, or has moved on beyond it), or the level holds no round for its school.
    """
    if level.contest_id != entry.contest_id:
        raise ValidationError(_("That level belongs to another contest."))
    if not rules.can_judge(by, level):
        raise PermissionDenied(
            _("Only the jury of %(level)s enters its results.") % {"level": level}
        )
    rank = reached_rank(entry)
    if level.rank > rank:
        raise ValidationError(
            _("%(entry)s has not advanced to %(level)s.") % {"entry": entry, "level": level}
        )
    if level.rank < rank:
        raise ValidationError(
            _("%(entry)s competes at a higher level now; the results of %(level)s are closed.")
            % {"entry": entry, "level": level}
        )
    if round_of(level, entry.unit) is None:
        raise ValidationError(
            _("%(level)s holds no round for %(unit)s.") % {"level": level, "unit": entry.unit}
        )
    result, created = Result.objects.select_for_update().get_or_create(entry=entry, level=level)
    if result.certificate_id and (prize or "") != result.prize:
        raise ValidationError(
            _("The certificate %(number)s is issued; the prize can no longer change.")
            % {"number": result.certificate}
        )
    before = {
        "score": str(result.score) if result.score is not None else None,
        "prize": result.prize,
    }
    result.score, result.prize, result.entered_by = score, Prize(prize) if prize else "", by
    result.full_clean()
    result.save()
    after = {"score": str(score) if score is not None else None, "prize": result.prize}
    audit.record(
        AuditAction.CREATE if created else AuditAction.UPDATE, result, by=by,
        unit_id=entry.contest.unit_id, changes=audit.diff(before, after),
    )  # fmt: skip
    return result


@transaction.atomic
def set_advancement(result: Result, *, by: Any, advances: bool) -> Result:
    """Send the entry on to the next level, or take that back.

    Raises PermissionDenied as record_result; ValidationError at the top level, beyond the
    level's quota for the entry's round, or when taking back an entry that already has a result
    at the next level.
    """
    level, entry = result.level, result.entry
    if not rules.can_judge(by, level):
        raise PermissionDenied(
            _("Only the jury of %(level)s enters its results.") % {"level": level}
        )
    following = level.contest.levels.filter(rank=level.rank + 1).first()
    if following is None:
        raise ValidationError(_("%(level)s is the last level of the contest.") % {"level": level})
    if not advances and entry.results.filter(level=following).exists():
        raise ValidationError(
            _("%(entry)s has a result at %(level)s already.") % {"entry": entry, "level": following}
        )
    if advances and level.advance_quota:
        key = round_of(level, entry.unit)
        peers = (
            level.results.filter(advanced=True).exclude(pk=result.pk).select_related("entry__unit")
        )
        taken = sum(1 for peer in peers if round_of(level, peer.entry.unit) == key)
        if taken >= level.advance_quota:
            raise ValidationError(
                _("%(count)d entries of this round advance already, the most %(level)s allows.")
                % {"count": taken, "level": level}
            )
    result.advanced = advances
    result.save(update_fields=["advanced", "entered_at"])
    audit.record(
        AuditAction.UPDATE, result, by=by, unit_id=entry.contest.unit_id,
        changes={"advanced": [not advances, advances]},
    )  # fmt: skip
    return result


@transaction.atomic
def issue_certificate(result: Result, *, by: Any) -> OutgoingDocument:
    """Number the certificate of `result`'s prize in the organiser's outgoing register, once:
    a second call returns the same document, so a number is never given twice nor reused.

    Raises PermissionDenied unless the person organises the contest; ValidationError without
    a prize; DocumentIncomplete (before a number is taken) when the contest lacks its signer
    or the organiser its letterhead."""
    result = (
        Result.objects.select_for_update(of=("self",))
        .select_related("entry__unit", "level__contest__unit", "certificate")
        .get(pk=result.pk)
    )
    contest = result.level.contest
    if not rules.can_organise(by, contest):
        raise PermissionDenied(_("Only the organiser issues certificates."))
    if result.certificate is not None:
        return result.certificate
    if not result.prize:
        raise ValidationError(_("Only a prize has a certificate."))
    doc = exports.certificate_document(result)
    result.certificate = documents_services.issue_document(
        contest.unit, doc=replace(doc, number=None, symbol="", date=None), by=by
    )
    result.save(update_fields=["certificate"])
    audit.record(
        AuditAction.UPDATE,
        result,
        by=by,
        unit_id=contest.unit_id,
        changes={"certificate": [None, result.certificate.number_symbol]},
    )
    return result.certificate


@transaction.atomic
def publish_results(contest: Contest, *, by: Any, publish: bool = True) -> Contest:
    """Show the contest's prizes on the organiser's portal, or take them off. Pupils are named
    there only with their guardians' consent (`queries.public_results`).

    Raises PermissionDenied unless the person organises the contest."""
    if not rules.can_organise(by, contest):
        raise PermissionDenied(_("Only the organiser publishes the results."))
    if publish and not Site.objects.filter(unit_id=contest.unit_id).exists():
        raise ValidationError(
            _("%(unit)s has no portal yet; open it before publishing the results.")
            % {"unit": contest.unit.name}
        )
    before = contest.results_published_on
    contest.results_published_on = timezone.localdate() if publish else None
    contest.save(update_fields=["results_published_on"])
    audit.record(
        AuditAction.UPDATE,
        contest,
        by=by,
        unit_id=contest.unit_id,
        changes=audit.diff(
            {"results_published_on": before and f"{before:%d/%m/%Y}"},
            {"results_published_on": publish and f"{contest.results_published_on:%d/%m/%Y}"},
        ),
    )
    return contest
