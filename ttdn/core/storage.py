"""Names of stored files, and the one door through which /media/ hands files out.

Private files (a library document's original, an article's attachment, a picture's original,
a gallery picture) are stored under random names: 128 random bits, nothing taken from the
upload's name or the picture's description, so a name cannot be guessed even by someone who
knows what was uploaded. `RandomName` is the `upload_to` of every private file field;
`random_name` names files a service saves itself.

Only `media/content/` is public (nginx serves it in production, `public_media` when nginx is
absent); `public_media` refuses every name that is not a plain path inside it: no `..` in any
spelling, no backslash, no symbolic link out of it.
"""

from __future__ import annotations

import posixpath
import re
import secrets
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest
from django.utils.deconstruct import deconstructible
from django.views.static import serve

PUBLIC_FOLDER = "content"
# <folder>/ab/ab12…(32 hex)[-<width>].<ext>
RANDOM_NAME = re.compile(r"^[a-z]+/([0-9a-f]{2})/\1[0-9a-f]{30}(-\d+)?\.[a-z0-9]{1,5}$")
# One segment of a public name: letters, digits, "-", "_" and dots inside a name only.
_SEGMENT = re.compile(r"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$")


def extension_of(filename: str) -> str:
    """The lower-case extension of a file name, letters and digits only ("" if none)."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return extension if extension.isascii() and extension.isalnum() else ""


def random_name(folder: str, extension: str) -> str:
    """A new unguessable name under `folder`: `folder/ab/ab…(32 hex).ext`."""
    token = secrets.token_hex(16)
    extension = extension_of(f".{extension}") or "bin"
    return f"{folder}/{token[:2]}/{token}.{extension}"


def is_random(name: str) -> bool:
    return bool(RANDOM_NAME.match(name or ""))


@deconstructible
class RandomName:
    """`upload_to` of a private file: `folder/ab/<32 hex>.<the upload's extension>`."""

    def __init__(self, folder: str) -> None:
        self.folder = folder

    def __call__(self, instance: Any, filename: str) -> str:
        return random_name(self.folder, extension_of(filename))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)


def move_file(name: str, new: str) -> str:
    """Copy the stored file `name` to `new` and return the name it got; the old file is deleted
    once the caller's transaction commits (kept if it rolls back, so no row names a lost file)."""
    with default_storage.open(name, "rb") as stored:
        saved = default_storage.save(new, ContentFile(stored.read()))
    transaction.on_commit(lambda: default_storage.delete(name))
    return saved


# --- The public folder ------------------------------------------------------------------------


def public_path(path: str) -> Path:
    """The file under MEDIA_ROOT/content/ that `path` names. Raises Http404 for anything else.

    `path` is what the URL resolver decoded (`%2e%2e` has become `..` already; a double-encoded
    `%252e` arrives as `%2e`). Every segment must be a plain name, and the resolved file (links
    followed) must lie inside the public folder.
    """
    segments = path.split("/")
    if (
        len(path) > 255
        or segments[0] != PUBLIC_FOLDER
        or len(segments) < 2
        or not all(_SEGMENT.match(segment) for segment in segments)
        or posixpath.normpath(path) != path
    ):
        raise Http404
    root = (Path(settings.MEDIA_ROOT) / PUBLIC_FOLDER).resolve()
    target = (Path(settings.MEDIA_ROOT) / path).resolve()
    if not target.is_relative_to(root) or not target.is_file():
        raise Http404
    return target


def public_media(request: HttpRequest, path: str) -> FileResponse:
    """A file of media/content/, for a deployment without nginx in front (and for tests)."""
    target = public_path(path)
    root = Path(settings.MEDIA_ROOT).resolve()
    return serve(request, str(target.relative_to(root)), document_root=str(root))  # type: ignore[return-value]
