"""The client's address in the audit log and the lock-out records is the one our own proxy
appended to X-Forwarded-For, never what the client wrote there."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory

from ttdn.core.enums import AuditAction
from ttdn.core.middleware import client_ip
from ttdn.core.models import AuditEntry
from ttdn.org.tests.factories import PASSWORD

FORGED = "6.6.6.6, 203.0.113.7, 198.51.100.2"


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, FORGED, "127.0.0.1"),
        (1, FORGED, "198.51.100.2"),
        (2, FORGED, "203.0.113.7"),
        (3, FORGED, "6.6.6.6"),
        (4, FORGED, "127.0.0.1"),  # fewer entries than proxies: not all of them were passed
        (1, "", "127.0.0.1"),
        (1, "6.6.6.6, not-an-address", "127.0.0.1"),
        (1, "6.6.6.6,2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_takes_the_entry_the_trusted_proxy_appended(settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)

    assert client_ip(request) == expected


def test_audit_log_and_lock_out_record_the_proxy_appended_address(cast, client, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    headers = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 198.51.100.2"}

    client.post("/accounts/login/", {"username": "teacher-a", "password": "wrong"}, **headers)
    attempts = list(AccessAttempt.objects.values_list("ip_address", flat=True))
    client.post("/accounts/login/", {"username": "teacher-a", "password": PASSWORD}, **headers)

    logged = AuditEntry.objects.filter(action__in=[AuditAction.LOGIN_FAILED, AuditAction.LOGIN])
    assert (attempts, list(logged.order_by("pk").values_list("action", "ip_address"))) == (
        ["198.51.100.2"],
        [(AuditAction.LOGIN_FAILED, "198.51.100.2"), (AuditAction.LOGIN, "198.51.100.2")],
    )
