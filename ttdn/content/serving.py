"""Files that views hand out after checking who may see them: gallery pictures, attachments, and
the private originals of pictures (for their editors and reviewers).

Neither lives under media/content/ (which the web server serves to anyone), so a picture whose
consent expired or a file of an unpublished article is never reachable by its address.
"""

from __future__ import annotations

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404

from ttdn.content.models import AlbumItem, Attachment, Disclosure, GalleryItem, Image

EXTENSIONS = {"webp": ("webp", "image/webp"), "jpg": ("jpeg", "image/jpeg")}


def gallery_file(item: GalleryItem | AlbumItem, width: int, extension: str) -> FileResponse:
    """The rendition of the picture of a gallery or an album `width` wide in `extension` (webp
    or jpg). Raises Http404, also for an album's video without a poster."""
    if item.image is None or extension not in EXTENSIONS or item.image.withdrawn_at is not None:
        raise Http404
    key, content_type = EXTENSIONS[extension]
    name = next((r[key] for r in item.image.renditions if r["width"] == width), None)
    if name is None or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=600"
    return response


def original_file(image: Image) -> FileResponse:
    """The stored picture (EXIF and GPS already stripped), public or not: what an editor or a
    reviewer checks before publishing. Raises Http404."""
    name = image.file.name or ""
    if not name or not default_storage.exists(name):
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
    response["Cache-Control"] = "private, max-age=600"
    return response


def attachment_file(attachment: Attachment) -> FileResponse:
    """The attached file, downloaded under its original name, as the type it was sniffed to be."""
    name = attachment.file.name or ""
    if not name or not default_storage.exists(name):
        raise Http404
    return FileResponse(
        default_storage.open(name, "rb"),
        as_attachment=True,
        filename=attachment.filename,
        content_type=attachment.content_type,
    )


def disclosure_file(entry: Disclosure) -> FileResponse:
    """A published disclosure's file, under its original name, shown in the browser."""
    name = entry.file.name or ""
    if not name or not default_storage.exists(name):
        raise Http404
    return FileResponse(
        default_storage.open(name, "rb"), filename=entry.filename, content_type=entry.content_type
    )
