"""The collection pipeline: fetch a source, then take its new items through their steps.

fetch_source: fetch (conditional GET) → list entries (feed, sitemap, listing or the page
itself) → one Item per new canonical address, stage LISTED (one query, one insert).
process_items, a batch at a time (a feed's new items): fetch the pages, store their bytes and
SHA-256 (FETCHED, one commit) → extract the text, NFC, language, exact duplicates (EXTRACTED)
→ near-duplicates into stories (CLUSTERED) → watches into mentions, alerts (MATCHED), the last
three written together (one commit).

The stage of each item is its checkpoint: a crash leaves every item of the batch at the stage
of the last commit, and running the batch again does the rest once. A failure is recorded on
the source (fetch) or the item (its stage becomes FAILED with the reason); it never stops the
other sources or items.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Max
from django.db.models.constants import OnConflict
from django.utils import timezone

from ttdn.monitoring import alerts, fetching, parsing, stories, watching
from ttdn.monitoring.enums import FetchOutcome, ItemStage, SourceFormat, SourceState, Tone
from ttdn.monitoring.models import Band, FetchRun, Item, Mention, Source, Story

log = logging.getLogger(__name__)

MAX_BACKOFF_STEPS = 6


@dataclass(frozen=True)
class FetchResult:
    outcome: str
    new_items: list[int]
    error: str = ""


def fetch_source(source: Source, *, now: datetime.datetime | None = None) -> FetchResult:
    """Fetch the source once and list its new items. Records a FetchRun and the source's health:
    a failure increments `failures`, backs the next fetch off, and at
    MONITORING_PAUSE_AFTER failures in a row pauses the source and tells its owner why."""
    now = now or timezone.now()
    try:
        response = fetching.fetch(source.url, etag=source.etag, last_modified=source.last_modified)
        entries = [] if response.not_modified else _entries(source, response)
    except fetching.FetchError as error:
        return _failed(source, str(error), now=now)
    with transaction.atomic():
        new_ids = _list(source, entries)
        outcome = FetchOutcome.NOT_MODIFIED if response.not_modified else FetchOutcome.OK
        FetchRun.objects.create(
            source=source, started_at=now, outcome=outcome, status_code=response.status,
            new_items=len(new_ids), bytes_read=len(response.body),
        )  # fmt: skip
        source.etag, source.last_modified = response.etag, response.last_modified
        source.failures, source.last_error = 0, ""
        source.last_fetched_at = now
        source.next_fetch_at = now + datetime.timedelta(minutes=source.interval_minutes)
        source.save(update_fields=["etag", "last_modified", "failures", "last_error",
                                   "last_fetched_at", "next_fetch_at", "updated_at"])  # fmt: skip
    return FetchResult(outcome, new_ids)


def _entries(source: Source, response: fetching.Response) -> list[parsing.Entry]:
    if source.format == SourceFormat.FEED:
        return parsing.feed_entries(response.body)
    if source.format == SourceFormat.SITEMAP:
        return parsing.sitemap_entries(response.body)
    if source.format == SourceFormat.LISTING:
        return parsing.listing_entries(response.body, response.url, source.link_selector)
    return [parsing.Entry(source.url)]


def _list(source: Source, entries: list[parsing.Entry]) -> list[int]:
    """Create an item for each entry whose canonical address is not known yet (one query for
    those known, one insert); the new items' pks."""
    by_key: dict[str, parsing.Entry] = {}
    for entry in entries:
        by_key.setdefault(parsing.url_key(entry.url), entry)
    known = set(Item.objects.filter(key__in=list(by_key)).values_list("key", flat=True))
    new = {key: entry for key, entry in by_key.items() if key not in known}
    _insert_items(source, new)
    return sorted(
        Item.objects.filter(key__in=list(new), stage=ItemStage.LISTED).values_list("pk", flat=True)
    )


def _insert_items(source: Source, entries: dict[str, parsing.Entry]) -> None:
    """One INSERT per new item, sent with executemany, that leaves an address another worker
    listed meanwhile (on PostgreSQL) to its item: the columns every new item shares (defaults,
    timestamps) are prepared once, where `bulk_create` prepares every field of every row."""
    if not entries:
        return
    fields = [f for f in Item._meta.concrete_fields if not f.primary_key]
    at = {f.name: i for i, f in enumerate(fields)}
    now = timezone.now()
    stamps = {"created_at": now, "updated_at": now}
    shared = [f.get_db_prep_save(stamps.get(f.name, f.get_default()), connection) for f in fields]
    rows = []
    for key, entry in entries.items():
        row = list(shared)
        for name, value in [("source", source.pk), ("url", entry.url), ("key", key),
                            ("title", entry.title[:500]), ("summary", entry.summary),
                            ("published_at", entry.published_at)]:  # fmt: skip
            row[at[name]] = fields[at[name]].get_db_prep_save(value, connection)
        rows.append(row)
    quote, ignore = connection.ops.quote_name, OnConflict.IGNORE
    with connection.cursor() as cursor:
        cursor.executemany(
            f"{connection.ops.insert_statement(on_conflict=ignore)} {quote(Item._meta.db_table)} "  # nosec B608  (names from the model, quoted)
            f"({', '.join(quote(str(f.column)) for f in fields)}) "
            f"VALUES ({', '.join(['%s'] * len(fields))}) "
            f"{connection.ops.on_conflict_suffix_sql(fields, ignore, None, None)}",
            rows,
        )


def _failed(source: Source, reason: str, *, now: datetime.datetime) -> FetchResult:
    with transaction.atomic():
        source = Source.objects.select_for_update(of=("self",)).get(pk=source.pk)
        source.failures += 1
        source.last_error = reason[:500]
        steps = min(source.failures, MAX_BACKOFF_STEPS)
        source.next_fetch_at = now + datetime.timedelta(minutes=source.interval_minutes * 2**steps)
        paused = source.failures >= settings.MONITORING_PAUSE_AFTER
        if paused:
            source.state = SourceState.PAUSED
        source.save(
            update_fields=["failures", "last_error", "next_fetch_at", "state", "updated_at"]
        )
        FetchRun.objects.create(
            source=source, started_at=now, outcome=FetchOutcome.FAILED, error=reason[:500]
        )
        if paused:
            transaction.on_commit(lambda: alerts.source_paused(source))
    log.info("source %s failed: %s", source.pk, reason)
    return FetchResult(FetchOutcome.FAILED, [], reason)


# --- The steps of a batch of items ------------------------------------------------

BATCH = 50  # items per task: a feed's new items, in as few commits as the steps allow


def process_item(item_id: int) -> str:
    """Take one item through its remaining steps; returns the stage it ends in."""
    return process_items([item_id]).get(item_id, ItemStage.FAILED)


def process_items(item_ids: Iterable[int]) -> dict[int, str]:
    """Take a batch of items (a feed's new ones) through every remaining step, in two commits.

    1. The pages of the LISTED items are fetched (the network, outside any transaction) and
       stored with their SHA-256 and fetch time in one transaction: FETCHED, the evidence kept
       as soon as it is read. A page that cannot be fetched marks its item FAILED.
    2. The text of each FETCHED item is extracted (trafilatura, language, MinHash: CPU only,
       outside any transaction; a page fetched in step 1 is extracted while a thread fetches
       the next, and kept in memory until the pages are stored); then one transaction finds
       the exact duplicates (one query), the stories (one query for the bands of the whole
       batch), the mentions (one query for those already recorded) and writes it all with
       bulk inserts and one bulk update: MATCHED. Items that another worker moved on meanwhile
       are left alone.

    A crash loses at most the work of the step that was running; the items are then still at
    the stage they had, and running the batch again does that step once. Returns each item's
    stage."""
    items = list(Item.objects.select_related("source").filter(pk__in=list(item_ids)).order_by("pk"))
    read: dict[int, parsing.Extracted | fetching.FetchError] = {}
    fetch_pages(
        [i for i in items if i.stage == ItemStage.LISTED],
        arrived=lambda item: read.setdefault(item.pk, _extract(item)),
    )
    stored = {item.pk: item.stage for item in items}
    _read([i for i in items if i.stage == ItemStage.FETCHED], stored, read)
    with transaction.atomic():
        current = _unmoved([i for i in items if i.stage in _AFTER_READING], stored)
        cluster([i for i in current if i.stage == ItemStage.EXTRACTED])
        created = match([i for i in current if i.stage == ItemStage.CLUSTERED])
        _save(current)
        if created:
            transaction.on_commit(lambda: alerts.alert_negative(created))
    return {item.pk: ItemStage(item.stage) for item in items}


def fetch_pages(
    items: list[Item], *, arrived: Callable[[Item], object] = lambda _item: None
) -> None:
    """Fetch the pages and store them as fetched: bytes, SHA-256 and fetch time (the evidence),
    all in one transaction. Pasted items have no page and go straight to extraction. Each item
    whose page arrived is given to `arrived` (in memory, FETCHED) while the next page is
    fetched (`fetching.fetch_each`)."""
    if not items:
        return
    fields = ["raw", "raw_sha256", "content_type", "fetched_at", "error", "stage", "updated_at"]
    for item in items:
        if item.source.format == SourceFormat.MANUAL:
            item.stage = ItemStage.EXTRACTED
    pages = [i for i in items if i.stage == ItemStage.LISTED]
    for item, response in zip(pages, fetching.fetch_each([i.url for i in pages]), strict=True):
        if isinstance(response, fetching.FetchError):
            _fail(item, response)
            continue
        item.raw = response.body
        item.raw_sha256 = hashlib.sha256(response.body).hexdigest()
        item.content_type = response.content_type[:100]
        item.fetched_at = timezone.now()
        item.stage = ItemStage.FETCHED
        arrived(item)
    with transaction.atomic():
        current = _unmoved(items, dict.fromkeys([i.pk for i in items], ItemStage.LISTED))
        _touch(current)
        _update_many(current, fields)


_TEXT_FIELDS = ["text", "title", "published_at", "language", "text_sha256"]
_AFTER_READING = {ItemStage.EXTRACTED, ItemStage.CLUSTERED}


def _read(
    items: list[Item],
    stored: dict[int, str],
    read: dict[int, parsing.Extracted | fetching.FetchError],
) -> None:
    """Main text, title, date and language of the stored pages, in memory (FETCHED →
    EXTRACTED, saved with the later steps); an item with no text found is FAILED. `read` holds
    the pages already extracted (`_extract`) while the others were fetched."""
    for item in items:
        extracted = read.pop(item.pk, None) or _extract(item)
        if isinstance(extracted, fetching.FetchError):
            _fail(item, extracted)
            continue
        item.text = extracted.text
        item.title = (item.title or extracted.title)[:500]
        item.published_at = item.published_at or extracted.published_at
        _finish_text(item)
        item.stage = ItemStage.EXTRACTED
    failed = [i for i in items if i.stage == ItemStage.FAILED]
    if failed:
        with transaction.atomic():
            current = _unmoved(failed, stored)
            _touch(current)
            _update_many(current, ["error", "stage", "updated_at"])


def _extract(item: Item) -> parsing.Extracted | fetching.FetchError:
    """The stored page's text (CPU only), or the FetchError saying no text was found."""
    try:
        return parsing.extract(bytes(item.raw or b""), item.url, item.content_type)
    except fetching.FetchError as error:
        return error


def _fail(item: Item, error: Exception) -> None:
    item.stage, item.error = ItemStage.FAILED, str(error)[:500]


def _finish_text(item: Item) -> None:
    item.language = parsing.language(item.text, item.source.language)
    item.text_sha256 = hashlib.sha256(item.text.encode()).hexdigest()


def _unmoved(items: list[Item], stored: dict[int, str]) -> list[Item]:
    """The items still at the stage `stored` says they were read at (another worker may have
    moved some on meanwhile); called in a transaction, so nobody moves them until it commits."""
    if not items:
        return []
    stages = dict(Item.objects.filter(pk__in=[i.pk for i in items]).values_list("pk", "stage"))
    return [i for i in items if stages.get(i.pk) == stored[i.pk]]


def _touch(items: list[Item]) -> None:
    now = timezone.now()
    for item in items:
        item.updated_at = now


def _save(items: list[Item]) -> None:
    _touch(items)
    _update_many(
        items, [*_TEXT_FIELDS, "duplicate_of", "signature", "story", "stage", "updated_at"]
    )


def _update_many(items: list[Item], names: list[str]) -> None:
    """One UPDATE per item, sent with executemany: `bulk_update` would build a CASE of every
    item for every field, which costs more in Python than the pipeline's own work."""
    if not items:
        return
    fields = [Item._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    columns = ", ".join(f"{quote(field.column)} = %s" for field in fields)  # type: ignore[union-attr, arg-type]
    rows = [
        [field.get_db_prep_save(getattr(item, field.attname), connection) for field in fields]  # type: ignore[union-attr]
        + [item.pk]
        for item in items
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {quote(Item._meta.db_table)} SET {columns} "  # noqa: S608  # nosec B608  (names from the model, quoted)
            f"WHERE {quote(str(Item._meta.pk.column))} = %s",
            rows,
        )


def cluster(items: list[Item]) -> None:
    """Each item joins the story of its exact copy or of its nearest earlier neighbour (MinHash),
    or starts one: one query for the exact copies and one for the bands of the whole batch."""
    if not items:
        return
    _duplicates(items)
    signatures = {i.pk: stories.signature(watching.text_of(i).folded) for i in items}
    bands = {pk: stories.bands(values) for pk, values in signatures.items()}
    index = _BandIndex.of_stored([v for values in bands.values() for v in values], items)
    new_stories: list[Story] = []
    joined: Counter[int] = Counter()
    for item in items:
        values, band_values = signatures[item.pk], bands[item.pk]
        item.signature = stories.to_bytes(values)
        story = item.duplicate_of.story if item.duplicate_of is not None else None
        item.story = story or index.nearest(values, band_values)
        if item.story is None:
            item.story = Story(
                title=item.title or item.text[:200],
                first_seen_at=item.published_at or timezone.now(),
                item_count=0,
            )
            new_stories.append(item.story)
        index.add(item, values, band_values)
        if item.story.pk is None:
            item.story.item_count += 1
        else:
            joined[item.story.pk] += 1
        item.stage = ItemStage.CLUSTERED
    Story.objects.bulk_create(new_stories)
    for item in items:
        item.story = item.story  # the story's new pk into story_id
    # The stage moves on in this transaction, so an item joins its story exactly once.
    for story_id, count in joined.items():
        Story.objects.filter(pk=story_id).update(item_count=F("item_count") + count)
    Band.objects.filter(item__in=items).delete()
    # 42 rows an item: sent with executemany rather than as models (bulk_create builds each).
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(Band._meta.db_table)} ({quote('item_id')}, {quote('band')}, "  # noqa: S608  # nosec B608  (names from the model, quoted)
            f"{quote('value')}) VALUES (%s, %s, %s)",
            [(item.pk, b, v) for item in items for b, v in enumerate(bands[item.pk])],
        )


def _duplicates(items: list[Item]) -> None:
    """Each item's earliest exact copy (same text), stored or earlier in the batch."""
    digests = {i.text_sha256 for i in items}
    first: dict[str, Item] = {}
    stored = (
        Item.objects.filter(text_sha256__in=digests, pk__lt=max(i.pk for i in items))
        .exclude(pk__in=[i.pk for i in items])
        .select_related("story")
        .order_by("-pk")
    )
    for earlier in stored:
        first[earlier.text_sha256] = earlier
    for item in items:
        found = first.get(item.text_sha256)
        item.duplicate_of = found if found is not None and found.pk < item.pk else None
        if found is None or found.pk > item.pk:
            first[item.text_sha256] = item


class _BandIndex:
    """The LSH bands of the candidate items: those stored that share a band value with the
    batch (one query), and the batch's own items as they are clustered."""

    _CHUNK = 900  # values per query: SQLite's older limit of 999 parameters

    def __init__(self) -> None:
        self.by_band: dict[tuple[int, int], list[int]] = defaultdict(list)
        self.signature: dict[int, np.ndarray] = {}
        self.story: dict[int, Story] = {}

    @classmethod
    def of_stored(cls, values: list[int], batch: list[Item]) -> _BandIndex:
        index = cls()
        wanted = sorted(set(values))
        exclude = {i.pk for i in batch}
        # In SQL of our own: the ORM prepares each of the ~2,000 values of a batch one by one.
        quote = connection.ops.quote_name
        with connection.cursor() as cursor:
            for at in range(0, len(wanted), cls._CHUNK):
                chunk = wanted[at : at + cls._CHUNK]
                cursor.execute(
                    f"SELECT {quote('band')}, {quote('value')}, {quote('item_id')} "  # noqa: S608  # nosec B608  (names from the model, quoted)
                    f"FROM {quote(Band._meta.db_table)} "
                    f"WHERE {quote('value')} IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )
                for band, value, item_id in cursor.fetchall():
                    if item_id not in exclude:
                        index.by_band[(band, value)].append(item_id)
        ids = {pk for pks in index.by_band.values() for pk in pks}
        candidates = Item.objects.filter(pk__in=ids, story__isnull=False).select_related("story")
        for candidate in candidates.only("signature", "story"):
            index.signature[candidate.pk] = stories.from_bytes(candidate.signature or b"")
            index.story[candidate.pk] = candidate.story  # type: ignore[assignment]
        return index

    def add(self, item: Item, values: np.ndarray, band_values: list[int]) -> None:
        for band, value in enumerate(band_values):
            self.by_band[(band, value)].append(item.pk)
        self.signature[item.pk] = values
        self.story[item.pk] = item.story  # type: ignore[assignment]

    def nearest(self, values: np.ndarray, band_values: list[int]) -> Story | None:
        """The story of the most similar candidate at or above the threshold."""
        candidates = {
            pk
            for band, value in enumerate(band_values)
            for pk in self.by_band.get((band, value), ())
        }
        best, best_score = None, stories.THRESHOLD
        for pk in sorted(candidates):
            if pk not in self.signature:
                continue  # not clustered yet
            score = stories.similarity(values, self.signature[pk])
            if score >= best_score:
                best, best_score = self.story[pk], score
        return best


def match(items: list[Item]) -> list[int]:
    """Create the items' mentions (one per watch each satisfies): one query for those already
    recorded, one insert, one query for the pks of the negative ones. Returns the pks of the negative ones
    created, for the alerts."""
    if not items:
        return []
    known = set(Mention.objects.filter(item__in=items).values_list("item_id", "watch_id"))
    compiled = watching.matcher()
    found = [m for item in items for m in watching.mentions_of(item, known, compiled=compiled)]
    for item in items:
        item.stage = ItemStage.MATCHED
    if not found:
        return []
    _insert_mentions(found)
    negative = {(m.item_id, m.watch_id) for m in found if m.tone == Tone.NEGATIVE}
    if not negative:
        return []
    stored = Mention.objects.filter(item__in=items, tone=Tone.NEGATIVE).values_list(
        "item_id", "watch_id", "pk"
    )
    return sorted(pk for item_id, watch_id, pk in stored if (item_id, watch_id) in negative)


def _insert_mentions(found: list[watching.Found]) -> None:
    """One INSERT per mention, sent with executemany: `bulk_create` would build a model and
    prepare every field of every row, which costs more than finding the mentions did."""
    stamp = Mention._meta.get_field("created_at").get_db_prep_save(timezone.now(), connection)
    quote = connection.ops.quote_name
    names = ["created_at", "updated_at", "item_id", "watch_id", "unit_id", "paragraph",
             "snippet", "suggested_tone", "tone"]  # fmt: skip
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {quote(Mention._meta.db_table)} ({', '.join(map(quote, names))}) "  # noqa: S608  # nosec B608  (names from the model, quoted)
            f"VALUES ({', '.join(['%s'] * len(names))})",
            [(stamp, stamp, *m[:4], "", m.tone, m.tone) for m in found],
        )


# --- Pasted items ------------------------------------------------------------


def paste_item(source: Source, *, title: str, text: str, url: str = "") -> Item:
    """Record what cannot be fetched (a post, a screenshot's description) as an item of a
    manual source; the pipeline takes it from extraction on."""
    key_text = f"{source.pk}\n{url}\n{text}" if not url else parsing.canonical_url(url)
    item = Item.objects.create(
        source=source, url=url, key=hashlib.sha256(key_text.encode()).hexdigest(),
        title=title[:500], text=text, fetched_at=timezone.now(), stage=ItemStage.EXTRACTED,
    )  # fmt: skip
    _finish_text(item)
    item.save()
    return item


def last_activity() -> datetime.datetime | None:
    return Item.objects.aggregate(at=Max("updated_at"))["at"]
