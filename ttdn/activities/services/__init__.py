"""Writes of the activities app (STYLE.md §4), split by entity and re-exported here. Each is
atomic and audited; `transition_activity` alone moves an activity's status."""

from ttdn.activities.services.activities import (
    add_photo,
    attach_file,
    draft_article,
    record_activity,
    remove_photo,
    transition_activity,
    update_activity,
)
from ttdn.activities.services.contests import (
    add_level,
    enter_contest,
    issue_certificate,
    organise_contest,
    publish_results,
    reached_rank,
    record_result,
    round_of,
    set_advancement,
)
from ttdn.activities.services.movements import launch_movement, register_unit

__all__ = [
    "add_level",
    "add_photo",
    "attach_file",
    "draft_article",
    "enter_contest",
    "issue_certificate",
    "launch_movement",
    "organise_contest",
    "publish_results",
    "reached_rank",
    "record_activity",
    "record_result",
    "register_unit",
    "remove_photo",
    "round_of",
    "set_advancement",
    "transition_activity",
    "update_activity",
]
