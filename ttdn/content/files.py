"""Attachments: only the kinds of file a school publishes, recognised by name AND by content.

The extension alone proves nothing (a script renamed "ke-hoach.pdf"), and the content alone
would let a PDF be served as "bao-cao.exe"; both must agree. Office files are ZIP packages and
are told apart by the parts they contain (`ttdn.core.extract.content_matches`, which library
files use too).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ttdn.core import extract

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
    if not extract.content_matches(extension, data):
        raise ValidationError(
            _("The file's content is not %(kind)s, as its name says.") % {"kind": kind.label}
        )
    return kind
