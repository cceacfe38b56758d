"""Writes of the outgoing register: issuing (numbering) a document, withdrawing it, showing it
on the unit's public site, and the unit's letterhead. Each is atomic and audited."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn import docgen
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.text import nfc
from ttdn.documents import queries, rules
from ttdn.documents.enums import OUTGOING_TYPES
from ttdn.documents.models import Letterhead, OutgoingDocument, RegisterCounter
from ttdn.org.models import Unit


@transaction.atomic
def issue_document(
    unit: Unit,
    *,
    doc: docgen.Document,
    by: Any,
    drafting_unit: str = "",
    on: datetime.date | None = None,
) -> OutgoingDocument:
    """Number `doc` in the unit's register, render it and store it frozen; return the entry.

    The unit's letterhead fills the issuing body, parent body and place that `doc` leaves
    empty; the symbol is built from the type and the unit's abbreviation (a letter's from the
    abbreviation and `drafting_unit`, by default the letterhead's); the date is `on` (today
    by default). The number is the next of the unit's year, taken from the counter row
    locked for this transaction: concurrent calls wait for each other, and when anything
    fails (rendering included) the whole transaction rolls back, so numbers never repeat
    and never skip. Raises DocumentIncomplete naming the missing parts before taking a
    number, and ValueError when the symbol cannot be built. Who may issue for the unit is the
    caller's decision (`rules.issuing_units`).
    """
    letterhead = queries.letterhead_for(unit)
    day = on or timezone.localdate()
    drafted = replace(
        doc,
        issuing_body=doc.issuing_body or letterhead.issuing_body,
        parent_body=doc.parent_body or letterhead.parent_body,
        place=doc.place or letterhead.place,
        symbol=queries.symbol_for(unit, doc.doc_type, drafting_unit),
        date=day,
        number=None,
    )
    docgen.validate(drafted)
    number = _next_number(unit, day.year)
    numbered = replace(drafted, number=number)
    outgoing = OutgoingDocument.objects.create(
        unit=unit,
        year=day.year,
        number=number,
        symbol=numbered.symbol,
        type=OUTGOING_TYPES[doc.doc_type],
        issued_on=day,
        title=numbered.title,
        addressees=list(numbered.addressees),
        recipients=list(numbered.recipients),
        signer_name=numbered.signer.name if numbered.signer else "",
        signer_position=numbered.signer.position if numbered.signer else "",
        issued_by=by if getattr(by, "pk", None) else None,
        docx=docgen.render_docx(numbered),
    )
    audit.record(
        AuditAction.CREATE, outgoing, by=by, changes=audit.diff({}, _register_snapshot(outgoing))
    )
    return outgoing


# Apps above documents that keep their own record of an issued document (a plan) register
# here what withdrawing it means for that record; `withdraw_document` runs each in its
# transaction.
WithdrawalHook = Callable[[OutgoingDocument, Any], None]
_withdrawal_hooks: list[WithdrawalHook] = []


def on_withdrawal(hook: WithdrawalHook) -> None:
    """Run `hook(outgoing, by)` whenever a document of the register is withdrawn. Idempotent."""
    if hook not in _withdrawal_hooks:
        _withdrawal_hooks.append(hook)


@transaction.atomic
def withdraw_document(outgoing: OutgoingDocument, *, reason: str, by: Any) -> OutgoingDocument:
    """Record that the issuing unit withdrew (thu hồi) the document, why and when.

    The entry stays in the register with its number, which is never given again; the
    document's record elsewhere (a plan) follows through the registered hooks. Who may
    withdraw is the caller's decision (`rules.can_withdraw`). A document shown on the unit's
    public site leaves it. Raises ValidationError without a reason or when the document is
    already withdrawn.
    """
    reason = nfc(reason).strip()
    if not reason:
        raise ValidationError(_("Say why the document is withdrawn."))
    locked = (
        OutgoingDocument.objects.select_for_update(of=("self",)).defer("docx").get(pk=outgoing.pk)
    )
    if locked.withdrawn_on is not None:
        raise ValidationError(
            _("This document was already withdrawn on %(date)s.")
            % {"date": locked.withdrawn_on.strftime("%d/%m/%Y")}
        )
    on_site = locked.published_on_site_at
    outgoing.withdrawn_on, outgoing.withdrawal_reason = timezone.localdate(), reason
    outgoing.withdrawn_by = by if getattr(by, "pk", None) else None
    outgoing.published_on_site_at, outgoing.published_on_site_by = None, None
    outgoing.save(
        update_fields=[
            "withdrawn_on",
            "withdrawal_reason",
            "withdrawn_by",
            "published_on_site_at",
            "published_on_site_by",
            "updated_at",
        ]
    )
    changes = {
        "withdrawn_on": [None, outgoing.withdrawn_on.isoformat()],
        "withdrawal_reason": [None, reason],
    }
    if on_site is not None:  # a withdrawn document leaves the unit's public site at once
        changes["published_on_site_at"] = [on_site.isoformat(), None]
    audit.record(AuditAction.UPDATE, outgoing, by=by, changes=changes)
    for hook in _withdrawal_hooks:
        hook(outgoing, by)
    return outgoing


@transaction.atomic
def publish_on_site(outgoing: OutgoingDocument, *, by: Any) -> OutgoingDocument:
    """Show the entry on its unit's public site ("Văn bản"), with its frozen DOCX to download.

    Idempotent: an entry already shown keeps its first publication time. Raises
    PermissionDenied unless `by` leads or writes for the issuing unit itself
    (`rules.can_publish_on_site`), ValidationError for a withdrawn entry.
    """
    locked = _locked_for_site(outgoing, by)
    if locked.withdrawn_on is not None:
        raise ValidationError(
            _(
                "A withdrawn document cannot be published on the unit's site (withdrawn on %(date)s)."
            )
            % {"date": locked.withdrawn_on.strftime("%d/%m/%Y")}
        )
    if locked.published_on_site_at is None:
        locked.published_on_site_at = timezone.now()
        locked.published_on_site_by = by if getattr(by, "pk", None) else None
        _save_site_mark(locked, by=by, before=None)
    outgoing.published_on_site_at = locked.published_on_site_at
    outgoing.published_on_site_by_id = locked.published_on_site_by_id
    return outgoing


@transaction.atomic
def unpublish_from_site(outgoing: OutgoingDocument, *, by: Any) -> OutgoingDocument:
    """Take the entry off its unit's public site (idempotent); it stays in the register.

    Raises PermissionDenied as `publish_on_site`.
    """
    locked = _locked_for_site(outgoing, by)
    if locked.published_on_site_at is not None:
        before = locked.published_on_site_at
        locked.published_on_site_at, locked.published_on_site_by = None, None
        _save_site_mark(locked, by=by, before=before)
    outgoing.published_on_site_at, outgoing.published_on_site_by = None, None
    return outgoing


def _locked_for_site(outgoing: OutgoingDocument, by: Any) -> OutgoingDocument:
    """The entry's row, locked for the transaction, once `by` may publish it on the site."""
    if not rules.can_publish_on_site(by, outgoing):
        raise PermissionDenied(
            _(
                "Only the leaders and officers of the issuing unit publish its documents on its site."
            )
        )
    return (
        OutgoingDocument.objects.select_for_update(of=("self",)).defer("docx").get(pk=outgoing.pk)
    )


def _save_site_mark(
    outgoing: OutgoingDocument, *, by: Any, before: datetime.datetime | None
) -> None:
    outgoing.save(update_fields=["published_on_site_at", "published_on_site_by", "updated_at"])
    after = outgoing.published_on_site_at
    audit.record(
        AuditAction.UPDATE,
        outgoing,
        by=by,
        changes={
            "published_on_site_at": [
                before.isoformat() if before else None,
                after.isoformat() if after else None,
            ]
        },
    )


def _next_number(unit: Unit, year: int) -> int:
    """The unit's next number in `year`, its counter row locked until the transaction ends."""
    RegisterCounter.objects.bulk_create(
        [RegisterCounter(unit=unit, year=year)], ignore_conflicts=True
    )
    counter = RegisterCounter.objects.select_for_update(of=("self",)).get(unit=unit, year=year)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def _register_snapshot(outgoing: OutgoingDocument) -> dict[str, Any]:
    return audit.snapshot(
        outgoing,
        ["unit_id", "year", "number", "symbol", "type", "issued_on", "title", "signer_name"],
    )


LETTERHEAD_FIELDS = [
    "abbreviation",
    "issuing_body",
    "parent_body",
    "place",
    "drafting_unit",
    "head_position",
    "head_name",
]


@transaction.atomic
def save_letterhead(unit: Unit, *, by: Any, **fields: str) -> Letterhead:
    """Set how the unit's documents name it (see Letterhead); records what changed.

    Documents already issued keep what they printed. Raises ValidationError on invalid fields.
    """
    letterhead = Letterhead.objects.filter(unit=unit).first() or Letterhead(unit=unit)
    before = audit.snapshot(letterhead, LETTERHEAD_FIELDS) if letterhead.pk else {}
    for name in LETTERHEAD_FIELDS:
        setattr(letterhead, name, nfc(fields.get(name, "")).strip())
    letterhead.full_clean()
    letterhead.save()
    changes = audit.diff(before, audit.snapshot(letterhead, LETTERHEAD_FIELDS))
    if changes:
        action = AuditAction.UPDATE if before else AuditAction.CREATE
        audit.record(action, letterhead, by=by, changes=changes)
    return letterhead
