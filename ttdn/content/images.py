"""Stored pictures keep no EXIF or GPS data, the original included, and come in several sizes."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _
from PIL import Image as Pillow
from PIL import ImageOps, UnidentifiedImageError

from ttdn.core import extract

WIDTHS = (480, 960, 1600)
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


@dataclass(frozen=True)
class Cleaned:
    """A picture re-encoded from its pixels alone, in its own format."""

    content: bytes
    extension: str
    width: int
    height: int


def clean(data: bytes) -> Cleaned:
    """Decode, turn upright by its EXIF orientation, and re-encode without any metadata.

    Raises ValidationError when the bytes are not a JPEG, PNG or WebP picture, or have more
    pixels than TTDN_UPLOAD_MAX_MEGAPIXELS (refused from the header, before decoding).
    """
    try:
        with extract.open_picture(data) as opened, warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            kind = opened.format or ""
            if kind not in FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG or WebP picture."))
            picture = ImageOps.exif_transpose(opened)
            picture.load()
    except extract.ExtractionError as error:
        raise ValidationError(str(error)) from error
    except (
        UnidentifiedImageError, OSError, ValueError,
        Pillow.DecompressionBombError, Pillow.DecompressionBombWarning,
    ) as error:  # fmt: skip
        raise ValidationError(_("The file is not a picture that can be read.")) from error
    if picture.mode not in ("RGB", "RGBA", "L", "LA"):
        picture = picture.convert("RGBA")
    # A new image from the raw pixels carries no info dict: no EXIF, GPS, XMP, ICC or comments.
    pixels = Pillow.frombytes(picture.mode, picture.size, picture.tobytes())
    if kind == "JPEG" and pixels.mode not in ("RGB", "L"):
        pixels = pixels.convert("RGB")
    out = io.BytesIO()
    pixels.save(out, format=kind, quality=88)
    return Cleaned(out.getvalue(), FORMATS[kind], pixels.width, pixels.height)


def renditions(cleaned: Cleaned, stem: str) -> list[dict[str, object]]:
    """WebP and JPEG copies no wider than each of WIDTHS (and the picture), stored under `stem`."""
    with Pillow.open(io.BytesIO(cleaned.content)) as opened:
        picture = opened.convert("RGB")
    made = []
    for width in sorted({min(w, cleaned.width) for w in WIDTHS}):
        copy = picture.copy()
        copy.thumbnail((width, width * 10))
        row: dict[str, object] = {"width": copy.width}
        for kind, extension in (("WEBP", "webp"), ("JPEG", "jpg")):
            out = io.BytesIO()
            copy.save(out, format=kind, quality=82)
            row[extension if extension == "webp" else "jpeg"] = default_storage.save(
                f"{stem}-{copy.width}.{extension}", ContentFile(out.getvalue())
            )
        made.append(row)
    return made
