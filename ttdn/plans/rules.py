"""Who may do what with plans. Built on core.access only."""

from __future__ import annotations

from typing import Any

from ttdn.content.models import Article
from ttdn.core import access
from ttdn.org.enums import Role
from ttdn.org.models import Unit
from ttdn.plans.models import Plan, PlanSubmission, PlanTask


def can_write(user: Any, unit: Unit) -> bool:
    """Leaders and officers of the unit (or above it) write and import its plans."""
    return access.can_act_for(user, unit)


def can_edit(user: Any, plan: Plan) -> bool:
    return plan.is_draft and access.can_act_for(user, plan.unit)


def can_issue(user: Any, plan: Plan) -> bool:
    """Leaders and officers of the plan's unit issue it (the register numbers it)."""
    return access.can_act_for(user, plan.unit)


def can_submit(user: Any, submission: PlanSubmission) -> bool:
    """The required unit's leaders and officers start and submit its plan."""
    return access.can_act_for(user, submission.unit)


def can_review(user: Any, submission: PlanSubmission) -> bool:
    """The requesting unit's leaders and officers return, accept and remind."""
    return access.can_act_for(user, submission.requesting_plan.unit)


def can_see_board(user: Any, plan: Plan) -> bool:
    """The board shows every required unit's standing: for the issuing unit and those above it,
    not for the units it requires (a school does not see its peers)."""
    return access.can_see_unit(user, plan.unit)


def can_track(user: Any, task: PlanTask) -> bool:
    """Leaders and officers of the plan's unit (or above it) record progress and evidence."""
    return access.can_act_for(user, task.plan.unit)


def can_link_article(user: Any, task: PlanTask, article: Article) -> bool:
    """An article may prove a task when the person tracks the task and writes for the article's
    unit, which lies in the plan unit's subtree (a school's news proves its office's task)."""
    unit = article.site.unit
    return (
        can_track(user, task)
        and unit.path.startswith(task.plan.unit.path)
        and access.can_act_for(user, unit, access.EDITING_ROLES)
    )


def can_withdraw(user: Any, plan: Plan) -> bool:
    """Leaders of the plan's unit (or above it) withdraw what it issued, as they sign it."""
    return access.can_act_for(user, plan.unit, {Role.LEADER})
