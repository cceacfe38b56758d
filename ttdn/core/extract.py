"""Reading uploaded files within bounds: the one text extractor (.txt, .docx, .pdf), the
zip-bomb check, spreadsheet rows and picture sizes. Works offline.

Every reader of an upload in the product goes through here (plan import, the citation checker,
report and unit spreadsheets, pictures, library files), so every limit is set once, by a
setting (`TTDN_UPLOAD_*`, docs/deploy.md):

- a .docx/.xlsx is a zip: its directory is read first and the file refused when it would
  unpack to more than `UPLOAD_MAX_UNZIPPED_MB` or any part is compressed more than
  `UPLOAD_MAX_ZIP_RATIO` times (a zip bomb); `zipfile` never inflates a part beyond the size its
  directory declares, so the check holds for a directory that lies;
- a PDF of more than `UPLOAD_MAX_PDF_PAGES` pages is refused before any page is read (the page
  tree is walked by hand and the walk abandoned past the limit);
- text longer than `UPLOAD_MAX_TEXT_CHARS` (the limit of pasted text) is refused, and reading
  stops as soon as it is reached;
- reading stops after `UPLOAD_MAX_SECONDS` (checked between pages and paragraphs);
- a spreadsheet of more than `UPLOAD_MAX_ROWS` rows is refused;
- a picture of more than `UPLOAD_MAX_MEGAPIXELS` is refused from its header, before decoding
  (Pillow's own decompression-bomb limit is set to the same, its warning made an error).

Any failure is an `ExtractionError`: `code` names the case, `params` its values, and `str()` is
the translated message for the person who sent the file. A damaged or hostile file never raises
anything else.

PDF pages are separated by a form feed ("\\f") so the plan importer can recognise page headers
and footers. A PDF without a text layer (a scan) is refused: this product does no text
recognition. A .docx is read in document order, table cells included (each merged cell once),
one paragraph per line, with Word's automatic numbering in front ("I.", "1.", "a)", "-").
"""

from __future__ import annotations

import codecs
import io
import re
import time
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

SUFFIXES = (".txt", ".docx", ".pdf")
PAGE_BREAK = "\f"
MB = 1024 * 1024
# A part this small is never called a bomb, however well it compresses (a page of spaces).
RATIO_FLOOR_BYTES = MB
MAX_ZIP_ENTRIES = 10_000

MESSAGES: dict[str, StrOrPromise] = {
    "unsupported_type": _("Only .txt, .docx and .pdf files can be read."),
    "empty": _("The file is empty."),
    "not_utf8": _("The text file is not UTF-8: save it as UTF-8 and try again."),
    "not_docx": _("The .docx file is damaged or not a Word document."),
    "not_xlsx": _("This is not an Excel (.xlsx) file."),
    "not_zip": _("The file is damaged or not of the kind its name says."),
    "zip_too_large": _("The file unpacks to more than %(limit)s MB: it is not read."),
    "zip_ratio": _(
        "A part of the file is compressed more than %(limit)s times, as in a zip bomb: it is not read."
    ),
    "encrypted_pdf": _("The PDF is protected by a password; remove the protection and try again."),
    "not_pdf": _("The .pdf file is damaged or not a PDF."),
    "scanned_pdf": _(
        "The PDF has no text layer: it is probably a scan or a photo. Run text recognition (OCR) on it, or paste its text."
    ),
    "too_many_pages": _("The PDF has more than %(limit)s pages, the limit."),
    "too_much_text": _("The file holds more than %(limit)s characters of text, the limit."),
    "too_slow": _("Reading the file took more than %(limit)s seconds and was stopped."),
    "too_many_rows": _("The spreadsheet has more than %(limit)s rows, the limit."),
    "not_picture": _("The file is not a picture that can be read."),
    "too_many_pixels": _(
        "The picture has %(pixels)s megapixels; at most %(limit)s are accepted. Make it smaller and try again."
    ),
}


class ExtractionError(ValueError):
    """A file that cannot be read within bounds. `str()` is the translated message."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    def __str__(self) -> str:
        return str(MESSAGES[self.code]) % self.params


@dataclass(frozen=True)
class Limits:
    unzipped_bytes: int
    zip_ratio: int
    pdf_pages: int
    text_chars: int
    seconds: float
    rows: int
    pixels: int


def limits() -> Limits:
    """The limits the settings give (read each time, so tests and operators can change them)."""
    return Limits(
        unzipped_bytes=int(settings.UPLOAD_MAX_UNZIPPED_MB) * MB,
        zip_ratio=int(settings.UPLOAD_MAX_ZIP_RATIO),
        pdf_pages=int(settings.UPLOAD_MAX_PDF_PAGES),
        text_chars=int(settings.UPLOAD_MAX_TEXT_CHARS),
        seconds=float(settings.UPLOAD_MAX_SECONDS),
        rows=int(settings.UPLOAD_MAX_ROWS),
        pixels=int(settings.UPLOAD_MAX_MEGAPIXELS) * 1_000_000,
    )


class _Clock:
    """Raises too_slow once `seconds` have passed since it was made."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise ExtractionError("too_slow", limit=f"{self.seconds:g}")


# --- Text -------------------------------------------------------------------------------------


def extract_text(data: bytes, suffix: str, *, seconds: float | None = None) -> str:
    """The text of a file with the given suffix (".txt", ".docx", ".pdf"), within the limits;
    `seconds` overrides the time limit (the worker allows more). Raises ExtractionError."""
    bounds = limits()
    clock = _Clock(seconds if seconds is not None else bounds.seconds)
    suffix = suffix.lower()
    if suffix not in SUFFIXES:
        raise ExtractionError("unsupported_type")
    if not data:
        raise ExtractionError("empty")
    if suffix == ".txt":
        text = text_of_txt(data, bounds)
    elif suffix == ".docx":
        text = text_of_docx(data, bounds, clock)
    else:
        text = text_of_pdf(data, bounds, clock)
    if len(text) > bounds.text_chars:
        raise ExtractionError("too_much_text", limit=bounds.text_chars)
    return text


def text_of_txt(data: bytes, bounds: Limits) -> str:
    """UTF-8 (with or without BOM) or UTF-16 with BOM."""
    if len(data) > 4 * bounds.text_chars + 4:  # no encoding needs more than 4 bytes a character
        raise ExtractionError("too_much_text", limit=bounds.text_chars)
    encoding = "utf-16" if data[:2] in {codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE} else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ExtractionError("not_utf8") from None


def text_of_docx(data: bytes, bounds: Limits, clock: _Clock) -> str:
    """The paragraphs of a Word document, tables included, one per line."""
    import docx  # python-docx is slow to import; most requests never read a .docx

    names = check_zip(data, bounds, invalid="not_docx")
    if "word/document.xml" not in names:
        raise ExtractionError("not_docx")
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        size = 0
        for line in _docx_lines(document, _Numbering(document)):
            clock.check()
            size += len(line) + 1
            if size > bounds.text_chars + 1:
                raise ExtractionError("too_much_text", limit=bounds.text_chars)
            lines.append(line)
        return "\n".join(lines)
    except ExtractionError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds for a damaged file
        raise ExtractionError("not_docx") from error


def text_of_pdf(data: bytes, bounds: Limits, clock: _Clock) -> str:
    """The text of each page of a PDF, pages separated by a form feed."""
    reader = _pdf_reader(data)
    count = _page_count(reader, bounds.pdf_pages)
    if count > bounds.pdf_pages:
        raise ExtractionError("too_many_pages", limit=bounds.pdf_pages)
    pages: list[str] = []
    size = 0
    try:
        for page in reader.pages:
            clock.check()
            text = (page.extract_text() or "").replace(PAGE_BREAK, "\n")
            size += len(text) + 1
            if size > bounds.text_chars + 1:
                raise ExtractionError("too_much_text", limit=bounds.text_chars)
            pages.append(text)
    except (ExtractionError, MemoryError, RecursionError):
        raise
    except Exception as error:  # pypdf raises many kinds for a damaged file
        raise ExtractionError("not_pdf") from error
    if not any(page.strip() for page in pages):
        raise ExtractionError("scanned_pdf")
    return PAGE_BREAK.join(pages)


def pdf_pages(data: bytes, cap: int | None = None) -> int:
    """The number of pages of a PDF, counted in its page tree without reading a page, up to
    `cap` + 1 (more is not counted). Raises ExtractionError."""
    return _page_count(_pdf_reader(data), limits().pdf_pages if cap is None else cap)


def _pdf_reader(data: bytes) -> Any:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = reader.is_encrypted
    except Exception as error:  # pypdf raises many kinds for a damaged file
        raise ExtractionError("not_pdf") from error
    if encrypted:
        raise ExtractionError("encrypted_pdf")
    return reader


def _page_count(reader: Any, cap: int) -> int:
    """Leaves of the page tree, walked by hand and abandoned past `cap` pages: pypdf's own count
    flattens the whole tree first (25 s for 68,000 pages), and a tree's /Count may lie."""
    try:
        pending: list[Any] = [reader.trailer["/Root"].get("/Pages")]
        seen: set[Any] = set()
        count = 0
        while pending and count <= cap and len(seen) <= 4 * cap + 100:
            reference = pending.pop()  # resolved only when visited: /Kids may hold 68,000
            key = getattr(reference, "idnum", None) or id(reference)
            if key in seen:
                continue
            seen.add(key)
            node = reference.get_object()
            if node.get("/Type") == "/Pages" or "/Kids" in node:
                pending.extend(node.get("/Kids", []))
            else:
                count += 1
        return count if count <= cap and not pending else max(count, cap + 1)
    except Exception as error:  # a damaged page tree
        raise ExtractionError("not_pdf") from error


# --- Zip packages (.docx, .xlsx) ----------------------------------------------------------------


def check_zip(data: bytes, bounds: Limits | None = None, *, invalid: str = "not_zip") -> list[str]:
    """The names of a zip's parts, read from its directory without unpacking anything.

    Raises ExtractionError(`invalid`) for what is not a zip, zip_too_large when the parts would
    unpack to more than the limit, zip_ratio when a part is compressed suspiciously well.
    """
    bounds = bounds or limits()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise ExtractionError(invalid) from None
    if len(parts) > MAX_ZIP_ENTRIES:
        raise ExtractionError(invalid)
    if sum(part.file_size for part in parts) > bounds.unzipped_bytes:
        raise ExtractionError("zip_too_large", limit=bounds.unzipped_bytes // MB)
    for part in parts:
        if part.file_size > RATIO_FLOOR_BYTES and part.file_size > bounds.zip_ratio * max(
            part.compress_size, 1
        ):
            raise ExtractionError("zip_ratio", limit=bounds.zip_ratio)
    return [part.filename for part in parts]


# --- What a file is, by its content -----------------------------------------------------------

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.ppt
OPEN_DOCUMENT = "application/vnd.oasis.opendocument."
# The folder an OOXML package keeps its main part in, per extension.
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
OPEN_DOCUMENT_TYPES = {
    "odt": OPEN_DOCUMENT + "text",
    "ods": OPEN_DOCUMENT + "spreadsheet",
    "odp": OPEN_DOCUMENT + "presentation",
}


def content_matches(extension: str, data: bytes) -> bool:
    """Whether the bytes are what the extension says (the extension alone proves nothing: a
    script renamed "ke-hoach.pdf"). Packages (OOXML, OpenDocument, ZIP) must also pass the
    zip-bomb check. An extension this function does not know never matches."""
    extension = extension.lower()
    signatures = {
        "pdf": lambda: data[:1024].lstrip().startswith(b"%PDF-"),
        "doc": lambda: data.startswith(OLE),
        "xls": lambda: data.startswith(OLE),
        "ppt": lambda: data.startswith(OLE),
        "jpg": lambda: data.startswith(b"\xff\xd8\xff"),
        "jpeg": lambda: data.startswith(b"\xff\xd8\xff"),
        "png": lambda: data.startswith(b"\x89PNG\r\n\x1a\n"),
        "webp": lambda: data[:4] == b"RIFF" and data[8:12] == b"WEBP",
        "rtf": lambda: data.startswith(b"{\\rtf"),
        "txt": lambda: _is_text(data),
    }
    if extension in signatures:
        return signatures[extension]()
    if extension in OOXML_PARTS or extension in OPEN_DOCUMENT_TYPES or extension == "zip":
        return _package_matches(extension, data)
    return False


def _is_text(data: bytes) -> bool:
    try:
        text_of_txt(data, limits())
    except ExtractionError:
        return False
    return "\x00" not in data[:4096].decode("utf-8", "ignore")


def _package_matches(extension: str, data: bytes) -> bool:
    """An OOXML or OpenDocument file, or a plain ZIP: a zip within bounds, with the parts its
    kind needs."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        names = check_zip(data)
        if extension in OOXML_PARTS:
            return "[Content_Types].xml" in names and any(
                name.startswith(OOXML_PARTS[extension]) for name in names
            )
        if extension == "zip":
            return True
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            if "mimetype" not in names or package.getinfo("mimetype").file_size > 100:
                return False
            mimetype = package.read("mimetype").decode("ascii", "replace").strip()
        return mimetype == OPEN_DOCUMENT_TYPES[extension]
    except (ExtractionError, zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return False


# --- Spreadsheets -----------------------------------------------------------------------------


def open_workbook(file: IO[bytes] | bytes) -> Any:
    """The first sheet of an .xlsx file, read-only, after the zip-bomb check and a check of
    the row count the sheet declares. Raises ExtractionError."""
    from openpyxl import load_workbook

    data = file if isinstance(file, bytes) else file.read()
    names = check_zip(data, invalid="not_xlsx")
    if "xl/workbook.xml" not in names:
        raise ExtractionError("not_xlsx")
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
        declared = sheet.max_row
    except Exception as error:  # openpyxl raises many kinds on a file that is not a workbook
        raise ExtractionError("not_xlsx") from error
    if declared and declared > limits().rows:
        raise ExtractionError("too_many_rows", limit=limits().rows)
    return sheet


def bounded_rows(rows: Iterable[Any]) -> Iterator[Any]:
    """The rows, refused with too_many_rows as soon as there are more than the limit."""
    limit = limits().rows
    for count, row in enumerate(rows, start=1):
        if count > limit:
            raise ExtractionError("too_many_rows", limit=limit)
        yield row


def sheet_rows(file: IO[bytes] | bytes) -> list[tuple[Any, ...]]:
    """Every row of the first sheet of an .xlsx file, as values, within the row limit."""
    sheet = open_workbook(file)
    try:
        return list(bounded_rows(sheet.iter_rows(values_only=True)))
    except (ExtractionError, MemoryError):
        raise
    except Exception as error:  # openpyxl and the XML parser raise many kinds on a damaged sheet
        raise ExtractionError("not_xlsx") from error


# --- Pictures ---------------------------------------------------------------------------------


def check_picture_size(width: int, height: int, *, limit: int | None = None) -> None:
    """Raise too_many_pixels for a picture above the limit (from its header, before decoding)."""
    limit = min(limits().pixels, limit or limits().pixels)
    if width * height > limit:
        raise ExtractionError(
            "too_many_pixels",
            pixels=f"{width * height / 1_000_000:.1f}",
            limit=f"{limit / 1_000_000:g}",
        )


def open_picture(data: bytes) -> Any:
    """A Pillow image opened (header read, nothing decoded) within the pixel limit.

    Pillow's decompression-bomb warning (above its limit, which is ours) is an error here: the
    picture is refused with its size. Raises ExtractionError."""
    from PIL import Image as Pillow
    from PIL import UnidentifiedImageError

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", Pillow.DecompressionBombWarning)
        try:
            opened = Pillow.open(io.BytesIO(data))
        except Pillow.DecompressionBombError as error:  # more than twice Pillow's limit
            pixels = re.search(r"\((\d+) pixels\)", str(error))
            raise ExtractionError(
                "too_many_pixels",
                pixels=f"{int(pixels.group(1)) / 1_000_000:.1f}" if pixels else "?",
                limit=f"{limits().pixels / 1_000_000:g}",
            ) from None
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as error:
            raise ExtractionError("not_picture") from error
    warned = any(issubclass(w.category, Pillow.DecompressionBombWarning) for w in caught)
    pillow_limit = Pillow.MAX_IMAGE_PIXELS if warned and Pillow.MAX_IMAGE_PIXELS else None
    check_picture_size(opened.width, opened.height, limit=pillow_limit)
    return opened


def set_pillow_limit() -> None:
    """Make Pillow's own decompression-bomb limit the product's (called at start-up)."""
    from PIL import Image as Pillow

    Pillow.MAX_IMAGE_PIXELS = limits().pixels


# --- Word's numbering -------------------------------------------------------------------------


def _docx_lines(container: Any, numbering: _Numbering) -> Iterator[str]:
    """Lines of a document or table cell in order; nested tables are walked, merged cells once."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            label = numbering.label(block) if block.text.strip() else ""
            yield f"{label} {block.text}" if label else block.text
        elif isinstance(block, Table):
            seen: set[Any] = set()  # the cells' XML elements, kept alive so identity holds
            for row in block.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        yield from _docx_lines(cell, numbering)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9  # Word's list levels 0-8
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
          (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


class _Numbering:
    """The labels Word's automatic numbering shows in front of paragraphs, counted per list
    (`w:num`) as Word shows them in the common case; restarts by "w:lvlRestart" and counters
    shared between lists are not modelled."""

    def __init__(self, document: Any) -> None:
        # numId → level → (format, level text such as "%1.", start)
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError):  # a document without lists
            return
        abstract = {
            node.get(f"{_W}abstractNumId"): _abstract_levels(node)
            for node in root.iter(f"{_W}abstractNum")
        }
        for num in root.iter(f"{_W}num"):
            reference = num.find(f"{_W}abstractNumId")
            levels = (
                dict(abstract.get(reference.get(f"{_W}val"), {})) if reference is not None else {}
            )
            for override in num.iter(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                level = _int(override.get(f"{_W}ilvl"))
                if start is not None and level in levels:
                    kind, text, _start = levels[level]
                    levels[level] = (kind, text, _int(start.get(f"{_W}val"), 1))
            self.levels[num.get(f"{_W}numId") or ""] = levels

    def label(self, paragraph: Any) -> str:
        """The paragraph's number ("II.", "1.2.", "a)"), "-" for a bullet, "" if none."""
        num_id, level = _list_reference(paragraph)
        levels = self.levels.get(num_id, {})
        if level not in levels:
            return ""
        counters = self.counters.setdefault(num_id, [0] * _LEVELS)
        counters[level] += 1
        counters[level + 1 :] = [0] * (_LEVELS - level - 1)
        kind, text, _start = levels[level]
        if kind == "bullet":
            return text if text in {"-", "+"} else "-"

        def number(match: re.Match[str]) -> str:
            shown = int(match.group(1)) - 1
            shown_kind, _text, start = levels.get(shown, ("decimal", "", 1))
            return _format(start + max(counters[shown], 1) - 1, shown_kind)

        return re.sub(r"%([1-9])", number, text).strip()


def _abstract_levels(node: Any) -> dict[int, tuple[str, str, int]]:
    levels = {}
    for level in node.iter(f"{_W}lvl"):
        kind, text, start = (level.find(f"{_W}{name}") for name in ("numFmt", "lvlText", "start"))
        levels[_int(level.get(f"{_W}ilvl"))] = (
            kind.get(f"{_W}val") if kind is not None else "decimal",
            text.get(f"{_W}val") or "" if text is not None else "",
            _int(start.get(f"{_W}val"), 1) if start is not None else 1,
        )
    return levels


def _list_reference(paragraph: Any) -> tuple[str, int]:
    """(numId, level) of the paragraph's list, from its own properties or its style's."""
    properties = paragraph._p.pPr
    numbering: Any = properties.numPr if properties is not None else None  # CT_NumPr
    style = paragraph.style
    while numbering is None and style is not None:
        style_properties = style.element.pPr
        numbering = style_properties.numPr if style_properties is not None else None
        style = style.base_style
    if numbering is None or numbering.numId is None:
        return "", -1
    level = numbering.ilvl.val if numbering.ilvl is not None else 0
    return str(numbering.numId.val), min(max(level, 0), _LEVELS - 1)


def _format(value: int, kind: str) -> str:
    if kind in {"upperRoman", "lowerRoman"}:
        roman = _roman(value)
        return roman if kind == "upperRoman" else roman.lower()
    if kind in {"upperLetter", "lowerLetter"}:
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if kind == "upperLetter" else letters
    if kind == "decimalZero":
        return f"{value:02d}"
    return "" if kind == "none" else str(value)


def _roman(value: int) -> str:
    out = ""
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        out += numeral * count
    return out


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text or "")
    except ValueError:
        return default
