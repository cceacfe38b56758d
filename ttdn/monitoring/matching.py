"""Watch matching: many saved searches against each item, in well under a millisecond.

The query language is `core.search`'s, with alternatives and exclusions added:

- words match folded (tones off, đ→d, case off): "dao tao" finds "Đào tạo";
- "quoted words" match as written (case aside) and in that order;
- every word and phrase must be present, `OR` (in capitals) separates alternatives, and `NOT`
  or a leading minus excludes the next word or phrase: `học phí OR "lạm thu" NOT -tuyển`
  reads (học phí) or ("lạm thu" and not tuyển). There are no brackets.

Each alternative must name at least one word to look for. A `Matcher` compiles every watch
once and indexes each alternative under its most selective required token, so an item is
compared only with the few alternatives whose anchor token it contains.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ttdn.core.search import fold_token, tokens
from ttdn.core.text import nfc

_PART = re.compile(r'(-?)"([^"]*)(?:"|$)|(\S+)')
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})

Sequence = tuple[str, ...]


@dataclass(frozen=True)
class Term:
    tokens: Sequence
    exact: bool  # as written (a quoted phrase) rather than folded


@dataclass(frozen=True)
class Alternative:
    required: tuple[Term, ...]
    excluded: tuple[Term, ...] = ()


@dataclass(frozen=True)
class Expression:
    alternatives: tuple[Alternative, ...]


def parse(query: str) -> Expression:
    """Compile a watch's query. Raises ValidationError when an alternative has nothing to find."""
    text = nfc(query or "").translate(_QUOTES)
    alternatives: list[Alternative] = []
    required: list[Term] = []
    excluded: list[Term] = []
    negate = False
    for match in _PART.finditer(text):
        minus, phrase, word = match.groups()
        if word == "OR":
            alternatives.append(_alternative(required, excluded))
            required, excluded, negate = [], [], False
            continue
        if word == "NOT":
            negate = True
            continue
        if phrase is not None:
            terms = [Term(tuple(tokens(phrase)), exact=True)]
            negate = negate or bool(minus)
        else:
            negate = negate or word.startswith("-")
            terms = [Term((fold_token(t),), exact=False) for t in tokens(word)]
        (excluded if negate else required).extend(t for t in terms if t.tokens)
        negate = False
    alternatives.append(_alternative(required, excluded))
    return Expression(tuple(alternatives))


def entity(names: Iterable[str]) -> Expression:
    """An expression that finds any of `names` as a folded phrase (a unit's names)."""
    phrases = {tuple(fold_token(t) for t in tokens(name)) for name in names}
    return Expression(tuple(Alternative((Term(p, exact=False),)) for p in sorted(phrases) if p))


def _alternative(required: list[Term], excluded: list[Term]) -> Alternative:
    if not required:
        raise ValidationError(_("Each alternative of a watch needs a word or phrase to look for."))
    return Alternative(tuple(required), tuple(excluded))


@dataclass
class Text:
    """An item's tokens, folded and as written, with where each occurs."""

    exact: list[str]
    folded: list[str]
    _positions: dict[tuple[bool, str], list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> Text:
        exact = tokens(text)
        return cls(exact, [fold_token(t) for t in exact])

    def __post_init__(self) -> None:
        for exact, sequence in ((True, self.exact), (False, self.folded)):
            for i, token in enumerate(sequence):
                self._positions.setdefault((exact, token), []).append(i)

    def keys(self) -> Iterable[tuple[bool, str]]:
        return self._positions.keys()

    def contains(self, term: Term) -> bool:
        starts = self._positions.get((term.exact, term.tokens[0]), ())
        if len(term.tokens) == 1:
            return bool(starts)
        sequence = self.exact if term.exact else self.folded
        n = len(term.tokens)
        return any(tuple(sequence[i : i + n]) == term.tokens for i in starts)

    def satisfies(self, alternative: Alternative) -> bool:
        return all(self.contains(t) for t in alternative.required) and not any(
            self.contains(t) for t in alternative.excluded
        )


class Matcher:
    """Every watch compiled and indexed: `matches(text)` gives the keys of the watches it satisfies.

    Each alternative is indexed under the one required token that the fewest alternatives
    share ("lâm" rather than "trường" in "Trường Phú Lâm"), so an item meets only the
    alternatives whose most selective token it contains.
    """

    def __init__(self, expressions: Iterable[tuple[int, Expression]]) -> None:
        compiled = [(key, a) for key, e in expressions for a in e.alternatives]
        shared = Counter(
            (term.exact, token)
            for _key, a in compiled
            for term in a.required
            for token in set(term.tokens)
        )
        self._index: dict[tuple[bool, str], list[tuple[int, Alternative]]] = defaultdict(list)
        for key, alternative in compiled:
            anchor = min(
                ((term.exact, token) for term in alternative.required for token in term.tokens),
                key=lambda found: shared[found],
            )
            self._index[anchor].append((key, alternative))

    def matches(self, text: Text) -> set[int]:
        found: set[int] = set()
        for token_key in text.keys():  # noqa: SIM118  (Text is not a dict)
            for key, alternative in self._index.get(token_key, ()):
                if key not in found and text.satisfies(alternative):
                    found.add(key)
        return found


def terms_of(expression: Expression) -> list[str]:
    """The words and phrases an expression looks for, as a `core.search` query for highlighting."""
    parts = []
    for alternative in expression.alternatives:
        for term in alternative.required:
            joined = " ".join(term.tokens)
            parts.append(f'"{joined}"' if term.exact else joined)
    return parts
