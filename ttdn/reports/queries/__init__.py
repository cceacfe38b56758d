"""Reads of the reports app (split by concept, re-exported here): a unit's consolidation of a
round, completeness and timeliness, the trend of an indicator across rounds, and reads about
single reports."""

from ttdn.reports.queries.figures import (
    CELL,
    NARRATIVES_SHOWN,
    Cell,
    Consolidation,
    IndicatorRow,
    Narrative,
    NarrativeEntry,
    Part,
    consolidation,
    contributing_values,
    place_in_round,
)
from ttdn.reports.queries.submissions import (
    Reminder,
    indicator_labels,
    own_report_source,
    reminders_due,
)
from ttdn.reports.queries.timeliness import MISSING_SHOWN, Completeness, Counts, completeness
from ttdn.reports.queries.trends import TrendPoint, trend

__all__ = [
    "CELL",
    "MISSING_SHOWN",
    "NARRATIVES_SHOWN",
    "Cell",
    "Completeness",
    "Consolidation",
    "Counts",
    "IndicatorRow",
    "Narrative",
    "NarrativeEntry",
    "Part",
    "Reminder",
    "TrendPoint",
    "completeness",
    "consolidation",
    "contributing_values",
    "indicator_labels",
    "own_report_source",
    "place_in_round",
    "reminders_due",
    "trend",
]
