"""Pictures of the unit's portal cleared for press use: the list, clearing one, taking one off."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ttdn.content.models import Site
from ttdn.core.feedback import attempt
from ttdn.stats import queries, rules
from ttdn.stats.forms import PressPhotoForm
from ttdn.stats.models import PressPhoto
from ttdn.stats.services import photos as services
from ttdn.stats.views.common import form_page, show_refusal, unit_or_404

CANDIDATES = 60  # the most recent published pictures offered for clearing


@login_required
def press_photos(request: HttpRequest, pk: int) -> HttpResponse:
    unit = unit_or_404(request, pk)
    site = Site.objects.filter(unit=unit).first()
    cleared = PressPhoto.objects.filter(unit=unit).select_related("image")
    candidates = (
        queries.published_images(site)
        .exclude(press_photo__in=cleared)
        .select_related("consent")
        .order_by("-pk")[:CANDIDATES]
        if site
        else []
    )
    context = {
        "unit": unit,
        "site": site,
        "cleared": cleared,
        "shown": set(PressPhoto.objects.public().filter(unit=unit).values_list("pk", flat=True)),
        "candidates": candidates,
        "can_clear": rules.can_clear_photos(request.user, unit),
    }
    return render(request, "stats/press_photos.html", context)


@login_required
def press_photo_clear(request: HttpRequest, pk: int, image: int) -> HttpResponse:
    unit = unit_or_404(request, pk)
    if not rules.can_clear_photos(request.user, unit):
        raise PermissionDenied
    site = get_object_or_404(Site, unit=unit)
    picture = get_object_or_404(queries.published_images(site), pk=image)
    photo = PressPhoto.objects.filter(image=picture).first()
    initial = {"caption": picture.alt}
    if photo is not None:
        initial = {"caption": photo.caption, "caption_en": photo.caption_en, "credit": photo.credit}
    form = PressPhotoForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.clear_press_photo(picture, by=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            show_refusal(form, error)
        else:
            messages.success(request, _("The photo is cleared for the press and in the press kit."))
            return redirect("stats:press_photos", pk=unit.pk)
    return form_page(
        request,
        form,
        title=_("Clear a photo for the press"),
        unit=unit,
        back=reverse("stats:press_photos", args=[unit.pk]),
        intro=_("“%(alt)s”: the press kit offers it with this caption and credit while every "
                "pupil it shows has a valid guardian's consent.") % {"alt": picture.alt},
    )  # fmt: skip


@require_POST
@login_required
def press_photo_remove(request: HttpRequest, pk: int) -> HttpResponse:
    photo = get_object_or_404(PressPhoto.objects.visible_to(request.user), pk=pk)
    unit_pk = photo.unit_id
    attempt(
        request,
        _("The photo is taken out of the press kit."),
        services.remove_press_photo,
        photo,
        by=request.user,
    )
    return redirect("stats:press_photos", pk=unit_pk)
