"""Whole public pages are cached per site; a version per unit invalidates them.

Publishing or changing what the public sees bumps the version of the article's unit and of
every unit above it (an office's home shows its subtree's news), so the next request renders
afresh. Keys use slugs, so serving a cached page reads no database. The "portal" cache is
shared by every server process (settings.CACHES).
"""

from __future__ import annotations

import datetime
import time
from typing import TYPE_CHECKING, Any

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from ttdn.org.models import Unit

if TYPE_CHECKING:
    from ttdn.content.models import Section, Site

ALIAS = "portal"
PAGE_SECONDS = 600


def _key(slug: str) -> str:
    return f"content:version:{slug}"


def version(slug: str) -> int:
    return int(caches[ALIAS].get(_key(slug)) or 0)


def invalidate(unit: Unit) -> None:
    """Make the pages of `unit` and of the units above it stale, now and again at commit."""

    slugs = list(
        Unit.objects.filter(pk__in=[*unit.ancestor_ids, unit.pk]).values_list("slug", flat=True)
    )

    def bump() -> None:
        cache = caches[ALIAS]
        for slug in slugs:
            try:
                cache.incr(_key(slug))
            except ValueError:
                cache.set(_key(slug), 1, None)

    bump()
    transaction.on_commit(bump)


def page_key(slug: str, path: str) -> str:
    """The cache key of a page of the site of unit `slug`: pages keyed by (version, path)."""
    return f"content:page:{slug}:{version(slug)}:{path}"


def get_page(key: str) -> tuple[bytes, str] | None:
    return caches[ALIAS].get(key)


def set_page(key: str, content: bytes, content_type: str) -> None:
    caches[ALIAS].set(key, (content, content_type), PAGE_SECONDS)


# --- A site's sections, kept by each process ----------------------------------------------
#
# Every public page shows the site's sections. They change once in a long while (the admin), so
# each process keeps them beside the site's `updated_at`, which any change to a section touches
# (`touch_site`): the site row a page reads anyway says whether the copy is still good.

SECTIONS_KEPT = 5000
_sections: dict[int, tuple[datetime.datetime, list[Section]]] = {}


def sections(site: Site) -> list[Section]:
    """The site's sections in order; the same objects while the site is unchanged: read only."""
    known = _sections.get(site.pk)
    if known is not None and known[0] == site.updated_at:
        return known[1]
    found = list(site.sections.all())
    if len(_sections) >= SECTIONS_KEPT:  # a whole sector's sites: start again, not grow
        _sections.clear()
    _sections[site.pk] = (site.updated_at, found)
    return found


def shown_sections(site: Site) -> list[Section]:
    """The sections the public pages show: hidden ones keep their articles but leave the menu."""
    return [section for section in sections(site) if not section.is_hidden]


def menu(site: Site) -> list[tuple[Section, list[Section]]]:
    """The public menu: top-level shown sections in order, each with its shown children."""
    shown = shown_sections(site)
    top = [section for section in shown if section.parent_id is None]
    return [(parent, [s for s in shown if s.parent_id == parent.pk]) for parent in top]


def touch_site(instance: Section, raw: bool = False, **_kwargs: Any) -> None:
    """A section was saved or deleted (signals): make its site's sections and pages stale. Rows
    loaded as they were (a restored backup, a fixture) leave the site's own row as it was."""
    from ttdn.content.models import Site

    if not raw:
        Site.objects.filter(pk=instance.site_id).update(updated_at=timezone.now())
    if unit := Unit.objects.filter(site__pk=instance.site_id).first():
        invalidate(unit)


def forget_sections() -> None:
    _sections.clear()


EDITING_SECONDS = 15 * 60


def others_editing(article_id: int, user: Any) -> list[str]:
    """Note that `user` opened the article's editor; return who else did in the last 15 minutes.

    Two people editing the same article are warned when they open it; saving over the other's
    newer save is refused anyway (services.EditConflict).
    """
    cache = caches[ALIAS]
    key = f"content:editing:{article_id}"
    now = time.time()
    editors = {
        pk: (name, at)
        for pk, (name, at) in (cache.get(key) or {}).items()
        if now - at < EDITING_SECONDS
    }
    others = sorted(name for pk, (name, _at) in editors.items() if pk != user.pk)
    editors[user.pk] = (str(user), now)
    cache.set(key, editors, EDITING_SECONDS)
    return others
