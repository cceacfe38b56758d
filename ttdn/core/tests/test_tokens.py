"""API tokens: an optional last day, the last use shown, and no way around two-factor sign-in."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ttdn.core.models import ApiToken
from ttdn.core.services import create_token

TODAY = timezone.localdate()


def me(client, key):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {key}"})


def test_a_token_works_through_its_last_day_and_not_after(cast, client):
    token, key = create_token(cast.teacher_a, name="sync", by=cast.teacher_a, expires_on=TODAY)
    on_the_day = me(client, key).status_code
    ApiToken.objects.filter(pk=token.pk).update(expires_on=TODAY - datetime.timedelta(days=1))

    after = me(client, key)

    assert (on_the_day, after.status_code) == (200, 401)


def test_a_token_cannot_expire_in_the_past(cast):
    with pytest.raises(ValidationError) as refused:
        create_token(
            cast.teacher_a,
            name="sync",
            by=cast.teacher_a,
            expires_on=TODAY - datetime.timedelta(days=1),
        )

    assert refused.value.messages == ["Ngày hết hạn đã qua."]


def test_a_person_with_a_device_gets_a_token_only_from_a_verified_session(cast):
    TOTPDevice.objects.create(user=cast.phong_leader, name="phone", confirmed=True)

    with pytest.raises(ValidationError):
        create_token(cast.phong_leader, name="sync", by=cast.phong_leader)
    _token, key = create_token(cast.phong_leader, name="sync", by=cast.phong_leader, verified=True)

    assert ApiToken.objects.count() == 1
    assert key.startswith("ttdn_")


def test_required_two_factor_without_a_device_gets_no_token(cast, settings):
    settings.REQUIRE_2FA = True

    with pytest.raises(ValidationError):
        create_token(cast.phong_leader, name="sync", by=cast.phong_leader)

    assert ApiToken.objects.count() == 0


def test_token_page_creates_after_the_code_and_shows_expiry_and_last_use(cast, client):
    device = TOTPDevice.objects.create(user=cast.phong_leader, name="phone", confirmed=True)
    client.force_login(cast.phong_leader)
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    client.post("/accounts/2fa/", {"token": f"{code:06d}"})
    last_day = TODAY + datetime.timedelta(days=30)

    created = client.post("/account/tokens/", {"name": "sync", "expires_on": last_day})
    me(client, created.context["new_key"])
    listed = client.get("/account/tokens/")

    token = listed.context["tokens"][0]
    page = listed.content.decode()
    assert token.expires_on == last_day
    assert token.last_used_at is not None
    assert last_day.strftime("%d/%m/%Y") in page
    assert timezone.localtime(token.last_used_at).strftime("%d/%m/%Y %H:%M") in page


def test_last_use_is_written_once_a_minute_not_on_every_call(cast, client):
    token, key = create_token(cast.phong_leader, name="sync", by=cast.phong_leader)
    me(client, key)
    first = ApiToken.objects.get(pk=token.pk).last_used_at

    me(client, key)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - datetime.timedelta(minutes=2))
    me(client, key)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > first
