"""Writes of the plans app (STYLE.md §4), split by concern and re-exported here."""

from ttdn.plans.services.cascade import (
    accept_submission,
    mark_reminded,
    remind_units,
    reminder_batch,
    return_submission,
    start_plan,
    submit_plan,
)
from ttdn.plans.services.links import link_article, unlink_article
from ttdn.plans.services.plans import (
    PLAN_FIELDS,
    add_task,
    issue_plan,
    new_version,
    save_imported,
    transition_plan,
    transition_submission,
    update_plan,
    update_section,
    update_task,
    withdraw_plan,
    withdraw_with_document,
)

__all__ = [
    "PLAN_FIELDS",
    "accept_submission",
    "add_task",
    "issue_plan",
    "link_article",
    "mark_reminded",
    "new_version",
    "remind_units",
    "reminder_batch",
    "return_submission",
    "save_imported",
    "start_plan",
    "submit_plan",
    "transition_plan",
    "transition_submission",
    "unlink_article",
    "update_plan",
    "update_section",
    "update_task",
    "withdraw_plan",
    "withdraw_with_document",
]
