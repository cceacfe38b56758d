"""Background tasks of the pipeline (Django Tasks, database backend; see pipeline.py)."""

from __future__ import annotations

import functools

from django.db import transaction
from django_tasks import task

from ttdn.monitoring import pipeline
from ttdn.monitoring.enums import ItemStage
from ttdn.monitoring.models import Source


@task()
def fetch_source(source_id: int) -> int:
    """Fetch one source and queue its new items in batches; returns how many there were."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return 0
    result = pipeline.fetch_source(source)
    queue_items(result.new_items)
    return len(result.new_items)


def queue_items(item_ids: list[int]) -> None:
    """Queue the items in batches of `pipeline.BATCH` (one task, two commits each)."""
    for at in range(0, len(item_ids), pipeline.BATCH):
        batch = list(item_ids[at : at + pipeline.BATCH])
        transaction.on_commit(functools.partial(process_items.enqueue, batch))


@task()
def process_items(item_ids: list[int]) -> int:
    """Take a batch of items through their remaining steps; safe to run again after a crash.
    Returns how many were matched."""
    stages = pipeline.process_items(item_ids)
    return sum(stage == ItemStage.MATCHED for stage in stages.values())


@task()
def process_item(item_id: int) -> str:
    """Take one item through its remaining steps; safe to run again after a crash."""
    return str(pipeline.process_item(item_id))
