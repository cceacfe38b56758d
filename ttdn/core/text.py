"""Vietnamese text: NFC normalisation, folding for search, slugs.

Plain accent stripping does not fold "đ"/"Đ" (they are letters of their own,
not "d" with a combining mark), so `fold` maps them explicitly.
"""

import re
import unicodedata

# "ð"/"Ð" (eth) are how PDF extraction often gives "đ"/"Đ": they fold the same way.
_D_MAP = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")


def nfc(text: str) -> str:
    """Return `text` in Unicode NFC, the form Vietnamese is stored in."""
    return unicodedata.normalize("NFC", text)


def strip_tones(text: str) -> str:
    """Remove every diacritic and map đ→d, keeping case."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def fold(text: str) -> str:
    """Lower-case, tone-less, đ→d, single-spaced: the form search compares.

    >>> fold("Đà  Nẵng") == fold("da nang") == "da nang"
    True
    """
    return _SPACES.sub(" ", strip_tones(text).lower()).strip()


def slugify(text: str) -> str:
    """An ASCII slug of Vietnamese text: "Trường THCS Hùng Vương" → "truong-thcs-hung-vuong"."""
    return _NON_SLUG.sub("-", fold(text)).strip("-")
