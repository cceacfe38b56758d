"""Article bodies: sanitised on the server whatever the editor sent (pasted Word included)."""

from __future__ import annotations

import re

import nh3

from ttdn.core.text import nfc

TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "hr",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
# Word's clipboard brings conditional comments, XML islands and style blocks: dropped whole.
CLEAN_CONTENT = {"script", "style", "xml", "o:p", "template", "iframe", "object"}
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def sanitise(html: str) -> str:
    """Keep structure, links and images; drop scripts, styles, event handlers and unsafe URLs."""
    return nh3.clean(
        nfc(html or ""),
        tags=TAGS,
        clean_content_tags=CLEAN_CONTENT,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def plain_text(html: str) -> str:
    """The text of sanitised HTML, for search, feeds' fallbacks and revision comparisons."""
    return _SPACE.sub(" ", nh3.clean_text(_TAG.sub(" ", html or ""))).strip()
