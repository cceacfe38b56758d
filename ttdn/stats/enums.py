"""Choices of the statistics app and the allowed moves of its state machines."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.states import Flow


class Topic(models.TextChoices):
    """What a dataset describes; the dashboard and the press kit group figures by it."""

    SCALE = "scale", _("Schools, classes and pupils")
    STAFF = "staff", _("Teachers and staff")
    STANDARDS = "standards", _("National-standard schools")
    EXAMS = "exams", _("Examinations")
    GIFTED = "gifted", _("Gifted pupils")
    CONTESTS = "contests", _("Contests and awards")
    OTHER = "other", pgettext_lazy("statistics topic", "Other")


class Source(models.TextChoices):
    """Where a figure came from: every published figure names one."""

    ROUND = "round", _("Approved report")
    EXCEL = "excel", _("Excel import")
    MANUAL = "manual", _("Manual entry")
    CONTEST = "contest", _("Published contest results")


class FigureStatus(models.TextChoices):
    """A figure entered by hand or imported waits for a leader; figures of approved reports
    are approved already. Only approved figures are ever shown outside the unit."""

    DRAFT = "draft", pgettext_lazy("figure status", "Waiting for approval")
    APPROVED = "approved", pgettext_lazy("figure status", "Approved")
    REPLACED = "replaced", pgettext_lazy("figure status", "Replaced by a newer revision")
    REFUSED = "refused", pgettext_lazy("figure status", "Refused")


FIGURE_FLOW = Flow(
    FigureStatus,
    {
        FigureStatus.DRAFT: {FigureStatus.APPROVED, FigureStatus.REFUSED},
        FigureStatus.APPROVED: {FigureStatus.REPLACED},
        FigureStatus.REPLACED: set(),
        FigureStatus.REFUSED: set(),
    },
)


class PressKind(models.TextChoices):
    FACT_SHEET = "fact_sheet", _("Fact sheet")
    RELEASE = "release", _("Press release")
    CORRECTION = "correction", _("Correction notice")


class PressStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("press document status", "Draft")
    IN_REVIEW = "in_review", pgettext_lazy("press document status", "In review")
    PUBLISHED = "published", pgettext_lazy("press document status", "Published")
    WITHDRAWN = "withdrawn", pgettext_lazy("press document status", "Withdrawn")


PRESS_FLOW = Flow(
    PressStatus,
    {
        PressStatus.DRAFT: {PressStatus.IN_REVIEW},
        PressStatus.IN_REVIEW: {PressStatus.DRAFT, PressStatus.PUBLISHED},
        PressStatus.PUBLISHED: {PressStatus.WITHDRAWN},
        PressStatus.WITHDRAWN: set(),
    },
)


class Language(models.TextChoices):
    VI = "vi", "Tiếng Việt"
    EN = "en", "English"
