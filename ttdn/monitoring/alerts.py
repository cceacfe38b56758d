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

_CHUNK = 900  # pks per query: SQLite's older limit of 999 parameters


def alert_negative(mention_ids: Iterable[int]) -> int:
    """Alert each negative mention's unit and its parent unless the story was already alerted
    to that unit; returns how many alerts went out. Each alert is its own e-mail; the mentions
    alerted are recorded together once the e-mails are sent (those sent before a failure too)."""
    negative: list[tuple[int, int, int | None]] = []
    ids = sorted(mention_ids)
    for at in range(0, len(ids), _CHUNK):
        chunk = Mention.objects.filter(pk__in=ids[at : at + _CHUNK], tone=Tone.NEGATIVE)
        negative += chunk.order_by("pk").values_list("pk", "unit_id", "item__story_id")
    stories = {story_id for _pk, _unit, story_id in negative if story_id is not None}
    alerted = set(
        Mention.objects.filter(item__story_id__in=stories, alerted_at__isnull=False).values_list(
            "unit_id", "item__story_id"
        )
    )
    due = []
    for pk, unit_id, story_id in negative:
        if story_id is not None and (unit_id, story_id) in alerted:
            continue
        due.append(pk)
        alerted.add((unit_id, story_id))
    sent: list[int] = []
    try:
        for at in range(0, len(due), _CHUNK):
            for mention in _loaded(due[at : at + _CHUNK]):
                _alert(mention)
                sent.append(mention.pk)
    finally:
        for at in range(0, len(sent), _CHUNK):
            Mention.objects.filter(pk__in=sent[at : at + _CHUNK]).update(alerted_at=timezone.now())
    return len(sent)


def _loaded(pks: list[int]) -> list[Mention]:
    mentions = Mention.objects.select_related("unit", "item__source").filter(pk__in=pks)
    return list(mentions.only("unit__name", "unit__parent_id", "item__source__name",
                              "item__title", "item__url").order_by("pk"))  # fmt: skip


def _alert(mention: Mention) -> None:
    text = _("Negative mention of %(unit)s in %(source)s: %(title)s — %(url)s") % {
        "unit": mention.unit.name,
        "source": mention.item.source.name,
        "title": mention.item.title,
        "url": mention.item.url,
    }
    line = digest.Line.to_units(text, mention.unit_id, mention.unit.parent_id)
    digest.deliver([(_("Press monitoring"), [line])], subject_line=_("Negative mention — TTĐN"))


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
