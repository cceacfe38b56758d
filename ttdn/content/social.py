"""Real social channels the outbox posts to, each through its network's HTTP API.

A channel is switched on in `settings.SOCIAL_CHANNELS` (ttdn/settings.py adds one when its
environment variables are set). Its access token is never a model field nor a literal in the
settings: the class reads it at each post from an environment variable (`token_env`) or a file
(`token_file`, which an outside job may rotate: Zalo's tokens expire after hours). Error texts
recorded on a post never contain the token: it travels in a header or the request body, and
only the network's own message is kept.

- `FacebookPageChannel`: Graph API, `POST /{version}/{page-id}/feed` with `message` and `link`
  (a Page access token with pages_manage_posts); the answer's `id` gives the post's address.
- `ZaloOAChannel`: Zalo OA Open API, `POST /v2.0/article/create` (header `access_token`), a
  normal article whose body is the summary and the link; `error` other than 0 is a refusal.

YouTube is not a channel here: the YouTube Data API publishes videos, not text posts, so an
article has nothing to post there; the site's YouTube address stays a link in the footer.
`api_base` points a channel at another server (the tests' fake on 127.0.0.1).
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from ttdn.content.channels import ChannelError, Message

TIMEOUT = 10  # seconds per request; a slow network is a refusal the outbox retries


class HttpChannel:
    """What the real channels share: the token, the absolute link and one JSON request."""

    api_base = ""

    def __init__(
        self,
        code: str,
        label: str,
        *,
        base_url: str,
        token_env: str = "",
        token_file: str = "",
        api_base: str = "",
        timeout: float = TIMEOUT,
    ) -> None:
        self.code, self.label = code, label
        self.base_url = base_url.rstrip("/")
        self.token_env, self.token_file = token_env, token_file
        self.api_base = (api_base or self.api_base).rstrip("/")
        if not self.api_base.startswith(("https://", "http://")):
            raise ImproperlyConfigured(f"{code}: api_base must be an http(s) address.")
        self.timeout = timeout

    def token(self) -> str:
        """The access token, read now (so a rotated file is used at once)."""
        value = os.environ.get(self.token_env, "") if self.token_env else ""
        if not value and self.token_file:
            try:
                value = Path(self.token_file).read_text(encoding="utf-8")
            except OSError as error:
                raise ChannelError(f"{self.label}: the token file cannot be read.") from error
        value = value.strip()
        if not value:
            raise ChannelError(f"{self.label}: no access token is configured.")
        return value

    def link(self, message: Message) -> str:
        """The article's address as the network needs it: absolute."""
        return message.url if "://" in message.url else f"{self.base_url}{message.url}"

    def request(
        self, path: str, *, form: dict[str, str] | None = None, body: Any = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        """POST to the API; the JSON answer. Any failure is a ChannelError without the token."""
        headers = dict(headers or {})
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        else:
            data = json.dumps(body, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json; charset=utf-8"
        url = f"{self.api_base}{path}"  # http(s) only, checked when built
        call = urllib.request.Request(url, data, headers, method="POST")  # noqa: S310  # nosec B310
        try:
            with urllib.request.urlopen(call, timeout=self.timeout) as answer:  # noqa: S310  # nosec B310
                raw = answer.read(1_000_000)
        except urllib.error.HTTPError as error:
            raw = error.read(1_000_000)
            raise ChannelError(f"{self.label}: {self.refusal(raw) or error.code}") from None
        except (urllib.error.URLError, OSError) as error:
            reason = getattr(error, "reason", error)
            raise ChannelError(f"{self.label}: not reachable ({reason}).") from None
        try:
            found = json.loads(raw or b"{}")
        except ValueError:
            raise ChannelError(f"{self.label}: the answer is not JSON.") from None
        if not isinstance(found, dict):
            raise ChannelError(f"{self.label}: unexpected answer.")
        return found

    def refusal(self, raw: bytes) -> str:
        """The network's own error message in a refused answer, if it has one."""
        try:
            found = json.loads(raw)
        except ValueError:
            return ""
        error = found.get("error") if isinstance(found, dict) else None
        if isinstance(error, dict):
            return str(error.get("message", ""))[:300]
        return str(found.get("message", ""))[:300] if isinstance(found, dict) else ""


class FacebookPageChannel(HttpChannel):
    """Posts to a Facebook Page's feed (Graph API)."""

    api_base = "https://graph.facebook.com"

    def __init__(self, code: str, label: str, *, page_id: str, version: str = "v21.0",
                 **options: Any) -> None:  # fmt: skip
        super().__init__(code, label, **options)
        self.page_id, self.version = page_id, version

    def publish(self, message: Message) -> str:
        text = "\n\n".join(part for part in (message.title, message.summary) if part)
        found = self.request(
            f"/{self.version}/{urllib.parse.quote(self.page_id)}/feed",
            form={"message": text, "link": self.link(message), "access_token": self.token()},
        )
        post_id = str(found.get("id", ""))
        if not post_id:
            raise ChannelError(f"{self.label}: {self.refusal(json.dumps(found).encode()) or '?'}")
        return f"https://www.facebook.com/{urllib.parse.quote(post_id)}"


class ZaloOAChannel(HttpChannel):
    """Publishes an article on a Zalo Official Account (OA Open API)."""

    api_base = "https://openapi.zalo.me"

    def __init__(self, code: str, label: str, *, author: str = "", cover_url: str = "",
                 **options: Any) -> None:  # fmt: skip
        super().__init__(code, label, **options)
        self.author, self.cover_url = author, cover_url

    def publish(self, message: Message) -> str:
        link = self.link(message)
        body: dict[str, Any] = {
            "type": "normal",
            "title": message.title[:150],
            "author": self.author[:50],
            "description": message.summary[:300],
            "body": [
                {"type": "text", "content": message.summary},
                {"type": "text", "content": link},
            ],
            "status": "show",
            "comment": "show",
        }
        if self.cover_url:
            body["cover"] = {"cover_type": "photo", "photo_url": self.cover_url, "status": "show"}
        found = self.request("/v2.0/article/create", body=body, headers={
            "access_token": self.token(),
        })  # fmt: skip
        if found.get("error") not in (0, "0"):
            raise ChannelError(f"{self.label}: {found.get('message') or found.get('error')}")
        return ""  # Zalo answers with a token to check the article, not its address
