"""Render a Document to PDF by converting its DOCX with LibreOffice in headless mode.

Each conversion runs in its own temporary directory with its own LibreOffice profile, so
parallel conversions (web workers, test processes) never share or lock a profile. When
LibreOffice is not installed, `render` raises PdfUnavailable and the caller offers DOCX only.
Times New Roman is replaced by the metric-compatible Liberation Serif (Debian package
fonts-liberation2), so lines break where they break in Word.
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from ttdn.docgen import docx
from ttdn.docgen.model import Document

TIMEOUT_SECONDS = 120
_EXECUTABLES = ("soffice", "libreoffice")


class PdfUnavailable(RuntimeError):
    """LibreOffice is missing or failed, so no PDF can be produced here."""


def _executable() -> str | None:
    found = (shutil.which(name) for name in _EXECUTABLES)
    return next((path for path in found if path), None)


def available() -> bool:
    """Whether LibreOffice (soffice) is installed, i.e. whether `render` can work."""
    return _executable() is not None


def render(doc: Document) -> bytes:
    """The PDF of `doc`. Raises DocumentIncomplete, or PdfUnavailable without LibreOffice."""
    return convert(docx.render(doc))


def convert(docx_bytes: bytes) -> bytes:
    """Convert a DOCX file to PDF. Raises PdfUnavailable if LibreOffice is absent or fails."""
    soffice = _executable()
    if soffice is None:
        raise PdfUnavailable("PDF unavailable: LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="ttdn-docgen-") as work:
        source = Path(work) / "document.docx"
        source.write_bytes(docx_bytes)
        _run(soffice, source, Path(work))
        target = source.with_suffix(".pdf")
        if not target.exists():
            raise PdfUnavailable("PDF unavailable: LibreOffice produced no file")
        return target.read_bytes()


def _run(soffice: str, source: Path, work: Path) -> None:
    profile = (work / "profile").as_uri()
    command = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(work),
        str(source),
    ]
    try:
        subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=True)
    except subprocess.TimeoutExpired as error:
        raise PdfUnavailable(
            f"PDF unavailable: LibreOffice took over {TIMEOUT_SECONDS} s"
        ) from error
    except subprocess.CalledProcessError as error:
        detail = error.stderr.decode(errors="replace").strip()
        raise PdfUnavailable(f"PDF unavailable: LibreOffice failed ({detail})") from error


def page_png(pdf_bytes: bytes, *, page: int = 1, dpi: int = 100) -> bytes:
    """One page of a PDF as PNG, via poppler's pdftoppm. Raises PdfUnavailable without it."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise PdfUnavailable("page preview unavailable: pdftoppm (poppler-utils) is not installed")
    command = [pdftoppm, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-"]
    done = subprocess.run(command, input=pdf_bytes, capture_output=True, timeout=TIMEOUT_SECONDS)
    if done.returncode != 0 or not done.stdout:
        raise PdfUnavailable(f"page preview failed: {done.stderr.decode(errors='replace')}")
    return done.stdout
