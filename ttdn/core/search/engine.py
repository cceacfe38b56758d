"""What each database's index does (the `Backend` protocol), and the one way table names enter SQL."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from django.db.backends.base.base import BaseDatabaseWrapper

from ttdn.core.search.query import Hit, Query

if TYPE_CHECKING:
    from ttdn.core.search.indexing import Row


def table_sql(connection: BaseDatabaseWrapper, template: str, table: str) -> str:
    """`template` with its table names: identifiers made from model labels, quoted; never input."""
    quote = connection.ops.quote_name
    return template.format(table=quote(table), exact=quote(f"{table}_exact"), prefix=table)


Restriction = tuple[str, tuple[Any, ...]] | None


class Backend(Protocol):
    create: tuple[str, ...]
    drop: tuple[str, ...]

    def write(self, connection: BaseDatabaseWrapper, table: str, rows: list[Row]) -> None: ...
    def insert(self, connection: BaseDatabaseWrapper, table: str, rows: list[Row]) -> int: ...
    def delete(self, connection: BaseDatabaseWrapper, table: str, ids: list[int]) -> None: ...
    def clear(self, connection: BaseDatabaseWrapper, table: str) -> None: ...
    def search(
        self,
        connection: BaseDatabaseWrapper,
        table: str,
        query: Query,
        restriction: Restriction,
        limit: int,
    ) -> list[Hit]: ...
