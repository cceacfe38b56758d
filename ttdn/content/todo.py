""" "Việc cần làm" of the portal: articles waiting for review, returned ones, withdrawn items."""

from __future__ import annotations

import datetime
from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.content import disclosure, queries
from ttdn.content.enums import ArticleStatus
from ttdn.content.models import REVIEWING_ROLES, Album, Article, Disclosure, Exemplar, Image, Site
from ttdn.core import access
from ttdn.core.todo import TodoItem

LIMIT = 20


def items(user: Any) -> list[TodoItem]:
    """Articles and albums in review the person may review; the person's returned articles and
    albums; pictures and profiles withdrawn for an expired consent in the sites the person
    writes for."""
    returned = Article.objects.filter(author_id=user.pk, status=ArticleStatus.RETURNED)
    found = [
        _article(a, _("Review the article “%(title)s”"))
        for a in queries.awaiting_review(user, limit=LIMIT)
    ]
    found += [
        _article(a, _("Revise the returned article “%(title)s”"))
        for a in returned.select_related("site__unit")[:LIMIT]
    ]
    return found + _albums(user) + _withdrawn(user)


def _albums(user: Any) -> list[TodoItem]:
    """Albums in review the person may publish, and the person's returned albums."""
    reviewing = Album.objects.filter(
        status=ArticleStatus.IN_REVIEW,
        site__unit__in=access.supervised_units(user, REVIEWING_ROLES).values("pk"),
    )
    returned = Album.objects.filter(created_by_id=user.pk, status=ArticleStatus.RETURNED)
    return [
        TodoItem(
            title=title % {"title": album.title},
            url=reverse("content:album_detail", args=[album.pk]),
            unit_name=album.site.unit.name,
        )
        for albums, title in (
            (reviewing, _("Review the album “%(title)s”")),
            (returned, _("Revise the returned album “%(title)s”")),
        )
        for album in albums.select_related("site__unit").order_by("-updated_at")[:LIMIT]
    ]


def _article(article: Article, title: str) -> TodoItem:
    return TodoItem(
        title=title % {"title": article.title},
        url=reverse("content:article_detail", args=[article.pk]),
        unit_name=article.site.unit.name,
    )


def _withdrawn(user: Any) -> list[TodoItem]:
    if access.is_operator(user):
        return []
    images = Image.objects.filter(withdrawn_at__isnull=False, uploaded_by_id=user.pk)
    exemplars = Exemplar.objects.editable_by(user).filter(
        is_public=False, consent__isnull=False, consent__valid_until__lt=timezone.localdate()
    )
    detail = _("The guardian's consent has expired: record a new one or replace it.")
    return [
        TodoItem(
            title=_("The picture “%(alt)s” was withdrawn") % {"alt": image.alt},
            url=reverse("content:consent_list", args=[image.site.unit.code]),
            unit_name=image.site.unit.name,
            detail=detail,
            urgent=True,
        )
        for image in images.select_related("site__unit")[:LIMIT]
    ] + [
        TodoItem(
            title=_("The profile of %(name)s was withdrawn") % {"name": exemplar.name},
            url=reverse("content:exemplar_list", args=[exemplar.site.unit.code]),
            unit_name=exemplar.site.unit.name,
            detail=detail,
            urgent=True,
        )
        for exemplar in exemplars.select_related("site__unit")[:LIMIT]
    ]


def disclosures_due(user: Any, today: datetime.date | None = None) -> list[TodoItem]:
    """Công khai items of the schools the person writes for (their own membership, not the
    offices above) that are not published and fall due within REMIND_DAYS, or are overdue."""
    today = today or timezone.localdate()
    units = [
        m.unit
        for m in access.memberships(user)
        if m.role in access.EDITING_ROLES and disclosure.items_for(m.unit.kind)
    ]
    with_site = set(Site.objects.filter(unit__in=units).values_list("unit_id", flat=True))
    units = [unit for unit in units if unit.pk in with_site]
    if not units:
        return []
    current = disclosure.school_year_of(today)
    years = (current, current + 1)
    published = set(
        Disclosure.objects.filter(site__unit__in=units, school_year__in=years)
        .values_list("site__unit_id", "item", "school_year")
        .distinct()
    )
    horizon = today + timedelta(days=disclosure.REMIND_DAYS)
    found = []
    for unit in units:
        for year in years:
            for item in disclosure.items_for(unit.kind):
                due = item.due_on(year)
                if (unit.pk, item.code, year) in published or due > horizon:
                    continue
                if year != current and due < today:
                    continue  # next year's item already late is last year's business
                found.append(
                    TodoItem(
                        title=_("Publish “%(item)s” (public disclosure %(year)s)")
                        % {"item": item.title, "year": disclosure.school_year_label(year)},
                        url=reverse("content:disclosure_list", args=[unit.code])
                        + f"?year={year}&item={item.code}",
                        unit_name=unit.name,
                        due=due,
                        urgent=due < today,
                    )
                )
    return found[:LIMIT]
