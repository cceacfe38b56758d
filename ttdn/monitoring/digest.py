"""Press monitoring's part of the daily digest: what was said about each unit since yesterday."""

from __future__ import annotations

import datetime
from collections import Counter

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ttdn.core import digest
from ttdn.monitoring.enums import CaseStatus, Tone
from ttdn.monitoring.models import Case, Mention


def collect(today: datetime.date, days_before: int) -> digest.Batch:
    """One line per unit with the mentions not digested yet (by tone), and one per open case due
    within `days_before` days or late; once sent, the mentions are recorded as digested."""
    waiting = Mention.objects.filter(digested_on__isnull=True).select_related("unit")
    per_unit: dict[int, Counter[str]] = {}
    names: dict[int, str] = {}
    for mention in waiting:
        per_unit.setdefault(mention.unit_id, Counter())[mention.tone] += 1
        names[mention.unit_id] = mention.unit.name
    lines = [digest.Line.to_units(_mentions_line(names[u], c), u) for u, c in per_unit.items()]
    soon = timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=days_before), datetime.time.max)
    )
    cases = Case.objects.filter(
        status__in=[CaseStatus.NEW, CaseStatus.VERIFYING], deadline__lte=soon
    )
    for case in cases.select_related("unit"):
        text = _("Case “%(title)s” must be answered by %(deadline)s.") % {
            "title": case.title,
            "deadline": case.deadline.strftime("%H:%M %d/%m/%Y"),
        }
        lines.append(digest.Line.to_units(text, case.unit_id))
    ids = [m.pk for m in waiting]

    def record() -> None:
        Mention.objects.filter(pk__in=ids).update(digested_on=today)

    return digest.Batch(lines, [f"{len(ids)} mentions, {len(cases)} cases due"], record)


def _mentions_line(unit_name: str, tones: Counter[str]) -> str:
    total = sum(tones.values())
    return ngettext(
        "%(count)s new mention of %(unit)s (%(negative)s negative).",
        "%(count)s new mentions of %(unit)s (%(negative)s negative).",
        total,
    ) % {"count": total, "unit": unit_name, "negative": tones[Tone.NEGATIVE]}
