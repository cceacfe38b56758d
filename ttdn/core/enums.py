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
    EXPORT = "export", pgettext_lazy("audit action", "Exported")


class SubmissionStep:
    """The steps both submission machines share: a unit's plan answering a plan
    (`plans.SubmissionStatus`) and a unit's report in a round (`reports.SubmissionStatus`).
    Each app's statuses take these members, so a unit reads one value and one word for the
    same step; what differs stays each app's own ("not started" and "accepted" for plans,
    "approved" and locked for reports, which DESIGN.md keeps apart)."""

    DRAFT = "draft", pgettext_lazy("submission status", "Draft")
    SUBMITTED = "submitted", pgettext_lazy("submission status", "Submitted")
    RETURNED = "returned", pgettext_lazy("submission status", "Returned")


class JobOutcome(models.TextChoices):
    RUNNING = "running", _("Running")
    OK = "ok", _("Succeeded")
    FAILED = "failed", _("Failed")


class UploadJobStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("upload job status", "Waiting for the worker")
    RUNNING = "running", pgettext_lazy("upload job status", "Being read")
    DONE = "done", pgettext_lazy("upload job status", "Done")
    FAILED = "failed", pgettext_lazy("upload job status", "Failed")
