"""An article's gallery and attachments, for its editors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.content import services, serving
from ttdn.content.forms import (
    AttachmentForm,
    GalleryForm,
)
from ttdn.content.models import Article, Attachment, GalleryItem, Image
from ttdn.core import access
from ttdn.core.feedback import attempt, errors_of

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
        kind == "gallery"
        and _add_media(request, gallery_form, services.add_several_to_gallery, article)
    ) or (
        kind == "attachment" and _add_media(request, attachment_form, services.attach_file, article)
    )
    if added:
        return redirect("content:article_media", article.pk)
    context = {
        "article": article,
        "gallery": article.gallery.select_related("image__consent").prefetch_related(
            "image__other_consents"
        ),
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
        form.add_error(None, errors_of(error))
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
    attempt(
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
    attempt(
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
def image_file(request: HttpRequest, pk: int) -> FileResponse:
    """A picture of a unit the person sees, as stored: a draft's cover has no public copy."""
    image = get_object_or_404(Image, pk=pk, site__unit__in=access.visible_unit_ids(request.user))
    return serving.original_file(image)


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
    attempt(
        request, _("The file is removed."), services.remove_attachment, attachment, by=request.user
    )
    return redirect("content:article_media", attachment.article_id)
