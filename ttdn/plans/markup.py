"""Section text: sanitised rich text (paragraphs, lists, emphasis) and its paragraphs as plain
text for printing."""

from __future__ import annotations

import html
import re

import nh3

from ttdn.core.text import nfc

TAGS = {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li"}
_BLOCK = re.compile(r"</?(?:p|li|ul|ol)>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def sanitise(text: str) -> str:
    """Keep paragraphs, lists and emphasis; drop everything else (scripts, styles, links)."""
    return nh3.clean(
        nfc(text or ""), tags=TAGS, attributes={}, clean_content_tags={"script", "style"}
    ).strip()


def from_paragraphs(paragraphs: list[str] | tuple[str, ...]) -> str:
    """Plain paragraphs as the HTML a section stores, one <p> each."""
    return "".join(f"<p>{html.escape(nfc(p))}</p>" for p in paragraphs if p.strip())


def paragraphs(body: str) -> list[str]:
    """The plain-text paragraphs of a section's HTML, in order."""
    parts = _BLOCK.split(body or "")
    texts = (html.unescape(_TAG.sub("", part)).strip() for part in parts)
    return [text for text in texts if text]
