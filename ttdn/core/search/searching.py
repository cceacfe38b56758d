"""Searching: the objects of a queryset that match a query, best first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections, router
from django.db.models import Model, QuerySet

from ttdn.core.search.databases import backend_for
from ttdn.core.search.query import Hit, Query, as_query
from ttdn.core.search.registry import registration_of


def search(
    query: Query | str, among: type[Model] | QuerySet[Any], *, limit: int = 1000
) -> list[Hit]:
    """The objects matching `query`, best first, at most `limit`.

    `among` is a queryset (only its objects are searched: pass the one built from
    `ttdn.core.access`) or a model (every indexed object of it, the fastest form).
    Raises ImproperlyConfigured if the model is not registered.
    """
    parsed = as_query(query)
    model = among if isinstance(among, type) else among.model
    registration = registration_of(model)
    if not parsed or limit <= 0:
        return []
    queryset = None if isinstance(among, type) else among
    connection = connections[queryset.db if queryset is not None else router.db_for_read(model)]
    restriction = None
    if queryset is not None:
        try:
            restriction = queryset.order_by().values("pk").query.sql_with_params()
        except EmptyResultSet:
            return []
    return backend_for(connection).search(
        connection, registration.table, parsed, restriction, limit
    )


def ranked(hits: Sequence[Hit], queryset: QuerySet[Any]) -> list[Any]:
    """The objects of `hits` in rank order, in one query; hits whose object is gone are dropped."""
    found = queryset.in_bulk([hit.object_id for hit in hits])
    return [found[hit.object_id] for hit in hits if hit.object_id in found]
