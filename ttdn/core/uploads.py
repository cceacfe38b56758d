"""Heavy uploads are read by the worker, not by the web request.

A PDF of more than `UPLOAD_BACKGROUND_PAGES` pages, or a file larger than
`UPLOAD_BACKGROUND_MB`, is stored privately and handed to the worker (`core.tasks.read_upload`,
Django's Tasks API); its owner is sent to the job's page, which refreshes itself until the job
is done and then leads to the result. An app registers what to do with such a file in its
`AppConfig.ready()`:

    uploads.register(Reader("plans.import", read=read_plan_file,
                            result_url="plans:import_job", form_url="plans:plan_import"))

`read(data, filename, params)` returns the result (a JSON-able dict) or raises ExtractionError
or ValidationError, whose message its owner then sees; `result_url` names the app's view that
shows a finished job (it takes the job's pk), `form_url` the page to send another file.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core import extract
from ttdn.core.enums import UploadJobStatus
from ttdn.core.models import UploadJob
from ttdn.core.states import Flow, transition

log = logging.getLogger(__name__)

UPLOAD_JOB_FLOW = Flow(
    UploadJobStatus,
    {
        UploadJobStatus.QUEUED: {UploadJobStatus.RUNNING, UploadJobStatus.FAILED},
        UploadJobStatus.RUNNING: {UploadJobStatus.DONE, UploadJobStatus.FAILED},
    },
)


@dataclass(frozen=True)
class Reader:
    kind: str
    read: Callable[[bytes, str, dict[str, Any]], dict[str, Any]]
    result_url: str  # the view showing a finished job (takes pk)
    form_url: str  # the view to send another file


_readers: dict[str, Reader] = {}


def register(reader: Reader) -> None:
    _readers[reader.kind] = reader


def reader(kind: str) -> Reader:
    return _readers[kind]


def needs_worker(data: bytes, filename: str) -> bool:
    """Whether reading the file could hold a web request too long: a large file, or a PDF of
    many pages (counted from its page tree, which is quick)."""
    if len(data) > settings.UPLOAD_BACKGROUND_MB * extract.MB:
        return True
    if PurePath(filename).suffix.lower() != ".pdf":
        return False
    try:
        return extract.pdf_pages(data) > settings.UPLOAD_BACKGROUND_PAGES
    except extract.ExtractionError:
        return False  # the web request refuses it at once, with its message


@transaction.atomic
def queue_upload(
    kind: str, *, data: bytes, filename: str, by: Any, params: dict[str, Any] | None = None
) -> UploadJob:
    """Store the file privately and queue it for the worker once this transaction commits."""
    from ttdn.core.tasks import read_upload

    reader(kind)  # KeyError for a kind nobody registered: a programming error
    job = UploadJob(kind=kind, owner=by, filename=filename[:255], params=params or {})
    job.file.save(filename, ContentFile(data), save=False)
    job.save()
    transaction.on_commit(lambda: read_upload.enqueue(job.pk))
    return job


def run_job(pk: int) -> UploadJob:
    """Read a queued job's file with its reader and store the result or the refusal. Run by
    the worker; a job already taken is left alone (a task run twice reads the file once)."""
    with transaction.atomic():
        job = UploadJob.objects.select_for_update(of=("self",)).get(pk=pk)
        if job.status != UploadJobStatus.QUEUED:
            return job
        transition(job, flow=UPLOAD_JOB_FLOW, to=UploadJobStatus.RUNNING, by=job.owner)
    try:
        with default_storage.open(str(job.file.name), "rb") as stored:
            data = stored.read()
        job.result = reader(job.kind).read(data, job.filename, job.params)
        outcome, job.message = UploadJobStatus.DONE, ""
    except extract.ExtractionError as error:
        outcome, job.message = UploadJobStatus.FAILED, str(error)
    except ValidationError as error:
        outcome, job.message = UploadJobStatus.FAILED, " ".join(error.messages)
    except Exception:  # any other failure is a bug: logged, and the owner told plainly
        log.exception("upload job %s (%s) failed", job.pk, job.kind)
        outcome, job.message = UploadJobStatus.FAILED, _("The file could not be read.")
    _finish(job, outcome)
    return job


@transaction.atomic
def _finish(job: UploadJob, outcome: str) -> None:
    job.finished_at = timezone.now()
    name = str(job.file.name or "")
    job.file.name = ""  # the stored upload is not kept once read
    transition(job, flow=UPLOAD_JOB_FLOW, to=outcome, by=job.owner)
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def job_of(user: Any, pk: int, *, kind: str | None = None) -> UploadJob:
    """The user's own job (nobody else's, not even an operator's). Raises Http404."""
    found = UploadJob.objects.filter(pk=pk, owner_id=user.pk)
    if kind is not None:
        found = found.filter(kind=kind)
    job = found.first()
    if job is None:
        raise Http404
    return job


KEEP_JOBS = timedelta(days=7)


def prune(*, now: Any = None) -> int:
    """Delete jobs older than KEEP_JOBS (their results hold the text of a file) and any file one
    left behind (a job whose worker never came). Returns how many were deleted."""
    old = UploadJob.objects.filter(created_at__lt=(now or timezone.now()) - KEEP_JOBS)
    names = [name for name in old.values_list("file", flat=True) if name]
    count, _by_model = old.delete()
    transaction.on_commit(lambda: _delete_files(names))
    return count


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)
