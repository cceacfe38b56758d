"""Where the portal's pictures live, and when a picture has files the web server hands out.

A cover, logo or exemplar photo keeps its original (EXIF stripped) under `originals/`, which is
never served. Its WebP and JPEG renditions live under `content/images/` (served by nginx to
anyone, with no view in front) only while the picture is in public use: a site's logo, the cover
of a published article, the photo of a public exemplary figure, and not withdrawn. Each time a
picture becomes public its renditions get new random names; when it stops being public they are
deleted, so an address that was once public answers 404 and a cache of it never comes back.

Gallery pictures are not handled here: they live under `gallery/` and are served by a view that
checks the article (`ttdn.content.serving`).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.core.files.storage import default_storage
from django.db import models, transaction
from django.utils import timezone

from ttdn.content import images
from ttdn.content.enums import ArticleStatus
from ttdn.content.models import (
    ATTACHMENT_FOLDER,
    GALLERY_FOLDER,
    AboutPage,
    Attachment,
    Exemplar,
    Image,
    Leader,
    Site,
)
from ttdn.core import storage as core_storage

PUBLIC_FOLDER = "content/images"
ORIGINALS_FOLDER = "originals"
# content/images/ab/ab12…(32 hex)-480.webp: 128 random bits per publication.
RENDITION_NAME = re.compile(rf"^{PUBLIC_FOLDER}/[0-9a-f]{{2}}/[0-9a-f]{{32}}-\d+\.(webp|jpg)$")
# A file under content/images/ that no picture names is deleted only once it is this old, so a
# publication whose transaction has not committed yet keeps its fresh files.
SWEEP_AFTER = timedelta(hours=1)


def is_gallery(image: Image) -> bool:
    return str(image.file.name or "").startswith(f"{GALLERY_FOLDER}/")


def in_public_use(image: Image) -> bool:
    """Whether a public page may show the picture: not withdrawn, and a logo or banner, the
    cover of a published article, the photo of a public exemplary figure, or a leader's photo or
    the map of a site's about page."""
    if image.withdrawn_at is not None or is_gallery(image):
        return False
    return (
        Site.objects.filter(models.Q(logo=image) | models.Q(banner=image)).exists()
        or image.covers.filter(status=ArticleStatus.PUBLISHED).exists()
        or Exemplar.objects.public().filter(photo=image).exists()
        or Leader.objects.filter(photo=image).exists()
        or AboutPage.objects.filter(map_image=image).exists()
    )


def rendition_names(image: Image) -> list[str]:
    return [str(r[key]) for r in image.renditions for key in ("webp", "jpeg") if r.get(key)]


def publish(image: Image) -> None:
    """Make the public renditions from the private original, under new random names."""
    with default_storage.open(str(image.file.name), "rb") as stored:
        content = stored.read()
    extension = str(image.file.name).rsplit(".", 1)[-1]
    cleaned = images.Cleaned(content, extension, image.width, image.height)
    token = secrets.token_hex(16)
    image.renditions = images.renditions(cleaned, f"{PUBLIC_FOLDER}/{token[:2]}/{token}")
    image.save(update_fields=["renditions"])


def unpublish(image: Image) -> None:
    """Forget the public renditions; their files are deleted once the change is committed."""
    names = rendition_names(image)
    image.renditions = []
    image.save(update_fields=["renditions"])
    transaction.on_commit(lambda: delete_files(names))


def delete_files(names: Iterable[str]) -> None:
    for name in names:
        default_storage.delete(name)


def sync(candidates: Iterable[Image | None]) -> list[Image]:
    """Give each picture public renditions if it is in public use, and none if it is not.

    Returns the pictures whose public files changed. Gallery pictures are left alone.
    """
    changed = []
    seen: set[int] = set()
    for image in candidates:
        if image is None or image.pk in seen or is_gallery(image):
            continue
        seen.add(image.pk)
        wanted = in_public_use(image)
        if wanted and not image.renditions:
            publish(image)
        elif not wanted and image.renditions:
            unpublish(image)
        else:
            continue
        changed.append(image)
    return changed


def sync_by_pk(pks: Iterable[Any]) -> list[Image]:
    wanted = [pk for pk in pks if pk]
    return sync(Image.objects.filter(pk__in=wanted)) if wanted else []


# --- Bringing stored files to this layout (the sync_portal_images command) ----------------------


def relayout(image: Image) -> bool:
    """Give a stored original a random name under originals/ (or gallery/) if it has another
    (older layouts kept it under content/, or named it after the alt text), and drop public
    renditions whose names are not random. A gallery picture's renditions follow its original.
    Returns whether anything moved. The old files go once the transaction commits."""
    moved = False
    name = str(image.file.name or "")
    if name and not core_storage.is_random(name) and default_storage.exists(name):
        gallery = is_gallery(image)
        new = core_storage.random_name(GALLERY_FOLDER if gallery else ORIGINALS_FOLDER, "x")
        stem = new.rsplit(".", 1)[0]
        image.file.name = core_storage.move_file(name, f"{stem}.{core_storage.extension_of(name)}")
        if gallery:
            image.renditions = [_moved_rendition(row, stem) for row in image.renditions]
        image.save(update_fields=["file", "renditions"])
        moved = True
    if not is_gallery(image) and any(not RENDITION_NAME.match(n) for n in rendition_names(image)):
        unpublish(image)
        moved = True
    return moved


def rename_attachment(attachment: Attachment) -> bool:
    """Give an attachment stored under its upload's name a random one. Returns whether it moved."""
    name = str(attachment.file.name or "")
    if not name or core_storage.is_random(name) or not default_storage.exists(name):
        return False
    new = core_storage.random_name(ATTACHMENT_FOLDER, core_storage.extension_of(name))
    attachment.file.name = core_storage.move_file(name, new)
    attachment.save(update_fields=["file"])
    return True


def _moved_rendition(row: dict[str, Any], stem: str) -> dict[str, Any]:
    moved = dict(row)
    for key in ("webp", "jpeg"):
        if (old := row.get(key)) and default_storage.exists(old):
            extension = core_storage.extension_of(old)
            moved[key] = core_storage.move_file(old, f"{stem}-{row['width']}.{extension}")
    return moved


def sweep(*, now: Any = None) -> list[str]:
    """Delete files under content/images/ that no picture names (left by a rolled-back
    publication or an old layout), once they are older than SWEEP_AFTER."""
    try:  # a bucket has no folders: list it rather than ask whether the folder exists
        stored = list(_walk(PUBLIC_FOLDER))
    except FileNotFoundError:
        return []
    named = {n for image in Image.objects.only("renditions") for n in rendition_names(image)}
    cutoff = (now or timezone.now()) - SWEEP_AFTER
    deleted = []
    for name in stored:
        if name not in named and default_storage.get_modified_time(name) < cutoff:
            default_storage.delete(name)
            deleted.append(name)
    return deleted


def _walk(folder: str) -> Iterable[str]:
    folders, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for sub in folders:
        yield from _walk(f"{folder}/{sub}")
