"""Password rules in the person's language."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with its message in Vietnamese: Django 5.2 changed the message's msgid to a
    `%d` placeholder and its Vietnamese catalogue still translates only the earlier
    `%(min_length)d` one, so the message came out in English in the Vietnamese UI."""

    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short. It must contain at least %(min_length)d character.",
            "This password is too short. It must contain at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}
