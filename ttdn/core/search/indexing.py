"""Writing the index: registering a model, indexing and unindexing objects, rebuilding a model's index."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections, router, transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

from ttdn.core.search.databases import backend_for
from ttdn.core.search.query import fold_token, tokens
from ttdn.core.search.registry import (
    REGISTRY,
    Registration,
    SearchText,
    index_table,
    registration_of,
)


def register(model: type[Model], text: Callable[[Any], SearchText]) -> None:
    """Index `model`: `text(obj)` gives an object's searchable text. Idempotent.

    The model's app must create the index with `create_index` in one of its migrations.
    """
    label = model._meta.label_lower
    REGISTRY[label] = Registration(model, text, index_table(label))
    post_save.connect(_saved, sender=model, weak=False, dispatch_uid=f"ttdn.search.{label}")
    post_delete.connect(_deleted, sender=model, weak=False, dispatch_uid=f"ttdn.search.{label}")


def unregister(model: type[Model]) -> None:
    """Stop indexing `model` (its index entries stay until `rebuild` or deletion)."""
    label = model._meta.label_lower
    REGISTRY.pop(label, None)
    post_save.disconnect(sender=model, dispatch_uid=f"ttdn.search.{label}")
    post_delete.disconnect(sender=model, dispatch_uid=f"ttdn.search.{label}")


def _saved(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index(instance)


def _deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    unindex(instance)


@dataclass(frozen=True)
class Row:
    object_id: int
    title: list[str]
    body: list[str]

    @property
    def exact(self) -> list[str]:
        return self.title + self.body

    @property
    def folded_title(self) -> list[str]:
        return [fold_token(t) for t in self.title]

    @property
    def folded_body(self) -> list[str]:
        return [fold_token(t) for t in self.body]


def _row(registration: Registration, obj: Model) -> Row:
    text = registration.text(obj)
    return Row(int(obj.pk), tokens(text.title), tokens(text.body))


def index(obj: Model) -> None:
    """Index `obj` (or re-index it) with the text its model registered."""
    registration = registration_of(type(obj))
    connection = connections[router.db_for_write(type(obj))]
    backend_for(connection).write(connection, registration.table, [_row(registration, obj)])


def unindex(obj: Model) -> None:
    """Remove `obj` from the index; removing what is not there does nothing."""
    registration = registration_of(type(obj))
    connection = connections[router.db_for_write(type(obj))]
    backend_for(connection).delete(connection, registration.table, [int(obj.pk)])


def rebuild(model: type[Model], *, batch_size: int = 2000) -> int:
    """Index every object of `model` afresh, in one transaction, and return how many there are.

    Readers see the old index or the new one, never half of it.
    """
    registration = registration_of(model)
    using = router.db_for_write(model)
    connection = connections[using]
    backend = backend_for(connection)
    count = 0
    with transaction.atomic(using=using):
        backend.clear(connection, registration.table)
        batch: list[Row] = []
        for obj in (
            model._default_manager.using(using).order_by("pk").iterator(chunk_size=batch_size)
        ):
            batch.append(_row(registration, obj))
            if len(batch) == batch_size:
                count += backend.insert(connection, registration.table, batch)
                batch = []
        count += backend.insert(connection, registration.table, batch)
    return count
