"""A unit's press kit and open data, under its portal: no sign-in, approved figures only."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.views.decorators.http import require_GET

from ttdn.content import cache
from ttdn.content.models import Site
from ttdn.content.public import site_or_404
from ttdn.org.models import Unit
from ttdn.stats import exports, queries
from ttdn.stats.enums import Language
from ttdn.stats.models import Dataset, Figure, PressContact, PressDocument

SHOWN = 200
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _language(request: HttpRequest) -> str:
    """Press documents are written in both languages: English when asked for."""
    return Language.EN if request.GET.get("lang") == Language.EN else Language.VI


def _render(
    request: HttpRequest, site: Site, template: str, context: dict[str, Any]
) -> HttpResponse:
    language = _language(request)
    with translation.override(language):
        context = {"site": site, "unit": site.unit, "language": language, **context}
        context["sections"] = cache.shown_sections(site)
        context["languages"] = list(Language.choices)
        return render(request, template, context)


@require_GET
def press_kit(request: HttpRequest, unit_slug: str) -> HttpResponse:
    site = site_or_404(unit_slug)
    unit = site.unit
    with translation.override(_language(request)):
        board = queries.dashboard(unit, completeness=False)
    # Only open datasets are public: a figure kept for the unit's own use stays inside.
    board.key_figures = [k for k in board.key_figures if k.dataset.public]
    context = {
        "board": board,
        "documents": PressDocument.objects.published().filter(unit=unit),
        "contact": PressContact.objects.filter(unit=unit).first(),
        "datasets": queries.public_datasets(unit),
    }
    return _render(request, site, "stats/public/press_kit.html", context)


@require_GET
def press_document(request: HttpRequest, unit_slug: str, pk: int) -> HttpResponse:
    site = site_or_404(unit_slug)
    document = get_object_or_404(PressDocument.objects.published().filter(unit=site.unit), pk=pk)
    rows = queries.cited(document)
    language = _language(request)
    context = {
        "document": document,
        "rows": rows,
        "title": document.title_in(language),
        "text": queries.filled_text(document, rows, language),
        "corrections": document.corrections.filter(status="published"),
        "contact": PressContact.objects.filter(unit=site.unit).first(),
    }
    return _render(request, site, "stats/public/press_document.html", context)


@require_GET
def open_data(request: HttpRequest, unit_slug: str) -> HttpResponse:
    site = site_or_404(unit_slug)
    context = {"datasets": queries.public_datasets(site.unit), "licence": exports.LICENCE,
               "licence_url": exports.LICENCE_URL}  # fmt: skip
    return _render(request, site, "stats/public/open_data.html", context)


def _dataset(code: str) -> Dataset:
    return get_object_or_404(Dataset.objects.filter(public=True), code=code)


@require_GET
def dataset(request: HttpRequest, unit_slug: str, code: str) -> HttpResponse:
    site = site_or_404(unit_slug)
    chosen = _dataset(code)
    context = {
        "dataset": chosen,
        "dictionary": exports.dictionary(chosen),
        # The first rows only: a province has thousands; the downloads have all of them.
        "figures": queries.open_data(chosen, site.unit, revisions=True)[:SHOWN],
        "licence": exports.LICENCE,
        "licence_url": exports.LICENCE_URL,
    }
    return _render(request, site, "stats/public/dataset.html", context)


@require_GET
def download(request: HttpRequest, unit_slug: str, code: str, fmt: str) -> HttpResponse:
    """The dataset's public figures for the unit and below (one period with ?period=, old
    revisions too with ?revisions=all), as CSV, JSON or .xlsx."""
    site = site_or_404(unit_slug)
    if fmt not in FORMATS:
        raise Http404
    chosen = _dataset(code)
    figures = list(
        queries.open_data(
            chosen,
            site.unit,
            period_key=request.GET.get("period", "")[:20],
            revisions=request.GET.get("revisions") == "all",
        ).select_related("dataset")
    )
    rows = exports.records(figures, _codes(figures))
    if fmt == "csv":
        body: str | bytes = exports.csv_text(rows)
    elif fmt == "json":
        body = exports.json_text(chosen, rows)
    else:
        body = exports.workbook(chosen, rows)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{site.unit.slug}-{chosen.code}.{fmt}"'
    response["Link"] = f'<{exports.LICENCE_URL}>; rel="license"'
    return response


def _codes(figures: list[Figure]) -> dict[int, str]:
    return dict(Unit.objects.filter(pk__in={f.unit_id for f in figures}).values_list("pk", "code"))
