"""Base models, the audit log, API tokens and the records of background work."""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core.enums import AuditAction, JobOutcome, UploadJobStatus
from ttdn.core.storage import RandomName


def max_length_of(choices: type[models.TextChoices]) -> int:
    """The `max_length` a CharField needs to hold every value of `choices`."""
    return max(len(v) for v in choices.values)


def step_in_order(
    items: list[Any], target: Any, step: int, *, field: str = "order", start: int = 1
) -> list[Any] | None:
    """Move `target` one place up (step -1) or down (1) among `items` (rows in their order) and
    number them again in `field` from `start`. Returns the rows whose number changed, to save;
    None when `target` is already at that end (nothing moves)."""
    index = [item.pk for item in items].index(target.pk)
    other = index + step
    if not 0 <= other < len(items):
        return None
    items[index], items[other] = items[other], items[index]
    changed = []
    for number, item in enumerate(items, start=start):
        if getattr(item, field) != number:
            setattr(item, field, number)
            changed.append(item)
    return changed


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def in_units(self, unit_ids: models.QuerySet) -> AuditEntryQuerySet:
        return self.filter(unit_id__in=unit_ids)


class AuditEntry(models.Model):
    """Who did what to which object, when, from where, with the fields before and after.

    Append-only: the database refuses UPDATE and DELETE on this table (see migration 0002).
    """

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(_("by"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(
        pgettext_lazy("network", "address"), null=True, blank=True
    )
    action = models.CharField(
        _("action"), max_length=max_length_of(AuditAction), choices=AuditAction
    )
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=255, blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        verbose_name=_("unit"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "-at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"


def hash_token(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def live(self) -> ApiTokenQuerySet:
        """Not revoked and not expired: a token is good through its last day."""
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_on__isnull=True) | models.Q(expires_on__gte=timezone.localdate())
        )


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 is stored; the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_expired(self) -> bool:
        return self.expires_on is not None and self.expires_on < timezone.localdate()


class JobRun(models.Model):
    """One run of a scheduled job: when it started and ended, how it went, the end of its output."""

    job = models.CharField(_("job"), max_length=100, db_index=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=max_length_of(JobOutcome),
        choices=JobOutcome,
        default=JobOutcome.RUNNING,
    )
    output_tail = models.TextField(_("output"), blank=True)

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["job", "-started_at"])]

    def __str__(self) -> str:
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M} {self.outcome}"

    @property
    def duration_s(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


class WorkerHeartbeat(models.Model):
    """The last time a task worker ran the heartbeat task (one row per worker name)."""

    worker = models.CharField(max_length=100, unique=True)
    seen_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.worker} {self.seen_at:%Y-%m-%d %H:%M:%S}"


class UploadJob(TimestampedModel):
    """An uploaded file read by the worker instead of the web request (a PDF of many pages, a
    large file): its owner watches the job's page until the result is there (`core.uploads`).

    `kind` names the registered reader ("plans.import", "documents.check"); `params` is what the
    reader needs besides the file (the acting unit); `result` is what it returned (the text).
    The stored upload is deleted once it has been read.
    """

    kind = models.CharField(_("kind"), max_length=50)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="upload_jobs"
    )
    file = models.FileField(_("file"), upload_to=RandomName("uploads"), blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=max(len(v) for v in UploadJobStatus.values),
        choices=UploadJobStatus,
        default=UploadJobStatus.QUEUED,
    )
    result = models.JSONField(default=dict, blank=True)
    message = models.TextField(_("message"), blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("upload job")
        verbose_name_plural = _("upload jobs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} ({self.status})"

    @property
    def is_finished(self) -> bool:
        return self.status in (UploadJobStatus.DONE, UploadJobStatus.FAILED)


class PendingUpload(TimestampedModel):
    """A file sent with a form that failed to validate, kept so that the person does not have
    to choose it again (`core.pending`). It belongs to one sign-in session, is stored privately
    under a random name and is deleted when used or when it expires (`prune_pending_uploads`)."""

    token = models.CharField(max_length=32, unique=True)
    session_key = models.CharField(max_length=64, db_index=True)
    file = models.FileField(_("file"), upload_to=RandomName("pending"))
    filename = models.CharField(_("file name"), max_length=255)
    expires_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("file kept after a failed submit")
        verbose_name_plural = _("files kept after a failed submit")

    def __str__(self) -> str:
        return self.filename
