"""Full-text search over any model, with Vietnamese folded: the one search of the product.

An app registers a model with a function that returns its `SearchText`; from then on saving
an object indexes it and deleting it removes it (signals, STYLE §17), and `rebuild` indexes
every object of the model at once. `search` ranks the objects of a queryset that match a
query, so what a person may find is decided where it always is: by the queryset the caller
builds from `ttdn.core.access`. `snippet` and `highlight` mark the matches in the text.

The query language:

- Words match folded (`ttdn.core.text.fold`: tones off, đ→d, case off), so "dao tao",
  "đào tạo" and "ĐÀO TẠO" find the same objects. A word with inner punctuation
  ("72/2015/NĐ-CP") matches its parts in that order.
- A phrase in double quotes matches exactly: its words in that order, case aside, with
  tones and "đ" as typed. "\\"đào tạo\\"" does not find "dao tao" written without tones.
- An object must contain every word and every phrase. Nothing else is syntax: operators,
  column names and stray quotes are ordinary text.

How the text is stored. Text is split here into tokens (runs of letters and digits) and each
token is indexed twice: folded (for words) and lower-cased as written (for phrases), so both
databases see the same tokens and the same positions, and snippets mark exactly what matched.
Each registered model has its own index, `<app>_<model>_search`, created by a migration of its
app with `create_index("app.Model")`:

- SQLite: an FTS5 table of the folded title and body (rowid = the object's pk; bm25 with the
  title weighted 10:1) and a second one, `…_search_exact`, of the text as written, for
  phrases. Both use the `ascii` tokenizer, which splits at nothing but the spaces put between
  tokens here. A query of words reads exactly what plain FTS5 would read for it.
- PostgreSQL: a table with two stored tsvector columns, `folded` (title weighted A, body B) and
  `exact`, each with a GIN index, ranked by ts_rank. Vectors and queries are written here
  token by token, so no text-search parser or dictionary is involved.

Primary keys must be integers.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections, migrations, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from ttdn.core.text import fold, nfc

_TOKEN = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r"\"([^\"]*)(?:\"|$)")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_SPACES = re.compile(r"\s+")
_MAX_TOKEN = 64  # longer runs are not words; PostgreSQL caps a lexeme at 2 kB anyway
_MAX_SEQUENCES = 16  # words and phrases of one query
_MAX_SEQUENCE_LENGTH = 16  # tokens of one phrase
_PG_MAX_POSITION = 16383
_PG_MAX_POSITIONS = 256  # per lexeme


# --- What apps register ------------------------------------------------------


@dataclass(frozen=True)
class SearchText:
    """The searchable text of one object: matches in the title rank higher."""

    title: str
    body: str = ""


@dataclass(frozen=True)
class Registration:
    model: type[Model]
    text: Callable[[Any], SearchText]
    table: str


_registry: dict[str, Registration] = {}


def index_table(label: str) -> str:
    """The index table of a model: "documents.Document" → "documents_document_search"."""
    return label.lower().replace(".", "_") + "_search"


def register(model: type[Model], text: Callable[[Any], SearchText]) -> None:
    """Index `model`: `text(obj)` gives an object's searchable text. Idempotent.

    The model's app must create the index with `create_index` in one of its migrations.
    """
    label = model._meta.label_lower
    _registry[label] = Registration(model, text, index_table(label))
    post_save.connect(_saved, sender=model, weak=False, dispatch_uid=f"ttdn.search.{label}")
    post_delete.connect(_deleted, sender=model, weak=False, dispatch_uid=f"ttdn.search.{label}")


def registered_models() -> list[type[Model]]:
    """The indexed models, e.g. to rebuild every index after a restore."""
    return [registration.model for registration in _registry.values()]


def unregister(model: type[Model]) -> None:
    """Stop indexing `model` (its index entries stay until `rebuild` or deletion)."""
    label = model._meta.label_lower
    _registry.pop(label, None)
    post_save.disconnect(sender=model, dispatch_uid=f"ttdn.search.{label}")
    post_delete.disconnect(sender=model, dispatch_uid=f"ttdn.search.{label}")


def _registration(model: type[Model]) -> Registration:
    try:
        return _registry[model._meta.label_lower]
    except KeyError:
        raise ImproperlyConfigured(f"{model._meta.label} is not registered for search") from None


def _saved(sender: type[Model], instance: Model, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        index(instance)


def _deleted(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    unindex(instance)


# --- Tokens and queries ------------------------------------------------------


def tokens(text: str) -> list[str]:
    """The tokens of `text` as written, lower-cased: what a quoted phrase is compared with."""
    return [token.lower() for token in _TOKEN.findall(nfc(text)) if len(token) <= _MAX_TOKEN]


@functools.lru_cache(maxsize=100_000)
def fold_token(token: str) -> str:
    """`fold` of one token, remembered: a language has far fewer words than a corpus has tokens."""
    return fold(token)


@dataclass(frozen=True)
class Query:
    """A parsed query: each sequence is one or more tokens that must follow each other.

    `folded` sequences are matched on folded text, `exact` ones (quoted phrases) on the text
    as written, lower-cased.
    """

    folded: tuple[tuple[str, ...], ...] = ()
    exact: tuple[tuple[str, ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.folded or self.exact)


def parse(text: str) -> Query:
    """Read a query typed by a person. Never raises; an empty or punctuation-only query is empty."""
    text = nfc(text or "").translate(_QUOTES)
    exact = [tuple(tokens(phrase)) for phrase in _QUOTED.findall(text)]
    loose = _QUOTED.sub(" ", text)
    folded = [tuple(fold_token(t) for t in tokens(chunk)) for chunk in loose.split()]
    return Query(folded=_limit(folded), exact=_limit(exact))


def _limit(sequences: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    unique = dict.fromkeys(seq[:_MAX_SEQUENCE_LENGTH] for seq in sequences if seq)
    return tuple(unique)[:_MAX_SEQUENCES]


def _as_query(query: Query | str) -> Query:
    return query if isinstance(query, Query) else parse(query)


# --- Writing the index -------------------------------------------------------


@dataclass(frozen=True)
class _Row:
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


def _row(registration: Registration, obj: Model) -> _Row:
    text = registration.text(obj)
    return _Row(int(obj.pk), tokens(text.title), tokens(text.body))


def index(obj: Model) -> None:
    """Index `obj` (or re-index it) with the text its model registered."""
    registration = _registration(type(obj))
    connection = connections[router.db_for_write(type(obj))]
    _backend(connection).write(connection, registration.table, [_row(registration, obj)])


def unindex(obj: Model) -> None:
    """Remove `obj` from the index; removing what is not there does nothing."""
    registration = _registration(type(obj))
    connection = connections[router.db_for_write(type(obj))]
    _backend(connection).delete(connection, registration.table, [int(obj.pk)])


def rebuild(model: type[Model], *, batch_size: int = 2000) -> int:
    """Index every object of `model` afresh, in one transaction, and return how many there are.

    Readers see the old index or the new one, never half of it.
    """
    registration = _registration(model)
    using = router.db_for_write(model)
    connection = connections[using]
    backend = _backend(connection)
    count = 0
    with transaction.atomic(using=using):
        backend.clear(connection, registration.table)
        batch: list[_Row] = []
        for obj in (
            model._default_manager.using(using).order_by("pk").iterator(chunk_size=batch_size)
        ):
            batch.append(_row(registration, obj))
            if len(batch) == batch_size:
                count += backend.insert(connection, registration.table, batch)
                batch = []
        count += backend.insert(connection, registration.table, batch)
    return count


# --- Searching ---------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    object_id: int
    score: float  # higher is better; comparable within one search only


def search(
    query: Query | str, among: type[Model] | QuerySet[Any], *, limit: int = 1000
) -> list[Hit]:
    """The objects matching `query`, best first, at most `limit`.

    `among` is a queryset (only its objects are searched: pass the one built from
    `ttdn.core.access`) or a model (every indexed object of it, the fastest form).
    Raises ImproperlyConfigured if the model is not registered.
    """
    parsed = _as_query(query)
    model = among if isinstance(among, type) else among.model
    registration = _registration(model)
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
    return _backend(connection).search(connection, registration.table, parsed, restriction, limit)


def ranked(hits: Sequence[Hit], queryset: QuerySet[Any]) -> list[Any]:
    """The objects of `hits` in rank order, in one query; hits whose object is gone are dropped."""
    found = queryset.in_bulk([hit.object_id for hit in hits])
    return [found[hit.object_id] for hit in hits if hit.object_id in found]


# --- Marking matches ---------------------------------------------------------


def snippet(text: str, query: Query | str, *, words: int = 30) -> SafeString:
    """About `words` words of `text` around its best matches, HTML-escaped, matches in <mark>.

    The whole text is escaped; only the <mark> tags are markup. "…" shows where text was cut.
    """
    parsed = _as_query(query)
    text = _SPACES.sub(" ", nfc(text or "")).strip()
    found = list(_TOKEN.finditer(text))
    marked = _marked([m.group() for m in found], parsed)
    start = _best_window(marked, words, len(found))
    end = min(start + words, len(found))
    char_start = found[start].start() if start else 0
    char_end = found[end - 1].end() if end < len(found) else len(text)
    body = _render(text, found, marked, char_start, char_end)
    return mark_safe(("… " if char_start else "") + body + (" …" if char_end < len(text) else ""))  # noqa: S308  (escaped in _render)


def highlight(text: str, query: Query | str) -> SafeString:
    """All of `text`, HTML-escaped, with the query's matches in <mark>."""
    parsed = _as_query(query)
    text = nfc(text or "")
    found = list(_TOKEN.finditer(text))
    marked = _marked([m.group() for m in found], parsed)
    return mark_safe(_render(text, found, marked, 0, len(text)))  # noqa: S308  (escaped in _render)


def _marked(words: list[str], query: Query) -> set[int]:
    """Indexes of the words that match a sequence of the query."""
    exact = [w.lower() for w in words]
    folded = [fold_token(w) for w in exact]
    marked: set[int] = set()
    for sequences, seen in ((query.folded, folded), (query.exact, exact)):
        for sequence in sequences:
            size = len(sequence)
            for i in range(len(seen) - size + 1):
                if tuple(seen[i : i + size]) == sequence:
                    marked.update(range(i, i + size))
    return marked


def _best_window(marked: set[int], words: int, total: int) -> int:
    """The first word of the window of `words` words holding most matches, with some lead-in,
    and never so near the end that the window is not full."""
    if not marked:
        return 0
    lead, last_start = words // 4, max(0, total - words)
    ordered = sorted(marked)
    starts = sorted({min(max(0, i - lead), last_start) for i in ordered})
    return max(
        starts,
        key=lambda s: (bisect.bisect_left(ordered, s + words) - bisect.bisect_left(ordered, s), -s),
    )


def _render(text: str, found: list[re.Match[str]], marked: set[int], start: int, end: int) -> str:
    pieces: list[str] = []
    position = start
    for run_start, run_end in _runs(text, found, marked):
        if run_start < start or run_end > end:
            continue
        pieces += [
            escape(text[position:run_start]),
            "<mark>",
            escape(text[run_start:run_end]),
            "</mark>",
        ]
        position = run_end
    pieces.append(escape(text[position:end]))
    return "".join(pieces)


def _runs(text: str, found: list[re.Match[str]], marked: set[int]) -> Iterable[tuple[int, int]]:
    """Character spans of marked words, neighbours joined when only spaces stand between them."""
    run: list[int] | None = None
    for i in sorted(marked):
        match = found[i]
        if run is not None and text[run[1] : match.start()].strip() == "" and i - 1 in marked:
            run[1] = match.end()
            continue
        if run is not None:
            yield run[0], run[1]
        run = [match.start(), match.end()]
    if run is not None:
        yield run[0], run[1]


# --- The two databases -------------------------------------------------------


def create_index(label: str) -> migrations.RunPython:
    """The migration operation that creates (and on reversal drops) the index of model `label`."""

    def forwards(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
        create_tables(schema_editor.connection, label)

    def backwards(apps: Any, schema_editor: BaseDatabaseSchemaEditor) -> None:
        drop_tables(schema_editor.connection, label)

    return migrations.RunPython(forwards, backwards)


def create_tables(connection: BaseDatabaseWrapper, label: str) -> None:
    """Create the index tables of model `label` ("documents.Document") if they are missing."""
    with connection.cursor() as cursor:
        for sql in _backend(connection).create:
            cursor.execute(_sql(connection, sql, index_table(label)))


def drop_tables(connection: BaseDatabaseWrapper, label: str) -> None:
    with connection.cursor() as cursor:
        for sql in _backend(connection).drop:
            cursor.execute(_sql(connection, sql, index_table(label)))


def _sql(connection: BaseDatabaseWrapper, template: str, table: str) -> str:
    """`template` with its table names: identifiers made from model labels, quoted; never input."""
    quote = connection.ops.quote_name
    return template.format(table=quote(table), exact=quote(f"{table}_exact"), prefix=table)


Restriction = tuple[str, tuple[Any, ...]] | None


class _Backend(Protocol):
    create: tuple[str, ...]
    drop: tuple[str, ...]

    def write(self, connection: BaseDatabaseWrapper, table: str, rows: list[_Row]) -> None: ...
    def insert(self, connection: BaseDatabaseWrapper, table: str, rows: list[_Row]) -> int: ...
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


# The SQL is fixed text: table names come from model labels, and every value is a parameter.
# The one piece added at run time is the restricting queryset's own SQL, compiled by Django.
class _SQLite:
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

    def write(self, connection: BaseDatabaseWrapper, table: str, rows: list[_Row]) -> None:
        self.delete(connection, table, [r.object_id for r in rows])
        self.insert(connection, table, rows)

    def insert(self, connection: BaseDatabaseWrapper, table: str, rows: list[_Row]) -> int:
        folded = [(r.object_id, " ".join(r.folded_title), " ".join(r.folded_body)) for r in rows]
        exact = [(r.object_id, " ".join(r.exact)) for r in rows]
        with connection.cursor() as cursor:
            cursor.executemany(
                _sql(
                    connection,
                    "INSERT INTO {table} (rowid, title, body) VALUES (%s, %s, %s)",
                    table,
                ),
                folded,
            )
            cursor.executemany(
                _sql(connection, "INSERT INTO {exact} (rowid, text) VALUES (%s, %s)", table), exact
            )
        return len(rows)

    def delete(self, connection: BaseDatabaseWrapper, table: str, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            for template in (
                "DELETE FROM {table} WHERE rowid = %s",
                "DELETE FROM {exact} WHERE rowid = %s",
            ):
                cursor.executemany(_sql(connection, template, table), [(i,) for i in ids])

    def clear(self, connection: BaseDatabaseWrapper, table: str) -> None:
        with connection.cursor() as cursor:
            for template in ("DELETE FROM {table}", "DELETE FROM {exact}"):
                cursor.execute(_sql(connection, template, table))

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
                _sql(connection, sql + " ORDER BY rank LIMIT %s", table), (*params, limit)
            )
            return [Hit(rowid, -rank) for rowid, rank in cursor.fetchall()]

    @staticmethod
    def match(sequences: tuple[tuple[str, ...], ...]) -> str:
        """An FTS5 expression requiring every sequence as a phrase; tokens quoted, so nothing is syntax."""
        return " AND ".join(
            '"' + " ".join(t.replace('"', '""') for t in seq) + '"' for seq in sequences
        )


class _PostgreSQL:
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
        # The table is a registered model's, quoted; values are parameters.
        + " ON CONFLICT (object_id) DO UPDATE SET folded = EXCLUDED.folded, exact = EXCLUDED.exact"  # nosec B608
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

    def write(self, connection: BaseDatabaseWrapper, table: str, rows: list[_Row]) -> None:
        self._insert(connection, table, rows, self.upsert_sql)

    def insert(self, connection: BaseDatabaseWrapper, table: str, rows: list[_Row]) -> int:
        return self._insert(connection, table, rows, self.insert_sql)

    def _insert(
        self, connection: BaseDatabaseWrapper, table: str, rows: list[_Row], sql: str
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
            cursor.executemany(_sql(connection, sql, table), values)
        return len(values)

    def delete(self, connection: BaseDatabaseWrapper, table: str, ids: list[int]) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                _sql(connection, "DELETE FROM {table} WHERE object_id = ANY(%s)", table), [ids]
            )

    def clear(self, connection: BaseDatabaseWrapper, table: str) -> None:
        with connection.cursor() as cursor:
            cursor.execute(_sql(connection, "DELETE FROM {table}", table))

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
                _sql(connection, sql + " ORDER BY score DESC, object_id LIMIT %s", table),
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


_BACKENDS: dict[str, _Backend] = {"sqlite": _SQLite(), "postgresql": _PostgreSQL()}


def _backend(connection: BaseDatabaseWrapper) -> _Backend:
    try:
        return _BACKENDS[connection.vendor]
    except KeyError:
        raise ImproperlyConfigured(
            f"search supports SQLite and PostgreSQL, not {connection.vendor}"
        ) from None
