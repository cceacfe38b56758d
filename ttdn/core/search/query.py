"""Tokens and queries: how text is cut into tokens, how a typed query is read, what a search returns."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ttdn.core.text import fold, nfc

TOKEN = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r"\"([^\"]*)(?:\"|$)")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
MAX_TOKEN = 64  # longer runs are not words; PostgreSQL caps a lexeme at 2 kB anyway
_MAX_SEQUENCES = 16  # words and phrases of one query
_MAX_SEQUENCE_LENGTH = 16  # tokens of one phrase


def tokens(text: str) -> list[str]:
    """The tokens of `text` as written, lower-cased: what a quoted phrase is compared with."""
    return [token.lower() for token in TOKEN.findall(nfc(text)) if len(token) <= MAX_TOKEN]


@functools.lru_cache(maxsize=100_000)
def fold_token(token: str) -> str:
    """`fold` of one token, remembered: a language has far fewer words than a corpus has tokens."""
    return fold(token)


@dataclass(frozen=True)
class Query:
    """A parsed query: each sequence is one or more tokens that must follow each other.

    `folded` sequences are matched on folded text, `exact` ones (quoted phrases) on the text
    as written, lower-cased.
    """

    folded: tuple[tuple[str, ...], ...] = ()
    exact: tuple[tuple[str, ...], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.folded or self.exact)


def parse(text: str) -> Query:
    """Read a query typed by a person. Never raises; an empty or punctuation-only query is empty."""
    text = nfc(text or "").translate(_QUOTES)
    exact = [tuple(tokens(phrase)) for phrase in _QUOTED.findall(text)]
    loose = _QUOTED.sub(" ", text)
    folded = [tuple(fold_token(t) for t in tokens(chunk)) for chunk in loose.split()]
    return Query(folded=_limit(folded), exact=_limit(exact))


def _limit(sequences: list[tuple[str, ...]]) -> tuple[tuple[str, ...], ...]:
    unique = dict.fromkeys(seq[:_MAX_SEQUENCE_LENGTH] for seq in sequences if seq)
    return tuple(unique)[:_MAX_SEQUENCES]


def as_query(query: Query | str) -> Query:
    return query if isinstance(query, Query) else parse(query)


@dataclass(frozen=True)
class Hit:
    object_id: int
    score: float  # higher is better; comparable within one search only
