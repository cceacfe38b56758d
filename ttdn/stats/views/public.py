"""A unit's press kit and open data, under its portal: no sign-in, approved figures only."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_GET

from ttdn.content import cache
from ttdn.content.models import Article, Site
from ttdn.content.public import site_or_404
from ttdn.documents import printing
from ttdn.org.models import Unit
from ttdn.stats import exports, queries
from ttdn.stats.enums import Language
from ttdn.stats.models import Dataset, Figure, PressContact, PressDocument, PressPhoto
from ttdn.stats.views.press import INCOMPLETE

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
        "documents": PressDocument.objects.public().filter(unit=unit),
        "photos": PressPhoto.objects.public().filter(unit=unit).select_related("image"),
        "contact": PressContact.objects.filter(unit=unit).first(),
        "datasets": queries.public_datasets(unit),
    }
    return _render(request, site, "stats/public/press_kit.html", context)


@require_GET
def press_document(request: HttpRequest, unit_slug: str, pk: int) -> HttpResponse:
    site = site_or_404(unit_slug)
    document = _public_document(site, pk)
    rows = queries.cited(document)
    language = _language(request)
    context = {
        "document": document,
        "rows": rows,
        "title": document.title_in(language),
        "text": queries.filled_text(document, rows, language),
        "corrections": PressDocument.objects.public().filter(corrects=document),
        "contact": PressContact.objects.filter(unit=site.unit).first(),
        "article": _article_in(document, language),
    }
    return _render(request, site, "stats/public/press_document.html", context)


def _article_in(document: PressDocument, language: str) -> Article | None:
    """The document's live article on the portal, in the reader's language if translated."""
    if document.article_id is None:
        return None
    live = Article.objects.live().select_related("site__unit")
    if language != Language.VI:
        found = live.filter(translation_of=document.article_id, language=language).first()
        if found is not None:
            return found
    return live.filter(pk=document.article_id).first()


def _public_document(site: Site, pk: int) -> PressDocument:
    return get_object_or_404(PressDocument.objects.public().filter(unit=site.unit), pk=pk)


@require_GET
def press_print(
    request: HttpRequest, unit_slug: str, pk: int, language: str, fmt: str
) -> HttpResponse:
    """The printed document (DOCX, or PDF where LibreOffice is installed) while it is public:
    the numbered print once issued, in Vietnamese; as printed now otherwise."""
    site = site_or_404(unit_slug)
    document = _public_document(site, pk)
    if language not in Language.values:
        raise Http404
    contact = PressContact.objects.filter(unit=site.unit).first()
    doc = exports.press_document(document, contact, language)
    render_bytes = exports.pdf_bytes if fmt == "pdf" else exports.docx_bytes
    return printing.download(
        request,
        fmt,
        lambda fmt: render_bytes(document, doc),
        filename=f"thong-cao-{document.pk}-{language}",
        back=reverse("press_kit:document", args=[site.unit.slug, document.pk]),
        incomplete=INCOMPLETE,
    )


def _photo(site: Site, pk: int) -> PressPhoto:
    return get_object_or_404(PressPhoto.objects.public().filter(unit=site.unit), pk=pk)


@require_GET
def photo(request: HttpRequest, unit_slug: str, pk: int) -> FileResponse:
    """The photo as the press kit shows it (a smaller copy), while it is cleared and its
    consents hold."""
    chosen = _photo(site_or_404(unit_slug), pk)
    return _jpeg(str(chosen.preview.name), attachment="")


@require_GET
def photo_download(request: HttpRequest, unit_slug: str, pk: int) -> FileResponse:
    """The full-size copy for the press, re-encoded without metadata: never the original."""
    site = site_or_404(unit_slug)
    chosen = _photo(site, pk)
    return _jpeg(str(chosen.file.name), attachment=f"{site.unit.slug}-anh-{chosen.pk}.jpg")


def _jpeg(name: str, *, attachment: str) -> FileResponse:
    if not name or not default_storage.exists(name):
        raise Http404
    response = FileResponse(default_storage.open(name, "rb"), content_type="image/jpeg")
    if attachment:
        response["Content-Disposition"] = f'attachment; filename="{attachment}"'
    # Not cached by proxies: a withdrawn consent takes the photo off at once.
    response["Cache-Control"] = "no-cache"
    return response


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
