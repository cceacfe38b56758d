"""Attachments: only the kinds of file a school publishes, recognised by name AND by content.

The extension alone proves nothing (a script renamed "ke-hoach.pdf"), and the content alone
would let a PDF be served as "bao-cao.exe"; both must agree. Office files are ZIP packages and
are told apart by the parts they contain.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.ppt
OPEN_DOCUMENT = "application/vnd.oasis.opendocument."
OOXML = "application/vnd.openxmlformats-officedocument."


@dataclass(frozen=True)
class Kind:
    label: str
    content_type: str


# extension → what it must be; the labels are what the public page shows.
KINDS = {
    "pdf": Kind("PDF", "application/pdf"),
    "doc": Kind("DOC", "application/msword"),
    "docx": Kind("DOCX", OOXML + "wordprocessingml.document"),
    "xls": Kind("XLS", "application/vnd.ms-excel"),
    "xlsx": Kind("XLSX", OOXML + "spreadsheetml.sheet"),
    "ppt": Kind("PPT", "application/vnd.ms-powerpoint"),
    "pptx": Kind("PPTX", OOXML + "presentationml.presentation"),
    "odt": Kind("ODT", OPEN_DOCUMENT + "text"),
    "ods": Kind("ODS", OPEN_DOCUMENT + "spreadsheet"),
    "odp": Kind("ODP", OPEN_DOCUMENT + "presentation"),
    "jpg": Kind("JPEG", "image/jpeg"),
    "jpeg": Kind("JPEG", "image/jpeg"),
    "png": Kind("PNG", "image/png"),
    "webp": Kind("WebP", "image/webp"),
}
# The folder an OOXML package keeps its main part in, per extension.
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


def max_bytes() -> int:
    return int(settings.CONTENT_ATTACHMENT_MAX_MB) * 1024 * 1024


def allowed_names() -> str:
    return ", ".join(sorted({kind.label for kind in KINDS.values()}))


def check(filename: str, data: bytes) -> Kind:
    """The kind of an attachment whose extension is allowed and whose content matches it.

    Raises ValidationError for an empty or too large file, an extension not on the list, or
    content that is not what the extension says.
    """
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in KINDS:
        raise ValidationError(
            _("Files of this type cannot be attached. Allowed: %(kinds)s.")
            % {"kinds": allowed_names()}
        )
    if not data:
        raise ValidationError(_("The file is empty."))
    if len(data) > max_bytes():
        raise ValidationError(
            _("The file is larger than %(limit)s MB.")
            % {"limit": settings.CONTENT_ATTACHMENT_MAX_MB}
        )
    kind = KINDS[extension]
    if not _matches(extension, kind, data):
        raise ValidationError(
            _("The file's content is not %(kind)s, as its name says.") % {"kind": kind.label}
        )
    return kind


def _matches(extension: str, kind: Kind, data: bytes) -> bool:
    if extension == "pdf":
        return data[:1024].lstrip().startswith(b"%PDF-")
    if extension in ("doc", "xls", "ppt"):
        return data.startswith(OLE)
    if extension in ("jpg", "jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if extension == "png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if extension == "webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    return _package_matches(extension, kind, data)


def _package_matches(extension: str, kind: Kind, data: bytes) -> bool:
    """An OOXML or OpenDocument file: a ZIP with the parts its kind needs."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = package.namelist()
            if extension in OOXML_PARTS:
                return "[Content_Types].xml" in names and any(
                    name.startswith(OOXML_PARTS[extension]) for name in names
                )
            if "mimetype" not in names:
                return False
            return package.read("mimetype").decode("ascii", "replace").strip() == (
                kind.content_type
            )
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        return False
