"""Choices of the plans app and the allowed moves of a plan and of a submission."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.enums import SubmissionStep
from ttdn.core.states import Flow


class PlanStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("plan status", "Draft")
    ISSUED = "issued", pgettext_lazy("plan status", "Issued")
    SUPERSEDED = "superseded", pgettext_lazy("plan status", "Superseded")
    # Its register entry was withdrawn (thu hồi): the number stays used, nobody owes it a plan.
    WITHDRAWN = "withdrawn", pgettext_lazy("plan status", "Withdrawn")


PLAN_FLOW = Flow(
    PlanStatus,
    {
        PlanStatus.DRAFT: {PlanStatus.ISSUED},
        PlanStatus.ISSUED: {PlanStatus.SUPERSEDED, PlanStatus.WITHDRAWN},
        PlanStatus.SUPERSEDED: {PlanStatus.WITHDRAWN},
        PlanStatus.WITHDRAWN: set(),
    },
)


class SubmissionStatus(models.TextChoices):
    """A required unit's plan as the issuing unit tracks it. "Not started" and "on time /
    late" are not stored: no plan yet, and `submitted_at` against the due date."""

    NOT_STARTED = "not_started", pgettext_lazy("plan submission", "Not started")
    DRAFT = SubmissionStep.DRAFT
    SUBMITTED = SubmissionStep.SUBMITTED
    RETURNED = SubmissionStep.RETURNED
    ACCEPTED = "accepted", pgettext_lazy("plan submission", "Accepted")


SUBMISSION_FLOW = Flow(
    SubmissionStatus,
    {
        SubmissionStatus.NOT_STARTED: {SubmissionStatus.DRAFT},
        SubmissionStatus.DRAFT: {SubmissionStatus.SUBMITTED},
        SubmissionStatus.SUBMITTED: {SubmissionStatus.RETURNED, SubmissionStatus.ACCEPTED},
        SubmissionStatus.RETURNED: {SubmissionStatus.SUBMITTED},
        SubmissionStatus.ACCEPTED: set(),
    },
)


class BoardColumn(models.TextChoices):
    """The columns of the issuing unit's board."""

    NOT_STARTED = "not_started", pgettext_lazy("plan board", "Not started")
    DRAFT = "draft", pgettext_lazy("plan board", "Draft")
    ON_TIME = "on_time", pgettext_lazy("plan board", "Submitted on time")
    LATE = "late", pgettext_lazy("plan board", "Submitted late")
    RETURNED = "returned", pgettext_lazy("plan board", "Returned")
    ACCEPTED = "accepted", pgettext_lazy("plan board", "Accepted")


class Recurrence(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Every six months")
    YEARLY = "yearly", _("Yearly")
    CONTINUOUS = "continuous", _("Continuous")


class TaskStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("task status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("task status", "In progress")
    DONE = "done", pgettext_lazy("task status", "Done")
    DROPPED = "dropped", pgettext_lazy("task status", "Dropped")


class TaskLinkKind(models.TextChoices):
    """What a linked portal article is to a task."""

    EVIDENCE = "evidence", pgettext_lazy("task link", "Evidence")
    RESULT = "result", pgettext_lazy("task link", "Result")


class MentionKind(models.TextChoices):
    """What a structured item recognised in a task's text is (`TaskMention.kind`)."""

    PARTNER = "partner", pgettext_lazy("task mention", "Partner")
    EVENT = "event", pgettext_lazy("task mention", "Event to mark")
    CONTEST = "contest", pgettext_lazy("task mention", "Contest")
    REPORT_TO = "report_to", pgettext_lazy("task mention", "Report to")
    CONTACT = "contact", pgettext_lazy("task mention", "Contact person")
