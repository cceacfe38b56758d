"""A site's structured "Giới thiệu" page and its leadership, public as soon as saved (as the
site's settings are), so filled in by those who publish on the site (`rules.can_edit_about`).
Every change is audited with what it changed."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.content import cache, markup, rules, storage
from ttdn.content.models import AboutPage, Image, Leader, Site
from ttdn.content.services.sites import move_in_order, update_site
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.text import nfc

ABOUT_FIELDS = ["history", "organisation", "map_image_id"]
LEADER_FIELDS = ["name", "role", "photo_id", "phone", "email", "show_phone", "show_email"]
CONTACT_FIELDS = ("address", "phone", "email", "map_url")
KEEP: Any = object()  # "leave the picture as it is"


def _require_editor(site: Site, by: Any) -> None:
    if not rules.can_edit_about(by, site.unit):
        raise PermissionDenied(_("Only a leader of the unit or of a unit above it may do this."))


@transaction.atomic
def save_about(
    site: Site,
    *,
    by: Any,
    history: str = "",
    organisation: str = "",
    map_image: Image | None = KEEP,
    **contacts: str,
) -> AboutPage:
    """Save the about page: its history (sanitised like an article's body), organisation and
    map picture, and the site's contacts (address, telephone, e-mail, map link) it shows.

    Raises PermissionDenied for anyone but those who publish on the site, ValidationError for a
    map picture of another site or a bad contact (as `update_site`).
    """
    _require_editor(site, by)
    if unknown := set(contacts) - set(CONTACT_FIELDS):
        raise TypeError(f"not a contact: {', '.join(sorted(unknown))}")
    page, _created = AboutPage.objects.select_for_update(of=("self",)).get_or_create(site=site)
    before = audit.snapshot(page, ABOUT_FIELDS)
    old_map = page.map_image_id
    page.history = markup.sanitise(history)
    page.organisation = nfc(organisation or "").strip()
    if map_image is not KEEP:
        if map_image is not None and map_image.site_id != site.pk:
            raise ValidationError({"map_image": _("That picture belongs to another site.")})
        page.map_image = map_image
    page.updated_by = by if getattr(by, "pk", None) else None
    page.full_clean()
    page.save()
    changes = audit.diff(before, audit.snapshot(page, ABOUT_FIELDS))
    if changes:
        audit.record(AuditAction.UPDATE, page, by=by, unit_id=site.unit_id, changes=changes)
    if page.map_image_id != old_map:
        storage.sync_by_pk([old_map, page.map_image_id])
    if any(getattr(site, name) != value for name, value in contacts.items()):
        update_site(site, by=by, **contacts)
    cache.invalidate(site.unit)
    return page


def _assign_leader(leader: Leader, fields: dict[str, Any]) -> None:
    for name in ("name", "role", "phone", "email"):
        setattr(leader, name, nfc(fields.get(name) or "").strip())
    leader.show_phone = bool(fields.get("show_phone")) and bool(leader.phone)
    leader.show_email = bool(fields.get("show_email")) and bool(leader.email)
    if not leader.name:
        raise ValidationError({"name": _("Give the person's name.")})
    if not leader.role:
        raise ValidationError({"role": _("Give the person's position, e.g. Hiệu trưởng.")})
    leader.full_clean(exclude=["site", "photo"])


def _check_photo(site: Site, photo: Image | None) -> None:
    if photo is not None and photo.site_id != site.pk:
        raise ValidationError({"photo": _("That picture belongs to another site.")})


@transaction.atomic
def add_leader(site: Site, *, by: Any, photo: Image | None = None, **fields: Any) -> Leader:
    """A person of the leadership at the end of the list: name, position, photo (its public
    copies are made while it is listed), telephone and e-mail shown only when ticked.

    Raises PermissionDenied as `save_about`, ValidationError without a name or position.
    """
    _require_editor(site, by)
    _check_photo(site, photo)
    leader = Leader(site=site, photo=photo)
    _assign_leader(leader, fields)
    last = site.leaders.order_by("-position").values_list("position", flat=True).first()
    leader.position = (last or 0) + 1
    leader.save()
    storage.sync([photo])
    audit.record(
        AuditAction.CREATE, leader, by=by, unit_id=site.unit_id,
        changes=audit.diff({}, audit.snapshot(leader, LEADER_FIELDS)),
    )  # fmt: skip
    cache.invalidate(site.unit)
    return leader


@transaction.atomic
def update_leader(leader: Leader, *, by: Any, photo: Image | None = KEEP, **fields: Any) -> Leader:
    """Change a person of the leadership; a new photo replaces the old one. Raises as add_leader."""
    site = leader.site
    _require_editor(site, by)
    before = audit.snapshot(leader, LEADER_FIELDS)
    old_photo = leader.photo_id
    if photo is not KEEP:
        _check_photo(site, photo)
        leader.photo = photo
    _assign_leader(leader, fields)
    leader.save()
    if leader.photo_id != old_photo:
        storage.sync_by_pk([old_photo, leader.photo_id])
    changes = audit.diff(before, audit.snapshot(leader, LEADER_FIELDS))
    if changes:
        audit.record(AuditAction.UPDATE, leader, by=by, unit_id=site.unit_id, changes=changes)
        cache.invalidate(site.unit)
    return leader


@transaction.atomic
def remove_leader(leader: Leader, *, by: Any) -> None:
    """Take a person off the list; their photo's public copies go with them."""
    site = leader.site
    _require_editor(site, by)
    photo = leader.photo_id
    audit.record(AuditAction.DELETE, leader, by=by, unit_id=site.unit_id)
    leader.delete()
    storage.sync_by_pk([photo])
    cache.invalidate(site.unit)


@transaction.atomic
def move_leader(leader: Leader, *, by: Any, step: int) -> Leader:
    """Move a person one place up (step -1) or down (step 1) the list; no-op at an end."""
    site = leader.site
    _require_editor(site, by)
    ordered = list(site.leaders.order_by("position", "pk"))
    move_in_order(leader, ordered, step=step, by=by, unit_id=site.unit_id)
    cache.invalidate(site.unit)
    return leader
