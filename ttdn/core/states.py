"""State machines: one shape for every status that moves.

An app declares the allowed moves beside its enum, in `enums.py`:

    ARTICLE_FLOW = Flow(ArticleStatus, {
        ArticleStatus.DRAFT: {ArticleStatus.IN_REVIEW},
        ArticleStatus.IN_REVIEW: {ArticleStatus.DRAFT, ArticleStatus.PUBLISHED},
    })

and one service function per machine calls `transition(obj, flow=ARTICLE_FLOW, to=…, by=…)`,
the only code that assigns the status: it checks the table, assigns, saves and audits the move.
Work that must happen between the check and the save (moving roll-ups) goes in `on_move`,
inside the caller's transaction. Every refusal is an `InvalidTransition`, which views show
through `core.feedback.attempt`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from ttdn.core import audit
from ttdn.core.enums import AuditAction


class InvalidTransition(ValidationError):
    """The object cannot move to that state from where it is, or a condition of the move fails."""


@dataclass(frozen=True)
class Flow:
    """The allowed moves of one state machine: {state: states it may go to}."""

    states: type[models.TextChoices]
    table: Mapping[str, Iterable[str]]
    _moves: dict[str, frozenset[str]] = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        moves = {str(s): frozenset(str(t) for t in ts) for s, ts in self.table.items()}
        object.__setattr__(self, "_moves", moves)

    def targets(self, source: str) -> frozenset[str]:
        return self._moves.get(str(source), frozenset())

    def allows(self, source: str, target: str) -> bool:
        return str(target) in self.targets(source)

    def label(self, state: str) -> str:
        return str(self.states(state).label)

    def check(self, source: str, target: str) -> None:
        """Raise InvalidTransition unless the table allows source → target."""
        if not self.allows(source, target):
            raise InvalidTransition(
                _("This cannot go from “%(source)s” to “%(target)s”.")
                % {"source": self.label(source), "target": self.label(target)}
            )


def transition(
    obj: models.Model,
    *,
    flow: Flow,
    to: str,
    by: Any,
    field: str = "status",
    changes: dict[str, Any] | None = None,
    unit_id: int | None = None,
    on_move: Callable[[str, str], None] | None = None,
) -> str:
    """Move `obj` to `to`: check the flow, run `on_move(source, to)`, save, audit.

    The one place a status is assigned. Returns the state it left. Raises InvalidTransition
    (and nothing is changed) when the flow does not allow the move. Call it inside the
    service's transaction, so the save, the side effects and the audit entry stand or fall
    together.
    """
    source = str(getattr(obj, field))
    flow.check(source, to)
    if on_move is not None:
        on_move(source, str(to))
    setattr(obj, field, to)
    obj.save()
    audit.record(
        AuditAction.UPDATE,
        obj,
        by=by,
        unit_id=unit_id,
        changes={field: [source, str(to)], **(changes or {})},
    )
    return source
