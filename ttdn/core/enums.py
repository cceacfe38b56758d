"""Choices of the core models."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditAction(models.TextChoices):
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DELETE = "delete", _("Deleted")
    MOVE = "move", _("Moved")
    CLOSE = "close", _("Closed")
    LOGIN = "login", _("Signed in")
    LOGOUT = "logout", _("Signed out")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    TOKEN_CREATE = "token_create", _("API token created")
    TOKEN_REVOKE = "token_revoke", _("API token revoked")
    TWO_FACTOR = "two_factor", _("Two-factor authentication set up")
    IMPORT = "import", _("Imported")
    EXPORT = "export", _("Exported")


class JobOutcome(models.TextChoices):
    RUNNING = "running", _("Running")
    OK = "ok", _("Succeeded")
    FAILED = "failed", _("Failed")


class UploadJobStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("upload job status", "Waiting for the worker")
    RUNNING = "running", pgettext_lazy("upload job status", "Being read")
    DONE = "done", pgettext_lazy("upload job status", "Done")
    FAILED = "failed", pgettext_lazy("upload job status", "Failed")
