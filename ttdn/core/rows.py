"""Model instances from hand-written SQL, for the few reads that run on nearly every request.

Building and compiling a query through the ORM can cost several times running it (an article's
public page: 1.2 ms against 0.1 ms). A read written in SQL selects `Columns(Model, alias).sql`
and makes its instances with `Columns.make`, which applies the database's and the fields'
converters as the ORM does, so the instance is the one the ORM would have made. Each such read
keeps a test comparing it with its ORM form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model

M = TypeVar("M", bound=Model)
Converter = Callable[[Any, Any, Any], Any]


class Columns(Generic[M]):
    """The concrete columns of `model` under the table alias `alias`: every one, or those of the
    fields named in `only` (the instances then defer the others, as QuerySet.only() does)."""

    def __init__(self, model: type[M], alias: str, only: Sequence[str] = ()) -> None:
        fields = [
            field
            for field in model._meta.concrete_fields
            if not only or field.primary_key or field.name in only or field.attname in only
        ]  # in the model's order, which from_db expects
        self.model = model
        self.sql = ", ".join(f'{alias}."{field.column}"' for field in fields)
        self.count = len(fields)
        self.names = [field.attname for field in fields]
        self._columns = [field.get_col(alias) for field in fields]
        self._converters: dict[str, list[tuple[int, list[Converter], Any]]] = {}

    def make(self, values: Sequence[Any], using: str = DEFAULT_DB_ALIAS) -> M:
        """The instance of a row's values (in the order of `sql`), as loaded from `using`."""
        converted = list(values)
        for index, converters, column in self._converters_for(using):
            value = converted[index]
            for converter in converters:
                value = converter(value, column, connections[using])
            converted[index] = value
        return self.model.from_db(using, self.names, converted)

    def _converters_for(self, using: str) -> list[tuple[int, list[Converter], Any]]:
        found = self._converters.get(using)
        if found is None:
            connection = connections[using]
            found = []
            for index, column in enumerate(self._columns):
                converters = [
                    *connection.ops.get_db_converters(column),
                    *column.get_db_converters(connection),
                ]
                if converters:
                    found.append((index, converters, column))
            self._converters[using] = found
        return found
