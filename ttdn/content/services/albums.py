"""Albums of photos and videos: writing them, their pictures (through the gallery's pipeline:
EXIF/GPS stripped, renditions, consents of pupils) and video links, and their workflow
(`transition_album` alone sets an album's status). Who writes and who publishes is decided as
for articles (`rules.can_write`, `rules.can_review`)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.content import cache, links, rules
from ttdn.content.enums import (
    ALBUM_FLOW,
    REVIEWER_WRITABLE,
    WRITABLE,
    AlbumItemKind,
    ArticleStatus,
    Check,
    Decision,
)
from ttdn.content.models import GALLERY_FOLDER, Album, AlbumItem, Consent, Site
from ttdn.content.services import media
from ttdn.content.services.sites import move_in_order
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.states import transition
from ttdn.core.text import nfc

S = ArticleStatus
ALBUM_FIELDS = ["title", "description", "date", "cover_id", "is_featured"]


def _require_writer(album: Album, by: Any) -> None:
    """Who may change an article's text may change an album, in the same states."""
    reviewer = rules.can_review(by, album.site.unit)
    allowed = REVIEWER_WRITABLE if reviewer else WRITABLE
    if not rules.can_write(by, album.site.unit) or album.status not in allowed:
        raise PermissionDenied(_("This album cannot be edited in its present state."))


def _changed(album: Album) -> None:
    if album.status == S.PUBLISHED:
        cache.invalidate(album.site.unit)


def _assign(album: Album, *, title: str, description: str, date: datetime.date | None) -> None:
    album.title = nfc(title or "").strip()
    album.description = nfc(description or "").strip()
    if not album.title:
        raise ValidationError({"title": _("Give the album a title.")})
    if date is None:
        raise ValidationError({"date": _("Give the date of the album.")})
    album.date = date
    album.full_clean(validate_constraints=False)


@transaction.atomic
def create_album(
    site: Site, *, title: str, date: datetime.date | None, by: Any, description: str = ""
) -> Album:
    """A draft album of the site. Raises PermissionDenied, ValidationError without a title."""
    if not rules.can_write(by, site.unit):
        raise PermissionDenied
    album = Album(site=site, created_by=by if getattr(by, "pk", None) else None)
    _assign(album, title=title, description=description, date=date)
    album.save()
    audit.record(
        AuditAction.CREATE, album, by=by, unit_id=site.unit_id,
        changes=audit.diff({}, audit.snapshot(album, ALBUM_FIELDS)),
    )  # fmt: skip
    return album


@transaction.atomic
def update_album(
    album: Album,
    *,
    by: Any,
    title: str,
    date: datetime.date | None,
    description: str = "",
    cover: AlbumItem | None = None,
    is_featured: bool = False,
) -> Album:
    """Change the album's details, its cover (one of its photos) and whether the home page
    features it (one album a site: featuring this one stops featuring another). Raises
    PermissionDenied as for an article's text, ValidationError for bad details."""
    album = (
        Album.objects.select_for_update(of=("self",)).select_related("site__unit").get(pk=album.pk)
    )
    _require_writer(album, by)
    if cover is not None and (cover.album_id != album.pk or cover.kind != AlbumItemKind.PHOTO):
        raise ValidationError({"cover": _("Choose one of the album's photos as its cover.")})
    before = audit.snapshot(album, ALBUM_FIELDS)
    _assign(album, title=title, description=description, date=date)
    album.cover, album.is_featured = cover, is_featured
    if is_featured:
        Album.objects.filter(site=album.site, is_featured=True).exclude(pk=album.pk).update(
            is_featured=False
        )
    album.save()
    changes = audit.diff(before, audit.snapshot(album, ALBUM_FIELDS))
    if changes:
        audit.record(AuditAction.UPDATE, album, by=by, unit_id=album.site.unit_id, changes=changes)
        _changed(album)
    if is_featured and "is_featured" in changes:  # another album may have left the home page
        cache.invalidate(album.site.unit)
    return album


def _append(album: Album, item: AlbumItem, *, by: Any) -> AlbumItem:
    last = album.items.order_by("-position").values_list("position", flat=True).first()
    item.position = (last or 0) + 1
    item.full_clean(exclude=["album", "image"], validate_constraints=False)
    item.save()
    audit.record(AuditAction.CREATE, item, by=by, unit_id=album.site.unit_id)
    return item


@transaction.atomic
def add_photos(
    album: Album,
    *,
    uploads: Sequence[UploadedFile],
    alt: str,
    by: Any,
    caption: str = "",
    shows_pupils: bool = False,
    consents: Sequence[Consent] = (),
) -> list[AlbumItem]:
    """Add the pictures at the end of the album, all or none, stored as an article's gallery
    is (`media.add_image`: EXIF/GPS stripped, renditions, outside the public folder), with one
    description (numbered when several) and the consents of the pupils they show.

    Raises PermissionDenied as `update_album`; ValidationError as `media.add_image` (no
    description, not a picture, pupils without a valid consent of the site) and for no picture
    or too many at once.
    """
    _require_writer(album, by)
    media.check_batch(uploads)
    first: Consent | None = consents[0] if consents else None
    added = []
    for index, upload in enumerate(uploads, start=1):
        image = media.add_image(
            album.site, upload=upload, alt=media.numbered(alt, index, len(uploads)), by=by,
            shows_pupils=shows_pupils, consent=first, other_consents=list(consents[1:]),
            folder=GALLERY_FOLDER,
        )  # fmt: skip
        item = AlbumItem(
            album=album, kind=AlbumItemKind.PHOTO, image=image, caption=nfc(caption or "").strip()
        )
        added.append(_append(album, item, by=by))
    _changed(album)
    return added


@transaction.atomic
def add_video(
    album: Album,
    *,
    video_url: str,
    title: str,
    by: Any,
    poster: UploadedFile | None = None,
    poster_alt: str = "",
) -> AlbumItem:
    """Add a video by its link on a hosting service (YouTube, Vimeo, Facebook), shown as a card
    with the link and the poster picture if one is given: never a player from elsewhere.

    Raises PermissionDenied as `update_album`, ValidationError for a link that is not http(s)
    on a known host, without a title, or for a poster `media.add_image` refuses. Nothing is
    stored when it is refused.
    """
    _require_writer(album, by)
    url = links.check_video_link(video_url)
    title = nfc(title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the video a title.")})
    image = None
    if poster is not None:
        image = media.add_image(
            album.site, upload=poster, alt=poster_alt or title, by=by, folder=GALLERY_FOLDER
        )
    item = AlbumItem(
        album=album, kind=AlbumItemKind.VIDEO, video_url=url, caption=title[:500], image=image
    )
    _append(album, item, by=by)
    _changed(album)
    return item


@transaction.atomic
def remove_album_item(item: AlbumItem, *, by: Any) -> None:
    """Take a photo or video out of the album; its stored picture files go with it."""
    album = item.album
    _require_writer(album, by)
    audit.record(AuditAction.DELETE, item, by=by, unit_id=album.site.unit_id)
    if item.image is not None:
        media.delete_image(item.image)  # and the item with it
    else:
        item.delete()
    _changed(album)


@transaction.atomic
def move_album_item(item: AlbumItem, *, by: Any, step: int) -> AlbumItem:
    """Move a photo or video one place earlier (step -1) or later (step 1); no-op at an end."""
    album = item.album
    _require_writer(album, by)
    ordered = list(album.items.order_by("position", "pk"))
    move_in_order(item, ordered, step=step, by=by, unit_id=album.site.unit_id)
    _changed(album)
    return item


# --- The workflow --------------------------------------------------------------------------


@transaction.atomic
def transition_album(
    album: Album, *, to: str, by: Any, comment: str = "", checklist: Iterable[str] = ()
) -> Album:
    """The one function that assigns an album's status; the move is audited with its comment
    and the checks confirmed. Raises InvalidTransition for a move ALBUM_FLOW does not allow."""

    def on_move(source: str, target: str) -> None:
        if target == S.PUBLISHED:
            album.published_at = timezone.now()

    changes: dict[str, Any] = {"comment": comment} if comment else {}
    if checklist:
        changes["checklist"] = sorted(checklist)
    before = transition(
        album, flow=ALBUM_FLOW, to=to, by=by, unit_id=album.site.unit_id, on_move=on_move,
        changes=changes,
    )  # fmt: skip
    if S.PUBLISHED in (before, to):
        cache.invalidate(album.site.unit)
    return album


def _require_reviewer(album: Album, by: Any) -> None:
    if not rules.can_review(by, album.site.unit):
        raise PermissionDenied(_("Only a leader of the unit or of a unit above it may do this."))


def submit_album(album: Album, *, by: Any) -> Album:
    """Send a draft or returned album to review. Raises PermissionDenied, InvalidTransition,
    ValidationError for an album with nothing in it."""
    if not rules.can_write(by, album.site.unit):
        raise PermissionDenied
    if not album.items.exists():
        raise ValidationError(_("Add photos or videos to the album first."))
    return transition_album(album, to=S.IN_REVIEW, by=by)


def return_album(album: Album, *, by: Any, comment: str) -> Album:
    """Send an album in review back to its writers. Raises ValidationError without a comment."""
    _require_reviewer(album, by)
    if not nfc(comment or "").strip():
        raise ValidationError({"comment": _("Say what should change.")})
    return transition_album(album, to=S.RETURNED, by=by, comment=nfc(comment).strip())


def publish_album(album: Album, *, by: Any, checklist: Iterable[str], reason: str = "") -> Album:
    """A leader publishes the album with every check of the review confirmed (pupils shown have
    their guardians' consent …); publishing one that was not sent to review needs the reason.

    Raises PermissionDenied for anyone but a leader of the unit or a unit above it,
    ValidationError for a missing check or reason or an empty album, InvalidTransition.
    """
    _require_reviewer(album, by)
    checklist = list(checklist)
    if set(Check.values) - set(checklist):
        raise ValidationError({"checklist": _("Confirm every point of the checklist.")})
    if not album.items.exists():
        raise ValidationError(_("Add photos or videos to the album first."))
    reason = nfc(reason or "").strip()
    if album.status != S.IN_REVIEW and not reason:
        raise ValidationError({"reason": _("Give the reason for publishing without review.")})
    comment = reason and f"{Decision.PUBLISHED_WITHOUT_REVIEW.label}: {reason}"
    return transition_album(album, to=S.PUBLISHED, by=by, comment=comment, checklist=checklist)


def unpublish_album(album: Album, *, by: Any, reason: str = "") -> Album:
    """Take an album off the public site. Leaders only."""
    _require_reviewer(album, by)
    return transition_album(album, to=S.UNPUBLISHED, by=by, comment=nfc(reason or "").strip())


def reopen_album(album: Album, *, by: Any) -> Album:
    """Make an unpublished album a draft again, or withdraw one from review (its own unit's
    writers and its reviewers). Raises PermissionDenied, InvalidTransition."""
    if not rules.can_write(by, album.site.unit):
        raise PermissionDenied
    if album.status == S.IN_REVIEW and not (
        rules.can_review(by, album.site.unit) or rules.writes_for_own_unit(by, album.site.unit)
    ):
        raise PermissionDenied(
            _("Only its own unit's writers or its reviewers take an album out of review.")
        )
    return transition_album(album, to=S.DRAFT, by=by)
