"""Who may do what with rounds and reports. Built on core.access only."""

from __future__ import annotations

from typing import Any

from ttdn.core import access
from ttdn.org.models import Unit
from ttdn.reports.models import ReportForm, Round, Submission


def can_open_round(user: Any, unit: Unit) -> bool:
    """Leaders and officers of the unit (or above it) open rounds for it."""
    return access.can_act_for(user, unit)


def can_fill(user: Any, submission: Submission) -> bool:
    """Leaders and officers of the reporting unit, or of a unit above it entering on its behalf."""
    return access.can_act_for(user, submission.unit)


def can_review(user: Any, submission: Submission) -> bool:
    """Leaders and officers of the reviewing unit (or above it) approve, return and unlock."""
    return access.can_act_for(user, submission.reviewer)


def can_manage(user: Any, round_: Round) -> bool:
    return access.can_act_for(user, round_.owner)


def can_see_consolidation(user: Any, unit: Unit) -> bool:
    return access.can_see_unit(user, unit)


def can_issue(user: Any, submission: Submission) -> bool:
    """Leaders and officers of the reporting unit itself number its report in its register."""
    return access.units_with_role(user, access.WRITING_ROLES).filter(pk=submission.unit_id).exists()


def can_issue_for(user: Any, unit: Unit) -> bool:
    """Leaders and officers of the unit itself number its consolidated report in its register."""
    return access.units_with_role(user, access.WRITING_ROLES).filter(pk=unit.pk).exists()


def can_create_form(user: Any, unit: Unit) -> bool:
    """Leaders and officers of a unit (or above it) make its forms."""
    return access.can_act_for(user, unit)


def can_edit_form(user: Any, form: ReportForm) -> bool:
    """Leaders and officers of the owning unit (or above it) edit its forms."""
    return access.can_act_for(user, form.owner)
