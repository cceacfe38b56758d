"""A unit's public site and its sections."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ttdn.content import cache, rules, storage
from ttdn.content.enums import (
    DEFAULT_SECTIONS,
    SCHOOL_SECTIONS,
    SectionKind,
)
from ttdn.content.models import (
    Section,
    Site,
)
from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.models import step_in_order
from ttdn.core.text import nfc, slugify
from ttdn.org.enums import SCHOOL_KINDS
from ttdn.org.models import Unit

# --- Sites ---------------------------------------------------------------------------------


@transaction.atomic
def open_site(unit: Unit, *, by: Any = None) -> Site:
    """The unit's site, created with the default sections the first time (Công khai and Tuyển
    sinh only for a school). Idempotent."""
    site, created = Site.objects.get_or_create(unit=unit)
    if created:
        for position, (slug, title, kind) in enumerate(default_sections(unit)):
            site.sections.create(slug=slug, title=title, kind=kind, position=position)
        audit.record(AuditAction.CREATE, site, by=by, unit_id=unit.pk)
    return site


def default_sections(unit: Unit) -> list[tuple[str, str, str]]:
    school = unit.kind in SCHOOL_KINDS
    return [row for row in DEFAULT_SECTIONS if school or row[2] not in SCHOOL_SECTIONS]


@transaction.atomic
def update_site(site: Site, *, by: Any, **fields: Any) -> Site:
    """Change the site's settings (colour, contact, languages …) and record what changed."""
    names = [f"{name}_id" if name in ("logo", "banner") else name for name in fields]
    before = audit.snapshot(site, names)
    old_pictures = [site.logo_id, site.banner_id]
    for name, value in fields.items():
        setattr(site, name, nfc(value).strip() if isinstance(value, str) else value)
    site.full_clean()
    site.save()
    if [site.logo_id, site.banner_id] != old_pictures:
        storage.sync_by_pk([*old_pictures, site.logo_id, site.banner_id])
    audit.record(
        AuditAction.UPDATE, site, by=by, unit_id=site.unit_id,
        changes=audit.diff(before, audit.snapshot(site, names)),
    )  # fmt: skip
    cache.invalidate(site.unit)
    return site


# --- Sections ------------------------------------------------------------------------------


def _section_slug(site: Site, wanted: str, *, exclude: int | None = None) -> str:
    base = slugify(wanted)[:90]
    if not base:
        raise ValidationError({"slug": _("The address needs letters or digits.")})
    others = site.sections.exclude(pk=exclude) if exclude else site.sections.all()
    taken = set(others.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _require_writer(site: Site, by: Any) -> None:
    if not rules.can_write(by, site.unit):
        raise PermissionDenied(_("You may not change this site."))


@transaction.atomic
def create_section(site: Site, *, title: str, by: Any, slug: str = "", kind: str = "") -> Section:
    """A new section at the end of the site's menu; its address is folded from the title
    (or `slug`) and made unique in the site. Raises ValidationError for an empty title."""
    _require_writer(site, by)
    title = nfc(title or "").strip()
    if not title:
        raise ValidationError({"title": _("Give the section a title.")})
    last = site.sections.order_by("-position").values_list("position", flat=True).first()
    section = Section(
        site=site,
        title=title,
        slug=_section_slug(site, slug or title),
        kind=kind or SectionKind.OTHER,
        position=(last or 0) + 1,
    )
    section.full_clean()
    section.save()
    audit.record(AuditAction.CREATE, section, by=by, unit_id=site.unit_id)
    cache.invalidate(site.unit)
    return section


@transaction.atomic
def update_section(
    section: Section,
    *,
    by: Any,
    title: str,
    slug: str = "",
    is_hidden: bool = False,
    parent: Section | None = None,
) -> Section:
    """Rename a section, change its address (kept unless a new one is given), hide it from
    the public menu or put it under another section (one level). Raises ValidationError for an
    empty title, an address taken in the site, or a parent that cannot hold it."""
    site = section.site
    _require_writer(site, by)
    _check_parent(section, parent)
    fields = ["title", "slug", "is_hidden", "parent_id"]
    before = audit.snapshot(section, fields)
    section.parent = parent
    section.title = nfc(title or "").strip()
    if not section.title:
        raise ValidationError({"title": _("Give the section a title.")})
    wanted = slugify(slug or "")
    if wanted and wanted != section.slug:
        if site.sections.filter(slug=wanted).exclude(pk=section.pk).exists():
            raise ValidationError({"slug": _("Another section of this site has this address.")})
        section.slug = _section_slug(site, wanted, exclude=section.pk)
    section.is_hidden = is_hidden
    section.full_clean()
    section.save()
    changes = audit.diff(before, audit.snapshot(section, fields))
    audit.record(AuditAction.UPDATE, section, by=by, unit_id=site.unit_id, changes=changes)
    cache.invalidate(site.unit)
    return section


def _check_parent(section: Section, parent: Section | None) -> None:
    if parent is None:
        return
    if parent.site_id != section.site_id or parent.pk == section.pk:
        raise ValidationError({"parent": _("Choose another section of this site.")})
    if parent.parent_id is not None or section.children.exists():
        raise ValidationError(
            {"parent": _("The menu has one level under a section: this would make two.")}
        )


def move_in_order(
    target: Any,
    ordered: list[Any],
    *,
    step: int,
    by: Any,
    unit_id: int,
    saved: tuple[str, ...] = ("position",),
) -> None:
    """Move `target` one place up (step -1) or down (step 1) among `ordered` (rows by their
    `position`), save the rows renumbered and audit the move; nothing moves at an end. The
    portal's sections, gallery pictures, album items and leaders are ordered this way."""
    for row in step_in_order(ordered, target, step, field="position", start=0) or []:
        row.save(update_fields=list(saved))
    audit.record(
        AuditAction.UPDATE, target, by=by, unit_id=unit_id, changes={"position": [None, step]}
    )


@transaction.atomic
def move_section(section: Section, *, by: Any, step: int) -> Section:
    """Move a section one place up (step -1) or down (step 1) in the menu; no-op at an end."""
    site = section.site
    _require_writer(site, by)
    ordered = list(site.sections.order_by("position", "pk"))
    move_in_order(
        section, ordered, step=step, by=by, unit_id=site.unit_id, saved=("position", "updated_at")
    )
    cache.invalidate(site.unit)
    return section


@transaction.atomic
def delete_section(section: Section, *, by: Any) -> None:
    """Delete an empty section. Raises ValidationError when it holds articles (hide it instead)."""
    site = section.site
    _require_writer(site, by)
    count = section.articles.count()
    if count:
        raise ValidationError(
            ngettext(
                "The section “%(title)s” holds %(count)s article: move it to another section, or hide the section instead.",
                "The section “%(title)s” holds %(count)s articles: move them to another section, or hide the section instead.",
                count,
            )
            % {"title": section.title, "count": count}
        )
    audit.record(AuditAction.DELETE, section, by=by, unit_id=site.unit_id)
    section.delete()
    cache.invalidate(site.unit)
