import os
import subprocess
import sys

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ttdn.org.tests.factories import PASSWORD


def sign_in(client, username, password=PASSWORD, ip="10.0.0.1"):
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def test_sign_in_with_username(cast, client):
    response = sign_in(client, "teacher-a")

    assert (response.status_code, response.url) == (302, "/")


def test_sign_in_with_email_in_any_case(cast, client):
    response = sign_in(client, "TEACHER-A@example.test")

    assert (response.status_code, response.url) == (302, "/")


def test_five_failures_lock_the_account_even_with_right_password(cast, client):
    for _ in range(5):
        sign_in(client, "teacher-a", "wrong-password")

    response = sign_in(client, "teacher-a")

    assert response.status_code == 429
    assert "Tài khoản bị tạm khóa" in response.content.decode()


def test_lock_out_counts_email_and_username_together(cast, client):
    for _ in range(3):
        sign_in(client, "teacher-a", "wrong-password")
    for _ in range(2):
        sign_in(client, "teacher-a@example.test", "wrong-password")

    assert sign_in(client, "teacher-a").status_code == 429


def test_lock_out_of_one_account_leaves_the_school_address_free(cast, client):
    for _ in range(5):
        sign_in(client, "teacher-a", "wrong-password", ip="10.5.5.5")

    assert sign_in(client, "teacher-b", ip="10.5.5.5").status_code == 302


def test_password_policy_refuses_weak_password(cast, client):
    client.force_login(cast.teacher_a)

    response = client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )

    assert response.status_code == 200
    assert cast.teacher_a.check_password(PASSWORD)
    assert response.context["form"].errors["new_password2"] == [
        "Mật khẩu quá ngắn. Nó phải chứa ít nhất 10 ký tự.",
        "Mật khẩu này quá phổ biến.",
        "Mật khẩu này hoàn toàn là số.",
    ]


def test_user_with_device_must_enter_code_before_anything(cast, client):
    TOTPDevice.objects.create(user=cast.phong_leader, name="phone", confirmed=True)
    client.force_login(cast.phong_leader)

    response = client.get("/units/")

    assert (response.status_code, response.url) == (302, "/accounts/2fa/")


def test_right_code_opens_the_product(cast, client):
    device = TOTPDevice.objects.create(user=cast.phong_leader, name="phone", confirmed=True)
    client.force_login(cast.phong_leader)

    client.post("/accounts/2fa/", {"token": current_code(device)})

    assert client.get("/units/").status_code == 200


def test_wrong_code_keeps_the_product_closed(cast, client):
    TOTPDevice.objects.create(user=cast.phong_leader, name="phone", confirmed=True)
    client.force_login(cast.phong_leader)

    response = client.post("/accounts/2fa/", {"token": "000000"})

    assert (response.status_code, client.get("/units/").status_code) == (200, 302)


def test_unverified_user_cannot_replace_the_device(cast, client):
    TOTPDevice.objects.create(user=cast.phong_leader, name="phone", confirmed=True)
    client.force_login(cast.phong_leader)

    response = client.get("/accounts/2fa/setup/")

    assert (response.status_code, response.url) == (302, "/accounts/2fa/")


@override_settings(REQUIRE_2FA=True)
def test_required_two_factor_sends_leader_to_setup(cast, client):
    client.force_login(cast.phong_leader)

    response = client.get("/")

    assert (response.status_code, response.url) == (302, "/accounts/2fa/setup/")


@override_settings(REQUIRE_2FA=True)
def test_required_two_factor_leaves_officers_alone(cast, client):
    client.force_login(cast.teacher_a)

    assert client.get("/").status_code == 200


@override_settings(REQUIRE_2FA=True)
def test_setup_confirms_device_with_a_valid_code(cast, client):
    client.force_login(cast.phong_leader)
    client.get("/accounts/2fa/setup/")
    device = TOTPDevice.objects.get(user=cast.phong_leader)

    client.post("/accounts/2fa/setup/", {"token": current_code(device)})

    assert TOTPDevice.objects.get(user=cast.phong_leader).confirmed
    assert client.get("/").status_code == 200


def test_responses_carry_security_headers(cast, client):
    response = client.get("/accounts/login/")

    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_have_no_inline_script(cast, client):
    client.force_login(cast.phong_officer)

    html = client.get("/units/").content.decode()

    assert html.count("<script") == html.count("<script src=")


def test_post_without_csrf_token_is_refused(cast):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.teacher_a)

    response = client.post("/account/tokens/", {"name": "x"})

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "True True 31536000"),
        ({"TTDN_DEBUG": "true"}, "False False 0"),
        ({"TTDN_HTTPS": "false"}, "False False 0"),
    ],
)
def test_secure_cookies_and_hsts_when_not_in_debug(env, expected, tmp_path):
    code = "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TTDN_")}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django, os; os.environ['DJANGO_SETTINGS_MODULE']='ttdn.settings'; django.setup(); {code}",
        ],
        env={**clean, "TTDN_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        check=True,
    )

    assert result.stdout.strip() == expected


def print_secret_key(var_dir) -> str:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TTDN_")}
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='ttdn.settings'; django.setup(); from django.conf import settings; print(settings.SECRET_KEY)"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "TTDN_VAR_DIR": str(var_dir)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_secret_key_is_generated_once_into_var(tmp_path):
    first, second = print_secret_key(tmp_path), print_secret_key(tmp_path)

    assert first == second
    assert len(first.strip()) > 50
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_spraying_many_accounts_from_one_address_stops_its_sign_ins(cast, client, settings):
    settings.SIGN_IN_ADDRESS_FAILURES = 10
    for n in range(10):
        sign_in(client, f"guess-{n}", "wrong-password", ip="10.9.9.9")

    refused = sign_in(client, "teacher-a", ip="10.9.9.9")
    elsewhere = sign_in(client, "teacher-b", ip="10.1.1.1")

    assert refused.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in refused.content.decode()
    assert elsewhere.status_code == 302


def test_a_school_under_the_address_bar_still_signs_in(cast, client, settings):
    settings.SIGN_IN_ADDRESS_FAILURES = 10
    for n in range(9):
        sign_in(client, f"teacher-{n}", "wrong-password", ip="10.9.9.9")

    assert sign_in(client, "teacher-a", ip="10.9.9.9").status_code == 302
