"""Heavy uploads go to the worker: a job row, a page that refreshes, the result when done."""

import io
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader, PdfWriter

from ttdn.core import uploads
from ttdn.core.enums import UploadJobStatus
from ttdn.core.models import UploadJob
from ttdn.core.storage import is_random
from ttdn.core.tasks import read_upload
from ttdn.core.tests import fixtures
from ttdn.documents.tests.files import image_pdf, text_pdf
from ttdn.plans.models import Plan
from ttdn.plans.tests.factories import SEED_000
from ttdn.plans.tests.test_views import signed_in

bearer = fixtures.bearer

CITING = "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ;"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.UPLOAD_BACKGROUND_PAGES = 3
    return tmp_path


def pdf_of_pages(pages: list[list[str]]) -> bytes:
    """A real PDF with one page per list of lines (blank lists make blank pages)."""
    writer = PdfWriter()
    for lines in pages:
        if lines:
            writer.append(PdfReader(io.BytesIO(text_pdf(lines))))
        else:
            writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def plan_pdf(pages: int) -> bytes:
    lines = [line for line in SEED_000.read_text().splitlines() if line.strip()]
    size = -(-len(lines) // pages)
    return pdf_of_pages([lines[i : i + size] for i in range(0, len(lines), size)])


def test_a_short_pdf_or_a_small_file_is_read_in_the_request(settings):
    assert [
        uploads.needs_worker(pdf_of_pages([[CITING]] * 3), "a.pdf"),
        uploads.needs_worker(pdf_of_pages([[CITING]] * 4), "a.pdf"),
        uploads.needs_worker(b"x" * 100, "a.txt"),
        uploads.needs_worker(b"x" * (2 * 1024 * 1024 + 1), "a.txt"),
        uploads.needs_worker(b"%PDF-broken", "a.pdf"),
    ] == [False, True, False, True, False]


def test_a_plan_pdf_of_many_pages_is_read_by_the_worker_then_previewed(
    client, cast, django_capture_on_commit_callbacks
):
    client = signed_in(client, cast.phong_officer)

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            reverse("plans:plan_import"),
            {"file": SimpleUploadedFile("ke-hoach.pdf", plan_pdf(pages=5))},
        )
    job = UploadJob.objects.get()
    waiting = client.get(sent.url)
    queued = DBTaskResult.objects.get(task_path=read_upload.module_path)
    stored = job.file.name
    with django_capture_on_commit_callbacks(execute=True):  # the stored upload goes on commit
        read_upload.call(job.pk)
    done = client.get(sent.url)
    preview = client.get(done.url)

    assert (sent.url, job.status, job.params) == (f"/account/uploads/{job.pk}/", "queued", {})
    assert waiting.status_code == 200
    assert b'http-equiv="refresh"' in waiting.content
    assert re.findall(rb"<script(?![^>]*\bsrc=)", waiting.content) == []  # no inline script
    assert queued.args_kwargs["args"] == [job.pk]
    assert [is_random(stored), stored.startswith("uploads/")] == [True, True]
    assert (done.status_code, done.url) == (302, f"/plans/import/{job.pk}/")
    assert (preview.status_code, Plan.objects.count()) == (200, 0)
    assert preview.context["parsed"].title.startswith("Công tác thông tin đối ngoại")
    assert default_storage.exists(stored) is False


def test_a_refused_file_shows_its_message_on_the_job_page(
    client, cast, django_capture_on_commit_callbacks
):
    client = signed_in(client, cast.phong_officer)
    scanned = PdfWriter()
    for _ in range(5):
        scanned.append(PdfReader(io.BytesIO(image_pdf())))
    out = io.BytesIO()
    scanned.write(out)

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            reverse("plans:plan_import"), {"file": SimpleUploadedFile("scan.pdf", out.getvalue())}
        )
    read_upload.call(UploadJob.objects.get().pk)
    page = client.get(sent.url)

    assert page.status_code == 200
    assert b'http-equiv="refresh"' not in page.content
    assert page.context["job"].status == UploadJobStatus.FAILED
    assert page.context["job"].message.startswith("The PDF has no text layer")


def test_nobody_else_sees_a_job(client, cast):
    job = uploads.queue_upload("documents.check", data=b"%PDF", filename="a.pdf", by=cast.teacher_a)
    statuses = []
    for user in (cast.outsider, cast.teacher_b, cast.operator):
        client.force_login(user)
        statuses += [
            client.get(f"/account/uploads/{job.pk}/").status_code,
            client.get(f"/library/check/{job.pk}/").status_code,
        ]

    assert statuses == [404] * 6


def test_a_job_is_read_once_even_if_its_task_runs_twice(cast):
    job = uploads.queue_upload(
        "documents.check", data=pdf_of_pages([[CITING]] * 4), filename="a.pdf",
        by=cast.teacher_a,
    )  # fmt: skip

    statuses = [read_upload.call(job.pk), read_upload.call(job.pk)]
    job.refresh_from_db()

    assert statuses == ["done", "done"]
    assert job.result == {"text": "\f".join([CITING] * 4)}


@pytest.mark.django_db(transaction=True)  # the worker manages its own connection
def test_the_worker_reads_a_large_file_for_the_citation_checker(client, cast):
    client = signed_in(client, cast.teacher_a)

    sent = client.post(
        "/library/check/", {"file": SimpleUploadedFile("bao-cao.pdf", pdf_of_pages([[CITING]] * 4))}
    )
    call_command("db_worker", "--batch", "--no-startup-delay")
    done = client.get(sent.url)
    result = client.get(done.url)

    assert (sent.status_code, done.url) == (302, f"/library/check/{UploadJob.objects.get().pk}/")
    assert [r.citation.number_symbol for r in result.context["results"]] == ["72/2015/NĐ-CP"] * 4


def test_old_jobs_and_the_files_they_left_are_pruned(cast, django_capture_on_commit_callbacks):
    old = uploads.queue_upload("documents.check", data=b"%PDF", filename="a.pdf", by=cast.teacher_a)
    new = uploads.queue_upload("documents.check", data=b"%PDF", filename="b.pdf", by=cast.teacher_a)
    UploadJob.objects.filter(pk=old.pk).update(created_at=old.created_at - uploads.KEEP_JOBS)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("prune_upload_jobs", stdout=io.StringIO())

    assert list(UploadJob.objects.values_list("pk", flat=True)) == [new.pk]
    assert [default_storage.exists(old.file.name), default_storage.exists(new.file.name)] == [
        False,
        True,
    ]


def test_a_heavy_plan_sent_through_the_api_is_read_and_saved_by_the_worker(
    client, cast, bearer, django_capture_on_commit_callbacks
):
    headers = bearer(cast.phong_officer)
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            "/api/v1/plans/import",
            {
                "file": SimpleUploadedFile("ke-hoach.pdf", plan_pdf(pages=5)),
                "save": "true",
                "unit": cast.phong.code,
            },
            **headers,
        )
    queued = sent.json()
    waiting = client.get(queued["url"], **headers).json()
    outsider = client.get(queued["url"], **bearer(cast.outsider))
    with django_capture_on_commit_callbacks(execute=True):
        read_upload.call(queued["job"])
    done = client.get(queued["url"], **headers).json()

    assert sent.status_code == 202
    assert (queued["status"], queued["result"]) == ("queued", None)
    assert waiting["status"] == "queued"
    assert outsider.status_code == 404
    assert done["status"] == "done"
    assert done["result"]["title"].startswith("Công tác thông tin đối ngoại")
    assert "text" not in done["result"]
    saved = Plan.objects.get()
    assert (done["result"]["id"], saved.unit) == (saved.pk, cast.phong)
