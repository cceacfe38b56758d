"""Pictures of the unit's portal cleared for press use: a published picture, with a caption
and a credit, only where the consent rules allow showing it to the public (a picture of pupils
needs each one's guardian's consent, valid today). The press kit hands out copies re-encoded
from the pixels alone, never the stored original."""

from __future__ import annotations

import io
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image as Pillow

from ttdn.content import images
from ttdn.content.models import Image
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.storage import random_name
from ttdn.core.text import nfc
from ttdn.stats.models import PRESS_PHOTOS_FOLDER, PressPhoto
from ttdn.stats.queries import published_images
from ttdn.stats.rules import can_clear_photos

PREVIEW_WIDTH = 960
AUDITED = ["image_id", "caption", "caption_en", "credit"]


def check_consents(image: Image) -> None:
    """Raises ValidationError unless the picture may be shown to the public today: withdrawn
    pictures never; a picture of pupils only with each one's guardian's consent, valid today."""
    if image.withdrawn_at is not None:
        raise ValidationError(_("This picture was withdrawn from the portal."))
    if not image.shows_pupils:
        return
    if image.consent is None:
        raise ValidationError(
            _("A picture or profile of a pupil needs a guardian's consent on record.")
        )
    for consent in [image.consent, *image.other_consents.all()]:
        if not consent.is_valid:
            raise ValidationError(
                _("The guardian's consent for %(pupil)s has expired.") % {"pupil": consent.pupil}
            )


def _copies(image: Image) -> tuple[str, str, int, int]:
    """A full-size JPEG and a smaller one, made from the pixels alone (no EXIF, GPS or
    comments, whatever the stored file holds), under new private random names."""
    with default_storage.open(str(image.file.name), "rb") as stored:
        cleaned = images.clean(stored.read())
    with Pillow.open(io.BytesIO(cleaned.content)) as opened:
        picture = opened.convert("RGB")
    names = []
    for width in (picture.width, min(PREVIEW_WIDTH, picture.width)):
        copy = picture.copy()
        copy.thumbnail((width, width * 10))
        out = io.BytesIO()
        copy.save(out, format="JPEG", quality=90)
        name = random_name(PRESS_PHOTOS_FOLDER, "jpg")
        names.append(default_storage.save(name, ContentFile(out.getvalue())))
    return names[0], names[1], picture.width, picture.height


@transaction.atomic
def clear_press_photo(
    image: Image, *, by: Any, caption: str, credit: str, caption_en: str = ""
) -> PressPhoto:
    """Clear a published picture of the unit's portal for press use, or change its caption and
    credit. Raises PermissionDenied unless an editor, officer or leader of the unit (or above)
    does it; ValidationError for a picture not published on the portal, withdrawn, of pupils
    without a valid consent for each, or without a caption or credit."""
    unit = image.site.unit
    if not can_clear_photos(by, unit):
        raise PermissionDenied(_("You may not clear this unit's pictures for the press."))
    if not published_images(image.site).filter(pk=image.pk).exists():
        raise ValidationError(
            _("Only a picture published on the unit's portal can be cleared for the press.")
        )
    check_consents(image)
    caption, caption_en, credit = (nfc(t or "").strip() for t in (caption, caption_en, credit))
    if not caption or not credit:
        raise ValidationError(_("Give the picture a caption and a credit."))
    photo = PressPhoto.objects.filter(image=image).first()
    if photo is None:
        full, preview, width, height = _copies(image)
        photo = PressPhoto(unit=unit, image=image, cleared_by=by, width=width, height=height)
        photo.file.name, photo.preview.name = full, preview
    before = audit.snapshot(photo, AUDITED) if photo.pk else {}
    photo.caption, photo.caption_en, photo.credit = caption, caption_en, credit
    photo.full_clean()
    photo.save()
    action = AuditAction.UPDATE if before else AuditAction.CREATE
    changes = audit.diff(before, audit.snapshot(photo, AUDITED))
    audit.record(action, photo, by=by, unit_id=unit.pk, changes=changes)
    return photo


@transaction.atomic
def remove_press_photo(photo: PressPhoto, *, by: Any) -> None:
    """Take a picture out of the press kit; its press copies are deleted (the portal's picture
    stays). Raises PermissionDenied as clear_press_photo."""
    if not can_clear_photos(by, photo.unit):
        raise PermissionDenied(_("You may not clear this unit's pictures for the press."))
    audit.record(AuditAction.DELETE, photo, by=by, unit_id=photo.unit_id)
    photo.delete()  # its copies are deleted once committed (`signals.delete_press_copies`)
