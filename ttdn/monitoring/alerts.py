"""Telling people at once: a negative mention of a unit, a source paused after failures.

A negative mention alerts the people of the unit it concerns and of the unit above it, once
per story and unit (the copies of one story in three outlets make one alert), by e-mail now
and in "Việc cần làm" until someone opens a case or labels the tone. Everything else waits
for the daily digest (`digest.py`).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import digest
from ttdn.monitoring.enums import Tone
from ttdn.monitoring.models import Mention, Source


def alert_negative(mentions: Iterable[Mention]) -> int:
    """Alert each negative mention's unit and its parent unless the story was already alerted
    to that unit; returns how many alerts went out."""
    sent = 0
    for mention in mentions:
        if mention.tone != Tone.NEGATIVE or _already_alerted(mention):
            continue
        mention = Mention.objects.select_related("unit", "item__source", "item__story").get(
            pk=mention.pk
        )
        text = _("Negative mention of %(unit)s in %(source)s: %(title)s — %(url)s") % {
            "unit": mention.unit.name,
            "source": mention.item.source.name,
            "title": mention.item.title,
            "url": mention.item.url,
        }
        line = digest.Line.to_units(text, mention.unit_id, mention.unit.parent_id)
        digest.deliver([(_("Press monitoring"), [line])], subject_line=_("Negative mention — TTĐN"))
        Mention.objects.filter(pk=mention.pk).update(alerted_at=timezone.now())
        sent += 1
    return sent


def _already_alerted(mention: Mention) -> bool:
    story_id = (
        Mention.objects.filter(pk=mention.pk).values_list("item__story_id", flat=True).first()
    )
    if story_id is None:
        return False
    return Mention.objects.filter(
        unit_id=mention.unit_id, item__story_id=story_id, alerted_at__isnull=False
    ).exists()


def source_paused(source: Source) -> None:
    """Tell the source's owner unit that it was paused, and why."""
    text = _("The source “%(name)s” was paused after %(count)s failed fetches: %(reason)s") % {
        "name": source.name,
        "count": source.failures,
        "reason": source.last_error,
    }
    digest.deliver(
        [(_("Press monitoring"), [digest.Line.to_units(text, source.unit_id)])],
        subject_line=_("Monitoring source paused — TTĐN"),
    )
