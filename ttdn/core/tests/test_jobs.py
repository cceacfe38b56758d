from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from ttdn.core import jobs
from ttdn.core.enums import JobOutcome
from ttdn.core.models import JobRun, WorkerHeartbeat
from ttdn.core.tasks import heartbeat

CORE_JOBS = ("clear_sessions", "heartbeat", "prune_task_results", "prune_upload_jobs")


def test_scheduler_once_runs_every_due_job_and_records_it(db):
    call_command("scheduler", "--once")

    assert sorted(JobRun.objects.values_list("job", "outcome")) == [
        (job.name, "ok") for job in jobs.registered()
    ]


def test_core_registers_its_jobs(db):
    assert [job.name for job in jobs.registered() if job.name in CORE_JOBS] == list(CORE_JOBS)


def test_scheduler_twice_does_not_rerun_jobs_that_are_not_due(db):
    call_command("scheduler", "--once")

    call_command("scheduler", "--once")

    assert JobRun.objects.count() == len(jobs.registered())


def test_job_is_due_again_after_its_interval(db):
    job = jobs.get("clear_sessions")
    JobRun.objects.create(job=job.name, started_at=timezone.now() - timedelta(days=1, minutes=1))

    assert jobs.is_due(job) is True


def test_failing_job_is_recorded_with_its_output(db):
    job = jobs.Job("broken", "import_units", timedelta(hours=1), "test", ("/nonexistent.csv",))

    run = jobs.run(job)

    assert run.outcome == JobOutcome.FAILED
    assert "No such file" in run.output_tail or "Không có tệp" in run.output_tail
    assert run.finished_at is not None


def test_run_job_unknown_name_names_the_known_jobs(db):
    known = ", ".join(job.name for job in jobs.registered())

    with pytest.raises(CommandError, match=f"known jobs: {known}$"):
        call_command("run_job", "nope")


@pytest.mark.django_db(transaction=True)  # the worker manages its own connection
def test_worker_runs_the_queued_heartbeat():
    call_command("enqueue_heartbeat")

    call_command("db_worker", "--batch", "--no-startup-delay")

    assert WorkerHeartbeat.objects.count() == 1


def test_enqueue_heartbeat_twice_queues_one_task(db):
    call_command("enqueue_heartbeat")
    call_command("enqueue_heartbeat")

    assert DBTaskResult.objects.filter(task_path=heartbeat.module_path).count() == 1


def test_healthz_reports_database_migrations_and_heartbeat_age(db, client):
    WorkerHeartbeat.objects.create(worker="w1", seen_at=timezone.now() - timedelta(seconds=30))

    body = client.get("/healthz").json()

    assert body["status"] == "ok"
    assert body["database"]
    assert body["migrations"]
    assert 29 <= body["worker_heartbeat_age_s"] < 60


def test_healthz_without_worker_has_no_age(db, client):
    assert client.get("/healthz").json()["worker_heartbeat_age_s"] is None


def test_jobs_page_only_for_operators(cast, client):
    client.force_login(cast.so_leader)

    assert client.get("/ops/jobs/").status_code == 403


def test_jobs_page_lists_last_runs(cast, client):
    call_command("scheduler", "--once")
    client.force_login(cast.operator)

    response = client.get("/ops/jobs/")

    assert [(s.job.name, s.last_run.outcome) for s in response.context["statuses"]] == [
        (job.name, "ok") for job in jobs.registered()
    ]
