"""The contests' results on the organiser's public portal: the prizes of the contests it has
published, the school and the prize always, a pupil's name only with consent."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from ttdn.activities import queries
from ttdn.activities.models import Contest
from ttdn.content.public import render_page, site_or_404


def _published(site_unit_id: int) -> QuerySet[Contest]:
    return Contest.objects.filter(unit_id=site_unit_id, results_published_on__isnull=False)


@require_GET
def contest_list(request: HttpRequest, unit_slug: str) -> HttpResponse:
    site = site_or_404(unit_slug)
    contests = _published(site.unit_id).order_by("-results_published_on", "title")
    return render_page(request, site, "activities/public/contest_list.html", {"contests": contests})


@require_GET
def contest_results(request: HttpRequest, unit_slug: str, pk: int) -> HttpResponse:
    """Not cached with the portal's pages: a consent withdrawn or expired takes the name off at
    once."""
    site = site_or_404(unit_slug)
    contest = get_object_or_404(_published(site.unit_id), pk=pk)
    context = {"contest": contest, "levels": queries.public_results(contest)}
    return render_page(request, site, "activities/public/contest_results.html", context)
