"""What /metrics tells Prometheus (ADR 0015).

Two sources, each where it is exact with any number of processes and machines:
- requests answered, counted by each web process as it answers (RequestMetricsMiddleware); with
  several processes they write their counts to files in settings.METRICS_DIR that the scrape
  sums (prometheus_client's multiprocess mode);
- background tasks, their queue and the scheduled jobs' runs, counted in the database at scrape
  time: they are recorded there already, by whichever process ran them.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count, Max
from django.http import HttpRequest
from django_tasks_db.models import DBTaskResult
from prometheus_client import CollectorRegistry, Counter, disable_created_metrics, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from ttdn.core import taskqueue
from ttdn.core.enums import JobOutcome
from ttdn.core.models import JobRun

# Methods outside these are counted as "other": a client cannot create label values at will.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

disable_created_metrics()  # the same series whether or not the processes share a directory
_this_process = CollectorRegistry(auto_describe=True)
REQUESTS = Counter(
    "ttdn_http_requests",
    "HTTP requests answered, by view (URL name; empty when no URL matched), method and status",
    ["view", "method", "status"],
    registry=_this_process,
)


def count_request(*, view: str, method: str, status: int) -> None:
    REQUESTS.labels(view, method if method in METHODS else "other", str(status)).inc()


def authorised(request: HttpRequest) -> bool:
    """The request carries settings.METRICS_TOKEN as its bearer token (compared in constant
    time). Without a configured token nobody is."""
    expected = settings.METRICS_TOKEN
    scheme, _space, given = request.headers.get("Authorization", "").partition(" ")
    if not expected or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


def exposition() -> bytes:
    """Every metric in Prometheus's text format."""
    registry = CollectorRegistry(auto_describe=True)
    if settings.METRICS_DIR:
        MultiProcessCollector(registry, path=settings.METRICS_DIR)
    else:
        registry.register(REQUESTS)  # this process's own counts: it is the only web process
    registry.register(DatabaseCollector())
    return generate_latest(registry)


def task_counts() -> dict[tuple[str, str], int]:
    """Tasks recorded by the backend, per (task, status): finished ones are pruned after 30 days
    (the prune_task_results job), so these are gauges, not counters."""
    rows = DBTaskResult.objects.values_list("task_path", "status").annotate(n=Count("id"))
    return {(task, status): n for task, status, n in rows}


class DatabaseCollector(Collector):
    def collect(self) -> Iterator[Metric]:
        tasks = GaugeMetricFamily(
            "ttdn_tasks",
            "Background tasks recorded in the last 30 days, by task and status "
            "(READY, RUNNING, SUCCESSFUL, FAILED)",
            labels=["task", "status"],
        )
        for (task, status), n in sorted(task_counts().items()):
            tasks.add_metric([task, status], n)
        yield tasks
        depth = GaugeMetricFamily(
            "ttdn_task_queue_depth", "Tasks waiting for a worker, by queue", labels=["queue"]
        )
        for queue, n in sorted(taskqueue.queue_depths().items()):
            depth.add_metric([queue], n)
        yield depth
        yield from self.job_runs()

    def job_runs(self) -> Iterator[Metric]:
        runs = GaugeMetricFamily(
            "ttdn_job_runs",
            "Runs of the scheduled jobs ever recorded, by job and outcome (running, ok, failed)",
            labels=["job", "outcome"],
        )
        for job, outcome, n in (
            JobRun.objects.values_list("job", "outcome").annotate(n=Count("id")).order_by("job")
        ):
            runs.add_metric([job, outcome], n)
        yield runs
        last = GaugeMetricFamily(
            "ttdn_job_last_success_timestamp_seconds",
            "When each scheduled job last finished without error (Unix time)",
            labels=["job"],
        )
        succeeded = JobRun.objects.filter(outcome=JobOutcome.OK, finished_at__isnull=False)
        for job, finished in succeeded.values_list("job").annotate(at=Max("finished_at")):
            last.add_metric([job], finished.timestamp())
        yield last
