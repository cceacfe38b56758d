"""Press documents on the unit's portal. Publishing a fact sheet, a release or a correction
notice posts its text, with the frozen figures and links to its print, as an article of the
site's “Thông cáo báo chí” section and sends it (and its English translation, where the site
offers English) to the portal's review: the press kit shows the document once a reviewer has
approved the article, by the content rules (`content.services`), never before."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import override

from ttdn.content import services as content
from ttdn.content.enums import ArticleStatus, Language, SectionKind
from ttdn.content.models import Article, Section, Site
from ttdn.stats import queries
from ttdn.stats.models import PressDocument

PRESS_SECTION_SLUG = "thong-cao-bao-chi"
# The section's title on a Vietnamese site, as the unit's other sections are titled.
PRESS_SECTION_TITLE = "Thông cáo báo chí"
SUMMARY_LENGTH = 300


def site_of(document: PressDocument) -> Site:
    """The unit's portal. Raises ValidationError when the unit has none yet."""
    site = Site.objects.filter(unit_id=document.unit_id).select_related("unit").first()
    if site is None:
        raise ValidationError(
            _("%(unit)s has no portal yet; open it before publishing press documents.")
            % {"unit": document.unit.name}
        )
    return site


def press_section(site: Site, *, by: Any) -> Section:
    """The site's “Thông cáo báo chí” section, made at the end of its menu the first time."""
    found = site.sections.filter(slug=PRESS_SECTION_SLUG).first()
    if found is not None:
        return found
    return content.create_section(
        site, title=PRESS_SECTION_TITLE, slug=PRESS_SECTION_SLUG, kind=SectionKind.OTHER, by=by
    )


def article_fields(document: PressDocument, language: str) -> dict[str, Any]:
    """The article's title, summary and body in `language`: the text with the frozen figures
    filled in, the table of figures with their sources, and links to the printed document."""
    rows = queries.cited(document)
    text = queries.filled_text(document, rows, language)
    slug = document.unit.slug
    with override(language):
        paragraphs = format_html_join(
            "", "<p>{}</p>", ((line,) for line in text.splitlines() if line.strip())
        )
        figures = format_html_join(
            "",
            "<tr><td>{}</td><td>{} {}</td><td>{}</td></tr>",
            (
                (
                    row.dataset.name_in(language),
                    queries.number_text(row.value, language),
                    row.dataset.measure_in(language),
                    queries.provenance_text(row.figure) if row.figure else "—",
                )
                for row in rows
            ),
        )
        links = format_html_join(
            " · ",
            '<a href="{}">{}</a>',
            (
                (reverse("press_kit:print", args=[slug, document.pk, language, fmt]), label)
                for fmt, label in (("docx", "DOCX"), ("pdf", "PDF"))
            ),
        )
        body = format_html(
            '{}<table><caption>{}</caption><thead><tr><th scope="col">{}</th>'
            '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody>'
            "</table><p>{} {}</p>",
            paragraphs,
            _("Figures for %(period)s") % {"period": document.period_label},
            _("Figure"),
            _("Value"),
            _("Source"),
            figures,
            _("The printed document:"),
            links,
        )
    summary = " ".join(text.split())
    if len(summary) > SUMMARY_LENGTH:
        summary = summary[: SUMMARY_LENGTH - 1].rsplit(" ", 1)[0] + "…"
    return {"title": document.title_in(language), "summary": summary, "body": body}


def post_to_portal(document: PressDocument, *, by: Any) -> Article:
    """Write (or bring up to date) the document's article and its English translation, and
    send them to the portal's review. Call it once the figures are frozen. Raises
    ValidationError (no portal), PermissionDenied (not a writer of the site)."""
    site = site_of(document)
    section = press_section(site, by=by)
    fields = {**article_fields(document, Language.VI), "section": section}
    article = document.article
    if article is None:
        article = content.create_article(site, by=by, **fields)
        document.article = article
    elif article.status in (ArticleStatus.DRAFT, ArticleStatus.RETURNED):
        content.update_article(article, by=by, **fields)
    _review(article, by=by)
    if Language.EN in site.offered and document.body_en:
        english = article.translations.filter(language=Language.EN).first()
        fields_en = {**article_fields(document, Language.EN), "section": section}
        if english is None:
            english = content.translate_article(article, language=Language.EN, by=by, **fields_en)
        elif english.status in (ArticleStatus.DRAFT, ArticleStatus.RETURNED):
            content.update_article(english, by=by, **fields_en)
        _review(english, by=by)
    return article


def _review(article: Article, *, by: Any) -> None:
    if article.status in (ArticleStatus.DRAFT, ArticleStatus.RETURNED):
        content.submit_article(article, by=by)


def take_off_portal(document: PressDocument, *, by: Any) -> None:
    """A withdrawn document's article leaves the portal (its translations with it) or, still
    in review, goes back to a draft."""
    article = document.article
    if article is None:
        return
    if article.status in content.PUBLISHING:
        content.unpublish_article(article, by=by, reason=_("The press document was withdrawn."))
    elif article.status == ArticleStatus.IN_REVIEW:
        content.reopen_article(article, by=by)
