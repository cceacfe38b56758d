"""The one reader of uploaded files keeps every bound, with real hostile files built here."""

import io
import struct
import time
import zipfile
import zlib

import pytest
from django.utils import translation
from openpyxl import Workbook
from pypdf import PdfWriter

from ttdn.core import extract
from ttdn.core.extract import ExtractionError
from ttdn.documents.tests.files import docx_bytes, text_pdf

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def refused(data: bytes, suffix: str, **kwargs) -> ExtractionError:
    with pytest.raises(ExtractionError) as caught:
        extract.extract_text(data, suffix, **kwargs)
    return caught.value


def zip_bomb_docx(unpacked_mb: int) -> bytes:
    """A real .docx whose document part inflates to `unpacked_mb` MB of one repeated letter."""
    body = b"a" * (unpacked_mb * extract.MB)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr(
            "word/document.xml",
            f"<w:document {W}><w:body><w:p><w:r><w:t>".encode() + body + b"</w:t></w:r></w:p>"
            b"</w:body></w:document>",
        )
    return out.getvalue()


def blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares width × height pixels but carries almost no data."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_zip_bomb_docx_is_refused_from_its_directory_before_anything_is_inflated(monkeypatch):
    bomb = zip_bomb_docx(unpacked_mb=300)  # about 300 KB on disk
    import docx

    monkeypatch.setattr(docx, "Document", lambda *a: pytest.fail("the bomb was parsed"))
    started = time.monotonic()

    error = refused(bomb, ".docx")

    assert len(bomb) < extract.MB
    assert error.code == "zip_too_large"
    assert str(error) == "The file unpacks to more than 50 MB: it is not read."
    assert time.monotonic() - started < 1


def test_a_part_compressed_like_a_bomb_is_refused_under_the_size_limit():
    error = refused(zip_bomb_docx(unpacked_mb=20), ".docx")

    assert (error.code, error.params) == ("zip_ratio", {"limit": 150})


def test_the_unpacked_size_limit_is_a_setting(settings):
    settings.UPLOAD_MAX_UNZIPPED_MB = 1
    settings.UPLOAD_MAX_ZIP_RATIO = 100_000

    error = refused(zip_bomb_docx(unpacked_mb=2), ".docx")

    assert str(error) == "The file unpacks to more than 1 MB: it is not read."


def test_an_ordinary_docx_is_read():
    text = extract.extract_text(docx_bytes(["KẾ HOẠCH", "Căn cứ Luật số 1/2020/QH14;"]), ".docx")

    assert text == "KẾ HOẠCH\nCăn cứ Luật số 1/2020/QH14;"


def test_a_pdf_of_too_many_pages_is_refused_before_a_page_is_read(settings, monkeypatch):
    settings.UPLOAD_MAX_PDF_PAGES = 50
    from pypdf import PageObject

    monkeypatch.setattr(PageObject, "extract_text", lambda *a, **k: pytest.fail("read a page"))

    error = refused(blank_pdf(51), ".pdf")

    assert str(error) == "The PDF has more than 50 pages, the limit."


def test_text_beyond_the_character_limit_is_refused_in_every_format(settings):
    settings.UPLOAD_MAX_TEXT_CHARS = 1000
    line = "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ;"
    lines = [line] * 20  # 20 × 64 characters

    codes = [
        refused("\n".join(lines).encode(), ".txt").code,
        refused(docx_bytes(lines), ".docx").code,
        refused(text_pdf(lines), ".pdf").code,
    ]

    assert codes == ["too_much_text"] * 3


def test_a_huge_text_file_is_refused_without_decoding_it(settings):
    data = b"a" * (4 * settings.UPLOAD_MAX_TEXT_CHARS + 5)

    assert refused(data, ".txt").params == {"limit": 500_000}


def test_reading_stops_at_the_time_limit(settings):
    settings.UPLOAD_MAX_SECONDS = 0

    error = refused(text_pdf(["Kế hoạch"]), ".pdf")

    assert str(error) == "Reading the file took more than 0 seconds and was stopped."


def test_the_worker_may_take_longer_than_a_web_request(settings):
    settings.UPLOAD_MAX_SECONDS = 0

    assert extract.extract_text(text_pdf(["Kế hoạch"]), ".pdf", seconds=60) == "Kế hoạch"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"%PDF-1.4\n" + bytes(range(256)) * 20, "not_pdf"),
        (b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>", "not_pdf"),
        (b"%PDF-", "not_pdf"),
        (blank_pdf(1)[:-200], "not_pdf"),
        (blank_pdf(2), "scanned_pdf"),
    ],
)  # fmt: skip
def test_every_damaged_pdf_gets_a_message(data, code):
    assert refused(data, ".pdf").code == code


def test_a_password_protected_pdf_gets_a_message():
    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)

    assert str(refused(out.getvalue(), ".pdf")) == (
        "The PDF is protected by a password; remove the protection and try again."
    )


def test_a_spreadsheet_beyond_the_row_limit_is_refused(settings):
    settings.UPLOAD_MAX_ROWS = 100
    book = Workbook()
    for number in range(101):
        book.active.append([f"U{number}", number])
    out = io.BytesIO()
    book.save(out)

    with pytest.raises(ExtractionError) as caught:
        extract.sheet_rows(out.getvalue())

    assert str(caught.value) == "The spreadsheet has more than 100 rows, the limit."


def test_a_spreadsheet_row_count_is_counted_even_if_its_dimension_lies(settings):
    settings.UPLOAD_MAX_ROWS = 10

    with pytest.raises(ExtractionError) as caught:
        list(extract.bounded_rows(iter(range(11))))

    assert caught.value.code == "too_many_rows"


def test_a_picture_of_too_many_pixels_is_refused_from_its_header():
    started = time.monotonic()

    with pytest.raises(ExtractionError) as caught:
        extract.open_picture(png_header(8000, 5000))

    assert str(caught.value) == (
        "The picture has 40.0 megapixels; at most 25 are accepted. Make it smaller and try again."
    )
    assert time.monotonic() - started < 1


def test_pillow_refuses_a_decompression_bomb_with_the_products_limit():
    from PIL import Image as Pillow

    with pytest.raises(ExtractionError) as caught:
        extract.open_picture(png_header(60000, 60000))

    assert (Pillow.MAX_IMAGE_PIXELS, caught.value.code) == (25_000_000, "too_many_pixels")


@pytest.mark.parametrize(
    ("extension", "data", "matches"),
    [
        ("pdf", b"%PDF-1.7\n", True),
        ("pdf", b"MZ\x90\x00 a program", False),
        ("docx", docx_bytes(["Kế hoạch"]), True),
        ("docx", zip_bomb_docx(unpacked_mb=300), False),
        ("txt", "Kế hoạch".encode(), True),
        ("txt", b"\x00\x01binary", False),
        ("rtf", b"{\\rtf1 ...}", True),
        ("exe", b"MZ", False),
    ],
)
def test_a_file_is_recognised_by_its_content(extension, data, matches):
    assert extract.content_matches(extension, data) is matches


def test_a_workbook_with_a_damaged_sheet_gets_a_message():
    out = io.BytesIO()
    Workbook().save(out)
    damaged = io.BytesIO()
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(damaged, "w") as target:
        for part in source.infolist():
            data = source.read(part)
            target.writestr(
                part, b"<worksheet><sheetData><row><c" if "sheet1" in part.filename else data
            )

    with pytest.raises(ExtractionError) as caught:
        extract.sheet_rows(damaged.getvalue())

    assert str(caught.value) == "This is not an Excel (.xlsx) file."


def test_pages_are_counted_only_up_to_the_limit_however_many_there_are():
    pdf = blank_pdf(5000)
    started = time.monotonic()

    counted = extract.pdf_pages(pdf, cap=40)

    assert counted == 41
    assert time.monotonic() - started < 2
