"""The text of a .txt, .docx or .pdf file, for the citation checker. Works offline.

PDF text comes from pypdf (pinned in requirements/base.txt). A PDF without a text layer (a
scan, a photo) yields no text: that is reported as such, since no citation can be read from it
without text recognition, which this product does not do.
"""

from __future__ import annotations

import codecs
import io
from pathlib import PurePath
from typing import BinaryIO

import docx
from django.utils.translation import gettext as _
from docx.table import Table
from pypdf import PdfReader
from pypdf.errors import PdfReadError

SUFFIXES = (".txt", ".docx", ".pdf")


class ExtractionFailed(Exception):
    """The file's text cannot be read; the message says why, for the person who sent it."""


def extract_text(name: str, stream: BinaryIO) -> str:
    """The text of the file called `name`, read from `stream`. Raises ExtractionFailed."""
    suffix = PurePath(name).suffix.lower()
    data = stream.read()
    if suffix == ".txt":
        return _text(data)
    if suffix == ".docx":
        return _docx(data)
    if suffix == ".pdf":
        return _pdf(data)
    raise ExtractionFailed(_("Only .txt, .docx and .pdf files can be checked."))


def _text(data: bytes) -> str:
    encoding = "utf-16" if data[:2] in {codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE} else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ExtractionFailed(
            _("The text file is not in UTF-8: save it as UTF-8 and try again.")
        ) from None


def _docx(data: bytes) -> str:
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises several kinds for a damaged or foreign file
        raise ExtractionFailed(_("The file is not a readable Word document (.docx).")) from error
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines += [p.text for row in block.rows for cell in row.cells for p in cell.paragraphs]
        else:
            lines.append(block.text)
    return "\n".join(lines)


def _pdf(data: bytes) -> str:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ExtractionFailed(
                _("The PDF is protected by a password; remove the protection and try again.")
            )
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        raise ExtractionFailed(_("The file is not a readable PDF.")) from error
    if not text.strip():
        raise ExtractionFailed(
            _(
                "The PDF has no text layer: it is probably a scan or a photo. Run text recognition (OCR) on it, or paste its text."
            )
        )
    return text
