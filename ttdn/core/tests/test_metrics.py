"""/metrics: Prometheus's text format, only for the bearer of TTDN_METRICS_TOKEN, with counts
that follow real requests, real task runs and job runs, summed over processes (ADR 0015)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from prometheus_client.parser import text_string_to_metric_families

from ttdn.core import jobs
from ttdn.core.tasks import heartbeat, read_upload

TOKEN = "a-long-random-token-for-prometheus"
AUTH = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}
REPO = Path(__file__).resolve().parents[3]


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN


def scrape(client) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of the scrape: (name, labels) → value."""
    response = client.get("/metrics", **AUTH)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def requests(samples, view, status, method="GET"):
    labels = frozenset({"view": view, "method": method, "status": str(status)}.items())
    return samples.get(("ttdn_http_requests_total", labels), 0)


def test_requests_are_counted_by_view_method_and_status(db, client, token):
    before = scrape(client)

    client.get("/healthz")
    client.get("/healthz")
    client.get("/")  # sent to sign in
    client.post("/healthz")  # GET only
    client.get("/static/no/such/file.css")  # no URL matches
    after = scrape(client)

    assert [
        requests(after, view, status, method) - requests(before, view, status, method)
        for view, status, method in [
            ("healthz", 200, "GET"),
            ("home", 302, "GET"),
            ("healthz", 405, "POST"),
            ("", 404, "GET"),
            ("metrics", 200, "GET"),  # the first scrape itself
        ]
    ] == [2, 1, 1, 1, 1]


@pytest.mark.django_db(transaction=True)  # the worker manages its own connection
def test_task_runs_failures_and_queue_depth_follow_a_real_worker(client, token):
    heartbeat.enqueue()
    read_upload.enqueue(987654)  # no such upload: the task fails
    queued = scrape(client)

    call_command("db_worker", "--batch", "--no-startup-delay")
    ran = scrape(client)

    def tasks(samples, task, status):
        labels = frozenset({"task": task.module_path, "status": status}.items())
        return samples.get(("ttdn_tasks", labels), 0)

    depth = ("ttdn_task_queue_depth", frozenset({"queue": "default"}.items()))
    # The failed call waits for its retry (core.taskqueue.RETRY_DELAYS): still one in the queue.
    assert (queued[depth], ran[depth]) == (2, 1)
    assert (tasks(queued, heartbeat, "READY"), tasks(queued, read_upload, "READY")) == (1, 1)
    assert (tasks(ran, heartbeat, "SUCCESSFUL"), tasks(ran, read_upload, "FAILED")) == (1, 1)
    assert (tasks(ran, heartbeat, "READY"), tasks(ran, read_upload, "READY")) == (0, 1)


def test_job_runs_by_outcome_and_last_success(db, client, token):
    before = scrape(client)

    run = jobs.run(jobs.get("heartbeat"))
    after = scrape(client)

    ok = ("ttdn_job_runs", frozenset({"job": "heartbeat", "outcome": "ok"}.items()))
    last = ("ttdn_job_last_success_timestamp_seconds", frozenset({"job": "heartbeat"}.items()))
    assert (before.get(ok, 0), after[ok]) == (0, 1)
    assert (last in before, after[last]) == (False, run.finished_at.timestamp())


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_AUTHORIZATION": "Bearer wrong-token"},
        {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}x"},
        {"HTTP_AUTHORIZATION": f"Basic {TOKEN}"},
        {"HTTP_AUTHORIZATION": TOKEN},
    ],
)
def test_without_the_token_there_is_nothing(db, client, token, headers):
    response = client.get("/metrics", **headers)

    assert response.status_code == 404
    assert b"ttdn_" not in response.content


def test_without_a_configured_token_nobody_gets_metrics(db, client, settings):
    settings.METRICS_TOKEN = ""

    responses = [client.get("/metrics"), client.get("/metrics", HTTP_AUTHORIZATION="Bearer ")]

    assert [r.status_code for r in responses] == [404, 404]


def test_counts_of_several_processes_are_summed(db, client, token, settings, tmp_path):
    """Gunicorn's workers are processes: each writes its counts into TTDN_METRICS_DIR
    (prometheus_client's multiprocess mode) and a scrape by any of them sums them all."""
    code = (
        "import django; django.setup();"
        "from ttdn.core import metrics;"
        "[metrics.count_request(view='reports:consolidation', method='GET', status=200)"
        " for _ in range(int(__import__('sys').argv[1]))]"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ttdn.settings_test",
        "TTDN_METRICS_DIR": str(tmp_path),
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    for count in (3, 4):
        subprocess.run([sys.executable, "-c", code, str(count)], env=env, cwd=REPO, check=True)
    settings.METRICS_DIR = str(tmp_path)

    samples = scrape(client)

    assert len(list(tmp_path.glob("counter_*.db"))) == 2
    assert requests(samples, "reports:consolidation", 200) == 7
