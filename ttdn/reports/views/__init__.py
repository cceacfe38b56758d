"""Screens of periodic reports: rounds, a report to fill in and review, unlocks, the
consolidation and completeness of a round, forms, and Excel."""

from ttdn.reports.views.consolidation import completeness, consolidation
from ttdn.reports.views.excel import consolidation_export, excel_template, excel_upload
from ttdn.reports.views.forms import (
    form_create,
    form_detail,
    form_list,
    form_preview,
    form_update,
    indicator_create,
    indicator_move,
    indicator_remove,
    indicator_update,
    rule_add,
    rule_remove,
    section_add,
    section_move,
    section_remove,
    section_update,
)
from ttdn.reports.views.rounds import round_create, round_detail, round_list
from ttdn.reports.views.submissions import (
    submission_approve,
    submission_detail,
    submission_issue,
    submission_print,
    submission_return,
    submission_save,
    submission_start,
    unlock_decide,
    unlock_request,
)

__all__ = [
    "completeness",
    "consolidation",
    "consolidation_export",
    "excel_template",
    "excel_upload",
    "form_create",
    "form_detail",
    "form_list",
    "form_preview",
    "form_update",
    "indicator_create",
    "indicator_move",
    "indicator_remove",
    "indicator_update",
    "round_create",
    "round_detail",
    "round_list",
    "rule_add",
    "rule_remove",
    "section_add",
    "section_move",
    "section_remove",
    "section_update",
    "submission_approve",
    "submission_detail",
    "submission_issue",
    "submission_print",
    "submission_return",
    "submission_save",
    "submission_start",
    "unlock_decide",
    "unlock_request",
]
