"""What units and accounts put on a person's "Việc cần làm"."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp import user_has_device

from ttdn.core import access
from ttdn.core.todo import TodoItem


def items(user: Any) -> list[TodoItem]:
    """Leaders and operators without two-factor authentication are asked to set it up."""
    if not access.needs_two_factor(user) or user_has_device(user):
        return []
    return [
        TodoItem(
            title=_("Set up two-factor authentication"),
            url=reverse("two_factor_setup"),
            detail=_(
                "You approve and sign for your unit; protect your account with a code from your phone."
            ),
            urgent=settings.REQUIRE_2FA,
        )
    ]
