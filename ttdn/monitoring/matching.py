"""Watch matching: many saved searches against each item, in well under a millisecond.

The query language is `core.search`'s, with alternatives and exclusions added:

- words match folded (tones off, đ→d, case off): "dao tao" finds "Đào tạo";
- "quoted words" match as written (case aside) and in that order;
- every word and phrase must be present, `OR` (in capitals) separates alternatives, and `NOT`
  or a leading minus excludes the next word or phrase: `học phí OR "lạm thu" NOT -tuyển`
  reads (học phí) or ("lạm thu" and not tuyển). There are no brackets.

Each alternative must name at least one word to look for. A `Matcher` compiles every watch
once and indexes each alternative under its most selective required token, so an item is
compared only with the few alternatives whose anchor token it contains. A phrase is looked for
as a substring of the item's tokens joined by spaces (tokens hold no spaces, so a match is
exactly the phrase's tokens in order).
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ttdn.core.search import fold_token, tokens
from ttdn.core.search.query import MAX_TOKEN, TOKEN
from ttdn.core.text import nfc

_PART = re.compile(r'(-?)"([^"]*)(?:"|$)|(\S+)')
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})

Sequence = tuple[str, ...]


@dataclass(frozen=True)
class Term:
    tokens: Sequence
    exact: bool  # as written (a quoted phrase) rather than folded

    @functools.cached_property
    def joined(self) -> str:
        """The tokens as `Text` joins them: a phrase is there when this string is."""
        return f" {' '.join(self.tokens)} "


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
    """An item's tokens, folded and as written: as sets (is a word there?) and as one string
    with a space on each side of every token (is a phrase there? a substring test in C)."""

    exact: list[str]
    folded: list[str]
    # Where each line of the text (`str.splitlines`) ends in the tokens: tokens never span lines.
    line_ends: list[int] = field(default_factory=list)
    words: dict[bool, set[str]] = field(init=False)

    @classmethod
    def of(cls, text: str) -> Text:
        exact: list[str] = []
        ends = []
        for line in text.splitlines():
            exact += read_tokens(line)
            ends.append(len(exact))
        fold = {token: fold_token(token) for token in set(exact)}
        return cls(exact, list(map(fold.__getitem__, exact)), ends)

    def last_lines(self, count: int) -> list[list[str]]:
        """The folded tokens of each of the last `count` lines."""
        starts = [0, *self.line_ends]
        return (
            [self.folded[starts[i] : starts[i + 1]] for i in range(len(starts) - 1)][-count:]
            if count
            else []
        )

    def __post_init__(self) -> None:
        self.words = {True: set(self.exact), False: set(self.folded)}

    @functools.cached_property
    def _joined(self) -> dict[bool, str]:
        """Built when a phrase is first looked for (most items need no phrase test)."""
        return {True: f" {' '.join(self.exact)} ", False: f" {' '.join(self.folded)} "}

    @functools.cached_property
    def _counts(self) -> Counter[str]:
        return Counter(self.folded)

    def count(self, sequence: Sequence) -> int:
        """How many times the folded tokens `sequence` follow each other in the folded text,
        overlapping occurrences included (a substring search in C rather than a loop per token)."""
        if len(sequence) == 1:
            return self._counts[sequence[0]]
        if not self.words[False].issuperset(sequence):
            return 0
        joined, wanted = self._joined[False], f" {' '.join(sequence)} "
        found, at = 0, joined.find(wanted)
        while at >= 0:
            found += 1
            at = joined.find(wanted, at + 1)
        return found

    def contains(self, term: Term) -> bool:
        if len(term.tokens) == 1:
            return term.tokens[0] in self.words[term.exact]
        return term.joined in self._joined[term.exact]

    def satisfies(self, alternative: Alternative) -> bool:
        return all(self.contains(t) for t in alternative.required) and not any(
            self.contains(t) for t in alternative.excluded
        )


# Lower-casing the whole text before cutting it gives `core.search.tokens` exactly, and faster
# (one call instead of one per token), except around the two letters whose lower case depends
# on what follows or is two letters: the Turkish dotted İ and the Greek capital sigma.
_LOWER_BY_CONTEXT = ("İ", "Σ")


def read_tokens(text: str) -> list[str]:
    """`core.search.tokens(text)`."""
    text = nfc(text)
    if "İ" in text or "Σ" in text:  # _LOWER_BY_CONTEXT
        return tokens(text)
    found: list[str] = TOKEN.findall(text.lower())
    if found and max(map(len, found)) > MAX_TOKEN:  # rare: the test is cheaper than the filter
        return [token for token in found if len(token) <= MAX_TOKEN]
    return found


class Matcher:
    """Every watch compiled and indexed: `matches(text)` gives the keys of the watches it satisfies.

    Each alternative is indexed under the one required token that the fewest alternatives
    share ("lâm" rather than "trường" in "Trường Phú Lâm"), so an item meets only the
    alternatives whose most selective token it contains, found by one set intersection.
    """

    def __init__(self, expressions: Iterable[tuple[int, Expression]]) -> None:
        compiled = [(key, a) for key, e in expressions for a in e.alternatives]
        shared = Counter(
            (term.exact, token)
            for _key, a in compiled
            for term in a.required
            for token in set(term.tokens)
        )
        self._index: dict[bool, dict[str, list[_Candidate]]] = {
            True: defaultdict(list),
            False: defaultdict(list),
        }
        for key, alternative in compiled:
            exact, token = min(
                ((term.exact, token) for term in alternative.required for token in term.tokens),
                key=lambda found: shared[found],
            )
            self._index[exact][token].append(_Candidate.of(key, alternative))
        self._anchors = {exact: frozenset(index) for exact, index in self._index.items()}

    def matches(self, text: Text) -> set[int]:
        found: set[int] = set()
        exact_words, folded_words = text.words[True], text.words[False]
        for exact, index in self._index.items():
            for token in self._anchors[exact].intersection(text.words[exact]):
                for candidate in index[token]:
                    if (
                        candidate.key not in found
                        and candidate.folded <= folded_words
                        and candidate.exact <= exact_words
                        and (candidate.simple or text.satisfies(candidate.alternative))
                    ):
                        found.add(candidate.key)
        return found


@dataclass(frozen=True)
class _Candidate:
    """An alternative with every token it requires, so that most are set aside by two subset
    tests; `simple` when those tests decide (single words only, nothing excluded)."""

    key: int
    alternative: Alternative
    folded: frozenset[str]
    exact: frozenset[str]
    simple: bool

    @classmethod
    def of(cls, key: int, alternative: Alternative) -> _Candidate:
        required = alternative.required
        return cls(
            key,
            alternative,
            frozenset(t for term in required if not term.exact for t in term.tokens),
            frozenset(t for term in required if term.exact for t in term.tokens),
            simple=not alternative.excluded and all(len(term.tokens) == 1 for term in required),
        )


def matches_plainly(expression: Expression, text: Text) -> bool:
    """The expression evaluated as written, alternative by alternative: what `Matcher` must
    find (the property tests compare the two)."""
    return any(text.satisfies(alternative) for alternative in expression.alternatives)


def terms_of(expression: Expression) -> list[str]:
    """The words and phrases an expression looks for, as a `core.search` query for highlighting."""
    parts = []
    for alternative in expression.alternatives:
        for term in alternative.required:
            joined = " ".join(term.tokens)
            parts.append(f'"{joined}"' if term.exact else joined)
    return parts
