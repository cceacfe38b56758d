"""The editorial screens of articles: the dashboard, writing, submitting, reviewing, publishing,
revisions and translations."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.content import cache, channels, queries, rules, services
from ttdn.content.enums import ArticleStatus, Check
from ttdn.content.forms import (
    ArticleForm,
    ReasonForm,
    ReviewForm,
    TranslationForm,
)
from ttdn.content.models import (
    Article,
    Post,
    Site,
)
from ttdn.content.views.common import writable_site
from ttdn.core import access, pending, related
from ttdn.core.feedback import attempt, errors_of
from ttdn.org.enums import SCHOOL_KINDS

# --- Dashboard and sites -------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.visible_to(request.user).select_related(
        "site__unit", "section", "author"
    )
    if status := request.GET.get("status"):
        articles = articles.filter(status=status) if status in ArticleStatus.values else articles
    units = access.units_with_role(request.user, access.EDITING_ROLES).select_related("site")
    context = {
        "page": Paginator(articles.order_by("-updated_at", "-pk"), 50).get_page(
            request.GET.get("page")
        ),
        "units": units,
        # Site settings belong to leaders (site_settings); others are not offered a dead link.
        "configurable": {u.pk for u in units if rules.can_review(request.user, u)},
        "statuses": ArticleStatus.choices,
        "status": status,
        "to_review": len(queries.awaiting_review(request.user)),
        "school_kinds": SCHOOL_KINDS,
    }
    return render(request, "content/dashboard.html", context)


@require_POST
@login_required
def site_open(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(access.units_with_role(request.user, access.EDITING_ROLES), code=code)
    services.open_site(unit, by=request.user)
    messages.success(request, _("The site of %(unit)s is open.") % {"unit": unit.name})
    return redirect("content:dashboard")


# --- Articles ------------------------------------------------------------------------------


def _article_fields(request: HttpRequest, site: Site, data: dict[str, Any]) -> dict[str, Any]:
    """The service's fields from the form; an uploaded cover is stored (EXIF stripped) first."""
    fields = {k: v for k, v in data.items() if not k.startswith("cover_") and k != "version"}
    if upload := data.get("cover_upload"):
        fields["cover"] = services.add_image(
            site, upload=upload, alt=data["cover_alt"], by=request.user,
            shows_pupils=data["cover_shows_pupils"], consent=data["cover_consent"],
        )  # fmt: skip
    return fields


def _commemorations(request: HttpRequest) -> Any:
    """The commemorations the person sees (the events app's own rule), to link an article to."""
    model: Any = Article._meta.get_field("commemoration").related_model
    return model.objects.visible_to(request.user)


@login_required
def article_create(request: HttpRequest, code: str) -> HttpResponse:
    site = writable_site(request, code)
    form = ArticleForm(
        request.POST or None,
        pending.restore(request) or None,
        site=site,
        commemorations=_commemorations(request),
    )
    if request.method == "POST" and form.is_valid():
        try:
            article = services.create_article(
                site, by=request.user, **_article_fields(request, site, form.cleaned_data)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            pending.discard(request)
            messages.success(request, _("The draft is saved."))
            return redirect("content:article_detail", article.pk)
    if form.is_bound:
        pending.keep(request, form)
    return render(request, "content/article_form.html", {"form": form, "site": site})


@login_required
def article_update(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.editable_by(request.user).select_related("site__unit"), pk=pk
    )
    initial = {**{f: getattr(article, f) for f in ("title", "summary", "body", "byline", "language", "classification")},
               "section": article.section_id, "exemplar": article.exemplar_id,
               "tags": ", ".join(article.tags), "version": article.version}  # fmt: skip
    form = ArticleForm(
        request.POST or None,
        pending.restore(request) or None,
        site=article.site,
        commemorations=_commemorations(request),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            fields = _article_fields(request, article.site, form.cleaned_data)
            services.update_article(
                article, by=request.user, expected_version=form.cleaned_data["version"], **fields
            )
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, errors_of(error))
        else:
            pending.discard(request)
            messages.success(request, _("The article is saved."))
            return redirect("content:article_detail", article.pk)
    if form.is_bound:
        pending.keep(request, form)
    context = {
        "form": form,
        "site": article.site,
        "article": article,
        "others": cache.others_editing(article.pk, request.user),
    }
    return render(request, "content/article_form.html", context)


@login_required
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.visible_to(request.user).select_related(
            "site__unit", "section", "cover", "translation_of"
        ),
        pk=pk,
    )
    unit = article.site.unit
    context = {
        "article": article,
        "steps": article.steps.select_related("by"),
        "revisions": article.revisions.select_related("by"),
        "translations": article.translations.all(),
        "can_write": rules.can_write(request.user, unit),
        "can_review": rules.can_review(request.user, unit),
        "actions": rules.article_actions(request.user, article),
        "reviewers": queries.reviewers(article),
        "review_form": ReviewForm(),
        "reason_form": ReasonForm(),
        "checks": Check.choices,
        "gallery": article.gallery.select_related("image"),
        "attachments": article.attachments.all(),
        "posts": [
            (post, channels.label_of(post.channel)) for post in Post.objects.filter(article=article)
        ],
        "related": related.for_object(request.user, article),
    }
    return render(request, "content/article_detail.html", context)


def _workflow(
    view: Callable[[HttpRequest, Article], None],
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A POST that moves an article: the article must be one the person may read."""

    @require_POST
    @login_required
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        article = get_object_or_404(
            Article.objects.visible_to(request.user).select_related("site__unit"), pk=pk
        )
        view(request, article)
        return redirect("content:article_detail", article.pk)

    wrapper.__name__ = view.__name__
    return wrapper


@_workflow
def article_submit(request: HttpRequest, article: Article) -> None:
    people = ", ".join(
        m.user.get_full_name() or m.user.get_username() for m in queries.reviewers(article)
    )
    message = (
        _("Sent for review; it is approved by: %(people)s.") % {"people": people}
        if people
        else _("Sent for review.")
    )
    attempt(request, message, services.submit_article, article, by=request.user)


@_workflow
def article_review(request: HttpRequest, article: Article) -> None:
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The review is not valid."))
        return
    data = form.cleaned_data
    if "return" in request.POST:
        message = _("Returned to its writers with your comments.")
        attempt(
            request,
            message,
            services.return_article,
            article,
            by=request.user,
            comment=data["comment"],
        )
        return
    attempt(
        request,
        _("Approved."),
        services.approve_article,
        article,
        by=request.user,
        checklist=data["checklist"],
        publish_at=data["publish_at"],
        comment=data["comment"],
    )


@_workflow
def article_publish_now(request: HttpRequest, article: Article) -> None:
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    message = _("Published without review; the reason is recorded.")
    attempt(
        request, message, services.publish_without_review, article, by=request.user, reason=reason
    )


@_workflow
def article_unpublish(request: HttpRequest, article: Article) -> None:
    reason = request.POST.get("reason", "")
    message = _("Taken off the public site.")
    attempt(request, message, services.unpublish_article, article, by=request.user, reason=reason)


@_workflow
def article_reopen(request: HttpRequest, article: Article) -> None:
    attempt(request, _("It is a draft again."), services.reopen_article, article, by=request.user)


@login_required
def revision_compare(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.visible_to(request.user), pk=pk)
    older = get_object_or_404(article.revisions, number=number)
    newer = article.revisions.first() or older
    context = {
        "article": article,
        "older": older,
        "newer": newer,
        "changes": queries.compare(older, newer),
    }
    return render(request, "content/revision_compare.html", context)


@require_POST
@login_required
def revision_restore(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    article = get_object_or_404(
        Article.objects.editable_by(request.user).select_related("site__unit"), pk=pk
    )
    revision = get_object_or_404(article.revisions, number=number)
    message = _("Revision %(number)s is restored as a new revision.") % {"number": number}
    attempt(request, message, services.restore_revision, article, revision, by=request.user)
    return redirect("content:article_detail", article.pk)


@login_required
def article_translate(request: HttpRequest, pk: int) -> HttpResponse:
    source = get_object_or_404(
        Article.objects.editable_by(request.user).select_related("site__unit"), pk=pk
    )
    form = TranslationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            translation = services.translate_article(source, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, errors_of(error))
        else:
            messages.success(request, _("The translation is saved as a draft."))
            return redirect("content:article_detail", translation.pk)
    return render(request, "content/translation_form.html", {"form": form, "source": source})
