"""SQLite: two FTS5 tables per model, rowid = pk: folded title and body (ranked), and the text as written."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.backends.base.base import BaseDatabaseWrapper

from ttdn.core.search.engine import Restriction, table_sql
from ttdn.core.search.query import Hit, Query

if TYPE_CHECKING:
    from ttdn.core.search.indexing import Row


# The SQL is fixed text: table names come from model labels, and every value is a parameter.
# The one piece added at run time is the restricting queryset's own SQL, compiled by Django.
class SQLite:
    """Two FTS5 tables, rowid = pk: folded title and body (ranked), and the text as written."""

    create: tuple[str, ...] = (
        "CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(title, body, tokenize = 'ascii')",
        "INSERT INTO {table} ({table}, rank) VALUES ('rank', 'bm25(10.0, 1.0)')",
        "CREATE VIRTUAL TABLE IF NOT EXISTS {exact} USING fts5(text, tokenize = 'ascii')",
    )
    drop: tuple[str, ...] = ("DROP TABLE IF EXISTS {table}", "DROP TABLE IF EXISTS {exact}")
    # `+rowid` keeps FTS5 reading its matches, in rank order, rather than looking up each id.
    among = " AND +rowid IN ({among})"
    searches = {
        (True, False): "SELECT rowid, rank FROM {table} WHERE {table} MATCH %s",
        (False, True): "SELECT rowid, rank FROM {exact} WHERE {exact} MATCH %s",
        (True, True): "SELECT rowid, rank FROM {table} WHERE {table} MATCH %s "
        "AND +rowid IN (SELECT rowid FROM {exact} WHERE {exact} MATCH %s)",
    }

    def write(self, connection: BaseDatabaseWrapper, table: str, rows: list[Row]) -> None:
        self.delete(connection, table, [r.object_id for r in rows])
        self.insert(connection, table, rows)

    def insert(self, connection: BaseDatabaseWrapper, table: str, rows: list[Row]) -> int:
        folded = [(r.object_id, " ".join(r.folded_title), " ".join(r.folded_body)) for r in rows]
        exact = [(r.object_id, " ".join(r.exact)) for r in rows]
        with connection.cursor() as cursor:
            cursor.executemany(
                table_sql(
                    connection,
                    "INSERT INTO {table} (rowid, title, body) VALUES (%s, %s, %s)",
                    table,
                ),
                folded,
            )
            cursor.executemany(
                table_sql(connection, "INSERT INTO {exact} (rowid, text) VALUES (%s, %s)", table),
                exact,
            )
        return len(rows)

    def delete(self, connection: BaseDatabaseWrapper, table: str, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            for template in (
                "DELETE FROM {table} WHERE rowid = %s",
                "DELETE FROM {exact} WHERE rowid = %s",
            ):
                cursor.executemany(table_sql(connection, template, table), [(i,) for i in ids])

    def clear(self, connection: BaseDatabaseWrapper, table: str) -> None:
        with connection.cursor() as cursor:
            for template in ("DELETE FROM {table}", "DELETE FROM {exact}"):
                cursor.execute(table_sql(connection, template, table))

    def search(
        self,
        connection: BaseDatabaseWrapper,
        table: str,
        query: Query,
        restriction: Restriction,
        limit: int,
    ) -> list[Hit]:
        sql = self.searches[bool(query.folded), bool(query.exact)]
        params: list[Any] = [self.match(s) for s in (query.folded, query.exact) if s]
        if restriction is not None:
            sql += self.among.format(among=restriction[0].replace("{", "{{").replace("}", "}}"))
            params += restriction[1]
        with connection.cursor() as cursor:
            cursor.execute(
                table_sql(connection, sql + " ORDER BY rank LIMIT %s", table), (*params, limit)
            )
            return [Hit(rowid, -rank) for rowid, rank in cursor.fetchall()]

    @staticmethod
    def match(sequences: tuple[tuple[str, ...], ...]) -> str:
        """An FTS5 expression requiring every sequence as a phrase; tokens quoted, so nothing is syntax."""
        return " AND ".join(
            '"' + " ".join(t.replace('"', '""') for t in seq) + '"' for seq in sequences
        )
