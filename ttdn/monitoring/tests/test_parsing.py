import py3langid
import pytest

from ttdn.core.text import strip_tones
from ttdn.monitoring import parsing, press_site

_TEXTS = [" ".join(story.paragraphs) for story in press_site.STORIES]


@pytest.mark.parametrize("text", [*_TEXTS, *(strip_tones(t) for t in _TEXTS)])
def test_language_from_the_lead_is_what_the_first_500_characters_tell(text):
    expected = py3langid.classify(text[:500])[0]

    found = parsing.language(text, "und")

    assert found == expected


def test_language_of_a_text_whose_lead_is_unclear_is_read_further():
    english = ("The school year opens in Hai Phong with new teachers and parents. " * 2)[:120]
    french = (
        " La rentrée scolaire commence à Hai Phong avec de nouveaux enseignants et des parents."
    )
    text = english + french * 6
    lead = py3langid.rank(text[:200])

    found = parsing.language(text, "und")

    assert (lead[0][0], found) == ("en", "fr")


def test_language_of_a_text_too_short_to_tell_is_the_sources():
    assert parsing.language("Hà Nội", "vi") == "vi"
