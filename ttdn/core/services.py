"""Writes of the core: API tokens and two-factor devices."""

from __future__ import annotations

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from ttdn.core import access, audit
from ttdn.core.enums import AuditAction
from ttdn.core.models import ApiToken, hash_token

TOKEN_PREFIX = "ttdn_"  # noqa: S105  (a visible marker, not a secret)  # nosec B105


@transaction.atomic
def create_token(
    user: Any,
    *,
    name: str,
    by: Any,
    expires_on: datetime.date | None = None,
    verified: bool = False,
) -> tuple[ApiToken, str]:
    """Create a token, good through `expires_on` (or until revoked), and return it with its key;
    only the key's hash is stored. A person who must use two-factor sign-in gets one only from a
    session verified with a code (`verified`): a token must not be a way around the code.
    Raises ValidationError."""
    if must_use_two_factor(user) and not verified:
        raise ValidationError(
            _("Enter a code from your authenticator app first: then you can create a token.")
        )
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError(_("The expiry date has passed."))
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:100],
        prefix=key[:12],
        key_hash=hash_token(key),
        expires_on=expires_on,
    )
    audit.record(AuditAction.TOKEN_CREATE, token, by=by)
    return token, key


@transaction.atomic
def revoke_token(token: ApiToken, *, by: Any) -> ApiToken:
    """Revoke the token; revoking twice keeps the first time."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(AuditAction.TOKEN_REVOKE, token, by=by)
    return token


def must_use_two_factor(user: Any) -> bool:
    """The person has a TOTP device, or the deployment requires one of people like them."""
    return user_has_device(user) or (settings.REQUIRE_2FA and access.needs_two_factor(user))


# "Last used" is shown to the minute: a program calling many times a minute writes it once.
TOKEN_USE_RECORDED_EVERY = datetime.timedelta(minutes=1)


def user_for_key(key: str) -> Any | None:
    """The active user of a live token with this key, or None; marks the token used (at most
    once a minute, so an API call is not also a write)."""
    token = ApiToken.objects.live().select_related("user").filter(key_hash=hash_token(key)).first()
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_USE_RECORDED_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def pending_totp_device(user: Any) -> TOTPDevice:
    """The person's unconfirmed TOTP device, created when first asked for."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "TTĐN"}
    )
    return device


@transaction.atomic
def confirm_totp_device(device: TOTPDevice, token: str, *, by: Any) -> bool:
    """Confirm the device when `token` is a valid code from it; returns whether it was."""
    if not device.verify_token(token):
        return False
    TOTPDevice.objects.filter(user=device.user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(AuditAction.TWO_FACTOR, by=by, object_repr=str(by))
    return True
