"""Marking matches: a snippet around the best matches, or the whole text, matches in <mark>."""

from __future__ import annotations

import bisect
import functools
import html
import operator
import re
from collections.abc import Iterable

from django.utils.safestring import SafeString, mark_safe

from ttdn.core.search.query import TOKEN, Query, as_query, fold_token
from ttdn.core.text import nfc


def snippet(text: str, query: Query | str, *, words: int = 30) -> SafeString:
    """About `words` words of `text` around its best matches, HTML-escaped, matches in <mark>.

    The whole text is escaped; only the <mark> tags are markup. "…" shows where text was cut.
    """
    parsed = as_query(query)
    text = _clean(text or "")
    read = _read(text)
    found = read.found
    marked = _marked(read, parsed)
    start = _best_window(marked, words, len(found))
    end = min(start + words, len(found))
    char_start = found[start].start() if start else 0
    char_end = found[end - 1].end() if end < len(found) else len(text)
    body = _render(text, found, marked, char_start, char_end)
    return mark_safe(("… " if char_start else "") + body + (" …" if char_end < len(text) else ""))  # noqa: S308  (escaped in _render)


def highlight(text: str, query: Query | str) -> SafeString:
    """All of `text`, HTML-escaped, with the query's matches in <mark>."""
    parsed = as_query(query)
    text = nfc(text or "")
    words = _read(text)
    marked = _marked(words, parsed)
    return mark_safe(_render(text, words.found, marked, 0, len(text)))  # noqa: S308  (escaped in _render)


@functools.lru_cache(maxsize=64)
def _clean(text: str) -> str:
    """`text` in NFC with its runs of white space made one space; remembered like `_read`.
    (`str.split` and the pattern `\\s+` agree on every character: split is the faster.)"""
    return " ".join(nfc(text).split())


class _Words:
    """The words of a text with where they stand, lower-cased and folded (read without a Python
    step per word: monitoring marks a paragraph for each of dozens of watches per article)."""

    def __init__(self, text: str) -> None:
        self.found = list(TOKEN.finditer(text))
        self.exact = list(map(str.lower, map(_GROUP, self.found)))
        self.folded = list(map(fold_token, self.exact))


_GROUP = operator.methodcaller("group")


@functools.lru_cache(maxsize=64)
def _read(text: str) -> _Words:
    """The words of `text`, remembered for a few texts, as one paragraph is often marked for
    several queries in a row (monitoring's watches)."""
    return _Words(text)


def _marked(words: _Words, query: Query) -> set[int]:
    """Indexes of the words that match a sequence of the query: compared only where the
    sequence's first word stands (found by `list.index`, a scan in C)."""
    marked: set[int] = set()
    for sequences, seen in ((query.folded, words.folded), (query.exact, words.exact)):
        for sequence in sequences:
            size, first, at = len(sequence), sequence[0], -1
            while True:
                try:
                    at = seen.index(first, at + 1)
                except ValueError:
                    break
                if size == 1 or tuple(seen[at : at + size]) == sequence:
                    marked.update(range(at, at + size))
    return marked


def _best_window(marked: set[int], words: int, total: int) -> int:
    """The first word of the window of `words` words holding most matches, with some lead-in,
    and never so near the end that the window is not full."""
    if not marked:
        return 0
    lead, last_start = words // 4, max(0, total - words)
    ordered = sorted(marked)
    starts = sorted({min(max(0, i - lead), last_start) for i in ordered})
    return max(
        starts,
        key=lambda s: (bisect.bisect_left(ordered, s + words) - bisect.bisect_left(ordered, s), -s),
    )


def _render(text: str, found: list[re.Match[str]], marked: set[int], start: int, end: int) -> str:
    """The text from `start` to `end`, escaped (Django's `escape` is this function plus the
    SafeString the caller adds), its marked runs in <mark>."""
    escape = html.escape
    pieces: list[str] = []
    position = start
    for run_start, run_end in _runs(text, found, marked):
        if run_start < start or run_end > end:
            continue
        pieces += [
            escape(text[position:run_start]),
            "<mark>",
            escape(text[run_start:run_end]),
            "</mark>",
        ]
        position = run_end
    pieces.append(escape(text[position:end]))
    return "".join(pieces)


def _runs(text: str, found: list[re.Match[str]], marked: set[int]) -> Iterable[tuple[int, int]]:
    """Character spans of marked words, neighbours joined when only spaces stand between them."""
    run: list[int] | None = None
    for i in sorted(marked):
        match = found[i]
        if run is not None and text[run[1] : match.start()].strip() == "" and i - 1 in marked:
            run[1] = match.end()
            continue
        if run is not None:
            yield run[0], run[1]
        run = [match.start(), match.end()]
    if run is not None:
        yield run[0], run[1]
