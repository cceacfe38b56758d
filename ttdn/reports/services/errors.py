"""What the reports services raise."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied


class Locked(PermissionDenied):
    """The submission cannot be changed now: submitted and waiting, approved, or past closing."""


class RoundInvalid(ValueError):
    """The round cannot be opened as asked."""


class RoundCovered(RoundInvalid):
    """Units asked already report on the form for the period in another open round."""

    def __init__(self, message: str, covered: list[Any]) -> None:
        super().__init__(message)
        self.covered = covered
