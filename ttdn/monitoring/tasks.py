"""Background tasks of the pipeline (Django Tasks, database backend; see pipeline.py)."""

from __future__ import annotations

import functools

from django.db import transaction
from django_tasks import task

from ttdn.monitoring import pipeline
from ttdn.monitoring.models import Source


@task()
def fetch_source(source_id: int) -> int:
    """Fetch one source and queue its new items; returns how many there were."""
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        return 0
    result = pipeline.fetch_source(source)
    for item_id in result.new_items:
        transaction.on_commit(functools.partial(process_item.enqueue, item_id))
    return len(result.new_items)


@task()
def process_item(item_id: int) -> str:
    """Take one item through its remaining steps; safe to run again after a crash."""
    return str(pipeline.process_item(item_id))
