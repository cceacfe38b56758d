"""Periodic jobs: management commands the scheduler runs, each run recorded as a JobRun."""

from __future__ import annotations

import io
import traceback
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from ttdn.core.enums import JobOutcome
from ttdn.core.models import JobRun

OUTPUT_TAIL_CHARS = 4000


@dataclass(frozen=True)
class Job:
    name: str
    command: str
    every: timedelta
    description: StrOrPromise
    args: tuple[str, ...] = field(default_factory=tuple)


_jobs: dict[str, Job] = {}


def register(job: Job) -> None:
    _jobs[job.name] = job


def registered() -> list[Job]:
    return sorted(_jobs.values(), key=lambda job: job.name)


def get(name: str) -> Job:
    """The job called `name`; raises KeyError when none is registered under it."""
    return _jobs[name]


def is_due(job: Job, now: datetime | None = None) -> bool:
    """A job is due when it never ran or its last run started `every` ago or more."""
    last = JobRun.objects.filter(job=job.name).order_by("-started_at").first()
    return last is None or last.started_at <= (now or timezone.now()) - job.every


def run(job: Job) -> JobRun:
    """Run the job's command in this process, recording start, end, outcome and output tail."""
    job_run = JobRun.objects.create(job=job.name)
    output = io.StringIO()
    try:
        call_command(job.command, *job.args, stdout=output, stderr=output)
        job_run.outcome = JobOutcome.OK
    except Exception:
        output.write(traceback.format_exc())
        job_run.outcome = JobOutcome.FAILED
    job_run.finished_at = timezone.now()
    job_run.output_tail = output.getvalue()[-OUTPUT_TAIL_CHARS:]
    job_run.save(update_fields=["outcome", "finished_at", "output_tail"])
    return job_run


register(
    Job(
        "heartbeat",
        "enqueue_heartbeat",
        timedelta(minutes=1),
        _("Ask the task worker to report that it is alive"),
    )
)
register(
    Job("clear_sessions", "clearsessions", timedelta(days=1), _("Delete expired sign-in sessions"))
)
register(
    Job(
        "prune_task_results",
        "prune_db_task_results",
        timedelta(days=1),
        _("Delete finished background task records older than 30 days"),
        ("--min-age-days", "30"),
    )
)
register(
    Job(
        "prune_upload_jobs",
        "prune_upload_jobs",
        timedelta(days=1),
        _("Delete uploaded-file jobs older than a week"),
    )
)
register(
    Job(
        "prune_pending_uploads",
        "prune_pending_uploads",
        timedelta(hours=1),
        _("Delete files kept after a failed form submit whose time is up"),
    )
)
register(
    Job(
        "send_daily_digest",
        "send_daily_digest",
        timedelta(days=1),
        _("E-mail each person what their units owe today: plans, tasks and reports"),
    )
)
