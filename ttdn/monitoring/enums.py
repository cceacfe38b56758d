"""Choices of press monitoring and the allowed moves of its cases and press requests."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.states import Flow


class SourceFormat(models.TextChoices):
    """How a source is read."""

    FEED = "feed", _("RSS or Atom feed")
    SITEMAP = "sitemap", _("News sitemap")
    LISTING = "listing", _("Listing page (links to articles)")
    PAGE = "page", _("Single page")
    MANUAL = "manual", _("Pasted text or file")


class SourceKind(models.TextChoices):
    """Who speaks through a source."""

    DOMESTIC_PRESS = "domestic_press", _("Domestic press")
    FOREIGN_PRESS = "foreign_press", _("Foreign press")
    OFFICIAL = "official", _("Official")
    SOCIAL = "social", _("Social media")


class SourceState(models.TextChoices):
    ACTIVE = "active", pgettext_lazy("source state", "Active")
    PAUSED = "paused", pgettext_lazy("source state", "Paused")


class FetchOutcome(models.TextChoices):
    OK = "ok", pgettext_lazy("fetch outcome", "Fetched")
    NOT_MODIFIED = "not_modified", pgettext_lazy("fetch outcome", "Not modified")
    FAILED = "failed", pgettext_lazy("fetch outcome", "Failed")


class ItemStage(models.TextChoices):
    """How far the pipeline has taken an item; each step moves it one stage on."""

    LISTED = "listed", pgettext_lazy("item stage", "Listed")
    FETCHED = "fetched", pgettext_lazy("item stage", "Page fetched")
    EXTRACTED = "extracted", pgettext_lazy("item stage", "Text extracted")
    CLUSTERED = "clustered", pgettext_lazy("item stage", "Clustered")
    MATCHED = "matched", pgettext_lazy("item stage", "Matched")
    FAILED = "failed", pgettext_lazy("item stage", "Failed")


class WatchKind(models.TextChoices):
    QUERY = "query", _("Saved search")
    ENTITY = "entity", _("Unit name")
    TOPIC = "topic", _("Sensitive topic")


class Tone(models.TextChoices):
    POSITIVE = "positive", pgettext_lazy("tone", "Positive")
    NEUTRAL = "neutral", pgettext_lazy("tone", "Neutral")
    NEGATIVE = "negative", pgettext_lazy("tone", "Negative")


class Severity(models.TextChoices):
    """How harmful the information is; it sets the response deadline."""

    CRITICAL = "critical", pgettext_lazy("severity", "Critical")
    HIGH = "high", pgettext_lazy("severity", "High")
    MEDIUM = "medium", pgettext_lazy("severity", "Medium")
    LOW = "low", pgettext_lazy("severity", "Low")


class CaseStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("case status", "New")
    VERIFYING = "verifying", pgettext_lazy("case status", "Verifying")
    RESPONDED = "responded", pgettext_lazy("case status", "Responded")
    DISMISSED = "dismissed", pgettext_lazy("case status", "Dismissed")
    CLOSED = "closed", pgettext_lazy("case status", "Closed")


C = CaseStatus
CASE_FLOW = Flow(
    CaseStatus,
    {
        C.NEW: {C.VERIFYING, C.DISMISSED},
        C.VERIFYING: {C.RESPONDED, C.DISMISSED},
        C.RESPONDED: {C.CLOSED, C.VERIFYING},
        C.DISMISSED: {C.CLOSED, C.VERIFYING},
        C.CLOSED: set(),
    },
)
OPEN_CASE_STATES = frozenset({C.NEW, C.VERIFYING})


class ResponseKind(models.TextChoices):
    STATEMENT = "statement", _("Statement")
    LETTER = "letter", _("Letter to the outlet (Công văn)")
    ARTICLE = "article", _("Portal article")


class PressRequestStatus(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("press request status", "Received")
    ANSWERED = "answered", pgettext_lazy("press request status", "Answered")
    DECLINED = "declined", pgettext_lazy("press request status", "Declined")


P = PressRequestStatus
PRESS_REQUEST_FLOW = Flow(
    PressRequestStatus,
    {P.RECEIVED: {P.ANSWERED, P.DECLINED}, P.ANSWERED: set(), P.DECLINED: set()},
)

# Hours a unit has to answer, counted from the opening of the case: hours for the worst.
RESPONSE_HOURS = {
    Severity.CRITICAL: 4,
    Severity.HIGH: 24,
    Severity.MEDIUM: 72,
    Severity.LOW: 168,
}
