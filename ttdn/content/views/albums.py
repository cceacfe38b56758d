"""A site's albums of photos and videos: list and create, then one album's page (details,
photos, videos, order, workflow)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.content import rules, services
from ttdn.content.enums import Check
from ttdn.content.forms import (
    AlbumDetailsForm,
    AlbumForm,
    AlbumPublishForm,
    GalleryForm,
    VideoForm,
)
from ttdn.content.models import Album, AlbumItem
from ttdn.content.views.common import writable_site
from ttdn.core import history, pending
from ttdn.core.feedback import attempt, errors_of
from ttdn.core.models import AuditEntry


@login_required
def album_list(request: HttpRequest, code: str) -> HttpResponse:
    """The site's albums in every state; start a new one."""
    site = writable_site(request, code)
    form = AlbumForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            album = services.create_album(site, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            form.add_error(None, errors_of(error))
        else:
            messages.success(request, _("The album is created: add its photos and videos."))
            return redirect("content:album_detail", album.pk)
    albums = site.albums.annotate(item_count=Count("items")).order_by("-date", "-pk")
    return render(
        request, "content/album_list.html", {"site": site, "form": form, "albums": albums}
    )


FORMS = {"details", "photos", "video"}


@login_required
def album_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One album: its details, its photos and videos in order, and what may be done with it."""
    album = get_object_or_404(
        Album.objects.visible_to(request.user).select_related("site__unit"), pk=pk
    )
    actions = rules.album_actions(request.user, album)
    kind = request.POST.get("form") if request.method == "POST" else None
    if kind is not None and (kind not in FORMS or not actions.edit):
        raise PermissionDenied
    site = album.site
    details = AlbumDetailsForm(
        request.POST if kind == "details" else None, album=album, prefix="details",
        initial=AlbumDetailsForm.initial_for(album),
    )  # fmt: skip
    files = pending.restore(request)
    photos = GalleryForm(
        request.POST if kind == "photos" else None, files if kind == "photos" else None,
        site=site, prefix="photos",
    )  # fmt: skip
    video = VideoForm(
        request.POST if kind == "video" else None, files if kind == "video" else None,
        prefix="video",
    )  # fmt: skip
    done = (
        (kind == "details" and _run(request, details, services.update_album, album))
        or (kind == "photos" and _run(request, photos, services.add_photos, album))
        or (kind == "video" and _run(request, video, services.add_video, album))
    )
    if done:
        pending.discard(request)
        return redirect("content:album_detail", album.pk)
    if video.is_bound:  # the poster is kept for the next try (several photos are not)
        pending.keep(request, video)
    items = album.items.select_related("image__consent").prefetch_related("image__other_consents")
    context = {
        "album": album,
        "site": site,
        "actions": actions,
        "items": items,
        "details": details,
        "photos": photos,
        "video": video,
        "checks": Check.choices,
        "history": history.describe(
            AuditEntry.objects.filter(object_type=Album._meta.label, object_id=str(album.pk))[:50]
        ),
    }
    return render(request, "content/album_detail.html", context)


def _run(request: HttpRequest, form: Any, service: Callable[..., Any], album: Album) -> bool:
    if not form.is_valid():
        return False
    try:
        service(album, by=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as error:
        form.add_error(None, errors_of(error))
        return False
    messages.success(request, _("Saved."))
    return True


@require_POST
@login_required
def album_transition(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit, return, publish, unpublish or reopen an album, as the button pressed says."""
    album = get_object_or_404(
        Album.objects.visible_to(request.user).select_related("site__unit"), pk=pk
    )
    action, by = request.POST.get("action"), request.user
    if action == "submit":
        attempt(request, _("Sent for review."), services.submit_album, album, by=by)
    elif action == "return":
        comment = request.POST.get("comment", "")
        message = _("Returned to its writers with your comments.")
        attempt(request, message, services.return_album, album, by=by, comment=comment)
    elif action == "publish":
        form = AlbumPublishForm(request.POST)
        data = form.cleaned_data if form.is_valid() else {"checklist": [], "reason": ""}
        attempt(request, _("Published."), services.publish_album, album, by=by, **data)
    elif action == "unpublish":
        message = _("Taken off the public site.")
        attempt(request, message, services.unpublish_album, album, by=by)
    elif action == "reopen":
        attempt(request, _("It is a draft again."), services.reopen_album, album, by=by)
    else:
        messages.error(request, _("Choose what to do with the album."))
    return redirect("content:album_detail", album.pk)


def _item(request: HttpRequest, pk: int) -> AlbumItem:
    return get_object_or_404(
        AlbumItem.objects.select_related("album__site__unit", "image"),
        pk=pk,
        album__in=Album.objects.editable_by(request.user),
    )


@require_POST
@login_required
def album_item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    step = -1 if request.POST.get("step") == "up" else 1
    attempt(
        request, _("The order is saved."), services.move_album_item, item, by=request.user,
        step=step,
    )  # fmt: skip
    return redirect("content:album_detail", item.album_id)


@require_POST
@login_required
def album_item_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    message = _("Removed from the album.")
    attempt(request, message, services.remove_album_item, item, by=request.user)
    return redirect("content:album_detail", item.album_id)
