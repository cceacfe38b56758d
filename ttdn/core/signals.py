"""Sign-ins, sign-outs and failed attempts go to the audit log."""

from typing import Any

from django.contrib.auth import signals
from django.dispatch import receiver
from django.http import HttpRequest

from ttdn.core import audit
from ttdn.core.enums import AuditAction


@receiver(signals.user_logged_in)
def audit_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit.record(AuditAction.LOGIN, by=user, object_repr=user.get_username())


@receiver(signals.user_logged_out)
def audit_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record(AuditAction.LOGOUT, by=user, object_repr=user.get_username())


@receiver(signals.user_login_failed)
def audit_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
) -> None:
    name = str(credentials.get("username", ""))[:150]
    audit.record(AuditAction.LOGIN_FAILED, object_repr=name)
