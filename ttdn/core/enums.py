"""Choices of the core models."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditAction(models.TextChoices):
    CREATE = "create", pgettext_lazy("audit action", "Created")
    UPDATE = "update", pgettext_lazy("audit action", "Updated")
    DELETE = "delete", pgettext_lazy("audit action", "Deleted")
    MOVE = "move", pgettext_lazy("audit action", "Moved")
    CLOSE = "close", pgettext_lazy("audit action", "Closed")
    LOGIN = "login", pgettext_lazy("audit action", "Signed in")
    LOGOUT = "logout", pgettext_lazy("audit action", "Signed out")
    LOGIN_FAILED = "login_failed", pgettext_lazy("audit action", "Sign-in failed")
    TOKEN_CREATE = "token_create", pgettext_lazy("audit action", "API token created")
    TOKEN_REVOKE = "token_revoke", pgettext_lazy("audit action", "API token revoked")
    TWO_FACTOR = "two_factor", pgettext_lazy("audit action", "Two-factor authentication set up")
    IMPORT = "import", pgettext_lazy("audit action", "Imported")


class JobOutcome(models.TextChoices):
    RUNNING = "running", _("Running")
    OK = "ok", _("Succeeded")
    FAILED = "failed", _("Failed")
