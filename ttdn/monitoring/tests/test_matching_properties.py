"""The compiled matcher against the plain evaluation of each watch, on generated watches and
texts: both must find exactly the same watches (core.search folding, phrases, OR, NOT)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from ttdn.core.search import fold_token, tokens
from ttdn.monitoring import matching, tone, watching

# Few syllables, written with and without tones and in both cases, so that generated watches
# and texts share words, phrases and folded forms often.
SYLLABLES = ["Trường", "truong", "Phú", "phu", "Lâm", "lam", "lạm", "thu", "Thư", "học", "hoc",
             "phí", "PHÍ", "Đà", "da", "Nẵng", "nang", "miễn", "giảm", "an", "Ấn"]  # fmt: skip
WORD = st.sampled_from(SYLLABLES)
PUNCTUATION = st.sampled_from(
    [" ", " ", " ", ", ", ". ", "\n", " – ", ": ", "\r\n", "\r", "\u2028"]
)


@st.composite
def texts(draw: st.DrawFn) -> str:
    words = draw(st.lists(WORD, max_size=30))
    gaps = draw(st.lists(PUNCTUATION, min_size=len(words), max_size=len(words)))
    return "".join(w + g for w, g in zip(words, gaps, strict=True))


@st.composite
def queries(draw: st.DrawFn) -> str:
    """Words, quoted phrases, NOT and minus exclusions, OR between alternatives."""
    alternatives = []
    for _ in range(draw(st.integers(1, 3))):
        parts = []
        for _ in range(draw(st.integers(1, 3))):
            words = " ".join(draw(st.lists(WORD, min_size=1, max_size=3)))
            form = draw(st.sampled_from(["word", "phrase", "not", "minus", "not-phrase"]))
            parts.append(
                {
                    "word": words,
                    "phrase": f'"{words}"',
                    "not": f"NOT {words.split()[0]}",
                    "minus": f"-{words.split()[0]}",
                    "not-phrase": f'NOT "{words}"',
                }[form]
            )
        alternatives.append(" ".join(parts))
    return " OR ".join(alternatives)


def _compiled(query_list: list[str]) -> list[tuple[int, matching.Expression]]:
    compiled = []
    for key, query in enumerate(query_list):
        try:
            compiled.append((key, matching.parse(query)))
        except ValidationError:  # an alternative with only exclusions: refused when saved
            continue
    return compiled


@settings(max_examples=300, deadline=None)
@given(st.lists(queries(), min_size=1, max_size=40), st.lists(texts(), min_size=1, max_size=5))
def test_the_matcher_finds_what_plain_evaluation_finds(query_list, text_list):
    expressions = _compiled(query_list)
    matcher = matching.Matcher(expressions)

    for raw in text_list:
        text = matching.Text.of(raw)
        plain = {key for key, e in expressions if matching.matches_plainly(e, text)}
        assert matcher.matches(text) == plain


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(WORD, min_size=1, max_size=3), min_size=1, max_size=20), texts())
def test_entity_watches_match_as_plain_evaluation_does(names, raw):
    expressions = [(key, matching.entity([" ".join(name)])) for key, name in enumerate(names)]
    text = matching.Text.of(raw)

    plain = {key for key, e in expressions if matching.matches_plainly(e, text)}

    assert matching.Matcher(expressions).matches(text) == plain


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200) | texts())
def test_an_items_words_are_core_search_tokens_and_their_folded_forms(raw):
    text = matching.Text.of(raw)

    assert (text.exact, text.folded) == (tokens(raw), [fold_token(t) for t in tokens(raw)])


def test_the_turkish_dotted_i_and_the_greek_final_sigma_are_cut_as_core_search_cuts_them():
    for raw in ("İstanbul İZMİR", "ΟΔΟΣ'Α ΣΟΦΟΣ", "AΣ'B"):
        assert matching.Text.of(raw).exact == tokens(raw)


# The lexicon's words, with and without tones, so that generated texts hold its phrases,
# repeated and overlapping ("giải nhất giải nhất", "sai sai sự thật").
LEXICON_WORD = st.sampled_from(["sai", "phạm", "sự", "thật", "pham", "bạo", "lực", "giải", "nhất",
                                "nhì", "khen", "thưởng", "an", "toàn", "mất", "fraud", "giai"])  # fmt: skip


def _count_token_by_token(text: matching.Text, phrases: dict[str, list[tuple[str, ...]]]) -> int:
    """The tone lexicon's count as written before: every position, every phrase starting there."""
    folded = text.folded
    return sum(
        1
        for i, token in enumerate(folded)
        for phrase in phrases.get(token, ())
        if tuple(folded[i : i + len(phrase)]) == phrase
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(LEXICON_WORD | WORD, max_size=40))
def test_the_tone_lexicon_counts_each_occurrence_of_its_phrases(words):
    text = matching.Text.of(" ".join(words))

    found = (tone.count(text, tone._NEGATIVE), tone.count(text, tone._POSITIVE))

    assert found == (
        _count_token_by_token(text, tone._NEGATIVE),
        _count_token_by_token(text, tone._POSITIVE),
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(texts(), max_size=6), texts())
def test_the_paragraphs_of_a_mention_hold_their_core_search_tokens_folded(lines, title):
    raw = "\n".join(lines)

    # Read from the item's tokens, of its title and text, as the pipeline reads them.
    paragraphs = watching._paragraphs(raw, matching.Text.of(f"{title}\n{raw}"))

    assert paragraphs == [
        (line, frozenset(fold_token(t) for t in tokens(line)))
        for line in raw.splitlines()
        if line.strip()
    ]
