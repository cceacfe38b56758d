"""Watches against items: the compiled matcher, entity watches from the unit tree, mentions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from django.conf import settings
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from ttdn.core import changes
from ttdn.core.search import Query, fold_token, parse, snippet
from ttdn.monitoring import matching, tone
from ttdn.monitoring.enums import WatchKind
from ttdn.monitoring.models import Item, Watch
from ttdn.org.models import Unit

# The seeds' sensitive topics (seed 001): each unit may watch them (services.add_topic_watches).
TOPICS = {
    "Biển đảo": 'biển đảo OR "Hoàng Sa" OR "Trường Sa" OR "biển Đông"',
    "Biên giới, lãnh thổ": "biên giới OR lãnh thổ OR chủ quyền",
    "Dân tộc": "dân tộc thiểu số OR sắc tộc OR đồng bào dân tộc",
    "Tôn giáo": "tôn giáo OR tín ngưỡng",
    "Dân chủ, nhân quyền": "dân chủ OR nhân quyền",
}


def entity_query(unit: Unit) -> str:
    """The names a unit is known by, one per line (aliases are further lines)."""
    return "\n".join(n for n in dict.fromkeys([unit.name, unit.short_name]) if n)


def expression(watch: Watch) -> matching.Expression:
    if watch.kind == WatchKind.ENTITY:
        return matching.entity(line for line in watch.query.splitlines() if line.strip())
    return matching.parse(watch.query)


def sync_entity_watches() -> int:
    """Give every open unit without one its entity watch; returns how many were created."""
    watched = Watch.objects.filter(kind=WatchKind.ENTITY).values("unit_id")
    missing = Unit.objects.filter(closed_on__isnull=True).exclude(pk__in=watched)
    created = Watch.objects.bulk_create(
        [Watch(unit=u, kind=WatchKind.ENTITY, name=u.name, query=entity_query(u)) for u in missing],
        ignore_conflicts=True,
    )
    return len(created)


@dataclass
class _Compiled:
    version: tuple[object, ...]
    matcher: matching.Matcher
    watches: dict[int, Watch]
    terms: dict[int, Query]  # what each watch looks for, as a search query for the snippet
    wanted: dict[int, frozenset[str]]  # the folded tokens of those terms, to pick the paragraph


_cache: list[_Compiled] = []


def matcher() -> _Compiled:
    """Every active watch compiled, rebuilt when a watch changes: the watches' table's generation
    tells (core.changes, one cache read), or where generations are off, one small query."""
    active = Watch.objects.filter(is_active=True)
    version: tuple[object, ...]
    if settings.KEEP_READS:  # taken before reading: a write meanwhile makes the result stale
        version = tuple(changes.generations([Watch._meta.db_table]).values())
    else:
        stamp = active.aggregate(n=Count("pk"), at=Max("updated_at"), top=Max("pk"))
        version = (stamp["n"], stamp["at"], stamp["top"])
    if _cache and _cache[0].version == version:
        return _cache[0]
    watches = {w.pk: w for w in active}
    expressions = {pk: expression(w) for pk, w in watches.items()}
    terms = {pk: parse(" ".join(matching.terms_of(e))) for pk, e in expressions.items()}
    compiled = _Compiled(
        version,
        matching.Matcher(expressions.items()),
        watches,
        terms,
        {pk: _wanted(query) for pk, query in terms.items()},
    )
    _cache[:] = [compiled]
    return compiled


_texts: dict[tuple[int, str], matching.Text] = {}
_TEXTS_KEPT = 128  # more than a batch of items (pipeline.BATCH)


def text_of(item: Item) -> matching.Text:
    """The item's title and text read into tokens once for the steps that need them (clustering,
    matching, tone): the last items' are kept while their text stays the same."""
    key = (item.pk, f"{item.title}\n{item.text}")
    text = _texts.get(key)
    if text is None:
        if len(_texts) >= _TEXTS_KEPT:
            del _texts[next(iter(_texts))]
        text = _texts[key] = matching.Text.of(key[1])
    return text


def _wanted(terms: Query) -> frozenset[str]:
    wanted = {token for sequence in terms.folded for token in sequence}
    return frozenset(wanted | {fold_token(t) for sequence in terms.exact for t in sequence})


class Found(NamedTuple):
    """A mention found, before it is stored."""

    item_id: int
    watch_id: int
    unit_id: int
    paragraph: int  # where its snippet is cut from when shown (`cut_snippet`)
    tone: str


def mentions_of(
    item: Item, known: set[tuple[int, int]], *, compiled: _Compiled | None = None
) -> list[Found]:
    """The item's mentions not yet recorded (`known` holds (item, watch) pairs), with the tone
    the lexicon suggests and the paragraph to show. `compiled` is `matcher()`, asked once by a
    caller matching a batch."""
    compiled = compiled or matcher()
    text = text_of(item)
    keys = {key for key in compiled.matcher.matches(text) if (item.pk, key) not in known}
    if not keys:
        return []
    suggested = tone.suggest(text)
    paragraphs = _paragraphs(item.text or item.title, text)
    return [
        Found(
            item.pk,
            pk,
            compiled.watches[pk].unit_id,
            _best_paragraph(paragraphs, compiled.wanted[pk]),
            suggested,
        )
        for pk in sorted(keys)
    ]


def _lines(text: str) -> list[str]:
    """The paragraphs of a text: its non-blank lines."""
    return [line for line in text.splitlines() if line.strip()]


def _paragraphs(text: str, read: matching.Text) -> list[tuple[str, frozenset[str]]]:
    """The text's paragraphs, each with its folded tokens (to find where a watch matched), taken
    from the item's tokens (`read`, of its title and text: the text's lines are its last ones)."""
    lines = text.splitlines()
    return [
        (line, frozenset(folded))
        for line, folded in zip(lines, read.last_lines(len(lines)), strict=True)
        if line.strip()
    ]


def _best_paragraph(paragraphs: list[tuple[str, frozenset[str]]], wanted: frozenset[str]) -> int:
    """The index of the first paragraph holding the most of the watch's words (`wanted`)."""
    counts = [len(wanted & folded) for _line, folded in paragraphs]
    return counts.index(max(counts)) if counts else 0


def cut_snippet(item: Item, watch: Watch, paragraph: int) -> str:
    """The snippet of a mention, cut when it is shown (a few on a page, where the pipeline would
    cut dozens an item): the paragraph the pipeline picked, the watch's words in <mark>.
    Marking a paragraph instead of the whole text keeps it cheap for long articles."""
    lines = _lines(item.text or item.title)
    try:
        terms = parse(" ".join(matching.terms_of(expression(watch))))
    except matching.ValidationError:  # a query saved before a rule it breaks: nothing to mark
        terms = Query()
    return str(snippet(lines[paragraph] if paragraph < len(lines) else "", terms))


def check_query(kind: str, query: str) -> None:
    """Raise ValidationError when the query cannot be compiled."""
    if kind == WatchKind.ENTITY:
        if not any(line.strip() for line in query.splitlines()):
            raise matching.ValidationError(_("Give at least one name to look for."))
        return
    matching.parse(query)
