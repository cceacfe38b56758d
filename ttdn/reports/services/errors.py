"""What the reports services raise."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class InvalidTransition(Exception):
    """The submission cannot move to that state from where it is."""


class Locked(PermissionDenied):
    """The submission cannot be changed now: submitted and waiting, approved, or past closing."""


class RoundInvalid(ValueError):
    """The round cannot be opened as asked."""
