"""`__under`: rows whose materialized path starts with a unit's path, served from an index.

Django's `__startswith` is a case-insensitive LIKE on SQLite, which no ordinary index serves, so
every subtree query scanned its table. Paths are made of digits and "/" only, and "/" sorts
just before "0", so the subtree of "/1/5/" is the range ["/1/5/", "/1/50") of paths compared
byte by byte: an index range scan, which also yields the rows in tree order. SQLite compares
bytewise by default; on PostgreSQL the locale's collation ignores "/", so the path columns are
given the "C" collation there (`bytewise_paths`, in the migrations of org and reports). Use the
lookup only on such columns.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models
from django.db.models import Lookup


@models.CharField.register_lookup
class Under(Lookup):
    lookup_name = "under"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        prefix = str(self.rhs)
        if not prefix.endswith("/"):
            raise ValueError(f"a path ends with '/': {prefix!r}")
        upper = prefix[:-1] + chr(ord("/") + 1)
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, prefix, *lhs_params, upper]


def bytewise_paths(table: str, column: str = "path", length: int = 512) -> migrations.RunPython:
    """A migration step giving a path column the "C" collation on PostgreSQL (its indexes are
    rebuilt with it); nothing to do on SQLite, which compares bytewise already."""

    def collate(collation: str) -> Any:
        def run(apps: Any, schema_editor: Any) -> None:
            if schema_editor.connection.vendor == "postgresql":
                schema_editor.execute(
                    f'ALTER TABLE "{table}" ALTER COLUMN "{column}" '
                    f"TYPE varchar({length}) COLLATE {collation}"
                )

        return run

    return migrations.RunPython(collate('"C"'), collate('"default"'))
