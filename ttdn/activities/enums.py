"""Choices of the activities app and the allowed moves of an activity."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.states import Flow


class ActivityKind(models.TextChoices):
    CEREMONY = "ceremony", _("Ceremony")
    CONTEST = "contest", pgettext_lazy("activity kind", "Contest")
    SEMINAR = "seminar", _("Seminar, talk or conference")
    EXHIBITION = "exhibition", _("Exhibition")
    VISIT = "visit", _("Visit or field trip")
    CULTURE_SPORTS = "culture_sports", _("Cultural or sports event")
    EXTRACURRICULAR = "extracurricular", _("Extracurricular activity")
    MOVEMENT_EVENT = "movement_event", _("Emulation movement event")
    DELEGATION = "delegation", _("Delegation reception")
    TRAINING = "training", _("Training session")


class ParticipantGroup(models.TextChoices):
    """Who took part; each is a count field of the same name on `Activity`."""

    OFFICIALS = "officials", _("Officials")
    TEACHERS = "teachers", _("Teachers")
    PUPILS = "pupils", _("Pupils")
    PARENTS = "parents", _("Parents")
    FOREIGN_GUESTS = "foreign_guests", _("Foreign guests")


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("activity status", "Draft")
    RECORDED = "recorded", pgettext_lazy("activity status", "Recorded")
    VERIFIED = "verified", pgettext_lazy("activity status", "Verified")


# Recorded: the unit vouches for it; verified: the supervising unit checked it. A verified
# activity goes back to recorded (not to draft) when the supervisor withdraws the check.
ACTIVITY_FLOW = Flow(
    ActivityStatus,
    {
        ActivityStatus.DRAFT: {ActivityStatus.RECORDED},
        ActivityStatus.RECORDED: {ActivityStatus.DRAFT, ActivityStatus.VERIFIED},
        ActivityStatus.VERIFIED: {ActivityStatus.RECORDED},
    },
)
COUNTED = frozenset({ActivityStatus.RECORDED, ActivityStatus.VERIFIED})


class LevelScope(models.TextChoices):
    """How a contest level splits the entries into the rounds its juries judge."""

    GROUPS = "groups", _("By group of units (cluster)")
    UNIT_LEVEL = "unit_level", _("By unit of the tree at a level")
    WHOLE = "whole", _("The whole contest")


class Prize(models.TextChoices):
    FIRST = "first", _("First prize")
    SECOND = "second", _("Second prize")
    THIRD = "third", _("Third prize")
    CONSOLATION = "consolation", _("Consolation prize")
