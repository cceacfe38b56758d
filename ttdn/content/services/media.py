"""Pictures and files: consents for pupils, images (EXIF stripped), exemplary figures, an
article's gallery and attachments."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.content import cache, files, images, rules, storage
from ttdn.content.enums import REVIEWER_WRITABLE, WRITABLE, ArticleStatus
from ttdn.content.models import (
    GALLERY_FOLDER,
    Article,
    Attachment,
    Consent,
    Exemplar,
    GalleryItem,
    Image,
    Site,
)
from ttdn.content.services.sites import move_in_order
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.storage import random_name
from ttdn.core.text import nfc

# --- Consents and images -------------------------------------------------------------------


@transaction.atomic
def record_consent(
    site: Site,
    *,
    pupil: str,
    given_by: str,
    given_on: datetime.date,
    valid_until: datetime.date,
    by: Any,
    renews: Consent | None = None,
) -> Consent:
    """Record a guardian's consent to show a pupil. Raises ValidationError if it ends before it
    starts, or if the consent it `renews` belongs to another site.

    A renewal takes over the pictures and profiles of the earlier consent; those withdrawn when
    it expired are shown again (under new picture addresses) if the new one is valid today.
    """
    if renews is not None and renews.site_id != site.pk:
        raise ValidationError({"renews": _("That consent belongs to another site.")})
    consent = Consent(
        site=site,
        pupil=nfc(pupil).strip(),
        given_by=nfc(given_by).strip(),
        given_on=given_on,
        valid_until=valid_until,
        recorded_by=by,
    )
    if valid_until < given_on:
        raise ValidationError({"valid_until": _("Consent cannot end before it is given.")})
    consent.full_clean()
    consent.save()
    audit.record(AuditAction.CREATE, consent, by=by, unit_id=site.unit_id)
    if renews is not None:
        _renew(renews, consent, by=by)
    return consent


def _renew(old: Consent, new: Consent, *, by: Any) -> None:
    """Move the pictures and profiles of `old` to `new`; restore those `old`'s expiry withdrew."""
    withdrawn_images = list(old.images.filter(withdrawn_at__isnull=False))
    withdrawn_images += list(old.further_images.filter(withdrawn_at__isnull=False))
    withdrawn_exemplars = list(old.exemplars.filter(is_public=False))
    Image.objects.filter(consent=old).update(consent=new)
    Exemplar.objects.filter(consent=old).update(consent=new)
    for image in old.further_images.all():
        image.other_consents.remove(old)
        image.other_consents.add(new)
    if not new.is_valid:
        return
    restored: list[Image | Exemplar] = []
    for image in withdrawn_images:
        image.refresh_from_db(fields=["consent"])
        if not _all_valid(image):  # another pupil's consent is still missing
            continue
        image.withdrawn_at = None
        image.save(update_fields=["withdrawn_at"])
        restored.append(image)
    for exemplar in withdrawn_exemplars:
        exemplar.consent, exemplar.is_public = new, True
        exemplar.save(update_fields=["consent", "is_public"])
        restored.append(exemplar)
    pictures = [item for item in restored if isinstance(item, Image)]
    storage.sync([*pictures, *(Image.objects.filter(exemplar__in=withdrawn_exemplars))])
    for item in restored:
        audit.record(
            AuditAction.UPDATE, item, by=by, unit_id=new.site.unit_id,
            changes={"withdrawn": [True, False]},
        )  # fmt: skip
    if restored:
        cache.invalidate(new.site.unit)


def _all_valid(image: Image) -> bool:
    cited = [image.consent, *image.other_consents.all()]
    return all(consent is None or consent.is_valid for consent in cited)


def _check_consent(site: Site, consent: Consent | None, *, needed: bool) -> None:
    if not needed:
        return
    if consent is None or consent.site_id != site.pk:
        raise ValidationError(
            _("A picture or profile of a pupil needs a guardian's consent on record.")
        )
    if not consent.is_valid:
        raise ValidationError(
            _("The guardian's consent for %(pupil)s has expired.") % {"pupil": consent.pupil}
        )


@transaction.atomic
def add_image(
    site: Site,
    *,
    upload: UploadedFile,
    alt: str,
    by: Any,
    shows_pupils: bool = False,
    consent: Consent | None = None,
    other_consents: Sequence[Consent] = (),
    folder: str = "",
) -> Image:
    """Store a picture without its EXIF/GPS data: in `folder` with its renditions if given
    (the gallery), else privately, its public renditions made once it is in public use
    (`storage.sync`).

    Raises ValidationError without alternative text, for a file that is not a picture, or for a
    picture of pupils without a valid consent of this site.
    """
    alt = nfc(alt or "").strip()
    if not alt:
        raise ValidationError({"alt": _("Describe the picture for people who cannot see it.")})
    _check_consent(site, consent, needed=shows_pupils)
    for further in other_consents:
        _check_consent(site, further, needed=True)
    cleaned = images.clean(upload.read())
    image = Image(site=site, alt=alt, shows_pupils=shows_pupils, consent=consent, uploaded_by=by)
    # A random name, never the description's: private files must not be guessable. A gallery
    # picture's renditions share its name; others get theirs while in public use.
    name = random_name(folder or storage.ORIGINALS_FOLDER, cleaned.extension)
    image.file.name = default_storage.save(name, ContentFile(cleaned.content))
    image.width, image.height = cleaned.width, cleaned.height
    if folder:
        image.renditions = images.renditions(cleaned, str(image.file.name).rsplit(".", 1)[0])
    image.save()
    image.other_consents.set([c for c in other_consents if c != consent])
    audit.record(AuditAction.CREATE, image, by=by, unit_id=site.unit_id)
    return image


@transaction.atomic
def withdraw_expired(*, today: datetime.date | None = None) -> list[Image | Exemplar]:
    """Withdraw pictures and pupil profiles whose consent has expired; idempotent.

    What is withdrawn stops showing on public pages at once, its public picture files are
    deleted, and it waits in its editors' "Việc cần làm".
    """
    today = today or timezone.localdate()
    withdrawn: list[Image | Exemplar] = []
    expired_consent = Q(consent__valid_until__lt=today) | Q(other_consents__valid_until__lt=today)
    for image in (
        Image.objects.shown().filter(expired_consent).distinct().select_related("site__unit")
    ):
        image.withdrawn_at = timezone.now()
        image.save(update_fields=["withdrawn_at"])
        withdrawn.append(image)
    expired = Exemplar.objects.public().filter(consent__valid_until__lt=today)
    for exemplar in expired.select_related("site__unit", "photo"):
        exemplar.is_public = False
        exemplar.save(update_fields=["is_public"])
        withdrawn.append(exemplar)
    # Their public renditions go: the addresses that were public answer 404 from now on.
    storage.sync([item if isinstance(item, Image) else item.photo for item in withdrawn])
    for item in withdrawn:
        audit.record(
            AuditAction.UPDATE,
            item,
            unit_id=item.site.unit_id,
            changes={"withdrawn": [False, True]},
        )
        cache.invalidate(item.site.unit)
    return withdrawn


# --- Exemplary figures ---------------------------------------------------------------------


@transaction.atomic
def create_exemplar(
    site: Site,
    *,
    name: str,
    role: str,
    achievements: str,
    by: Any,
    photo: Image | None = None,
    consent: Consent | None = None,
) -> Exemplar:
    """Add an exemplary figure. Raises ValidationError for a pupil without a valid consent."""
    if not rules.can_write(by, site.unit):
        raise PermissionDenied
    _check_consent(site, consent, needed=role == "pupil")
    exemplar = Exemplar(
        site=site,
        name=nfc(name).strip(),
        role=role,
        achievements=nfc(achievements).strip(),
        photo=photo,
        consent=consent,
    )
    exemplar.full_clean()
    exemplar.save()
    storage.sync([photo])
    audit.record(AuditAction.CREATE, exemplar, by=by, unit_id=site.unit_id)
    cache.invalidate(site.unit)
    return exemplar


# --- Gallery and attachments ---------------------------------------------------------------


def _require_media_writer(article: Article, by: Any) -> None:
    """Who may change the text may change the pictures and files, in the same states."""
    reviewer = rules.can_review(by, article.site.unit)
    allowed = REVIEWER_WRITABLE if reviewer else WRITABLE
    if not rules.can_write(by, article.site.unit) or article.status not in allowed:
        raise PermissionDenied(_("This article cannot be edited in its present state."))


def _media_changed(article: Article) -> None:
    has_media = article.gallery.exists() or article.attachments.exists()
    if has_media != article.has_media:
        article.has_media = has_media
        article.save(update_fields=["has_media"])
    if article.status == ArticleStatus.PUBLISHED:
        cache.invalidate(article.site.unit)


@transaction.atomic
def add_to_gallery(
    article: Article,
    *,
    upload: UploadedFile,
    alt: str,
    by: Any,
    caption: str = "",
    shows_pupils: bool = False,
    consent: Consent | None = None,
    other_consents: Sequence[Consent] = (),
) -> GalleryItem:
    """Add a picture at the end of the article's gallery, stored as covers are (EXIF/GPS
    stripped, renditions) but outside the public media folder.

    Raises PermissionDenied as update_article, ValidationError as add_image (no alt text, not a
    picture, pupils without a valid consent of the site).
    """
    _require_media_writer(article, by)
    image = add_image(
        article.site, upload=upload, alt=alt, by=by, shows_pupils=shows_pupils,
        consent=consent, other_consents=other_consents, folder=GALLERY_FOLDER,
    )  # fmt: skip
    last = article.gallery.order_by("-position").values_list("position", flat=True).first()
    item = GalleryItem.objects.create(
        article=article,
        image=image,
        caption=nfc(caption or "").strip(),
        position=(last or 0) + 1,
    )
    audit.record(AuditAction.CREATE, item, by=by, unit_id=article.site.unit_id)
    _media_changed(article)
    return item


GALLERY_BATCH = 20  # pictures added at once


@transaction.atomic
def add_several_to_gallery(
    article: Article,
    *,
    uploads: Sequence[UploadedFile],
    alt: str,
    by: Any,
    caption: str = "",
    shows_pupils: bool = False,
    consents: Sequence[Consent] = (),
) -> list[GalleryItem]:
    """Add the pictures at the end of the gallery in the order chosen, all or none, with one
    description (numbered "(2/5)" when several) and the consents of the pupils they show.

    Raises PermissionDenied and ValidationError as `add_to_gallery`, ValidationError for no
    picture or more than GALLERY_BATCH.
    """
    check_batch(uploads)
    first: Consent | None = consents[0] if consents else None
    others = list(consents[1:])
    return [
        add_to_gallery(
            article,
            upload=upload,
            by=by,
            caption=caption,
            shows_pupils=shows_pupils,
            alt=numbered(alt, index, len(uploads)),
            consent=first,
            other_consents=others,
        )
        for index, upload in enumerate(uploads, start=1)
    ]


def check_batch(uploads: Sequence[UploadedFile]) -> None:
    """Raise ValidationError for no picture or more than GALLERY_BATCH at a time."""
    if not uploads or len(uploads) > GALLERY_BATCH:
        raise ValidationError(
            _("Choose from 1 to %(limit)s pictures at a time.") % {"limit": GALLERY_BATCH}
        )


def numbered(alt: str, index: int, count: int) -> str:
    """The description of picture `index` of `count` added at once: "… (2/5)" when several."""
    return f"{alt} ({index}/{count})" if count > 1 else alt


@transaction.atomic
def remove_from_gallery(item: GalleryItem, *, by: Any) -> None:
    """Take a picture out of the gallery; its stored files are deleted with it."""
    article = item.article
    _require_media_writer(article, by)
    audit.record(AuditAction.DELETE, item, by=by, unit_id=article.site.unit_id)
    delete_image(item.image)  # and the gallery item with it
    _media_changed(article)


def delete_image(image: Image) -> None:
    """Delete a picture (and what holds it, a gallery or album item); its stored files go once
    the transaction commits."""
    names = [image.file.name] + [r[k] for r in image.renditions for k in ("webp", "jpeg")]
    image.delete()
    transaction.on_commit(lambda: _delete_files(names))


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


@transaction.atomic
def move_gallery_item(item: GalleryItem, *, by: Any, step: int) -> GalleryItem:
    """Move a picture one place earlier (step -1) or later (step 1); no-op at an end."""
    article = item.article
    _require_media_writer(article, by)
    ordered = list(article.gallery.order_by("position", "pk"))
    move_in_order(item, ordered, step=step, by=by, unit_id=article.site.unit_id)
    _media_changed(article)
    return item


@transaction.atomic
def attach_file(article: Article, *, upload: UploadedFile, by: Any) -> Attachment:
    """Attach a file, downloaded under its original name and stored under a random one. Raises PermissionDenied as update_article, and
    ValidationError for a file too large, of a type not allowed, or whose content is not what
    its name says (files.check)."""
    _require_media_writer(article, by)
    filename = nfc(upload.name or "").replace("/", "_").replace("\\", "_").strip()[:255]
    data = upload.read(files.max_bytes() + 1)
    kind = files.check(filename, data)
    last = article.attachments.order_by("-position").values_list("position", flat=True).first()
    attachment = Attachment(
        article=article,
        filename=filename,
        kind=kind.label,
        content_type=kind.content_type,
        size=len(data),
        position=(last or 0) + 1,
        uploaded_by=by,
    )
    attachment.file.save(filename, ContentFile(data), save=False)  # a random name (upload_to)
    attachment.save()
    audit.record(AuditAction.CREATE, attachment, by=by, unit_id=article.site.unit_id)
    _media_changed(article)
    return attachment


@transaction.atomic
def remove_attachment(attachment: Attachment, *, by: Any) -> None:
    """Remove an attached file (and its stored copy)."""
    article = attachment.article
    _require_media_writer(article, by)
    name = attachment.file.name or ""
    audit.record(AuditAction.DELETE, attachment, by=by, unit_id=article.site.unit_id)
    attachment.delete()
    transaction.on_commit(lambda: _delete_files([name]))
    _media_changed(article)
