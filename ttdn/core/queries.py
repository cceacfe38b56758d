"""Reads of the core that views and the API share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from ttdn.core import access, jobs
from ttdn.core.models import AuditEntry, JobRun, WorkerHeartbeat


@dataclass(frozen=True)
class Health:
    database: bool
    migrations: bool
    worker_heartbeat_age_s: float | None

    @property
    def ok(self) -> bool:
        return self.database and self.migrations


def health() -> Health:
    """Whether the database answers, all migrations are applied, and how old the last worker heartbeat is."""
    try:
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        last = WorkerHeartbeat.objects.aggregate(last=Max("seen_at"))["last"]
    except DatabaseError:
        return Health(database=False, migrations=False, worker_heartbeat_age_s=None)
    age = (timezone.now() - last).total_seconds() if last else None
    return Health(database=True, migrations=not pending, worker_heartbeat_age_s=age)


@dataclass(frozen=True)
class JobStatus:
    job: jobs.Job
    last_run: JobRun | None


def job_statuses() -> list[JobStatus]:
    """Every registered job with its latest run (one query for all jobs)."""
    registered = jobs.registered()
    latest: dict[str, JobRun] = {}
    for run in JobRun.objects.filter(job__in=[j.name for j in registered]).order_by(
        "job", "-started_at"
    ):
        latest.setdefault(run.job, run)
    return [JobStatus(job, latest.get(job.name)) for job in registered]


def audit_entries(user: Any, filters: dict[str, Any]) -> QuerySet[AuditEntry]:
    """The audit log the person may browse (their subtree as a leader; all for operators), filtered."""
    entries = AuditEntry.objects.select_related("unit")
    if not access.is_operator(user):
        entries = entries.in_units(access.audit_unit_ids(user))
    if q := filters.get("q"):
        entries = entries.filter(Q(object_repr__icontains=q) | Q(actor_name__icontains=q))
    if action := filters.get("action"):
        entries = entries.filter(action=action)
    if unit := filters.get("unit"):
        entries = entries.filter(unit__code=unit)
    if since := filters.get("since"):
        entries = entries.filter(at__date__gte=since)
    if until := filters.get("until"):
        entries = entries.filter(at__date__lte=until)
    return entries
