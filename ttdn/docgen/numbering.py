"""Number, symbol and date lines as Nghị định 30/2020 writes them.

"Số: 05/KH-PGDĐT": numbers below 10 take a leading zero, "/" separates number and symbol,
"-" joins the parts of the symbol, and there are no spaces. "Cẩm Phả, ngày 05 tháng 02 năm
2023": days below 10 and the months January and February take a leading zero.
"""

import datetime
import re

from ttdn.docgen.model import DocumentType
from ttdn.docgen.text import clean

_BLANK = "\u00a0" * 8  # room to write by hand on an undated or unnumbered draft
_SPACES = re.compile(r"\s+")


def format_number(number: int) -> str:
    """The document number with the leading zero below 10: 5 → "05", 242 → "242"."""
    if number < 1:
        raise ValueError(f"document numbers start at 1, not {number}")
    return f"{number:02d}"


def number_line(number: int | None, symbol: str) -> str:
    """ "Số: 05/KH-PGDĐT"; with no number yet, a blank to fill in after signing."""
    printed = _BLANK if number is None else format_number(number)
    return f"Số: {printed}/{_compact(symbol)}"


def _compact(abbreviation: str) -> str:
    return _SPACES.sub("", clean(abbreviation))


def build_symbol(doc_type: DocumentType, issuer: str, drafting_unit: str = "") -> str:
    """The symbol after the number (Phụ lục I §II.3.b).

    A typed document joins its type and the issuer: (PLAN, "PGDĐT") → "KH-PGDĐT". A letter
    joins the issuer and the drafting unit or field: (LETTER, "UBND", "VX") → "UBND-VX".
    Raises ValueError when the issuer is empty, when a letter has no drafting unit, or when a
    typed document is given one (the decree's symbol for it has no third part).
    """
    issuer, drafting_unit = _compact(issuer), _compact(drafting_unit)
    if not issuer:
        raise ValueError("the symbol needs the issuer's abbreviation")
    if doc_type is DocumentType.LETTER:
        if not drafting_unit:
            raise ValueError("a letter's symbol needs the drafting unit or field")
        return f"{issuer}-{drafting_unit}"
    if drafting_unit:
        raise ValueError("a typed document's symbol is its type and issuer only")
    return f"{doc_type.abbreviation}-{issuer}"


def format_day(day: int) -> str:
    """Days below 10 take a leading zero: 5 → "05"."""
    return f"{day:02d}"


def format_month(month: int) -> str:
    """Only January and February take a leading zero: 1 → "01", 3 → "3", 11 → "11"."""
    return f"{month:02d}" if month < 3 else str(month)


def place_date_line(place: str, date: datetime.date | None) -> str:
    """ "Cẩm Phả, ngày 14 tháng 3 năm 2023"; with no date, blanks to fill in by hand."""
    if date is None:
        return f"{clean(place)}, ngày{_BLANK}tháng{_BLANK}năm{_BLANK}"
    day, month = format_day(date.day), format_month(date.month)
    return f"{clean(place)}, ngày {day} tháng {month} năm {date.year}"
