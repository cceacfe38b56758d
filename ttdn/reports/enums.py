"""Choices of the reports app and the allowed moves of a submission."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.enums import SubmissionStep
from ttdn.core.states import Flow


class PeriodKind(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    HALF_YEAR = "half_year", _("Half-year")
    YEAR = "year", pgettext_lazy("period kind", "Year")
    SCHOOL_YEAR = "school_year", _("School year")
    SEMESTER = "semester", _("Semester")


class IndicatorKind(models.TextChoices):
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Decimal number")
    PERCENTAGE = "percentage", _("Percentage")
    YES_NO = "yes_no", _("Yes or no")
    CHOICE = "choice", _("Choice")
    SHORT_TEXT = "short_text", _("Short text")
    NARRATIVE = "narrative", _("Narrative")


NUMERIC_KINDS = frozenset(
    {IndicatorKind.INTEGER, IndicatorKind.DECIMAL, IndicatorKind.PERCENTAGE, IndicatorKind.YES_NO}
)
TEXT_KINDS = frozenset({IndicatorKind.CHOICE, IndicatorKind.SHORT_TEXT, IndicatorKind.NARRATIVE})


class Aggregation(models.TextChoices):
    SUM = "sum", _("Sum")
    AVERAGE = "average", _("Average")
    MIN = "min", _("Minimum")
    MAX = "max", _("Maximum")
    COUNT_YES = "count_yes", _("Count of yes")
    NONE = "none", _("None (listed by unit)")


# How the consolidation's figure of an indicator comes from its units, said to the reader.
AGGREGATION_NOTES = {
    Aggregation.SUM: _("added up over the units"),
    Aggregation.AVERAGE: _("average of the units"),
    Aggregation.MIN: _("the smallest of the units"),
    Aggregation.MAX: _("the largest of the units"),
    Aggregation.COUNT_YES: _("number of units answering yes"),
    Aggregation.NONE: _("not combined: each unit's answer is listed"),
}


# The aggregations that make sense for each kind: no sum of a narrative or of percentages.
AGGREGATIONS_OF = {
    IndicatorKind.INTEGER: (
        Aggregation.SUM,
        Aggregation.AVERAGE,
        Aggregation.MIN,
        Aggregation.MAX,
        Aggregation.NONE,
    ),
    IndicatorKind.DECIMAL: (
        Aggregation.SUM,
        Aggregation.AVERAGE,
        Aggregation.MIN,
        Aggregation.MAX,
        Aggregation.NONE,
    ),
    IndicatorKind.PERCENTAGE: (
        Aggregation.AVERAGE,
        Aggregation.MIN,
        Aggregation.MAX,
        Aggregation.NONE,
    ),
    IndicatorKind.YES_NO: (Aggregation.COUNT_YES, Aggregation.NONE),
    IndicatorKind.CHOICE: (Aggregation.NONE,),
    IndicatorKind.SHORT_TEXT: (Aggregation.NONE,),
    IndicatorKind.NARRATIVE: (Aggregation.NONE,),
}


class CategorySet(models.TextChoices):
    """Ready-made lists of categories an indicator may be broken down by."""

    SCHOOL_LEVEL = "school_level", _("School level")
    LANGUAGE = "language", _("Language of the article")
    CUSTOM = "custom", _("My own list")


# Categories are data, named as the documents name them (Vietnamese); keys go into codes.
# Each preset: the name of the breakdown, then (key, label) of each category.
CATEGORY_PRESETS: dict[str, tuple[str, tuple[tuple[str, str], ...]]] = {
    CategorySet.SCHOOL_LEVEL: (
        "Cấp học",
        (
            ("mn", "Mầm non"),
            ("th", "Tiểu học"),
            ("thcs", "THCS"),
            ("thpt", "THPT"),
            ("gdtx", "GDTX"),
        ),
    ),
    CategorySet.LANGUAGE: (
        "Ngôn ngữ",
        (
            ("vi", "Tiếng Việt"),
            ("en", "Tiếng Anh"),
            ("fr", "Tiếng Pháp"),
            ("zh", "Tiếng Trung"),
            ("lo", "Tiếng Lào"),
        ),
    ),
}


class RuleKind(models.TextChoices):
    NOT_GREATER = "not_greater", _("A is not greater than B")
    REQUIRED_TOGETHER = "required_together", _("A and B are filled in together")


class SubmissionStatus(models.TextChoices):
    DRAFT = SubmissionStep.DRAFT
    SUBMITTED = SubmissionStep.SUBMITTED
    APPROVED = "approved", pgettext_lazy("submission status", "Approved")
    RETURNED = SubmissionStep.RETURNED


# Approving again is allowed: after a granted window changed an approved report, the approver
# looks at it again and approves the new figures.
SUBMISSION_FLOW = Flow(
    SubmissionStatus,
    {
        SubmissionStatus.DRAFT: {SubmissionStatus.SUBMITTED},
        SubmissionStatus.SUBMITTED: {SubmissionStatus.APPROVED, SubmissionStatus.RETURNED},
        SubmissionStatus.RETURNED: {SubmissionStatus.SUBMITTED},
        SubmissionStatus.APPROVED: {SubmissionStatus.APPROVED, SubmissionStatus.RETURNED},
    },
)


class Basis(models.TextChoices):
    """Which submissions a consolidation counts."""

    APPROVED = "approved", _("Approved reports")
    SUBMITTED = "submitted", _("Submitted and approved reports")


def bases_of(status: str) -> frozenset[str]:
    """The consolidation bases a submission in `status` counts towards."""
    if status == SubmissionStatus.APPROVED:
        return frozenset({Basis.APPROVED, Basis.SUBMITTED})
    if status == SubmissionStatus.SUBMITTED:
        return frozenset({Basis.SUBMITTED})
    return frozenset()


class UnlockStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")


# A request to unlock is decided once.
UNLOCK_FLOW = Flow(
    UnlockStatus,
    {
        UnlockStatus.PENDING: {UnlockStatus.GRANTED, UnlockStatus.REFUSED},
        UnlockStatus.GRANTED: set(),
        UnlockStatus.REFUSED: set(),
    },
)
