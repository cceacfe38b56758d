"""Plans of units: their legal bases, nested sections, key tasks, and the plans they require
of subordinate units (submissions)."""

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
from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.documents.enums import CitationStatus
from ttdn.plans.enums import (
    MentionKind,
    PlanStatus,
    Recurrence,
    SubmissionStatus,
    TaskLinkKind,
    TaskStatus,
)


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user: Any) -> PlanQuerySet:
        """Plans of units the person sees, and issued plans of the units above them."""
        if access.is_operator(user):
            return self
        return self.filter(
            models.Q(unit__in=access.visible_unit_ids(user))
            | models.Q(
                unit_id__in=access.concerning_unit_ids(user),
                status__in=[PlanStatus.ISSUED, PlanStatus.SUPERSEDED],
            )
        )

    def of_year(self, year: int | None) -> PlanQuerySet:
        return self.filter(year=year) if year else self

    def drafts(self) -> PlanQuerySet:
        return self.filter(status=PlanStatus.DRAFT)


class Plan(TimestampedModel):
    """A unit's plan (kế hoạch) for a year. Numbered and frozen when issued; an issued plan
    changes only by issuing a new version that supersedes it."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"),
        max_length=max_length_of(PlanStatus),
        choices=PlanStatus,
        default=PlanStatus.DRAFT,
    )
    number = models.CharField(_("number"), max_length=16, blank=True)
    symbol = models.CharField(_("symbol"), max_length=64, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    issued_on = models.DateField(_("date"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=500)
    issuer = models.CharField(_("issuing body"), max_length=255, blank=True)
    recipients = models.JSONField(_("recipients"), default=list, blank=True)
    signer_authority = models.CharField(_("signing authority"), max_length=100, blank=True)
    signer_position = models.CharField(_("position of the signer"), max_length=100, blank=True)
    signer_name = models.CharField(_("signer"), max_length=100, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("derived from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="derived_plans",
    )
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    submissions_due = models.DateField(_("subordinate plans due"), null=True, blank=True)
    outgoing = models.ForeignKey(
        "documents.OutgoingDocument",
        verbose_name=_("register entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    deadlines = models.JSONField(_("deadlines in the text"), default=list, blank=True)
    unrecognised = models.JSONField(_("not recognised on import"), default=list, blank=True)
    # SHA-256 of the imported plan as read (`queries.fingerprint`): the same file twice
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "unit__path", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", args=[self.pk])

    @property
    def number_symbol(self) -> str:
        return f"{self.number}/{self.symbol}" if self.number else self.symbol

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def file_stem(self) -> str:
        return f"ke-hoach-{self.year}-{self.pk}"


class PlanCitation(models.Model):
    """A legal basis the plan cites, linked to the library's document when matched."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="citations")
    order = models.PositiveIntegerField(_("order"), default=0)
    text = models.TextField(_("text"))
    type = models.CharField(_("type"), max_length=32, blank=True)
    number_symbol = models.CharField(_("number and symbol"), max_length=64, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    issuer = models.CharField(_("issuer"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=max_length_of(CitationStatus), choices=CitationStatus, blank=True
    )
    document = models.ForeignKey(
        "documents.Document",
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="plan_citations",
    )

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def checked_status(self) -> CitationStatus | None:
        """The checker's status as a `CitationStatus` (its words, colour and icon)."""
        return CitationStatus(self.status) if self.status else None


class PlanSection(models.Model):
    """A section of the body, nested under `parent` (I. → 1. → 1.1. → a)). `body` is
    sanitised HTML: paragraphs and lists."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    depth = models.PositiveSmallIntegerField(default=0)
    marker = models.CharField(_("number"), max_length=16, blank=True)
    heading = models.CharField(_("heading"), max_length=500, blank=True)
    body = models.TextField(_("text"), blank=True)
    derived = models.BooleanField(_("copied from the parent plan"), default=False)

    class Meta:
        verbose_name = pgettext_lazy("plan", "section")
        verbose_name_plural = pgettext_lazy("plan", "sections")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.heading or f"§{self.order}"


class PlanTaskQuerySet(models.QuerySet["PlanTask"]):
    def open(self) -> PlanTaskQuerySet:
        return self.exclude(status__in=[TaskStatus.DONE, TaskStatus.DROPPED])

    def due_between(self, start: datetime.date, end: datetime.date) -> PlanTaskQuerySet:
        return self.filter(due__gte=start, due__lte=end)


class PlanTask(models.Model):
    """A key task: its time frame, recurrence, accountable unit, the units that carry it out,
    the evidence expected, and its status and progress. Activities and articles that prove
    it link to it from their own apps (related name `task`)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        PlanSection, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks"
    )
    order = models.PositiveIntegerField(_("order"), default=0)
    title = models.TextField(_("title"))
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    due = models.DateField(_("deadline"), null=True, blank=True)
    recurrence = models.CharField(
        _("recurrence"), max_length=max_length_of(Recurrence), choices=Recurrence, blank=True
    )
    time_text = models.CharField(_("time frame as written"), max_length=255, blank=True)
    accountable_unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("accountable unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    units_text = models.JSONField(_("carried out by (as written)"), default=list, blank=True)
    all_subordinates = models.BooleanField(_("all subordinate units"), default=False)
    carrying_units = models.ManyToManyField(
        "org.Unit", verbose_name=_("carried out by"), blank=True, related_name="+"
    )
    evidence = models.TextField(_("expected evidence"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=max_length_of(TaskStatus),
        choices=TaskStatus,
        default=TaskStatus.PLANNED,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    reminded_on = models.DateField(_("last reminded"), null=True, blank=True)
    derived_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="copies",
    )

    objects = PlanTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="plan_task_progress_at_most_100"
            )
        ]

    def __str__(self) -> str:
        return self.title[:80]

    @property
    def derived(self) -> bool:
        return self.derived_from_id is not None


class TaskMention(models.Model):
    """A structured item the task's text names, recognised on import: a partner, an event to
    mark, a contest, who reports go to, the contact person. `names` are what it lists
    ("Huaphanh", "Luang Prabang"; "Phòng GDĐT", an e-mail; a name and a phone number).

    An event is linked to the calendar's commemoration when one matches. Partners, activities
    and contests are kept as recognised (`kind`, `names`) for their registers to link when
    those apps land; nothing here depends on them."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="mentions")
    order = models.PositiveIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=max_length_of(MentionKind), choices=MentionKind)
    text = models.TextField(_("as written"))
    names = models.JSONField(_("names"), default=list, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    years = models.PositiveSmallIntegerField(_("anniversary (years)"), null=True, blank=True)
    commemoration = models.ForeignKey(
        "events.Commemoration",
        verbose_name=_("commemoration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("item named in a task")
        verbose_name_plural = _("items named in tasks")
        ordering = ["task", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class TaskArticle(models.Model):
    """A portal article of a unit that proves a task was carried out, or reports its result.

    It lives here, not in content: plans may know articles, the portal never knows plans (its
    article page asks `ttdn.core.related`, which plans answers)."""

    task = models.ForeignKey(PlanTask, on_delete=models.CASCADE, related_name="article_links")
    article = models.ForeignKey(
        "content.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(
        _("linked as"),
        max_length=max_length_of(TaskLinkKind),
        choices=TaskLinkKind,
        default=TaskLinkKind.EVIDENCE,
    )
    linked_at = models.DateTimeField(default=timezone.now)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("article of a task")
        verbose_name_plural = _("articles of tasks")
        ordering = ["task", "linked_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["task", "article"], name="one_link_per_task_article")
        ]

    def __str__(self) -> str:
        return f"{self.task_id} ← {self.article_id}"


class PlanSubmissionQuerySet(models.QuerySet["PlanSubmission"]):
    def visible_to(self, user: Any) -> PlanSubmissionQuerySet:
        """Submissions the person's units owe, or that their units asked for."""
        if access.is_operator(user):
            return self
        units = access.visible_unit_ids(user)
        return self.filter(models.Q(unit__in=units) | models.Q(requesting_plan__unit__in=units))

    def waiting(self) -> PlanSubmissionQuerySet:
        """Plans still owed: not handed in, for a requesting plan that was not withdrawn."""
        return self.filter(
            status__in=[
                SubmissionStatus.NOT_STARTED,
                SubmissionStatus.DRAFT,
                SubmissionStatus.RETURNED,
            ]
        ).exclude(requesting_plan__status=PlanStatus.WITHDRAWN)


class PlanSubmission(TimestampedModel):
    """A subordinate unit's plan that an issued plan requires. Created for every required
    unit when the plan is issued, with the unit's name and parent frozen."""

    requesting_plan = models.ForeignKey(
        Plan,
        verbose_name=_("requesting plan"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    unit_name = models.CharField(_("unit"), max_length=255)
    unit_level = models.CharField(_("level"), max_length=16)
    parent_name = models.CharField(_("parent unit"), max_length=255, blank=True)
    due = models.DateField(_("deadline"))
    status = models.CharField(
        _("status"),
        max_length=max_length_of(SubmissionStatus),
        choices=SubmissionStatus,
        default=SubmissionStatus.NOT_STARTED,
    )
    plan = models.OneToOneField(
        Plan,
        verbose_name=_("plan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submission",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    reminded_on = models.DateField(_("last reminded"), null=True, blank=True)

    objects = PlanSubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("plan submission")
        verbose_name_plural = _("plan submissions")
        ordering = ["unit_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["requesting_plan", "unit"], name="one_plan_per_unit_request"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit_name}: {self.requesting_plan}"

    def get_absolute_url(self) -> str:
        return reverse("plans:submission_detail", args=[self.pk])

    @property
    def is_late(self) -> bool:
        """Submitted after its deadline (local date)."""
        return self.submitted_at is not None and timezone.localdate(self.submitted_at) > self.due
