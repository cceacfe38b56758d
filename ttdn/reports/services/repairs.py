"""Repairs of stored data that earlier versions let in: figures too large or not numbers at all,
which the database keeps but cannot give back (every page, export and consolidation reading
them failed)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Context, Decimal, InvalidOperation

from django.db import transaction
from django.db.models import TextField
from django.db.models.functions import Cast

from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.reports import rollups
from ttdn.reports.models import Round, Submission, Value

NUMBER_FIELDS = ("number", "computed_number")
FOUR_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class BrokenValue:
    value_id: int
    submission_id: int
    unit_code: str
    indicator_code: str
    field: str
    stored: str  # as the database holds it


def broken_values() -> list[BrokenValue]:
    """Stored figures that cannot be read back as DecimalField(18, 4): not a finite number, more
    than 14 integer digits or more than 4 decimals. Read as text, so reading them cannot fail."""
    found = []
    for field in NUMBER_FIELDS:
        rows = (
            Value.objects.filter(**{f"{field}__isnull": False})
            .annotate(stored=Cast(field, TextField()))
            .values_list(
                "pk", "submission_id", "submission__unit__code", "indicator__code", "stored"
            )
            .order_by("pk")
        )
        found += [
            BrokenValue(pk, submission_id, unit, indicator, field, stored)
            for pk, submission_id, unit, indicator, stored in rows
            if not _readable(stored)
        ]
    return found


def _readable(stored: str) -> bool:
    """Django reads a stored figure back by rounding it to 4 places within 18 digits."""
    try:
        Decimal(stored).quantize(FOUR_PLACES, context=Context(prec=18))
    except (InvalidOperation, ValueError):
        return False
    return True


@transaction.atomic
def clear_broken_values() -> list[BrokenValue]:
    """Empty every broken stored figure, record each in the audit log (what was stored), and
    recompute the roll-ups of the rounds concerned. Idempotent: a second run finds nothing.
    Returns what was cleared."""
    broken = broken_values()
    for item in broken:
        Value.objects.filter(pk=item.value_id).update(**{item.field: None})
    for submission in Submission.objects.filter(pk__in={b.submission_id for b in broken}):
        changes = {
            f"{b.indicator_code} ({b.field})": [b.stored, None]
            for b in broken
            if b.submission_id == submission.pk
        }
        audit.record(AuditAction.UPDATE, submission, unit_id=submission.unit_id, changes=changes)
    for round_ in Round.objects.filter(submissions__pk__in={b.submission_id for b in broken}):
        rollups.rebuild(round_)
    return broken
