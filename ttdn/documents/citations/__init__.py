"""Find references to legal and administrative documents in Vietnamese text.

`parse_citations` returns every citation of a numbered document ("Nghị định số
72/2015/NĐ-CP ngày 07/8/2015 của Chính phủ", "Chỉ thị 05-CT/TW", "Nghị quyết số
45- NQ/TW") in order of appearance, with its type, canonical number and symbol,
date and issuer. It is pure Python: the checker that compares citations with
the legal library builds on it.

Contracts shared by every function here:

- Input may be NFC or NFD and may come from PDF extraction (hard line breaks,
  blank lines and stray spaces anywhere a space can be). The text is first
  normalised by `normalise_text` (NFC, and the look-alike "Ð"/"ð" mapped to
  "Đ"/"đ"); `Citation.start`/`end` are offsets into that normalised text, which
  equals `ttdn.core.text.nfc(text)` character for character.
- A reference without a number and symbol ("Luật Giáo dục", "Nghị quyết Đại
  hội XIII", "Chương trình hành động của Chính phủ") is not a citation: nothing
  could check it against the library, and it would mostly be noise. A bare
  "Số: 242/KH-PGDĐT" header is the document's own number, not a citation.
- Every pattern is built from bounded or non-overlapping repetitions, so the
  running time is linear in the length of the text.
"""

from ttdn.documents.citations.issuers import issuer_key, issuers_agree
from ttdn.documents.citations.parse import (
    Citation,
    document_date,
    implementation_pairs,
    parse_citations,
)
from ttdn.documents.citations.symbols import (
    corrected_symbol,
    has_year,
    normalise_number_symbol,
    normalise_text,
    number_symbol_key,
)
from ttdn.documents.citations.types import (
    NORMATIVE_TYPES,
    TYPE_BY_ABBREVIATION,
    TYPE_NAMES,
    DocumentType,
)

__all__ = [
    "NORMATIVE_TYPES",
    "TYPE_BY_ABBREVIATION",
    "TYPE_NAMES",
    "Citation",
    "DocumentType",
    "corrected_symbol",
    "document_date",
    "has_year",
    "implementation_pairs",
    "issuer_key",
    "issuers_agree",
    "normalise_number_symbol",
    "normalise_text",
    "number_symbol_key",
    "parse_citations",
]
