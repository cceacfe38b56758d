"""The editorial screens under /portal/: write, submit, review, publish, revisions, figures, consents."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.content import cache, queries, rules, services, serving
from ttdn.content.enums import ArticleStatus, Check, ExemplarRole
from ttdn.content.forms import (
    ArticleForm,
    AttachmentForm,
    ConsentForm,
    ExemplarForm,
    GalleryForm,
    NewSectionForm,
    ReasonForm,
    ReviewForm,
    SectionForm,
    SiteForm,
    TranslationForm,
)
from ttdn.content.models import (
    EDITING_ROLES,
    REVIEWING_ROLES,
    Article,
    Attachment,
    Consent,
    GalleryItem,
    Section,
    Site,
)
from ttdn.core import access, related


def _errors(error: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(error, PermissionDenied):
        return [str(error) or _("You may not do this.")]
    return [str(m) for m in error.messages]


def _attempt(
    request: HttpRequest, success: str, service: Callable[..., Any], *args: Any, **kwargs: Any
) -> bool:
    """Run one service; tell the person how it went. A refusal changes nothing."""
    try:
        service(*args, **kwargs)
    except (ValidationError, PermissionDenied) as error:
        for message in _errors(error):
            messages.error(request, message)
        return False
    messages.success(request, success)
    return True


def _writable_site(request: HttpRequest, code: str) -> Site:
    units = access.supervised_units(request.user, EDITING_ROLES)
    return get_object_or_404(
        Site.objects.select_related("unit"), unit__in=units.values("pk"), unit__code=code
    )


# --- Dashboard and sites -------------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.visible_to(request.user).select_related(
        "site__unit", "section", "author"
    )
    if status := request.GET.get("status"):
        articles = articles.filter(status=status) if status in ArticleStatus.values else articles
    units = access.units_with_role(request.user, EDITING_ROLES).select_related("site")
    context = {
        "page": Paginator(articles.order_by("-updated_at", "-pk"), 50).get_page(
            request.GET.get("page")
        ),
        "units": units,
        "statuses": ArticleStatus.choices,
        "status": status,
        "to_review": len(queries.awaiting_review(request.user)),
    }
    return render(request, "content/dashboard.html", context)


@require_POST
@login_required
def site_open(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(access.units_with_role(request.user, EDITING_ROLES), code=code)
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
    site = _writable_site(request, code)
    form = ArticleForm(
        request.POST or None,
        request.FILES or None,
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
            messages.success(request, _("The draft is saved."))
            return redirect("content:article_detail", article.pk)
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
        request.FILES or None,
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
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("The article is saved."))
            return redirect("content:article_detail", article.pk)
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
        "review_form": ReviewForm(),
        "reason_form": ReasonForm(),
        "checks": Check.choices,
        "gallery": article.gallery.select_related("image"),
        "attachments": article.attachments.all(),
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
    _attempt(request, _("Sent for review."), services.submit_article, article, by=request.user)


@_workflow
def article_review(request: HttpRequest, article: Article) -> None:
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The review is not valid."))
        return
    data = form.cleaned_data
    if "return" in request.POST:
        message = _("Returned to its writers with your comments.")
        _attempt(
            request,
            message,
            services.return_article,
            article,
            by=request.user,
            comment=data["comment"],
        )
        return
    _attempt(
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
    _attempt(
        request, message, services.publish_without_review, article, by=request.user, reason=reason
    )


@_workflow
def article_unpublish(request: HttpRequest, article: Article) -> None:
    reason = request.POST.get("reason", "")
    message = _("Taken off the public site.")
    _attempt(request, message, services.unpublish_article, article, by=request.user, reason=reason)


@_workflow
def article_reopen(request: HttpRequest, article: Article) -> None:
    _attempt(request, _("It is a draft again."), services.reopen_article, article, by=request.user)


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
    _attempt(request, message, services.restore_revision, article, revision, by=request.user)
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
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("The translation is saved as a draft."))
            return redirect("content:article_detail", translation.pk)
    return render(request, "content/translation_form.html", {"form": form, "source": source})


# --- Gallery and attachments ---------------------------------------------------------------


@login_required
def article_media(request: HttpRequest, pk: int) -> HttpResponse:
    """The article's gallery and attachments: add, remove, reorder."""
    article = get_object_or_404(
        Article.objects.editable_by(request.user).select_related("site__unit"), pk=pk
    )
    kind = request.POST.get("form")
    gallery_form = GalleryForm(
        request.POST if kind == "gallery" else None,
        request.FILES if kind == "gallery" else None,
        site=article.site,
        prefix="gallery",
    )
    attachment_form = AttachmentForm(
        request.POST if kind == "attachment" else None,
        request.FILES if kind == "attachment" else None,
        prefix="attachment",
    )
    added = (
        kind == "gallery" and _add_media(request, gallery_form, services.add_to_gallery, article)
    ) or (
        kind == "attachment" and _add_media(request, attachment_form, services.attach_file, article)
    )
    if added:
        return redirect("content:article_media", article.pk)
    context = {
        "article": article,
        "gallery": article.gallery.select_related("image__consent"),
        "attachments": article.attachments.all(),
        "gallery_form": gallery_form,
        "attachment_form": attachment_form,
    }
    return render(request, "content/article_media.html", context)


def _add_media(
    request: HttpRequest, form: Any, service: Callable[..., Any], article: Article
) -> bool:
    if not form.is_valid():
        return False
    try:
        service(article, by=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, _errors(error))
        return False
    messages.success(request, _("Added."))
    return True


def _gallery_item(request: HttpRequest, pk: int) -> GalleryItem:
    return get_object_or_404(
        GalleryItem.objects.select_related("article__site__unit", "image"),
        pk=pk,
        article__in=Article.objects.editable_by(request.user),
    )


@require_POST
@login_required
def gallery_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _gallery_item(request, pk)
    step = -1 if request.POST.get("step") == "up" else 1
    _attempt(
        request,
        _("The order is saved."),
        services.move_gallery_item,
        item,
        by=request.user,
        step=step,
    )
    return redirect("content:article_media", item.article_id)


@require_POST
@login_required
def gallery_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _gallery_item(request, pk)
    _attempt(
        request, _("The picture is removed."), services.remove_from_gallery, item, by=request.user
    )
    return redirect("content:article_media", item.article_id)


@login_required
def gallery_file(request: HttpRequest, pk: int, width: int, extension: str) -> FileResponse:
    item = get_object_or_404(
        GalleryItem.objects.select_related("image"),
        pk=pk,
        article__in=Article.objects.visible_to(request.user),
    )
    return serving.gallery_file(item, width, extension)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(
        Attachment, pk=pk, article__in=Article.objects.visible_to(request.user)
    )
    return serving.attachment_file(attachment)


@require_POST
@login_required
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = get_object_or_404(
        Attachment.objects.select_related("article__site__unit"),
        pk=pk,
        article__in=Article.objects.editable_by(request.user),
    )
    _attempt(
        request, _("The file is removed."), services.remove_attachment, attachment, by=request.user
    )
    return redirect("content:article_media", attachment.article_id)


# --- Sections ------------------------------------------------------------------------------


@login_required
def section_list(request: HttpRequest, code: str) -> HttpResponse:
    site = _writable_site(request, code)
    form = NewSectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        message = _("The section is added.")
        if _attempt(
            request, message, services.create_section, site, by=request.user, **form.cleaned_data
        ):
            return redirect("content:section_list", code)
    sections = site.sections.annotate(article_count=Count("articles"))
    return render(
        request, "content/section_list.html", {"site": site, "form": form, "sections": sections}
    )


def _section(request: HttpRequest, pk: int) -> Section:
    units = access.supervised_units(request.user, EDITING_ROLES)
    return get_object_or_404(
        Section.objects.select_related("site__unit"), pk=pk, site__unit__in=units.values("pk")
    )


@login_required
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = _section(request, pk)
    initial = {"title": section.title, "slug": section.slug, "is_hidden": section.is_hidden}
    form = SectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_section(section, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("The section is saved."))
            return redirect("content:section_list", section.site.unit.code)
    return render(request, "content/section_form.html", {"section": section, "form": form})


@require_POST
@login_required
def section_move(request: HttpRequest, pk: int) -> HttpResponse:
    section = _section(request, pk)
    step = -1 if request.POST.get("step") == "up" else 1
    _attempt(
        request,
        _("The order is saved."),
        services.move_section,
        section,
        by=request.user,
        step=step,
    )
    return redirect("content:section_list", section.site.unit.code)


@require_POST
@login_required
def section_delete(request: HttpRequest, pk: int) -> HttpResponse:
    section = _section(request, pk)
    _attempt(
        request, _("The section is deleted."), services.delete_section, section, by=request.user
    )
    return redirect("content:section_list", section.site.unit.code)


# --- Exemplary figures and consents --------------------------------------------------------


@login_required
def exemplar_list(request: HttpRequest, code: str) -> HttpResponse:
    site = _writable_site(request, code)
    form = ExemplarForm(request.POST or None, request.FILES or None, site=site)
    if request.method == "POST" and form.is_valid():
        message = _("The exemplary figure is added.")
        if _attempt(request, message, _create_exemplar, request, site, dict(form.cleaned_data)):
            return redirect("content:exemplar_list", code)
    exemplars = site.exemplars.select_related("consent")
    return render(
        request, "content/exemplar_list.html", {"site": site, "form": form, "exemplars": exemplars}
    )


@transaction.atomic
def _create_exemplar(request: HttpRequest, site: Site, data: dict[str, Any]) -> None:
    """The figure and its photo together: a refused figure leaves no stray photo behind."""
    photo = None
    if upload := data.pop("photo_upload"):
        photo = services.add_image(
            site, upload=upload, alt=data.pop("photo_alt") or data["name"], by=request.user,
            shows_pupils=data["role"] == ExemplarRole.PUPIL, consent=data["consent"],
        )  # fmt: skip
    data.pop("photo_alt", None)
    services.create_exemplar(site, by=request.user, photo=photo, **data)


@login_required
def site_settings(request: HttpRequest, code: str) -> HttpResponse:
    units = access.supervised_units(request.user, REVIEWING_ROLES)
    site = get_object_or_404(
        Site.objects.select_related("unit"), unit__in=units.values("pk"), unit__code=code
    )
    initial = {
        f: getattr(site, f)
        for f in ("tagline", "colour", "contact", "address", "map_url", "languages")
    }
    form = SiteForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        message = _("The site's settings are saved.")
        if _attempt(request, message, _save_site, request, site, form.cleaned_data):
            return redirect("content:site_settings", code)
    return render(request, "content/site_settings.html", {"site": site, "form": form})


@transaction.atomic
def _save_site(request: HttpRequest, site: Site, data: dict[str, Any]) -> None:
    if upload := data.pop("logo_upload"):
        data["logo"] = services.add_image(site, upload=upload, alt=site.unit.name, by=request.user)
    services.update_site(site, by=request.user, **data)


@login_required
def consent_list(request: HttpRequest, code: str) -> HttpResponse:
    site = _writable_site(request, code)
    form = ConsentForm(request.POST or None, site=site)
    if request.method == "POST" and form.is_valid():
        message = _("The consent is recorded.")
        if _attempt(
            request, message, services.record_consent, site, by=request.user, **form.cleaned_data
        ):
            return redirect("content:consent_list", code)
    consents = Consent.objects.filter(site=site)
    return render(
        request, "content/consent_list.html", {"site": site, "form": form, "consents": consents}
    )


def public_url(article: Article) -> str:
    return reverse("portal:article", args=[article.site.unit.slug, article.pk, article.slug])
