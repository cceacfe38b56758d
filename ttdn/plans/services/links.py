"""Portal articles linked to plan tasks as evidence or result. Atomic and audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.content.models import Article
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.plans import rules
from ttdn.plans.enums import TaskLinkKind
from ttdn.plans.models import PlanTask, TaskArticle


@transaction.atomic
def link_article(task: PlanTask, article: Article, *, kind: str, by: Any) -> TaskArticle:
    """Link an article of a unit the person acts for to the task.

    Raises PermissionDenied unless the person may track the task and write for the article's
    unit inside the plan unit's subtree; ValidationError when the link already exists.
    """
    if not rules.can_link_article(by, task, article):
        raise PermissionDenied(_("You may not link this article to this task."))
    if TaskArticle.objects.filter(task=task, article=article).exists():
        raise ValidationError(_("This article is already linked to the task."))
    link = TaskArticle.objects.create(
        task=task, article=article, kind=TaskLinkKind(kind), linked_by=by
    )
    audit.record(AuditAction.CREATE, link, by=by, unit_id=task.plan.unit_id)
    return link


@transaction.atomic
def unlink_article(link: TaskArticle, *, by: Any) -> None:
    """Remove the link (the article itself stays). Raises PermissionDenied."""
    if not rules.can_track(by, link.task):
        raise PermissionDenied(_("You may not change this task."))
    audit.record(AuditAction.DELETE, link, by=by, unit_id=link.task.plan.unit_id)
    link.delete()
