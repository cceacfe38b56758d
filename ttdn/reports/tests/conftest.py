from __future__ import annotations

import pytest
from django.utils import translation

from ttdn.core.tests import fixtures
from ttdn.reports import services
from ttdn.reports.models import Submission
from ttdn.reports.tests.factories import PHONG_VALUES, open_round, report_form

at = fixtures.at
bearer = fixtures.bearer
replica_router = fixtures.replica_router


@pytest.fixture(autouse=True)
def english():
    """Messages are asserted by their English msgids."""
    with translation.override("en"):
        yield


@pytest.fixture
def form(cast):
    return report_form(cast.phong, cast.phong_officer)


@pytest.fixture
def round_(cast, form):
    return open_round(cast.phong, cast.phong_officer, form)


@pytest.fixture
def phong_report(cast, at):
    """The Phòng's own report to the Sở, filled in."""
    form = report_form(cast.so, cast.so_leader, code="so-6-thang")
    round_ = open_round(cast.so, cast.so_leader, form, levels=["district"])
    submission = Submission.objects.get(round=round_, unit=cast.phong)
    at(2026, 4, 25)
    services.save_values(submission, PHONG_VALUES, by=cast.phong_officer)
    return submission


@pytest.fixture
def upload_template(client, django_capture_on_commit_callbacks):
    """Send a filled template as the signed-in person, let the worker read it, and return
    (the page the upload led to, the page of the finished job)."""
    from django.urls import reverse

    from ttdn.core.models import UploadJob
    from ttdn.core.tasks import read_upload

    def send(round_, file):
        with django_capture_on_commit_callbacks(execute=True):
            sent = client.post(reverse("reports:excel_upload", args=[round_.pk]), {"file": file})
        job = UploadJob.objects.order_by("-pk").first()
        with django_capture_on_commit_callbacks(execute=True):
            read_upload.call(job.pk)
        return sent, client.get(reverse("reports:excel_upload_job", args=[job.pk]))

    return send
