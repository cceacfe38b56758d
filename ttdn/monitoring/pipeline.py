"""The collection pipeline: fetch a source, then take each item through its steps.

fetch_source: fetch (conditional GET) → list entries (feed, sitemap, listing or the page
itself) → one Item per new canonical address, stage LISTED.
process_item: LISTED → fetch the page, store its bytes and SHA-256 (FETCHED) → extract the text,
NFC, language, exact duplicates (EXTRACTED) → near-duplicates into a story (CLUSTERED) →
watches into mentions, alerts (MATCHED).

Each step is one transaction that moves the item one stage on, so a crash resumes at the step
that was running and running a step twice does nothing more. A failure is recorded on the
source (fetch) or the item (its stage becomes FAILED with the reason); it never stops the
other sources or items.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from ttdn.monitoring import alerts, fetching, parsing, stories, watching
from ttdn.monitoring.enums import FetchOutcome, ItemStage, SourceFormat, SourceState
from ttdn.monitoring.models import Band, FetchRun, Item, Source, Story

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
        new = [_list(source, entry) for entry in entries]
        new_ids = [pk for pk in new if pk is not None]
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


def _list(source: Source, entry: parsing.Entry) -> int | None:
    """Create the item of an entry unless its canonical address is known; its pk if new."""
    key = parsing.url_key(entry.url)
    if Item.objects.filter(key=key).exists():
        return None
    try:
        with transaction.atomic():
            item = Item.objects.create(
                source=source, url=entry.url, key=key, title=entry.title[:500],
                summary=entry.summary, published_at=entry.published_at,
            )  # fmt: skip
    except IntegrityError:  # another worker listed it meanwhile
        return None
    return item.pk


def _failed(source: Source, reason: str, *, now: datetime.datetime) -> FetchResult:
    with transaction.atomic():
        source = Source.objects.select_for_update().get(pk=source.pk)
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


# --- The steps of one item ----------------------------------------------------


def process_item(item_id: int) -> str:
    """Take the item through every remaining step; returns the stage it ends in. The item is
    read once: each step moves the same object on and saves what it changed."""
    item = Item.objects.select_related("source").get(pk=item_id)
    for _step in range(len(STEPS) + 1):
        step = STEPS.get(ItemStage(item.stage))
        if step is None:
            break
        try:
            with transaction.atomic():
                step(item)
        except fetching.FetchError as error:
            Item.objects.filter(pk=item_id).update(
                stage=ItemStage.FAILED, error=str(error)[:500], updated_at=timezone.now()
            )
            return ItemStage.FAILED
    return ItemStage(item.stage)


def fetch_page(item: Item) -> None:
    """Store the page as fetched: its bytes, SHA-256 and fetch time (the evidence)."""
    if item.source.format == SourceFormat.MANUAL:
        item.stage = ItemStage.EXTRACTED
        item.save(update_fields=["stage", "updated_at"])
        return
    response = fetching.fetch(item.url)
    item.raw = response.body
    item.raw_sha256 = hashlib.sha256(response.body).hexdigest()
    item.content_type = response.content_type[:100]
    item.fetched_at = timezone.now()
    item.stage = ItemStage.FETCHED
    item.save(
        update_fields=["raw", "raw_sha256", "content_type", "fetched_at", "stage", "updated_at"]
    )


def extract_text(item: Item) -> None:
    """Main text, title and date from the stored page; language; exact duplicates."""
    extracted = parsing.extract(bytes(item.raw or b""), item.url, item.content_type)
    item.text = extracted.text
    item.title = (item.title or extracted.title)[:500]
    item.published_at = item.published_at or extracted.published_at
    _finish_text(item)
    item.stage = ItemStage.EXTRACTED
    item.save(update_fields=[*_TEXT_FIELDS, "stage", "updated_at"])  # not the page again


_TEXT_FIELDS = ["text", "title", "published_at", "language", "text_sha256", "duplicate_of"]


def _finish_text(item: Item) -> None:
    item.language = parsing.language(item.text, item.source.language)
    item.text_sha256 = hashlib.sha256(item.text.encode()).hexdigest()
    item.duplicate_of = (
        Item.objects.filter(text_sha256=item.text_sha256, pk__lt=item.pk).order_by("pk").first()
    )


def cluster(item: Item) -> None:
    """Join the story of the nearest earlier item (exact copy or MinHash neighbour) or start one."""
    values = stories.signature(watching.text_of(item).folded)
    band_values = stories.bands(values)
    item.signature = stories.to_bytes(values)
    item.story = _story_of(item.duplicate_of) or _nearest_story(item, values, band_values)
    if item.story is None:
        item.story = Story.objects.create(
            title=item.title or item.text[:200],
            first_seen_at=item.published_at or timezone.now(),
            item_count=1,
        )
    else:
        # The stage moves on in this transaction, so an item joins its story exactly once.
        Story.objects.filter(pk=item.story.pk).update(item_count=F("item_count") + 1)
    Band.objects.filter(item=item).delete()
    Band.objects.bulk_create([Band(item=item, band=b, value=v) for b, v in enumerate(band_values)])
    item.stage = ItemStage.CLUSTERED
    item.save(update_fields=["signature", "story", "stage", "updated_at"])


def _story_of(item: Item | None) -> Story | None:
    return item.story if item is not None else None


def _nearest_story(item: Item, values: object, band_values: list[int]) -> Story | None:
    wanted = set(enumerate(band_values))
    shared = Band.objects.filter(value__in=band_values).exclude(item=item)
    candidate_ids = {
        pk for b, v, pk in shared.values_list("band", "value", "item_id") if (b, v) in wanted
    }
    if not candidate_ids:
        return None
    candidates = Item.objects.filter(pk__in=candidate_ids, story__isnull=False).only(
        "signature", "story"
    )
    best, best_score = None, stories.THRESHOLD
    for candidate in candidates:
        score = stories.similarity(values, stories.from_bytes(candidate.signature))  # type: ignore[arg-type]
        if score >= best_score:
            best, best_score = candidate, score
    return best.story if best is not None else None


def match(item: Item) -> None:
    """Create the item's mentions (one per watch it satisfies) and send the alerts they call for."""
    created = watching.record_mentions(item)
    item.stage = ItemStage.MATCHED
    item.save(update_fields=["stage", "updated_at"])
    if created:
        transaction.on_commit(lambda: alerts.alert_negative(created))


STEPS = {
    ItemStage.LISTED: fetch_page,
    ItemStage.FETCHED: extract_text,
    ItemStage.EXTRACTED: cluster,
    ItemStage.CLUSTERED: match,
}


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
