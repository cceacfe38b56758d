"""Files made in the tests: a .docx with python-docx, and PDFs written byte by byte.

The text PDF uses a Type0 font with Identity-H encoding and a ToUnicode map, the way office
suites write Vietnamese, so its text is extracted exactly; no font file is needed for that.
The image-only PDF is what a scanner gives: one picture, no text.
"""

from __future__ import annotations

import io

import docx


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf(lines: list[str]) -> bytes:
    """A one-page PDF showing `lines`, one under the other."""
    content = b"".join(
        b"BT /F1 11 Tf 50 %d Td <%s> Tj ET\n"
        % (800 - 16 * i, line.encode("utf-16-be").hex().encode())
        for i, line in enumerate(lines)
    )
    chars = sorted({ord(c) for line in lines for c in line})
    mapping = b"".join(
        b"%d beginbfchar\n" % len(block)
        + b"".join(b"<%04X> <%04X>\n" % (c, c) for c in block)
        + b"endbfchar\n"
        for block in (chars[i : i + 100] for i in range(0, len(chars), 100))
    )
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        + mapping
        + b"endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(content),
            b"<< /Type /Font /Subtype /Type0 /BaseFont /TimesNewRoman /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
            b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /TimesNewRoman /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 8 0 R /DW 500 >>",
            _stream(cmap),
            b"<< /Type /FontDescriptor /FontName /TimesNewRoman /Flags 32 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
        ]
    )


def image_pdf() -> bytes:
    """A one-page PDF holding only a picture, as a scanner makes."""
    pixels = bytes([0x80] * 64)
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>",
            _stream(b"q 495 0 0 742 50 50 cm /Im1 Do Q"),
            _stream(
                pixels,
                b"/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 ",
            ),
        ]
    )
