"""Writes of the reports app (STYLE.md §4), split by entity and re-exported here: forms and their
versions, rounds, a unit's report, the daily digest's lines. Each write is atomic and audited."""

from ttdn.reports.services.errors import (
    Locked,
    RoundInvalid,
)
from ttdn.reports.services.forms import (
    add_indicator,
    add_rule,
    add_section,
    categories_from_lines,
    create_form,
    editable_version,
    latest_version,
    move_indicator,
    move_section,
    remove_indicator,
    remove_rule,
    remove_section,
    rename_section,
    update_form,
    update_indicator,
)
from ttdn.reports.services.reminders import (
    mark_reminded,
    reminder_batch,
)
from ttdn.reports.services.rounds import (
    expected_units,
    open_round,
)
from ttdn.reports.services.submissions import (
    approve_submission,
    current_values,
    grant_unlock,
    is_editable,
    issue_report,
    refuse_unlock,
    request_unlock,
    return_submission,
    save_values,
    start_from_consolidation,
    submit_submission,
)

__all__ = [
    "Locked",
    "RoundInvalid",
    "add_indicator",
    "add_rule",
    "add_section",
    "approve_submission",
    "categories_from_lines",
    "create_form",
    "current_values",
    "editable_version",
    "expected_units",
    "grant_unlock",
    "is_editable",
    "issue_report",
    "latest_version",
    "mark_reminded",
    "move_indicator",
    "move_section",
    "open_round",
    "refuse_unlock",
    "reminder_batch",
    "remove_indicator",
    "remove_rule",
    "remove_section",
    "rename_section",
    "request_unlock",
    "return_submission",
    "save_values",
    "start_from_consolidation",
    "submit_submission",
    "update_form",
    "update_indicator",
]
