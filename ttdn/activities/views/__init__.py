"""Screens of the activities app, split by entity (STYLE.md §23) and re-exported here."""

from ttdn.activities.views.activities import (
    activity_article,
    activity_create,
    activity_detail,
    activity_export,
    activity_import,
    activity_list,
    activity_move,
    activity_update,
    photo_add,
    photo_remove,
    plan_evidence,
)
from ttdn.activities.views.contests import (
    certificate,
    contest_create,
    contest_detail,
    contest_list,
    entry_add,
    level_add,
    result_advance,
    result_record,
)
from ttdn.activities.views.movements import movement_create, movement_detail, movement_list

__all__ = [
    "activity_article",
    "activity_create",
    "activity_detail",
    "activity_export",
    "activity_import",
    "activity_list",
    "activity_move",
    "activity_update",
    "certificate",
    "contest_create",
    "contest_detail",
    "contest_list",
    "entry_add",
    "level_add",
    "movement_create",
    "movement_detail",
    "movement_list",
    "photo_add",
    "photo_remove",
    "plan_evidence",
    "result_advance",
    "result_record",
]
