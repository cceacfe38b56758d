"""Text hygiene and Times New Roman text widths.

`clean` makes any string safe to put in a DOCX: the XML 1.0 character set has no C0
control characters (except tab and line breaks), no lone surrogates and no U+FFFE/U+FFFF,
and lxml refuses to serialise them. `text_width_mm` measures a line set in Times New Roman
(Liberation Serif has the same metrics) so that the header rules can be drawn at the lengths
Nghị định 30 prescribes without any font file at run time.
"""

import re
import unicodedata
from collections.abc import Sequence

_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_HORN = "\u031b"  # the hook of Ơ/Ư: unlike tone marks it widens the glyph

_CHARACTERS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
    "abcdefghijklmnopqrstuvwxyz{|}~ĐđƠơƯư–—‘’“”…"
)
# Advance widths in units of 1/2048 em, in the order of _CHARACTERS.
_REGULAR_WIDTHS = (
    "512 682 836 1024 1024 1706 1593 369 682 682 1024 1155 512 682 512 569 1024 1024 1024 "
    "1024 1024 1024 1024 1024 1024 1024 569 569 1155 1155 1155 909 1886 1479 1366 1366 1479 "
    "1251 1139 1479 1479 682 797 1479 1251 1821 1479 1479 1139 1479 1366 1139 1251 1479 1479 "
    "1933 1479 1479 1251 682 569 682 961 1024 682 909 1024 909 1024 909 682 1024 1024 569 569 "
    "1024 569 1593 1024 1024 1024 1024 682 797 569 1024 1024 1479 1024 1024 909 983 410 983 "
    "1108 1479 1024 1479 1083 1589 1110 1024 2048 682 682 909 909 2048"
)
_BOLD_WIDTHS = (
    "512 682 1137 1024 1024 2048 1706 569 682 682 1024 1167 512 682 512 569 1024 1024 1024 "
    "1024 1024 1024 1024 1024 1024 1024 682 682 1167 1167 1167 1024 1905 1479 1366 1479 1479 "
    "1366 1251 1593 1593 797 1024 1593 1366 1933 1479 1593 1251 1593 1479 1139 1366 1479 1479 "
    "2048 1479 1479 1366 682 569 682 1190 1024 682 1024 1139 909 1139 909 682 1024 1139 569 "
    "682 1139 569 1706 1139 1024 1139 1139 909 797 682 1139 1024 1479 1024 1024 909 807 451 "
    "807 1065 1479 1139 1593 1134 1630 1229 1024 2048 682 682 1024 1024 2048"
)
_UNITS_PER_EM = 2048
_MM_PER_POINT = 25.4 / 72
_FALLBACK_WIDTH = 1024  # half an em: the width of a digit, a fair guess for anything else


def _table(widths: str) -> dict[str, int]:
    return dict(zip(_CHARACTERS, map(int, widths.split()), strict=True))


_WIDTHS = {False: _table(_REGULAR_WIDTHS), True: _table(_BOLD_WIDTHS)}


def clean(text: str) -> str:
    """Return `text` in NFC with every character XML 1.0 cannot carry removed.

    Emoji and other valid but unusual characters are kept: they cannot break the file,
    and the viewer falls back to another font for them.
    """
    return unicodedata.normalize("NFC", _XML_INVALID.sub("", text))


def _base_letter(character: str) -> str:
    """Drop tone marks, circumflexes and breves, which leave the advance width unchanged."""
    marks = unicodedata.normalize("NFD", character)
    kept = "".join(c for c in marks if not unicodedata.combining(c) or c == _HORN)
    return unicodedata.normalize("NFC", kept)


def text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Width in millimetres of `text` set on one line in Times New Roman at `size_pt`."""
    table = _WIDTHS[bold]
    units = sum(table.get(_base_letter(c), _FALLBACK_WIDTH) for c in clean(text))
    return units / _UNITS_PER_EM * size_pt * _MM_PER_POINT


def list_item(text: str) -> str:
    """One item of a printed list as typed, without the punctuation the list adds itself:
    "Như trên;" and "Như trên" are the same recipient."""
    return clean(text).strip().rstrip(";.,").rstrip()


def punctuated(items: Sequence[str], *, last: str = ".") -> list[str]:
    """Items of a list as the decree ends them: ";" after each, `last` after the final one;
    punctuation the user typed is not doubled and empty items are dropped."""
    kept = [item for item in map(list_item, items) if item]
    return [item + (last if index == len(kept) - 1 else ";") for index, item in enumerate(kept)]
