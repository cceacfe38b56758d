"""/api/v1/portal: published articles of a site (public), and drafts written with a token."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from ttdn.content import queries, services
from ttdn.content.enums import Classification, Language
from ttdn.content.models import Article, Site
from ttdn.core import access
from ttdn.core.api import MAX_ID, MAX_OFFSET, caller, id_in_path

router = Router(tags=["portal"])
T = TypeVar("T")
MAX_LIMIT = 100


class ArticleOut(Schema):
    id: int
    title: str
    summary: str
    section: str = Field(description="the section's slug")
    language: str
    tags: list[str]
    published_at: datetime.datetime | None
    url: str


class ArticleDetailOut(ArticleOut):
    body: str = Field(description="sanitised HTML")


class DraftIn(Schema):
    unit: str = Field(description="the code of the unit whose site the article is for")
    section: str = Field(description="a section's slug")
    title: str
    summary: str
    body: str = Field(description="HTML; sanitised on arrival")
    language: Language = Language.VI
    tags: list[str] = []
    classification: Classification = Classification.PUBLIC


class DraftUpdate(Schema):
    version: int = Field(
        ge=0, le=MAX_ID, description="the version you read: a newer save by someone else is a 409"
    )
    title: str | None = None
    summary: str | None = None
    body: str | None = None
    tags: list[str] | None = None
    classification: Classification | None = None


class DraftOut(Schema):
    id: int
    status: str
    version: int
    title: str


def _out(article: Article) -> dict[str, object]:
    return {
        "id": article.pk,
        "title": article.title,
        "summary": article.summary,
        "section": article.section.slug,
        "language": article.language,
        "tags": article.tags,
        "published_at": article.published_at,
        "url": article.get_absolute_url(),
        "body": article.body,
    }


@router.get(
    "/sites/{unit_slug}/articles",
    response=list[ArticleOut],
    auth=None,
    summary="Published articles of a site",
)
def list_articles(
    request: HttpRequest,
    unit_slug: str,
    language: Language = Language.VI,
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="items to skip"),
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
) -> list[dict[str, object]]:
    """Newest first; `limit` at most 100. Public: no token needed."""
    site = get_object_or_404(Site, unit__slug=unit_slug)
    # The API answers each article's body, which the lists' queryset defers: read it at once.
    articles = queries.public_articles(site, language).defer(None)[offset : offset + limit]
    return [_out(a) for a in articles]


@router.get(
    "/sites/{unit_slug}/articles/{pk}",
    response=ArticleDetailOut,
    auth=None,
    summary="One published article",
)
def read_article(request: HttpRequest, unit_slug: str, pk: int = id_in_path()) -> dict[str, object]:
    site = get_object_or_404(Site, unit__slug=unit_slug)
    live = Article.objects.live().filter(site=site).select_related("section", "site__unit")
    return _out(get_object_or_404(live, pk=pk))


def _call(action: Callable[[], T]) -> T:
    """Run a service; its refusals become JSON errors (409 conflict, 422 invalid, 403)."""
    try:
        return action()
    except services.EditConflict as error:
        raise HttpError(409, error.messages[0]) from error
    except ValidationError as error:
        raise HttpError(422, " ".join(error.messages)) from error
    except PermissionDenied as error:
        raise HttpError(403, str(error) or "Forbidden") from error


@router.post("/drafts", response={201: DraftOut}, summary="Write a draft for a site you edit")
def create_draft(request: HttpRequest, payload: DraftIn) -> Status:
    user = caller(request)
    units = access.supervised_units(user, access.EDITING_ROLES).values("pk")
    site = get_object_or_404(
        Site.objects.select_related("unit"), unit__in=units, unit__code=payload.unit
    )
    section = get_object_or_404(site.sections, slug=payload.section)
    fields = payload.dict(exclude={"unit", "section"})
    return Status(
        201, _call(lambda: services.create_article(site, by=user, section=section, **fields))
    )


@router.put("/drafts/{pk}", response=DraftOut, summary="Change a draft you may edit")
def update_draft(request: HttpRequest, payload: DraftUpdate, pk: int = id_in_path()) -> Article:
    user = caller(request)
    article = get_object_or_404(
        Article.objects.editable_by(user).select_related("site__unit"), pk=pk
    )
    fields = {k: v for k, v in payload.dict(exclude={"version"}).items() if v is not None}
    return _call(
        lambda: services.update_article(
            article, by=user, expected_version=payload.version, **fields
        )
    )
