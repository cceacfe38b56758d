"""Nothing a signed-in person sees, and nothing an API token reads, is stored by a cache."""

import re
import subprocess
from pathlib import Path
from unittest import mock

from django.urls import reverse

from ttdn.core.management.commands.run import WEB_TIMEOUT, Command
from ttdn.core.services import create_token

DEPLOY = Path(__file__).resolve().parents[3] / "docs" / "deploy.md"


def test_signed_in_pages_downloads_and_api_answers_are_private_and_not_stored(cast, client):
    _token, key = create_token(cast.phong_leader, name="test", by=cast.phong_leader)
    client.force_login(cast.phong_leader)

    responses = [
        client.get("/"),
        client.get(reverse("register:register", args=[cast.phong.pk])),
        client.get(reverse("register:export", args=[cast.phong.pk])),
        client.get("/no-such-page/"),
    ]
    client.logout()
    responses.append(client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {key}"))

    assert [(r.status_code, r.headers.get("Cache-Control")) for r in responses] == [
        (200, "private, no-store"),
        (200, "private, no-store"),
        (200, "private, no-store"),
        (404, "private, no-store"),
        (200, "private, no-store"),
    ]


def test_run_sets_the_web_timeout_the_deployment_guide_gives(db):
    with mock.patch.object(subprocess, "Popen") as popen:
        Command().start("127.0.0.1:8000", 2)

    web = popen.call_args_list[0].args[0]
    documented = set(re.findall(r"gunicorn ttdn\.wsgi .*--timeout (\d+)", DEPLOY.read_text()))
    assert (web[web.index("--timeout") + 1], documented) == (str(WEB_TIMEOUT), {str(WEB_TIMEOUT)})
