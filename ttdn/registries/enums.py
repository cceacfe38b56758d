"""Choices of the registries app and the allowed moves of its state machines."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.states import Flow


class PartnerKind(models.TextChoices):
    PROVINCE = "province", _("Foreign province or state")
    MINISTRY = "ministry", _("Ministry")
    SCHOOL = "school", pgettext_lazy("partner kind", "School")
    UNIVERSITY = "university", _("University")
    ORGANISATION = "organisation", _("International organisation")
    EMBASSY = "embassy", _("Embassy or consulate")
    OTHER = "other", pgettext_lazy("partner kind", "Other")


class AgreementKind(models.TextChoices):
    MOU = "mou", _("Memorandum of understanding")
    LETTER_OF_INTENT = "letter_of_intent", _("Letter of intent")
    TWINNING = "twinning", _("Twinning agreement")
    OTHER = "other", pgettext_lazy("agreement kind", "Other agreement")


class AgreementStatus(models.TextChoices):
    """Whether an agreement is in force on a day also depends on its dates (`in_force_on`)."""

    DRAFT = "draft", pgettext_lazy("agreement status", "Being negotiated")
    SIGNED = "signed", pgettext_lazy("agreement status", "Signed")
    TERMINATED = "terminated", pgettext_lazy("agreement status", "Terminated")


AGREEMENT_FLOW = Flow(
    AgreementStatus,
    {
        AgreementStatus.DRAFT: {AgreementStatus.SIGNED},
        AgreementStatus.SIGNED: {AgreementStatus.TERMINATED},
        AgreementStatus.TERMINATED: set(),
    },
)


class Direction(models.TextChoices):
    INCOMING = "incoming", pgettext_lazy("delegation", "Incoming")
    OUTGOING = "outgoing", pgettext_lazy("delegation", "Outgoing")


class ConferenceKind(models.TextChoices):
    CONFERENCE = "conference", _("International conference")
    SEMINAR = "seminar", _("International seminar")


class ApprovalStatus(models.TextChoices):
    """A delegation or conference asks its supervising unit's approval, then reports afterwards."""

    DRAFT = "draft", pgettext_lazy("approval status", "Draft")
    REQUESTED = "requested", pgettext_lazy("approval status", "Approval requested")
    APPROVED = "approved", pgettext_lazy("approval status", "Approved")
    REFUSED = "refused", pgettext_lazy("approval status", "Refused")
    REPORTED = "reported", pgettext_lazy("approval status", "Reported")


APPROVAL_FLOW = Flow(
    ApprovalStatus,
    {
        ApprovalStatus.DRAFT: {ApprovalStatus.REQUESTED},
        ApprovalStatus.REQUESTED: {
            ApprovalStatus.APPROVED,
            ApprovalStatus.REFUSED,
            ApprovalStatus.DRAFT,
        },
        ApprovalStatus.REFUSED: {ApprovalStatus.REQUESTED},
        ApprovalStatus.APPROVED: {ApprovalStatus.REPORTED},
        ApprovalStatus.REPORTED: set(),
    },
)


class CourseLevel(models.TextChoices):
    CENTRAL = "central", pgettext_lazy("course level", "Central")
    PROVINCE = "province", pgettext_lazy("course level", "Province")
    DISTRICT = "district", pgettext_lazy("course level", "District")
    SCHOOL = "school", pgettext_lazy("course level", "School")


class Evaluation(models.TextChoices):
    EXCELLENT = "excellent", pgettext_lazy("evaluation", "Excellent")
    GOOD = "good", pgettext_lazy("evaluation", "Good")
    PASSED = "passed", pgettext_lazy("evaluation", "Passed")
    FAILED = "failed", pgettext_lazy("evaluation", "Not passed")


PASSING = frozenset({Evaluation.EXCELLENT, Evaluation.GOOD, Evaluation.PASSED})


class InspectionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("inspection status", "Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("inspection status", "In progress")
    CONCLUDED = "concluded", pgettext_lazy("inspection status", "Concluded")
    CLOSED = "closed", pgettext_lazy("inspection status", "Closed")


INSPECTION_FLOW = Flow(
    InspectionStatus,
    {
        InspectionStatus.PLANNED: {InspectionStatus.IN_PROGRESS},
        InspectionStatus.IN_PROGRESS: {InspectionStatus.CONCLUDED},
        InspectionStatus.CONCLUDED: {InspectionStatus.CLOSED},
        InspectionStatus.CLOSED: set(),
    },
)


class RemedyStatus(models.TextChoices):
    """A finding's remedy: the inspected unit reports it done, the inspecting unit closes it or
    sends it back."""

    OPEN = "open", pgettext_lazy("remedy status", "To remedy")
    REMEDIED = "remedied", pgettext_lazy("remedy status", "Reported remedied")
    CLOSED = "closed", pgettext_lazy("remedy status", "Closed")


REMEDY_FLOW = Flow(
    RemedyStatus,
    {
        RemedyStatus.OPEN: {RemedyStatus.REMEDIED, RemedyStatus.CLOSED},
        RemedyStatus.REMEDIED: {RemedyStatus.CLOSED, RemedyStatus.OPEN},
        RemedyStatus.CLOSED: set(),
    },
)
