"""The real social channels against a fake API server on 127.0.0.1: what they send, what they
record, and that the token is read from the environment or a file and never kept."""

from __future__ import annotations

import json
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ttdn.content import channels
from ttdn.content.channels import ChannelError, Message
from ttdn.content.enums import PostStatus
from ttdn.content.services import outbox
from ttdn.content.social import FacebookPageChannel, ZaloOAChannel
from ttdn.content.tests.factories import published

TOKEN = "EAAB-secret-page-token"
MESSAGE = Message(
    "Hội thảo quốc tế", "Trường đón đoàn giáo viên Nhật Bản.", "/truong-a/bai-viet/7/x/"
)


class FakeApi:
    """Records each request and answers with the next (status, JSON body) it was given."""

    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.answers: list[tuple[int, object]] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                api.requests.append(
                    {
                        "path": self.path,
                        "body": raw.decode(),
                        "headers": {k.lower(): v for k, v in self.headers.items()},
                    }
                )
                status, body = api.answers.pop(0) if api.answers else (200, {})
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def api():
    server = FakeApi()
    yield server
    server.close()


def facebook(api: FakeApi, **options: object) -> FacebookPageChannel:
    options = {"token_env": "TEST_FB_TOKEN", "api_base": api.url, **options}
    return FacebookPageChannel(
        "facebook", "Facebook", page_id="1234", base_url="https://ttdn.example.vn", **options
    )


def test_facebook_posts_title_summary_and_absolute_link_and_returns_the_posts_address(
    api, monkeypatch
):
    monkeypatch.setenv("TEST_FB_TOKEN", TOKEN)
    api.answers.append((200, {"id": "1234_987"}))

    url = facebook(api).publish(MESSAGE)

    sent = api.requests[0]
    form = urllib.parse.parse_qs(sent["body"])
    assert (url, sent["path"]) == ("https://www.facebook.com/1234_987", "/v21.0/1234/feed")
    assert (form["message"], form["link"], form["access_token"]) == (
        ["Hội thảo quốc tế\n\nTrường đón đoàn giáo viên Nhật Bản."],
        ["https://ttdn.example.vn/truong-a/bai-viet/7/x/"],
        [TOKEN],
    )


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        ((400, {"error": {"message": "Invalid OAuth access token.", "code": 190}}),
         "Facebook: Invalid OAuth access token."),
        ((500, "not json"), "Facebook: 500"),
        ((200, {"error": {"message": "Missing permission"}}), "Facebook: Missing permission"),
    ],
)  # fmt: skip
def test_facebook_refusals_are_channel_errors_with_the_networks_message(
    api, monkeypatch, answer, error
):
    monkeypatch.setenv("TEST_FB_TOKEN", TOKEN)
    api.answers.append(answer)

    with pytest.raises(ChannelError) as refused:
        facebook(api).publish(MESSAGE)

    assert (str(refused.value), TOKEN in str(refused.value)) == (error, False)


def test_an_unreachable_server_or_a_missing_token_is_a_channel_error(api, monkeypatch, tmp_path):
    monkeypatch.delenv("TEST_FB_TOKEN", raising=False)
    no_token = facebook(api)
    down = facebook(api, api_base="http://127.0.0.1:9", token_file=str(tmp_path / "t"))
    (tmp_path / "t").write_text(TOKEN + "\n", encoding="utf-8")

    errors = []
    for channel in (no_token, down):
        with pytest.raises(ChannelError) as refused:
            channel.publish(MESSAGE)
        errors.append(str(refused.value))

    assert errors[0] == "Facebook: no access token is configured."
    assert errors[1].startswith("Facebook: not reachable") and TOKEN not in errors[1]
    assert api.requests == []


def test_zalo_sends_the_token_in_a_header_read_from_a_file_and_checks_the_error_code(api, tmp_path):
    token_file = tmp_path / "zalo-token"
    token_file.write_text("zalo-1\n", encoding="utf-8")
    zalo = ZaloOAChannel(
        "zalo", "Zalo OA", author="THCS Hồng Bàng", base_url="https://ttdn.example.vn",
        token_file=str(token_file), api_base=api.url,
    )  # fmt: skip
    api.answers += [(200, {"error": 0, "message": "Success", "data": {"token": "t"}}),
                    (200, {"error": -216, "message": "Access token is invalid"})]  # fmt: skip

    first = zalo.publish(MESSAGE)
    token_file.write_text("zalo-2", encoding="utf-8")  # renewed by an outside job
    with pytest.raises(ChannelError) as refused:
        zalo.publish(MESSAGE)

    body = json.loads(api.requests[0]["body"])
    assert (first, str(refused.value)) == ("", "Zalo OA: Access token is invalid")
    assert [r["headers"]["access_token"] for r in api.requests] == ["zalo-1", "zalo-2"]
    assert (body["title"], body["author"], body["body"][1]["content"]) == (
        "Hội thảo quốc tế", "THCS Hồng Bàng", "https://ttdn.example.vn/truong-a/bai-viet/7/x/",
    )  # fmt: skip


def test_outbox_delivers_through_facebook_and_keeps_no_token(sites, api, monkeypatch, settings):
    monkeypatch.setenv("TEST_FB_TOKEN", TOKEN)
    settings.SOCIAL_CHANNELS = {
        "facebook": {
            "BACKEND": "ttdn.content.social.FacebookPageChannel",
            "LABEL": "Facebook",
            "OPTIONS": {"page_id": "1234", "base_url": "https://ttdn.example.vn",
                        "token_env": "TEST_FB_TOKEN", "api_base": api.url},
        }
    }  # fmt: skip
    channels.reset()
    sites.school_a.post_channels = ["facebook"]
    sites.school_a.save()
    api.answers += [(503, {"error": {"message": "Service temporarily unavailable"}}),
                    (200, {"id": "1234_5"})]  # fmt: skip
    try:
        article = published(sites.school_a, reviewer=sites.leader_a)
        post = article.posts.get()
        outbox.deliver(post.pk)
        refused = type(post).objects.get(pk=post.pk)
        outbox.deliver(post.pk)
        post.refresh_from_db()
    finally:
        channels.reset()

    assert (refused.status, refused.last_error) == (
        PostStatus.QUEUED,
        "Facebook: Service temporarily unavailable",
    )
    assert (post.status, post.external_url, post.attempts) == (
        PostStatus.SENT, "https://www.facebook.com/1234_5", 2,
    )  # fmt: skip
    stored = json.dumps([list(row) for row in type(post).objects.values_list()], default=str)
    assert TOKEN not in stored and TOKEN not in json.dumps(
        list(type(sites.school_a).objects.values()), default=str
    )
