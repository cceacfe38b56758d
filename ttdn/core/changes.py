"""Which tables have changed: a generation per table, renewed after every commit that wrote to it.

Every statement the product sends passes through `track_writes` (installed on each database
connection when it opens): an INSERT, UPDATE or DELETE marks its table, and when the transaction
commits the marked tables get a new generation in the "generations" cache, shared by the processes
of the machine (and by every machine when that cache is a shared one). Bulk updates and raw SQL are
seen as well as `save()`, which model signals would miss; a rolled-back transaction renews nothing
it wrote.

`tables_read` tells which tables a piece of code read. Together they let a result computed from
the database be kept until one of the tables it read is written (`ttdn.core.todo`).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.transaction import TransactionManagementError

CACHE = "generations"
_WRITE = re.compile(r'\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)
_READ = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)', re.IGNORECASE)
NEVER_WRITTEN = "0"


def track_writes(
    execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
) -> Any:
    """An execute wrapper: the statement runs, then a write marks its table on the connection."""
    result = execute(sql, params, many, context)
    if sql and (sql[0] in "IUDiud" or sql[0].isspace()) and (match := _WRITE.match(sql)):
        _mark(context["connection"], match[1])
    return result


def install(connection: BaseDatabaseWrapper, **_: Any) -> None:
    """Receiver of `connection_created`: track the writes of every connection the product opens."""
    if track_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, track_writes)


def _mark(connection: BaseDatabaseWrapper, table: str) -> None:
    state = connection.__dict__.get("ttdn_written")
    if state is None:
        state = connection.__dict__["ttdn_written"] = _Written()
    state.tables.add(table)
    # One callback per transaction (run at once outside one); a rolled-back savepoint drops it and
    # the next write adds it again; a rolled-back transaction's tables are renewed at the next
    # commit: once too often, never too few. Under manual transaction management they wait.
    if not connection.in_atomic_block or all(
        entry[1] != state.flush for entry in connection.run_on_commit
    ):
        with suppress(TransactionManagementError):
            connection.on_commit(state.flush, robust=True)


class _Written:
    """The tables a connection wrote to since its last commit."""

    def __init__(self) -> None:
        self.tables: set[str] = set()

    def flush(self) -> None:
        if self.tables:
            tables = sorted(self.tables)
            self.tables.clear()
            renew(tables)


def renew(tables: Iterable[str]) -> None:
    """Give each table a new generation (a random token: no read-modify-write between processes)."""
    token = secrets.token_hex(8)
    caches[CACHE].set_many({_key(table): token for table in tables}, timeout=None)


def generations(tables: Iterable[str]) -> dict[str, str]:
    """The current generation of each table; NEVER_WRITTEN for one not written since the cache
    was emptied."""
    tables = list(tables)
    found = caches[CACHE].get_many([_key(table) for table in tables])
    return {table: found.get(_key(table), NEVER_WRITTEN) for table in tables}


@contextmanager
def tables_read(using: str = DEFAULT_DB_ALIAS) -> Iterator[set[str]]:
    """The tables the statements sent inside the block read from (FROM and JOIN, subqueries
    included), filled in as they run."""
    read: set[str] = set()

    def collect(
        execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any
    ) -> Any:
        read.update(_READ.findall(sql))
        return execute(sql, params, many, context)

    with connections[using].execute_wrapper(collect):
        yield read


def _key(table: str) -> str:
    return f"table:{table}"


class Keeper:
    """Results this process keeps while the tables they are read from are unchanged: for data
    read on nearly every request and written once in a long while (a site, its unit, its logo).
    The values are shared between requests and threads: read only. Off under the test settings
    (their transactions never commit, so no generation would ever change)."""

    def __init__(self, tables: Iterable[str], *, size: int = 5000) -> None:
        self.tables = sorted(tables)
        self.size = size
        self._kept: dict[Any, tuple[dict[str, str], Any]] = {}

    def get(self, key: Any, compute: Callable[[], Any]) -> Any:
        """The kept value of `key`, or `compute()`'s (kept unless None)."""
        if not settings.KEEP_READS:
            return compute()
        current = generations(self.tables)
        kept = self._kept.get(key)
        if kept is not None and kept[0] == current:
            return kept[1]
        value = compute()  # generations taken before reading: a write meanwhile makes it stale
        if value is not None:
            if len(self._kept) >= self.size:  # a whole sector's sites: start again, not grow
                self._kept.clear()
            self._kept[key] = (current, value)
        return value

    def clear(self) -> None:
        self._kept.clear()
