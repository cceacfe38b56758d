"""PostgreSQL: stored tsvectors written token by token, GIN indexes, ts_rank (title A, body B)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.backends.base.base import BaseDatabaseWrapper

from ttdn.core.search.engine import Restriction, table_sql
from ttdn.core.search.query import Hit, Query

if TYPE_CHECKING:
    from ttdn.core.search.indexing import Row

_PG_MAX_POSITION = 16383
_PG_MAX_POSITIONS = 256  # per lexeme


class PostgreSQL:
    """Stored tsvectors written token by token; GIN indexes; ts_rank (title A, body B)."""

    create: tuple[str, ...] = (
        "CREATE TABLE IF NOT EXISTS {table} (object_id bigint PRIMARY KEY, folded tsvector NOT NULL, exact tsvector NOT NULL)",
        "CREATE INDEX IF NOT EXISTS {prefix}_folded ON {table} USING gin (folded)",
        "CREATE INDEX IF NOT EXISTS {prefix}_exact ON {table} USING gin (exact)",
    )
    drop: tuple[str, ...] = ("DROP TABLE IF EXISTS {table}",)
    insert_sql = (
        "INSERT INTO {table} (object_id, folded, exact) VALUES (%s, %s::tsvector, %s::tsvector)"
    )
    upsert_sql = (
        insert_sql
        + " ON CONFLICT (object_id) DO UPDATE SET folded = EXCLUDED.folded, exact = EXCLUDED.exact"
    )
    among = " AND object_id IN ({among})"
    # By which of (folded words, exact phrases) the query has: the rank, then the condition.
    searches = {
        (
            True,
            False,
        ): "SELECT object_id, ts_rank(folded, %s::tsquery) AS score FROM {table} WHERE folded @@ %s::tsquery",
        (
            False,
            True,
        ): "SELECT object_id, ts_rank(exact, %s::tsquery) AS score FROM {table} WHERE exact @@ %s::tsquery",
        (
            True,
            True,
        ): "SELECT object_id, ts_rank(folded, %s::tsquery) + ts_rank(exact, %s::tsquery) AS score "
        "FROM {table} WHERE folded @@ %s::tsquery AND exact @@ %s::tsquery",
    }

    def write(self, connection: BaseDatabaseWrapper, table: str, rows: list[Row]) -> None:
        self._insert(connection, table, rows, self.upsert_sql)

    def insert(self, connection: BaseDatabaseWrapper, table: str, rows: list[Row]) -> int:
        return self._insert(connection, table, rows, self.insert_sql)

    def _insert(
        self, connection: BaseDatabaseWrapper, table: str, rows: list[Row], sql: str
    ) -> int:
        values = [
            (
                r.object_id,
                vector([(r.folded_title, "A"), (r.folded_body, "B")]),
                vector([(r.exact, "")]),
            )
            for r in rows
        ]
        with connection.cursor() as cursor:
            cursor.executemany(table_sql(connection, sql, table), values)
        return len(values)

    def delete(self, connection: BaseDatabaseWrapper, table: str, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                table_sql(connection, "DELETE FROM {table} WHERE object_id = ANY(%s)", table), [ids]
            )

    def clear(self, connection: BaseDatabaseWrapper, table: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(table_sql(connection, "DELETE FROM {table}", table))

    def search(
        self,
        connection: BaseDatabaseWrapper,
        table: str,
        query: Query,
        restriction: Restriction,
        limit: int,
    ) -> list[Hit]:
        queries = [tsquery(sequences) for sequences in (query.folded, query.exact) if sequences]
        sql = self.searches[bool(query.folded), bool(query.exact)]
        params: list[Any] = [*queries, *queries]
        if restriction is not None:
            sql += self.among.format(among=restriction[0].replace("{", "{{").replace("}", "}}"))
            params += restriction[1]
        with connection.cursor() as cursor:
            cursor.execute(
                table_sql(connection, sql + " ORDER BY score DESC, object_id LIMIT %s", table),
                (*params, limit),
            )
            return [Hit(int(object_id), float(score)) for object_id, score in cursor.fetchall()]


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def vector(parts: list[tuple[list[str], str]]) -> str:
    """A tsvector literal of the tokens of each (tokens, weight) part, positions running on."""
    positions: dict[str, list[str]] = {}
    position = 0
    for part_tokens, weight in parts:
        for token in part_tokens:
            position = min(position + 1, _PG_MAX_POSITION)
            entries = positions.setdefault(token, [])
            if len(entries) < _PG_MAX_POSITIONS:
                entries.append(f"{position}{weight}")
    return " ".join(f"{_lexeme(token)}:{','.join(entries)}" for token, entries in positions.items())


def tsquery(sequences: tuple[tuple[str, ...], ...]) -> str:
    """A tsquery literal: each sequence a phrase (<->), all of them required (&)."""
    return " & ".join(
        "(" + " <-> ".join(_lexeme(t) for t in sequence) + ")" for sequence in sequences
    )
