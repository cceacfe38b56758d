"""Error pages render with no session and no user: a request with a bad Host header is answered
before the authentication middleware runs."""

import pytest
from django.test import Client, RequestFactory, override_settings

from ttdn.core import errors


@pytest.mark.parametrize(
    ("render", "status"),
    [
        (lambda request: errors.bad_request(request, Exception()), 400),
        (lambda request: errors.permission_denied(request, Exception()), 403),
        (lambda request: errors.page_not_found(request, Exception()), 404),
        (errors.server_error, 500),
        (errors.csrf_failure, 403),
    ],
)
@pytest.mark.django_db
def test_error_pages_render_without_middleware_state(render, status):
    request = RequestFactory().get("/somewhere/")

    response = render(request)

    assert response.status_code == status
    assert b"TT\xc4\x90N" in response.content


@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/api/v1/me", "/no-such-page/"])
@override_settings(DEBUG=False, ALLOWED_HOSTS=["ttdn.example.vn"])
@pytest.mark.django_db
def test_a_bad_host_header_gets_the_400_page(path):
    client = Client(raise_request_exception=False, HTTP_HOST="evil.example")

    response = client.get(path)

    assert response.status_code == 400
