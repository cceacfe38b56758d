"""Reading what a source returns: feed entries, sitemap and listing links, a page's text.

Pure functions of bytes; nothing here touches the database or the network.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import charset_normalizer
import feedparser
import lxml.etree
import lxml.html
import py3langid
import trafilatura
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.core.text import nfc
from ttdn.monitoring.fetching import FetchError

_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|zarsrc|gidzl)$", re.IGNORECASE)
_MIN_LINK_TEXT = 20  # characters: a listing's article links carry a headline
_LANGUAGE_MIN_CHARS = 40
# The lead tells the language as well as the whole text, and py3langid's time grows steeply
# with length (it reads the text byte by byte in Python, through a 40 MB table). The first 200
# characters tell it when the best language leads the next by `_LANGUAGE_MARGIN` (a log-
# probability); else the first 500 are read. On 2,000 texts (press-like and interface texts in
# Vietnamese with and without tones, English, French) that gave 500's answer every time, with
# about 3 % of texts read twice; 200 alone differed on 5, all by a margin under 15.
_LANGUAGE_FIRST_CHARS = 200
_LANGUAGE_MARGIN = 30.0
_LANGUAGE_MAX_CHARS = 500


@dataclass(frozen=True)
class Entry:
    """One thing a source lists: an address and what the listing says about it."""

    url: str
    title: str = ""
    summary: str = ""
    published_at: datetime.datetime | None = None


@dataclass(frozen=True)
class Extracted:
    title: str
    text: str
    published_at: datetime.datetime | None
    canonical_url: str


def canonical_url(url: str) -> str:
    """The address without what varies between copies of one page: fragment, tracking
    parameters, default port, letter case of scheme and host, a trailing slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    port = parts.port
    if port and (parts.scheme, port) not in {("http", 80), ("https", 443)}:
        host = f"{host}:{port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query) if not _TRACKING.match(k)))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def url_key(url: str) -> str:
    return hashlib.sha256(canonical_url(url).encode()).hexdigest()


def feed_entries(body: bytes) -> list[Entry]:
    """The entries of an RSS or Atom feed. Raises FetchError when the body is not a feed."""
    parsed = feedparser.parse(body, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.version and not parsed.entries:
        raise FetchError(_("The address does not return a feed (RSS or Atom)."))
    return [
        Entry(
            url=entry.get("link", ""),
            title=_plain(entry.get("title", "")),
            summary=_plain(entry.get("summary", "")),
            published_at=_struct_time(entry.get("published_parsed") or entry.get("updated_parsed")),
        )
        for entry in parsed.entries
        if entry.get("link")
    ]


def sitemap_entries(body: bytes) -> list[Entry]:
    """The pages of a (news) sitemap. Raises FetchError when the body is not a sitemap."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(body, parser)
    except lxml.etree.XMLSyntaxError as error:
        raise FetchError(_("The address does not return a sitemap.")) from error
    entries = []
    for url in root.iter("{*}url"):
        loc = url.findtext("{*}loc") or ""
        title = url.findtext(".//{*}title") or ""
        date = url.findtext(".//{*}publication_date") or url.findtext("{*}lastmod") or ""
        if loc.strip():
            entries.append(Entry(loc.strip(), nfc(title.strip()), "", _iso(date)))
    return entries


def listing_entries(body: bytes, base_url: str, selector: str = "") -> list[Entry]:
    """Article links of a listing page: those the CSS selector picks, or else links on the same
    site whose text reads like a headline."""
    document = lxml.html.fromstring(body or b"<html></html>", base_url=base_url)
    links = document.cssselect(selector) if selector else document.iter("a")
    host = urlsplit(base_url).hostname
    entries: dict[str, Entry] = {}
    for link in links:
        href = link.get("href")
        text = nfc(" ".join(link.text_content().split()))
        if not href:
            continue
        url = urljoin(base_url, href)
        if not selector and (urlsplit(url).hostname != host or len(text) < _MIN_LINK_TEXT):
            continue
        entries.setdefault(canonical_url(url), Entry(url, text))
    return list(entries.values())


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)
# The press read here is Vietnamese, English and French: when the declared charsets fail, the
# guess is made among the encodings such pages are written in.
_GUESSES = ["utf_8", "cp1258", "cp1252", "latin_1", "utf_16"]


def decode_html(body: bytes, content_type: str = "") -> str:
    """The page as text: the charset of the HTTP header, then of the page's <meta>, then UTF-8,
    each only if the bytes decode without error; else charset_normalizer's best guess among
    the encodings of the languages read here."""
    declared = [content_type.partition("charset=")[2].split(";")[0].strip()]
    found = _META_CHARSET.search(body[:4096])
    declared += [found.group(1).decode("ascii", "ignore") if found else "", "utf-8"]
    for charset in (c for c in declared if c):
        try:
            return body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            continue
    best = charset_normalizer.from_bytes(body, cp_isolation=_GUESSES).best()
    return str(best) if best is not None else body.decode("cp1252", "replace")


def extract(body: bytes, url: str, content_type: str = "") -> Extracted:
    """Title, main text, date and canonical address of a page (trafilatura), NFC-normalised.

    A page that is not UTF-8 or declares a wrong charset still reads (`decode_html`).
    Raises FetchError when no text can be found.
    """
    # Without `url`: trafilatura would only look its domain up for metadata read nowhere here.
    document = trafilatura.bare_extraction(
        decode_html(body, content_type), with_metadata=True, include_comments=False, include_tables=False,
        deduplicate=False, fast=True,
    )  # fmt: skip
    found: dict[str, Any] = (
        document if isinstance(document, dict) else document.as_dict() if document else {}
    )
    text = nfc(found.get("text") or "")
    if not text.strip():
        raise FetchError(_("No article text was found on the page."))
    return Extracted(
        title=nfc(found.get("title") or ""),
        text=text,
        published_at=_iso(found.get("date") or ""),
        canonical_url=found.get("url") or url,
    )


def language(text: str, default: str) -> str:
    """The language of `text` (py3langid, offline); `default` for a text too short to tell."""
    if len(text) < _LANGUAGE_MIN_CHARS:
        return default
    (code, best), (_next, second) = py3langid.rank(text[:_LANGUAGE_FIRST_CHARS])[:2]
    if best - second < _LANGUAGE_MARGIN and len(text) > _LANGUAGE_FIRST_CHARS:
        code, _score = py3langid.classify(text[:_LANGUAGE_MAX_CHARS])
    return str(code)


def _plain(html: str) -> str:
    if "<" not in html:
        return nfc(html.strip())
    return nfc(" ".join(lxml.html.fromstring(f"<div>{html}</div>").text_content().split()))


def _struct_time(value: Any) -> datetime.datetime | None:
    if not value:
        return None
    year, month, day, hour, minute, second = value[:6]
    return datetime.datetime(year, month, day, hour, minute, second, tzinfo=datetime.UTC)


def _iso(text: str) -> datetime.datetime | None:
    try:
        value = datetime.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return value if timezone.is_aware(value) else timezone.make_aware(value)
