"""Activities that prove the work, the emulation movements units join, and contests that run
from cluster to province level."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.activities.enums import (
    ActivityKind,
    ActivityStatus,
    LevelScope,
    ParticipantGroup,
    Prize,
)
from ttdn.core import access
from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.org.enums import UnitLevel

# --- Activities -------------------------------------------------------------------------------


class ActivityQuerySet(models.QuerySet["Activity"]):
    def visible_to(self, user: Any) -> ActivityQuerySet:
        """Activities the person's units organised, or co-organised, within their subtrees."""
        if access.is_operator(user):
            return self
        units = access.visible_unit_ids(user)
        co_organised = Activity.co_organisers.through.objects.filter(
            activity=models.OuterRef("pk"), unit__in=units
        )
        return self.filter(models.Q(unit__in=units) | models.Exists(co_organised))

    def counted(self, *, verified_only: bool = False) -> ActivityQuerySet:
        """What a report counts: recorded and verified ones, or the verified ones only."""
        if verified_only:
            return self.filter(status=ActivityStatus.VERIFIED)
        return self.exclude(status=ActivityStatus.DRAFT)

    def between(self, start: Any, end: Any) -> ActivityQuerySet:
        """Activities that started within [start, end]."""
        return self.filter(starts_on__gte=start, starts_on__lte=end)


class Activity(TimestampedModel):
    """Something a unit did (a ceremony, a contest round, a visit…): the evidence for plan
    tasks, a line of the periodic report and, in one click, a portal article."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("organising unit"), on_delete=models.PROTECT,
        related_name="activities",
    )  # fmt: skip
    co_organisers = models.ManyToManyField(
        "org.Unit", verbose_name=_("co-organisers"), blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=max_length_of(ActivityKind), choices=ActivityKind)
    title = models.CharField(_("title"), max_length=255)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    place = models.CharField(pgettext_lazy("activity", "place"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    officials = models.PositiveIntegerField(ParticipantGroup.OFFICIALS.label, default=0)
    teachers = models.PositiveIntegerField(ParticipantGroup.TEACHERS.label, default=0)
    pupils = models.PositiveIntegerField(ParticipantGroup.PUPILS.label, default=0)
    parents = models.PositiveIntegerField(ParticipantGroup.PARENTS.label, default=0)
    foreign_guests = models.PositiveIntegerField(ParticipantGroup.FOREIGN_GUESTS.label, default=0)
    tasks = models.ManyToManyField(
        "plans.PlanTask", verbose_name=_("plan tasks carried out"), blank=True,
        related_name="activities",
    )  # fmt: skip
    commemoration = models.ForeignKey(
        "events.Commemoration", verbose_name=_("commemoration marked"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    movement = models.ForeignKey(
        "Movement", verbose_name=_("emulation movement"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="activities",
    )  # fmt: skip
    programme = models.ForeignKey(
        "registries.Programme", verbose_name=_("cooperation programme"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="activities",
    )  # fmt: skip
    article = models.OneToOneField(
        "content.Article", verbose_name=_("portal article"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="+",
    )  # fmt: skip
    status = models.CharField(
        _("status"), max_length=max_length_of(ActivityStatus), choices=ActivityStatus,
        default=ActivityStatus.DRAFT,
    )  # fmt: skip
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-starts_on", "-pk"]
        indexes = [models.Index(fields=["unit", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="activity_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:activity_detail", args=[self.pk])

    @property
    def participants(self) -> int:
        return sum(getattr(self, group) for group in ParticipantGroup.values)

    @property
    def last_day(self) -> Any:
        return self.ends_on or self.starts_on


class ActivityPhoto(models.Model):
    """A picture of the activity, stored by the portal (EXIF stripped, kept private, pupils only
    under a guardian's consent of the unit's site)."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="photos")
    image = models.OneToOneField(
        "content.Image", verbose_name=_("picture"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("photo of an activity")
        verbose_name_plural = _("photos of activities")
        ordering = ["activity", "position", "pk"]

    def __str__(self) -> str:
        return self.caption or str(self.image_id)


class ActivityFile(models.Model):
    """A document of the activity (programme, minutes, list of participants), checked as the
    portal checks attachments and never served without an access check."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(_("file"), upload_to="activity-files/%Y/%m/")
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded_at = models.DateTimeField(auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("file of an activity")
        verbose_name_plural = _("files of activities")
        ordering = ["activity", "pk"]

    def __str__(self) -> str:
        return self.filename


# --- Emulation movements ----------------------------------------------------------------------


class MovementQuerySet(models.QuerySet["Movement"]):
    def visible_to(self, user: Any) -> MovementQuerySet:
        """Movements of the person's units, and those launched above them (which they may join)."""
        if access.is_operator(user):
            return self
        return self.filter(
            models.Q(unit__in=access.visible_unit_ids(user))
            | models.Q(unit_id__in=access.concerning_unit_ids(user))
        )


class Movement(TimestampedModel):
    """An emulation movement (phong trào thi đua) launched by a unit for its subtree."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("owner unit"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    criteria = models.TextField(_("criteria"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = MovementQuerySet.as_manager()

    class Meta:
        verbose_name = _("emulation movement")
        verbose_name_plural = _("emulation movements")
        ordering = ["-starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="movement_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:movement_detail", args=[self.pk])


class Registration(models.Model):
    """A unit's joining of a movement, with its pledge."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="registrations")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+"
    )
    registered_on = models.DateField(_("registered on"))
    pledge = models.TextField(_("pledge"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["movement", "unit__path"]
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="one_registration_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.movement_id} ← {self.unit_id}"


# --- Contests ---------------------------------------------------------------------------------


class ContestQuerySet(models.QuerySet["Contest"]):
    def visible_to(self, user: Any) -> ContestQuerySet:
        """Contests of the person's units and of the units above them (their units may enter),
        and those where the person sits on a jury."""
        if access.is_operator(user):
            return self
        return self.filter(
            models.Q(unit__in=access.visible_unit_ids(user))
            | models.Q(unit_id__in=access.concerning_unit_ids(user))
            | models.Q(pk__in=ContestLevel.objects.filter(jurors=user).values("contest"))
        )


class Contest(TimestampedModel):
    """A contest organised by a unit for its subtree, judged level by level."""

    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255)
    year = models.PositiveSmallIntegerField(_("school year starting"))
    international = models.BooleanField(
        _("international contest"),
        default=False,
        help_text=_("Held abroad or between countries: its prizes count as international awards."),
    )
    rules = models.TextField(_("entry rules"), blank=True)
    entries_per_unit = models.PositiveSmallIntegerField(
        _("entries per unit"), default=0, help_text=_("0: no limit")
    )
    team_size = models.PositiveSmallIntegerField(
        _("pupils per entry at most"), default=1, help_text=_("1: individual entries")
    )
    entries_close_on = models.DateField(_("entries close on"), null=True, blank=True)
    signer_position = models.CharField(
        _("signer's position"),
        max_length=100,
        blank=True,
        help_text=_("e.g. KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG"),
    )
    signer_name = models.CharField(_("signer's name"), max_length=100, blank=True)
    movement = models.ForeignKey(
        Movement, verbose_name=_("emulation movement"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="contests",
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    results_published_on = models.DateField(
        _("results published on"),
        null=True,
        blank=True,
        help_text=_("The prizes show on the organiser's portal from this day."),
    )

    objects = ContestQuerySet.as_manager()

    class Meta:
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        ordering = ["-year", "title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:contest_detail", args=[self.pk])


class ContestLevel(models.Model):
    """One level of a contest (rank 1 is the first round). Its scope splits the entries into
    rounds: by the cluster groups given, by their unit at a level of the tree, or all together.
    Its jurors enter results for this level only."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="levels")
    rank = models.PositiveSmallIntegerField(_("rank"))
    name = models.CharField(_("name"), max_length=100)
    scope = models.CharField(
        pgettext_lazy("contest", "rounds"),
        max_length=max_length_of(LevelScope),
        choices=LevelScope,
        default=LevelScope.WHOLE,
    )
    unit_level = models.CharField(
        _("level of the tree"), max_length=max_length_of(UnitLevel), choices=UnitLevel, blank=True
    )
    groups = models.ManyToManyField(
        "org.UnitGroup", verbose_name=_("groups"), blank=True, related_name="+"
    )
    advance_quota = models.PositiveSmallIntegerField(
        _("entries advancing per round"), default=0, help_text=_("0: no limit")
    )
    jurors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("jury"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("contest level")
        verbose_name_plural = _("contest levels")
        ordering = ["contest", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["contest", "rank"], name="one_contest_level_per_rank")
        ]

    def __str__(self) -> str:
        return self.name


class EntryQuerySet(models.QuerySet["Entry"]):
    def visible_to(self, user: Any) -> EntryQuerySet:
        """Entries with pupils' names: their school and the units above it, the organiser's
        people, and the jurors of the contest. A school never sees another school's entries."""
        if access.is_operator(user):
            return self
        juries = ContestLevel.objects.filter(jurors=user).values("contest")
        return self.filter(
            models.Q(unit__in=access.visible_unit_ids(user)) | models.Q(contest__in=juries)
        )


class Entry(TimestampedModel):
    """A unit's entry: a pupil or a team of pupils, with their work. The names are personal
    data, public only when published with consent."""

    contest = models.ForeignKey(Contest, on_delete=models.CASCADE, related_name="entries")
    unit = models.ForeignKey(
        "org.Unit", verbose_name=_("school"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("entry"), max_length=255)
    pupils = models.JSONField(_("pupils"), default=list)
    public_consent = models.BooleanField(
        _("guardians consent to publishing the names"), default=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("contest entry")
        verbose_name_plural = _("contest entries")
        ordering = ["contest", "unit__path", "pk"]

    def __str__(self) -> str:
        return self.title


class Result(models.Model):
    """An entry's result at one level: score, prize, and whether it advances to the next."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="results")
    level = models.ForeignKey(ContestLevel, on_delete=models.CASCADE, related_name="results")
    score = models.DecimalField(_("score"), max_digits=6, decimal_places=2, null=True, blank=True)
    prize = models.CharField(_("prize"), max_length=max_length_of(Prize), choices=Prize, blank=True)
    advanced = models.BooleanField(_("advances to the next level"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now=True)
    certificate = models.OneToOneField(
        "documents.OutgoingDocument",
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("The numbered certificate of the prize, in the organiser's outgoing register."),
    )

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["level__rank", "-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["entry", "level"], name="one_result_per_entry_level")
        ]

    def __str__(self) -> str:
        return f"{self.entry_id} @ {self.level_id}"
