"""Each request's id: kept from a sane X-Request-ID or made up, returned in the response, and on
every log line of the request (JSON with TTDN_LOG_FORMAT=json, plain text by default)."""

import io
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ttdn.core.logs import JsonFormatter, RequestIdFilter

REPO = Path(__file__).resolve().parents[3]
NEW_ID = re.compile(r"[0-9a-f]{32}")


def test_a_request_without_an_id_gets_a_new_one(client):
    first = client.get("/robots.txt")["X-Request-ID"]
    second = client.get("/robots.txt")["X-Request-ID"]

    assert (bool(NEW_ID.fullmatch(first)), bool(NEW_ID.fullmatch(second)), first != second) == (
        True,
        True,
        True,
    )


@pytest.mark.parametrize("incoming", ["7f3c2a9e-1b4d-4e8a-9c0f-2d5b6a7e8f90", "lb:a1.b2_c3-d4"])
def test_a_sane_incoming_id_is_kept(client, incoming):
    assert client.get("/robots.txt", HTTP_X_REQUEST_ID=incoming)["X-Request-ID"] == incoming


@pytest.mark.parametrize(
    "incoming",
    ["", "two words", "line\nbreak", "x" * 129, '{"level": "ERROR"}', "-starts-with-dash", "ý"],
)
def test_an_insane_incoming_id_is_replaced(client, incoming):
    returned = client.get("/robots.txt", HTTP_X_REQUEST_ID=incoming)["X-Request-ID"]

    assert NEW_ID.fullmatch(returned)


def test_every_log_line_of_a_request_carries_its_id(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        response = client.get("/static/no/such/file.css", HTTP_X_REQUEST_ID="req-42")
        logging.getLogger("ttdn.test").warning("outside any request")  # not this handler's
        logger.warning("after the request")
    finally:
        logger.removeHandler(handler)

    during, after = (json.loads(line) for line in stream.getvalue().splitlines())
    assert response["X-Request-ID"] == "req-42"
    assert (during["level"], during["logger"], during["request_id"]) == (
        "WARNING",
        "django.request",
        "req-42",
    )
    assert during["message"] == "Not Found: /static/no/such/file.css"
    assert during["status_code"] == 404
    assert (after["message"], after["request_id"]) == ("after the request", None)


def test_an_exception_is_one_json_line_with_its_traceback():
    record = logging.LogRecord("ttdn", logging.ERROR, __file__, 1, "failed: %s", ("x",), None)
    try:
        raise ValueError("bad")
    except ValueError:
        record.exc_info = sys.exc_info()

    line = JsonFormatter().format(record)

    assert "\n" not in line
    parsed = json.loads(line)
    assert (parsed["message"], "ValueError: bad" in parsed["exception"]) == ("failed: x", True)


def _log_of_a_missing_page(log_format: str | None) -> tuple[str, str]:
    """Serve a missing page in a fresh process configured by the environment: the response's
    request id and what the process logged."""
    code = (
        "import django; django.setup();"
        "from django.test import Client;"
        "print(Client(HTTP_HOST='localhost').get('/static/missing.css')['X-Request-ID'])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "ttdn.settings_test"}
    env.pop("TTDN_LOG_FORMAT", None)
    if log_format:
        env["TTDN_LOG_FORMAT"] = log_format
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, check=True
    )
    return done.stdout.strip(), done.stderr.strip()


def test_the_json_setting_makes_every_line_json_with_the_request_id():
    request_id, log = _log_of_a_missing_page("json")

    line = json.loads(log.splitlines()[-1])
    assert (line["request_id"], line["message"]) == (request_id, "Not Found: /static/missing.css")


def test_by_default_logs_stay_human_readable():
    _request_id, log = _log_of_a_missing_page(None)

    assert log.splitlines()[-1] == "Not Found: /static/missing.css"
