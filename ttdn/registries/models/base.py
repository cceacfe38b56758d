"""What every registry record shares: it belongs to a unit, and access follows that unit."""

from __future__ import annotations

from typing import Any, Self

from django.db import models

from ttdn.core import access


class UnitOwnedQuerySet(models.QuerySet[Any]):
    """Records of a unit: read by whoever sees the unit (its subtree's holders and those above),
    written by its leaders and officers (or those of a unit above)."""

    def visible_to(self, user: Any) -> Self:
        return self.filter(unit__in=access.visible_unit_ids(user))

    def editable_by(self, user: Any) -> Self:
        return self.filter(
            unit__in=access.supervised_units(user, access.WRITING_ROLES).values("pk")
        )

    def in_subtree(self, path: str) -> Self:
        return self.filter(unit__path__under=path)


def max_length(choices: type[models.TextChoices]) -> int:
    return max(len(value) for value in choices.values)
