"""`__under`: rows whose materialized path starts with a unit's path, served from an index.

Django's `__startswith` is a case-insensitive LIKE on SQLite, which no ordinary index serves, so
every subtree query scanned the table. Paths are made of digits and "/" only, and "/" sorts
just before "0", so on SQLite (binary collation) the subtree of "/1/5/" is the range
["/1/5/", "/1/50"): an index range scan. PostgreSQL's text comparisons follow the locale, which
ignores "/", so there it stays LIKE 'prefix%', served by a pattern_ops index
(`Index(..., opclasses=[..., "varchar_pattern_ops"])`, ignored by other engines).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Lookup


@models.CharField.register_lookup
class Under(Lookup):
    lookup_name = "under"
    prepare_rhs = False

    def prefix(self) -> str:
        prefix = str(self.rhs)
        if not prefix.endswith("/"):
            raise ValueError(f"a path ends with '/': {prefix!r}")
        return prefix

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        prefix = self.prefix()
        upper = prefix[:-1] + chr(ord("/") + 1)
        return f"({lhs} >= %s AND {lhs} < %s)", [*lhs_params, prefix, *lhs_params, upper]

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, Any]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        prefix = self.prefix()
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return f"{lhs} LIKE %s", [*lhs_params, escaped + "%"]
