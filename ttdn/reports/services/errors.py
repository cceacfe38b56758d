"""What the reports services raise."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied


class Locked(PermissionDenied):
    """The submission cannot be changed now: submitted and waiting, approved, or past closing."""


class RoundInvalid(ValueError):
    """The round cannot be opened as asked."""
