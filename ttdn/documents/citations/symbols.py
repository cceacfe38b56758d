"""Numbers and symbols: their canonical form, their lookup key, and their shape."""

import re

from ttdn.core.text import fold, nfc

DASHES = r"\-\u2010-\u2015\u2212"  # for a character class: "-", "‐" … "―", "−"
_SYMBOL_SPACES = re.compile(rf"\s*([/{DASHES}])\s*")


def normalise_text(text: str) -> str:
    """NFC `text` with "Ð"/"ð" (eth) read as "Đ"/"đ": the text `Citation` offsets index.

    It has the same length as `nfc(text)` and differs from it only in those letters.
    """
    return nfc(text).replace("Ð", "Đ").replace("ð", "đ")


def has_year(number_symbol: str) -> bool:
    """Whether the symbol carries its year ("72/2015/NĐ-CP"); one without ("24/KH-SGDĐT") is
    numbered anew each year, so its date tells documents of the same symbol apart."""
    parts = number_symbol.split("/")
    return len(parts) >= 3 and len(parts[1]) == 4 and parts[1].isdigit()


def normalise_number_symbol(number_symbol: str) -> str:
    """The canonical number and symbol: "45- NQ/TW" → "45-NQ/TW".

    Removes spaces around "/" and "-", reads every dash as "-", the eth "Ð" as
    "Đ", and a lower-case "đ" in an otherwise upper-case code ("Qđ") as "Đ".
    Other letters keep their case and their Vietnamese form ("TTg", "Ctr").
    """
    joined = _SYMBOL_SPACES.sub(_separator, normalise_text(number_symbol).strip())
    return "".join(_fix_code(part) for part in re.split(r"([/-])", joined))


def number_symbol_key(number_symbol: str) -> str:
    """A folded lookup key: "72/2015/NĐ-CP" → "72/2015/nd-cp", "05-CT/TW" → "5-ct/tw".

    Case, tones and "đ" are folded and the leading zeros of the number dropped,
    so a citation matches the library however the symbol was typed.
    """
    return re.sub(r"^0+(?=\d)", "", fold(normalise_number_symbol(number_symbol)))


def _separator(match: re.Match[str]) -> str:
    return "/" if match.group(1) == "/" else "-"


def _fix_code(part: str) -> str:
    """Read "đ" in an otherwise upper-case code as "Đ": "Qđ" is a typo of "QĐ"."""
    return part.replace("đ", "Đ") if part.replace("đ", "Đ").isupper() else part


# Issuers of Party documents, whose symbols put the number before a dash ("05-CT/TW"); state
# documents put it before a slash ("21/CT-TTg").
_PARTY_ISSUERS = frozenset(
    {"tw", "tu", "hu", "qu", "du", "btgtw", "btctw", "ubkttw", "vptw", "bdvtw", "bcs"}
)
_PARTY_SHAPE = re.compile(r"^(?P<number>\d+)-(?P<code>[^/\-]+)/(?P<issuer>[^/\-]+)$")
_STATE_SHAPE = re.compile(r"^(?P<number>\d+)/(?P<code>[^/\-]+)-(?P<issuer>[^/\-]+)$")


def corrected_symbol(number_symbol: str) -> str | None:
    """The symbol as it should be written when its shape belongs to the other kind of
    issuer: "21-CT/TTg" (a Party shape for the Prime Minister) → "21/CT-TTg", "05/CT-TW"
    → "05-CT/TW"; None when the shape fits the issuer."""
    if match := _PARTY_SHAPE.match(number_symbol):
        if fold(match["issuer"]) not in _PARTY_ISSUERS:
            return f"{match['number']}/{match['code']}-{match['issuer']}"
    elif (match := _STATE_SHAPE.match(number_symbol)) and fold(match["issuer"]) in _PARTY_ISSUERS:
        return f"{match['number']}-{match['code']}/{match['issuer']}"
    return None
