"""Press monitoring: sources, the items fetched from them, stories, watches, mentions, cases and
press requests.

An item keeps the page as fetched (bytes, SHA-256, fetch time), so the evidence of a case
survives when the outlet deletes or edits the original. Items are public press and belong to
no unit; who sees what is decided by the units of sources (their owners), mentions (the unit a
watch is for), cases and press requests, through `ttdn.core.access`.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core import access
from ttdn.core.models import TimestampedModel
from ttdn.monitoring.enums import (
    OPEN_CASE_STATES,
    CaseStatus,
    FetchOutcome,
    ItemStage,
    PressRequestStatus,
    ResponseKind,
    Severity,
    SourceFormat,
    SourceKind,
    SourceState,
    Tone,
    WatchKind,
)


def _length(choices: type[models.TextChoices]) -> int:
    return max(len(v) for v in choices.values)


class UnitOwnedQuerySet(models.QuerySet[Any]):
    """Records that belong to one unit: visible in the subtrees of the person's memberships."""

    def visible_to(self, user: Any) -> Any:
        return self.filter(unit__in=access.visible_unit_ids(user))

    def editable_by(self, user: Any) -> Any:
        if access.is_operator(user):
            return self.all()
        return self.filter(
            unit__in=access.supervised_units(user, access.WRITING_ROLES).values("pk")
        )


class SourceQuerySet(UnitOwnedQuerySet):
    def due(self, now: datetime.datetime | None = None) -> SourceQuerySet:
        """Active sources that can be fetched and whose next fetch time has come."""
        return self.filter(
            state=SourceState.ACTIVE, next_fetch_at__lte=now or timezone.now()
        ).exclude(format=SourceFormat.MANUAL)


class Source(TimestampedModel):
    """Where items come from: a feed, a sitemap, a listing page, one page, or pasted text."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(pgettext_lazy("monitoring", "name"), max_length=255)
    url = models.URLField(pgettext_lazy("monitoring", "address"), max_length=1000, blank=True)
    format = models.CharField(
        _("format"),
        max_length=_length(SourceFormat),
        choices=SourceFormat,
        default=SourceFormat.FEED,
    )
    kind = models.CharField(
        pgettext_lazy("monitoring", "kind"),
        max_length=_length(SourceKind),
        choices=SourceKind,
        default=SourceKind.DOMESTIC_PRESS,
    )
    language = models.CharField(_("language"), max_length=8, default="vi")
    country = models.CharField(_("country"), max_length=2, default="VN")
    link_selector = models.CharField(
        _("link selector"),
        max_length=255,
        blank=True,
        help_text=_(
            "CSS selector of the article links on a listing page; empty finds them automatically."
        ),
    )
    weight = models.PositiveIntegerField(
        _("reach"),
        default=1,
        help_text=_("How many people the source reaches, as a weight from 1 to 100."),
    )
    interval_minutes = models.PositiveIntegerField(_("fetch every (minutes)"), default=60)
    state = models.CharField(
        _("state"), max_length=_length(SourceState), choices=SourceState, default=SourceState.ACTIVE
    )
    failures = models.PositiveSmallIntegerField(_("failures in a row"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    next_fetch_at = models.DateTimeField(_("next fetch"), default=timezone.now, db_index=True)
    etag = models.CharField(max_length=255, blank=True, editable=False)
    last_modified = models.CharField(max_length=64, blank=True, editable=False)

    objects = SourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("monitoring:source_detail", args=[self.pk])


class FetchRun(models.Model):
    """One fetch of a source: what came back, or why nothing did."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(default=timezone.now)
    outcome = models.CharField(max_length=_length(FetchOutcome), choices=FetchOutcome)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    new_items = models.PositiveIntegerField(default=0)
    bytes_read = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["source", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.source} {self.started_at:%Y-%m-%d %H:%M} {self.outcome}"


class Story(TimestampedModel):
    """Items that tell the same thing: near-duplicates across outlets, clustered by MinHash."""

    title = models.CharField(_("title"), max_length=500)
    first_seen_at = models.DateTimeField(_("first seen"), default=timezone.now)
    item_count = models.PositiveIntegerField(_("copies"), default=1)

    class Meta:
        verbose_name = _("story")
        verbose_name_plural = _("stories")
        ordering = ["-first_seen_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("monitoring:story_detail", args=[self.pk])


class ItemQuerySet(models.QuerySet["Item"]):
    def visible_to(self, user: Any) -> ItemQuerySet:
        """Items of the person's sources and items that mention the person's units."""
        if access.is_operator(user):
            return self.all()
        units = access.visible_unit_ids(user)
        # A correlated EXISTS on the item's own mentions, not an IN of every mentioned item.
        mentioned = Mention.objects.filter(item=models.OuterRef("pk"), unit__in=units)
        return self.filter(models.Q(source__unit__in=units) | models.Exists(mentioned))

    def unfinished(self) -> ItemQuerySet:
        return self.exclude(stage__in=[ItemStage.MATCHED, ItemStage.FAILED])


class Item(TimestampedModel):
    """One article, post or pasted text, with the page as fetched."""

    # Kept as evidence and for clustering, never shown in a list: lists defer them.
    STORED_ONLY = ("raw", "signature")

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="items")
    url = models.URLField(pgettext_lazy("monitoring", "address"), max_length=2000, blank=True)
    # SHA-256 of the canonical address (or of the text, for a pasted item): one item per address.
    key = models.CharField(max_length=64, unique=True, editable=False)
    stage = models.CharField(
        _("stage"), max_length=_length(ItemStage), choices=ItemStage, default=ItemStage.LISTED
    )
    error = models.CharField(_("error"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    fetched_at = models.DateTimeField(_("fetched"), null=True, blank=True)
    raw = models.BinaryField(_("page as fetched"), null=True, editable=False)
    raw_sha256 = models.CharField(_("SHA-256 of the page"), max_length=64, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    text = models.TextField(_("text"), blank=True)
    text_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    language = models.CharField(_("language"), max_length=8, blank=True)
    duplicate_of = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    story = models.ForeignKey(
        Story, on_delete=models.SET_NULL, null=True, blank=True, related_name="items"
    )
    signature = models.BinaryField(null=True, editable=False)  # MinHash values, uint64 each

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("press item")
        verbose_name_plural = _("press items")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["stage", "updated_at"])]

    def __str__(self) -> str:
        return self.title or self.url


class Band(models.Model):
    """One LSH band of an item's MinHash: items sharing a band are near-duplicate candidates."""

    item = models.ForeignKey(Item, on_delete=models.CASCADE, related_name="+")
    band = models.PositiveSmallIntegerField()
    value = models.BigIntegerField()

    class Meta:
        # Value first: an item's 42 values are looked up with one `value IN (…)`; the band is
        # compared with the value (a 64-bit hash of one band's rows rarely meets another band's).
        indexes = [models.Index(fields=["value", "band"], name="monitoring_band_value")]
        constraints = [models.UniqueConstraint(fields=["item", "band"], name="one_value_per_band")]

    def __str__(self) -> str:
        return f"{self.item_id}:{self.band}"


class Watch(TimestampedModel):
    """A saved search of a unit: its matches become mentions for the unit."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(
        pgettext_lazy("monitoring", "kind"),
        max_length=_length(WatchKind),
        choices=WatchKind,
        default=WatchKind.QUERY,
    )
    name = models.CharField(pgettext_lazy("monitoring", "name"), max_length=255)
    query = models.TextField(
        _("query"),
        help_text=_(
            "Words must all appear; OR separates alternatives; NOT or a minus sign excludes a word; "
            '"quoted words" must appear exactly as written. Tones and case do not matter outside quotes.'
        ),
    )
    is_active = models.BooleanField(pgettext_lazy("monitoring", "active"), default=True)

    objects = UnitOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("watch")
        verbose_name_plural = _("watches")
        ordering = ["kind", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                condition=models.Q(kind=WatchKind.ENTITY),
                name="one_entity_watch_per_unit",
            )
        ]

    def __str__(self) -> str:
        return self.name


class MentionQuerySet(UnitOwnedQuerySet):
    def negative(self) -> MentionQuerySet:
        return self.filter(tone=Tone.NEGATIVE)


class Mention(TimestampedModel):
    """An item that matched a watch: what was said about the watch's unit, and in which tone."""

    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="mentions")
    watch = models.ForeignKey(Watch, on_delete=models.PROTECT, related_name="mentions")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    snippet = models.TextField(_("snippet"), blank=True)  # HTML: escaped text, matches in <mark>
    # Where the snippet is cut from when none is stored (`cut_snippet`): the index of the
    # paragraph, among the non-blank lines of the item's text, that holds most of the watch's words.
    paragraph = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    suggested_tone = models.CharField(
        _("suggested tone"), max_length=_length(Tone), choices=Tone, default=Tone.NEUTRAL
    )
    tone = models.CharField(_("tone"), max_length=_length(Tone), choices=Tone, default=Tone.NEUTRAL)
    tone_labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    alerted_at = models.DateTimeField(_("alerted"), null=True, blank=True)
    digested_on = models.DateField(null=True, blank=True)

    objects = MentionQuerySet.as_manager()

    class Meta:
        verbose_name = _("mention")
        verbose_name_plural = _("mentions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "watch"], name="one_mention_per_watch")
        ]
        indexes = [models.Index(fields=["unit", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.unit} — {self.item}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:mention_detail", args=[self.pk])

    def cut_snippet(self) -> str:
        """The snippet cut when shown, from the paragraph the pipeline picked, the watch's words
        in <mark> (HTML, escaped): the pipeline stores where, not the snippet itself."""
        from ttdn.monitoring import watching  # here: watching reads these models

        return watching.cut_snippet(self.item, self.watch, self.paragraph or 0)


class Case(TimestampedModel):
    """False or distorting information being answered: new → verifying → responded or dismissed → closed."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    mention = models.ForeignKey(
        Mention, verbose_name=_("mention"), on_delete=models.PROTECT, related_name="cases"
    )
    title = models.CharField(_("title"), max_length=500)
    status = models.CharField(
        _("status"), max_length=_length(CaseStatus), choices=CaseStatus, default=CaseStatus.NEW
    )
    severity = models.CharField(
        _("severity"), max_length=_length(Severity), choices=Severity, default=Severity.MEDIUM
    )
    deadline = models.DateTimeField(_("respond by"))
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    escalated_to = models.ForeignKey(
        "org.Unit",
        verbose_name=_("escalated to"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    evidence = models.JSONField(_("evidence"), default=list, editable=False)
    notes = models.TextField(_("verification notes"), blank=True)
    response_kind = models.CharField(
        _("response"), max_length=_length(ResponseKind), choices=ResponseKind, blank=True
    )
    response_text = models.TextField(_("response text"), blank=True)
    response_url = models.URLField(_("published at (address)"), max_length=1000, blank=True)
    response_article = models.ForeignKey(
        "content.Article", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    response_document = models.ForeignKey(
        "documents.OutgoingDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responded_at = models.DateTimeField(_("responded"), null=True, blank=True)
    dismiss_reason = models.TextField(_("reason for dismissal"), blank=True)
    closed_at = models.DateTimeField(pgettext_lazy("monitoring", "closed"), null=True, blank=True)

    objects = UnitOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("monitoring:case_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CASE_STATES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline < timezone.now()

    @property
    def responded_on_time(self) -> bool:
        return self.responded_at is not None and self.responded_at <= self.deadline


class PressRequest(TimestampedModel):
    """A journalist's request for information, answered by the unit's spokesperson (NĐ 09/2017)."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    journalist = models.CharField(_("journalist"), max_length=255)
    outlet = models.CharField(_("outlet"), max_length=255)
    contact = models.CharField(_("contact"), max_length=255, blank=True)
    question = models.TextField(_("question"))
    deadline = models.DateTimeField(_("answer by"))
    status = models.CharField(
        _("status"),
        max_length=_length(PressRequestStatus),
        choices=PressRequestStatus,
        default=PressRequestStatus.RECEIVED,
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = UnitOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("press request")
        verbose_name_plural = _("press requests")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return f"{self.outlet}: {self.journalist}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:press_request_detail", args=[self.pk])
