"""Social channels an article can be posted to through the outbox (issue 21 point 4).

A channel is named in `settings.SOCIAL_CHANNELS` (`{"code": {"BACKEND": dotted path, "LABEL":
…, "OPTIONS": {…}}}`); its credentials come from the settings, which read them from the
environment (or an `_FILE` variable), never from the database. `LocalChannel` writes posts to a
file (or memory): the channel of a fresh installation, the demo and the tests. A real channel
(a Facebook page, a Zalo OA) is a class with the same `publish`, added by setting.
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Message:
    """What a channel posts: the article's title, summary and public address."""

    title: str
    summary: str
    url: str


class ChannelError(Exception):
    """The channel refused the post or could not be reached; the outbox tries again later."""


class Channel(Protocol):
    code: str
    label: str

    def publish(self, message: Message) -> str:
        """Post the message; return the address of the post (or ""). Raises ChannelError."""
        ...


class LocalChannel:
    """Keeps posts in a JSON-lines file (OPTIONS["path"]) or, without a path, in memory.

    OPTIONS["fail_times"] makes the first N posts fail, so the retries can be seen and tested.
    """

    def __init__(self, code: str, label: str, path: str = "", fail_times: int = 0) -> None:
        self.code, self.label = code, label
        self.path = Path(path) if path else None
        self.fail_times = fail_times
        self.sent: list[Message] = []
        self._calls = 0
        self._lock = threading.Lock()

    def publish(self, message: Message) -> str:
        with self._lock:
            self._calls += 1
            if self._calls <= self.fail_times:
                raise ChannelError(f"{self.label}: not reachable (attempt {self._calls})")
            self.sent.append(message)
            if self.path:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with self.path.open("a", encoding="utf-8") as out:
                    out.write(json.dumps(asdict(message), ensure_ascii=False) + "\n")
            return ""


_channels: dict[str, Any] = {}


def configured() -> dict[str, Any]:
    """Every channel named in the settings, built once per process."""
    wanted = getattr(settings, "SOCIAL_CHANNELS", {})
    if set(_channels) != set(wanted):
        _channels.clear()
        for code, conf in wanted.items():
            backend = import_string(conf["BACKEND"])
            _channels[code] = backend(code, str(conf.get("LABEL", code)), **conf.get("OPTIONS", {}))
    return _channels


def get(code: str) -> Channel | None:
    return configured().get(code)


def label_of(code: str) -> str:
    """The channel's name as configured, or its code once it is no longer configured."""
    channel = get(code)
    return str(channel.label) if channel is not None else code


def choices() -> list[tuple[str, str]]:
    return [(code, channel.label) for code, channel in configured().items()]


def reset() -> None:
    """Build the channels again from the settings (tests that change them)."""
    _channels.clear()
