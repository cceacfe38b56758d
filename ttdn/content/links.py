"""Links to other services a site shows: official pages and videos. Links only, never a player
or a script from elsewhere (the portal's CSP allows none)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ttdn.core.text import nfc

# The hosts a video may be on: YouTube, Vimeo, Facebook.
VIDEO_HOSTS = ("youtube.com", "youtu.be", "vimeo.com", "facebook.com", "fb.watch")
SERVICES = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "vimeo.com": "Vimeo",
    "facebook.com": "Facebook",
    "fb.watch": "Facebook",
}


def on_host(url: str, hosts: tuple[str, ...]) -> bool:
    """Whether the link's host is one of `hosts` or under one of them."""
    host = (urlsplit(url).hostname or "").lower()
    return any(host == h or host.endswith(f".{h}") for h in hosts)


def check_video_link(url: str) -> str:
    """The link, trimmed, if it is a http(s) address on a known video host. Raises
    ValidationError (on `video_url`) for any other address: javascript:, a page elsewhere."""
    url = nfc(url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValidationError(
            {"video_url": _("Give the video's address, beginning with https://.")}
        )
    if not on_host(url, VIDEO_HOSTS) or len(url) > 500:
        raise ValidationError(
            {
                "video_url": _("Give a link to a video on %(hosts)s.")
                % {"hosts": ", ".join(VIDEO_HOSTS)}
            }
        )
    return url


def video_service(url: str) -> str:
    """The name of the service a video link leads to ("YouTube"), else its host."""
    host = (urlsplit(url).hostname or "").lower()
    return next((name for h, name in SERVICES.items() if host == h or host.endswith(f".{h}")), host)
