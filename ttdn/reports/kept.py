"""Consolidations and completeness kept until a report below the unit moves (ADR 18).

A province's consolidation reads thousands of roll-ups and draws thousands of cells, and the
officers of the province open it again and again while the figures below them move now and then.
What it shows depends on the round's tables that every save writes (values, roll-ups, report
counts, submissions), which the services mark per unit instead (`rollups.touch`: the topic of
every unit on a report's path), and on tables written seldom (the round, its form, the units'
names), whose own generations are read. A kept result is served while all of them are unchanged,
for at most `MAX_AGE` seconds: a change made outside the product shows within that time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import translation

from ttdn.core import changes
from ttdn.reports import rollups

# Written only through the services, which touch the topics of the units concerned.
BY_TOPIC = frozenset(
    {
        "reports_value",
        "reports_rollup",
        "reports_reportcount",
        "reports_submission",
        "reports_tally",
    }
)
# Everything else a consolidation reads: kept while their generations are unchanged.
TABLES = frozenset(
    {
        "reports_round",
        "reports_formversion",
        "reports_reportform",
        "reports_indicator",
        "reports_section",
        "org_unit",
    }
)
MAX_AGE = 60.0

_kept = changes.Keeper(TABLES, size=256, max_age=MAX_AGE, shared="kept")


def below(
    what: str, round_id: int, unit_id: int, key: tuple[Any, ...], compute: Callable[[], Any]
) -> Any:
    """`compute()` (`what` a page or the API shows of the reports below the unit in the round,
    for `key`: its filters), or the result kept since none of those reports moved."""
    return _kept.get(
        ("reports", what, round_id, unit_id, *key, translation.get_language()),
        compute,
        topics=[rollups.topic(unit_id), rollups.EVERY_ROUND],
    )


def clear() -> None:
    _kept.clear()
