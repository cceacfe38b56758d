"""Who may write and who may review a site's content, decided through `ttdn.core.access`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ttdn.content.enums import REVIEWER_WRITABLE, WRITABLE
from ttdn.content.enums import ArticleStatus as S
from ttdn.content.models import REVIEWING_ROLES, Album, Article
from ttdn.core import access
from ttdn.org.models import Unit


def can_write(user: Any, unit: Unit) -> bool:
    """Editors, officers and leaders of the unit or of a unit above it."""
    return user is not None and access.can_act_for(user, unit, access.EDITING_ROLES)


def can_review(user: Any, unit: Unit) -> bool:
    """Leaders of the unit or of a supervising unit: they review, approve and publish."""
    return user is not None and access.can_act_for(user, unit, REVIEWING_ROLES)


def can_withdraw_from_review(user: Any, article: Article) -> bool:
    """An article in review goes back to draft at the hands of a reviewer or of a writer of
    its own unit (to change it); an office above that only writes cannot take it out of the
    reviewers' hands."""
    unit = article.site.unit
    return can_review(user, unit) or writes_for_own_unit(user, unit)


def writes_for_own_unit(user: Any, unit: Unit) -> bool:
    """A writer of the unit itself, not only of an office above it."""
    return any(
        m.unit_id == unit.pk and m.role in access.EDITING_ROLES for m in access.memberships(user)
    )


@dataclass(frozen=True)
class ArticleActions:
    """What the person may do with the article now: the page offers exactly these."""

    edit: bool
    translate: bool
    submit: bool
    reopen: bool
    review: bool
    publish_now: bool
    unpublish: bool

    @property
    def any(self) -> bool:
        return any(vars(self).values())


def article_actions(user: Any, article: Article) -> ArticleActions:
    unit, status = article.site.unit, article.status
    writes, reviews = can_write(user, unit), can_review(user, unit)
    reopen = status == S.UNPUBLISHED and writes
    reopen = reopen or (status == S.IN_REVIEW and can_withdraw_from_review(user, article))
    return ArticleActions(
        edit=(writes and status in WRITABLE) or (reviews and status in REVIEWER_WRITABLE),
        translate=writes and article.translation_of_id is None,
        submit=writes and status in (S.DRAFT, S.RETURNED),
        reopen=reopen,
        review=reviews and status == S.IN_REVIEW,
        publish_now=reviews and status not in (S.PUBLISHED, S.APPROVED),
        unpublish=reviews and status in (S.PUBLISHED, S.APPROVED),
    )


@dataclass(frozen=True)
class AlbumActions:
    """What the person may do with the album now: the page offers exactly these."""

    edit: bool
    submit: bool
    reopen: bool
    review: bool
    publish: bool
    unpublish: bool

    @property
    def any(self) -> bool:
        return any(vars(self).values())


def album_actions(user: Any, album: Album) -> AlbumActions:
    unit, status = album.site.unit, album.status
    writes, reviews = can_write(user, unit), can_review(user, unit)
    reopen = status == S.UNPUBLISHED and writes
    reopen = reopen or (
        status == S.IN_REVIEW and (reviews or (writes and writes_for_own_unit(user, unit)))
    )
    return AlbumActions(
        edit=(writes and status in WRITABLE) or (reviews and status in REVIEWER_WRITABLE),
        submit=writes and status in (S.DRAFT, S.RETURNED),
        reopen=reopen,
        review=reviews and status == S.IN_REVIEW,
        publish=reviews and status != S.PUBLISHED,
        unpublish=reviews and status == S.PUBLISHED,
    )


def can_edit_about(user: Any, unit: Unit) -> bool:
    """The about page is public as soon as it is saved, as the site's settings are: those who
    publish on the site (its leaders and those above) fill it in."""
    return can_review(user, unit)
