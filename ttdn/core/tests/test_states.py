import pytest
from django.utils import translation

from ttdn.core.enums import AuditAction, JobOutcome
from ttdn.core.models import AuditEntry, JobRun
from ttdn.core.states import Flow, InvalidTransition, transition

JOB_FLOW = Flow(JobOutcome, {JobOutcome.RUNNING: {JobOutcome.OK, JobOutcome.FAILED}})


def test_flow_allows_only_the_moves_in_its_table():
    assert JOB_FLOW.allows(JobOutcome.RUNNING, JobOutcome.OK)
    assert not JOB_FLOW.allows(JobOutcome.OK, JobOutcome.RUNNING)
    assert not JOB_FLOW.allows(JobOutcome.FAILED, JobOutcome.OK)


def test_flow_refusal_names_both_states_in_the_users_words():
    with translation.override("en"), pytest.raises(InvalidTransition) as refused:
        JOB_FLOW.check(JobOutcome.OK, JobOutcome.FAILED)

    assert refused.value.messages == ["This cannot go from “Succeeded” to “Failed”."]


def test_transition_saves_the_state_and_audits_the_move(cast):
    run = JobRun.objects.create(job="demo")
    seen = []

    left = transition(
        run,
        flow=JOB_FLOW,
        to=JobOutcome.OK,
        by=cast.operator,
        field="outcome",
        on_move=lambda source, target: seen.append((source, target)),
    )

    entry = AuditEntry.objects.get(object_type="core.JobRun")
    assert (left, JobRun.objects.get().outcome, seen) == ("running", "ok", [("running", "ok")])
    assert (entry.action, entry.actor, entry.changes) == (
        AuditAction.UPDATE,
        cast.operator,
        {"outcome": ["running", "ok"]},
    )


def test_transition_refused_changes_nothing(cast):
    run = JobRun.objects.create(job="demo", outcome=JobOutcome.OK)

    with pytest.raises(InvalidTransition):
        transition(run, flow=JOB_FLOW, to=JobOutcome.FAILED, by=cast.operator, field="outcome")

    assert (
        JobRun.objects.get().outcome,
        AuditEntry.objects.filter(object_type="core.JobRun").count(),
    ) == ("ok", 0)
