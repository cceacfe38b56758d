"""Forms of indicators (versioned), rounds that ask units to report, their submissions and
values, unlock requests, and the pre-computed roll-ups consolidations read (split by concept)."""

from ttdn.reports.models.forms import (
    FormVersion,
    Indicator,
    ReportForm,
    ReportFormQuerySet,
    Rule,
    Section,
)
from ttdn.reports.models.rollups import ReportCount, RollUp, Tally
from ttdn.reports.models.rounds import Round, RoundDeadline, RoundQuerySet
from ttdn.reports.models.schedules import Schedule, ScheduleQuerySet
from ttdn.reports.models.submissions import (
    Submission,
    SubmissionQuerySet,
    UnlockRequest,
    UnlockRequestQuerySet,
    Value,
)

__all__ = [
    "FormVersion",
    "Indicator",
    "ReportCount",
    "ReportForm",
    "ReportFormQuerySet",
    "RollUp",
    "Round",
    "RoundDeadline",
    "RoundQuerySet",
    "Rule",
    "Schedule",
    "ScheduleQuerySet",
    "Section",
    "Submission",
    "SubmissionQuerySet",
    "Tally",
    "UnlockRequest",
    "UnlockRequestQuerySet",
    "Value",
]
