"""Which tables have changed: a generation per table, renewed after every commit that wrote to it.

Every statement the product sends passes through `track_writes` (installed on each database
connection when it opens): an INSERT, UPDATE or DELETE marks its table, and when the transaction
commits the marked tables get a new generation in the "generations" cache, shared by the processes
of the machine (and by every machine when that cache is a shared one). Bulk updates and raw SQL are
seen as well as `save()`, which model signals would miss; a rolled-back transaction renews nothing
it wrote.

`tables_read` tells which tables a piece of code read. Together they let a result computed from
the database be kept until one of the tables it read is written (`ttdn.core.todo`).

Where a table is written too often for that (a report's values, on every save), `touch` names a
finer part of the data, a topic ("reports.unit.5": the reports below unit 5), whose generation the
commit renews in the same way; the code that writes that part touches it.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
import time
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


def touch(*topics: str, using: str = DEFAULT_DB_ALIAS) -> None:
    """Renew the generation of each topic when the current transaction commits (at once outside
    one), as a write renews its table's. A topic has a dot, which no table name has."""
    connection = connections[using]
    for topic in topics:
        _mark(connection, topic)


def renew(tables: Iterable[str]) -> None:
    """Give each table or topic a new generation (a random token: no read-modify-write between
    processes)."""
    token = secrets.token_hex(8)
    caches[CACHE].set_many({_key(table): token for table in tables}, timeout=None)


def generations(tables: Iterable[str]) -> dict[str, str]:
    """The current generation of each table or topic. One the cache does not hold (never written,
    or dropped when the cache was full) gets a new one: a dropped generation must not come back
    equal to one a result was kept with before a write."""
    tables = list(tables)
    cache = caches[CACHE]
    found = cache.get_many([_key(table) for table in tables])
    missing = [table for table in tables if _key(table) not in found]
    if missing:
        for table in missing:
            cache.add(_key(table), secrets.token_hex(8), timeout=None)
        found.update(cache.get_many([_key(table) for table in missing]))
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
    (their transactions never commit, so no generation would ever change).

    With `shared` (a cache alias), a result one process computed serves the others too, under
    the same rules: for results that cost more to compute than to unpickle."""

    def __init__(
        self,
        tables: Iterable[str],
        *,
        size: int = 5000,
        max_age: float | None = None,
        shared: str | None = None,
    ) -> None:
        self.tables = sorted(tables)
        self.size = size
        self.max_age = max_age  # seconds; bounds what a write made outside the product hides
        self.shared = shared
        self._kept: dict[Any, tuple[dict[str, str], Any, float]] = {}
        # Threads missing the same key wait for the first one's result rather than compute it
        # again each (a page opened by several people just after a change); 64 locks, by hash.
        self._computing = [threading.Lock() for _ in range(64)]

    def get(self, key: Any, compute: Callable[[], Any], *, topics: Iterable[str] = ()) -> Any:
        """The kept value of `key`, or `compute()`'s (kept unless None), for as long as the
        generations of the keeper's tables and of `topics` are unchanged."""
        if not settings.KEEP_READS:
            return compute()
        current = generations([*self.tables, *topics])
        now = time.time()
        kept = self._kept.get(key)
        if self._fresh(kept, current, now):
            return kept[1]  # type: ignore[index]
        with self._computing[hash(key) % len(self._computing)]:
            kept = self._kept.get(key)  # kept by another thread meanwhile?
            if self._fresh(kept, current, now):
                return kept[1]  # type: ignore[index]
            if self.shared:
                kept = caches[self.shared].get(self._shared_key(key))
                if self._fresh(kept, current, now):
                    self._keep(key, kept)
                    return kept[1]
            value = compute()  # generations taken before reading: a later write makes it stale
            if value is not None:
                self._keep(key, (current, value, now))
                if self.shared:
                    caches[self.shared].set(
                        self._shared_key(key), (current, value, now), timeout=self.max_age
                    )
            return value

    def _fresh(self, kept: Any, current: dict[str, str], now: float) -> bool:
        return (
            kept is not None
            and kept[0] == current
            and (self.max_age is None or now - kept[2] < self.max_age)
        )

    def _keep(self, key: Any, kept: tuple[dict[str, str], Any, float]) -> None:
        if len(self._kept) >= self.size:  # a whole sector's sites: start again, not grow
            self._kept.clear()
        self._kept[key] = kept

    @staticmethod
    def _shared_key(key: Any) -> str:
        return "kept:" + hashlib.sha256(repr(key).encode()).hexdigest()

    def clear(self) -> None:
        self._kept.clear()
