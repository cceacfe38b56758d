"""Reads of the portal that views, feeds and the API share, and the counts for reports."""

from __future__ import annotations

import datetime
import difflib
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Min, Prefetch, QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from ttdn.content import disclosure, markup, rules
from ttdn.content.enums import (
    ArticleStatus,
    Classification,
    DisclosureStanding,
    HomeBlock,
    Language,
    SectionKind,
)
from ttdn.content.models import (
    REVIEWING_ROLES,
    AboutPage,
    Album,
    AlbumItem,
    Article,
    Attachment,
    Disclosure,
    Exemplar,
    GalleryItem,
    Image,
    Leader,
    Revision,
    ScheduleEntry,
    Section,
    Site,
)
from ttdn.core import rows, search
from ttdn.org.enums import SCHOOL_KINDS
from ttdn.org.models import Membership, Unit

PAGE_SIZE = 20
HOME_SIZE = 8


def public_articles(site: Site, language: str = Language.VI) -> QuerySet[Article]:
    """The site's live articles in `language`, newest first, with what a list shows."""
    return _live(site, language).select_related("section", "cover", "site__unit")


def _live(site: Site, language: str) -> QuerySet[Article]:
    return (
        Article.objects.live()
        .filter(site=site, language=language)
        .defer("body")  # lists show summaries; a 1,500-word body per row is read for nothing
        .order_by("-published_at", "-pk")
    )


# What a card (portal_tags.card) shows of an article and its cover: a list reads
# no other column (each costs a conversion per row; the body would cost a page's worth).
CARD_FIELDS = (
    "site_id", "section_id", "title", "slug", "summary", "language", "published_at",
    "cover__file", "cover__alt", "cover__width", "cover__height", "cover__renditions",
    "cover__withdrawn_at",
)  # fmt: skip


def listed(site: Site, sections: list[Section], articles: QuerySet[Article]) -> list[Article]:
    """The cards of `articles` (of `site`), with their site and section taken from those already
    read: a join per row and a model per join saved on every list page."""
    by_id = {section.pk: section for section in sections}
    rows: list[Article] = list(articles.select_related("cover").only(*CARD_FIELDS))
    for row in rows:
        row.site = site
        if row.section_id in by_id:
            row.section = by_id[row.section_id]
    return rows


@dataclass(frozen=True)
class Home:
    latest: list[Article]
    subtree: list[Article]  # the latest news of the units below (an office's site)
    exemplars: list[Exemplar]
    notices: list[Article] = field(default_factory=list)
    week: Week | None = None
    album: Album | None = None


def home(site: Site, language: str = Language.VI, sections: list[Section] | None = None) -> Home:
    """The home page: the site's latest, its subtree's latest (if it has units below), figures."""
    sections = list(site.sections.all()) if sections is None else sections
    unit = site.unit
    below: list[Article] = []
    if unit.children.exists():
        below = list(
            Article.objects.live()
            .in_subtree_of(unit)
            .exclude(site=site)
            .filter(language=language)
            .select_related("section", "cover", "site__unit")
            .defer("body")
            .order_by("-published_at", "-pk")[:HOME_SIZE]
        )
    blocks, kinds = site.blocks, {section.kind for section in sections}
    notices: list[Article] = []
    if HomeBlock.NOTICES in blocks and SectionKind.NOTICES in kinds:
        shown = [section.pk for section in sections if section.kind == SectionKind.NOTICES]
        notices = listed(site, sections, _live(site, language).filter(section__in=shown)[:5])
    week = None
    if HomeBlock.SCHEDULE in blocks and SectionKind.SCHEDULE in kinds:
        week = schedule_week(site, timezone.localdate())
    exemplars: list[Exemplar] = []
    if HomeBlock.EXEMPLARS in blocks:
        exemplars = list(site.exemplars.public().select_related("photo")[:6])
    album = None
    if HomeBlock.ALBUM in blocks and SectionKind.ALBUMS in kinds:
        album = featured_album(site)
    return Home(
        latest=listed(site, sections, _live(site, language)[:HOME_SIZE]),
        subtree=below,
        exemplars=exemplars,
        notices=notices,
        week=week,
        album=album,
    )


@dataclass(frozen=True)
class Week:
    """A week of the work schedule: its days (Monday to Sunday) with their rows."""

    monday: datetime.date
    days: list[tuple[datetime.date, list[ScheduleEntry]]]
    note: str = ""

    @property
    def previous(self) -> datetime.date:
        return self.monday - datetime.timedelta(days=7)

    @property
    def next(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=7)

    @property
    def sunday(self) -> datetime.date:
        return self.monday + datetime.timedelta(days=6)

    @property
    def is_empty(self) -> bool:
        return not any(rows for _day, rows in self.days)


def schedule_week(site: Site, day: datetime.date) -> Week:
    """The week of the site's schedule that holds `day` (one query)."""
    monday = day - datetime.timedelta(days=day.weekday())
    entries = list(
        ScheduleEntry.objects.filter(week__site=site, week__monday=monday).select_related("week")
    )
    days = [
        (d, [e for e in entries if e.day == d])
        for d in (monday + datetime.timedelta(days=n) for n in range(7))
    ]
    return Week(monday=monday, days=days, note=entries[0].week.note if entries else "")


# --- Công khai (Thông tư 09/2024) -----------------------------------------------------------


def standing(
    due: datetime.date, first: datetime.datetime | None, today: datetime.date
) -> DisclosureStanding:
    """Where an item stands: published by its date or after it, or not yet (overdue or not)."""
    if first is not None:
        published = timezone.localdate(first)
        return DisclosureStanding.ON_TIME if published <= due else DisclosureStanding.LATE
    return DisclosureStanding.OVERDUE if today > due else DisclosureStanding.PENDING


@dataclass(frozen=True)
class ItemStatus:
    item: disclosure.Item
    due: datetime.date
    standing: DisclosureStanding
    versions: list[Disclosure]  # newest first
    basis: str = ""  # the article, where known for the school's level

    @property
    def current(self) -> Disclosure | None:
        return self.versions[0] if self.versions else None

    @property
    def group(self) -> str:
        return disclosure.GROUPS[self.item.group]


def disclosure_status(site: Site, school_year: int, today: datetime.date) -> list[ItemStatus]:
    """Each item the school publishes for the school year, its deadline, standing and versions
    (one query)."""
    rows = list(Disclosure.objects.filter(site=site, school_year=school_year))
    level = disclosure.level_of(site.unit.kind)
    found = []
    for item in disclosure.items_for(site.unit.kind):
        versions = sorted((r for r in rows if r.item == item.code), key=lambda r: -r.version)
        first = versions[-1].published_at if versions else None
        due = item.due_on(school_year)
        basis = item.basis_for(level)
        found.append(ItemStatus(item, due, standing(due, first, today), versions, basis))
    return found


def public_disclosures(site: Site, today: datetime.date) -> list[tuple[int, list[ItemStatus]]]:
    """The school years the public page shows, newest first, each with its published items."""
    years = list(disclosure.shown_years(today))
    rows = list(Disclosure.objects.filter(site=site, school_year__in=years))
    shown = []
    for year in years:
        items = []
        for item in disclosure.items_for(site.unit.kind):
            versions = sorted(
                (r for r in rows if r.item == item.code and r.school_year == year),
                key=lambda r: -r.version,
            )
            if versions:
                due = item.due_on(year)
                items.append(ItemStatus(item, due, standing(due, None, today), versions))
        if items:
            shown.append((year, items))
    return shown


@dataclass(frozen=True)
class BoardRow:
    unit: Unit
    cells: list[DisclosureStanding | None]  # per catalogue item; None where it does not apply

    @property
    def late_or_overdue(self) -> int:
        late = {DisclosureStanding.LATE, DisclosureStanding.OVERDUE}
        return sum(1 for cell in self.cells if cell in late)


def disclosure_board(unit: Unit, school_year: int, today: datetime.date) -> list[BoardRow]:
    """The schools below `unit`, in tree order, with the standing of each item for the school
    year: who published on time, late, or not yet (two queries)."""
    schools = list(
        Unit.objects.filter(path__under=unit.path, kind__in=SCHOOL_KINDS, closed_on__isnull=True)
        .exclude(pk=unit.pk)
        .order_by("path")
    )
    firsts = {
        (row["site__unit_id"], row["item"]): row["first"]
        for row in Disclosure.objects.filter(
            site__unit__path__under=unit.path, school_year=school_year
        )
        .values("site__unit_id", "item")
        .annotate(first=Min("published_at"))
        .order_by()
    }
    rows = []
    for school in schools:
        applies = {item.code for item in disclosure.items_for(school.kind)}
        cells: list[DisclosureStanding | None] = [
            standing(item.due_on(school_year), firsts.get((school.pk, item.code)), today)
            if item.code in applies
            else None
            for item in disclosure.CATALOGUE
        ]
        rows.append(BoardRow(school, cells))
    return rows


# A section's page in SQL (the reason is the feed's, below): what `_live(site, language)
# .filter(section=section)` counts and `listed` reads of one page of it
# (test_section_page_reads_what_the_orm_reads).
_LIVE = "a.status = %s AND a.classification = %s AND a.published_at <= %s"
_CARD = rows.Columns(Article, "a", only=[name.split("__")[0] for name in CARD_FIELDS])
_CARD_COVER = rows.Columns(
    Image, "i", only=[name[7:] for name in CARD_FIELDS if name.startswith("cover__")]
)
_SECTION_WHERE = f"a.site_id = %s AND a.section_id = %s AND a.language = %s AND {_LIVE}"
_SECTION_COUNT_SQL = f"SELECT COUNT(*) FROM content_article a WHERE {_SECTION_WHERE}"  # noqa: S608  # nosec B608  (no value in the text)
_SECTION_PAGE_SQL = f"""
SELECT {_CARD.sql}, {_CARD_COVER.sql}
FROM content_article a
LEFT JOIN content_image i ON i.id = a.cover_id
WHERE {_SECTION_WHERE}
ORDER BY a.published_at DESC, a.id DESC
LIMIT %s OFFSET %s
"""  # noqa: S608  # nosec B608  (column names from the models; values are parameters)


def _live_params() -> list[Any]:
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    return [ArticleStatus.PUBLISHED, Classification.PUBLIC, now]


class _SectionCards:
    """A section's live articles in a language as a Paginator reads them (counted, then a page
    sliced), each in one SQL statement; the cards with their site, section and cover set."""

    def __init__(self, site: Site, section: Section, language: str) -> None:
        self.site, self.section = site, section
        self.params = [site.pk, section.pk, language, *_live_params()]

    def count(self) -> int:
        with connection.cursor() as cursor:
            cursor.execute(_SECTION_COUNT_SQL, self.params)
            return int(cursor.fetchone()[0])

    def __getitem__(self, window: slice) -> list[Article]:
        if window.stop <= window.start:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                _SECTION_PAGE_SQL, [*self.params, window.stop - window.start, window.start]
            )
            found = cursor.fetchall()
        cards = []
        for row in found:
            card = _CARD.make(row[: _CARD.count])
            card.site, card.section = self.site, self.section
            card.cover = _CARD_COVER.make(row[_CARD.count :]) if card.cover_id is not None else None
            cards.append(card)
        return cards


def section_page(site: Site, section: Section, language: str, number: Any) -> Page:
    """A page of the section's live articles; its object_list a list with site and section set."""
    cards = _SectionCards(site, section, language)
    # A Paginator reads count() and one slice: the stubs ask for a whole sequence.
    return Paginator(cards, PAGE_SIZE).get_page(number)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FeedEntry:
    pk: int
    slug: str
    title: str
    summary: str
    published_at: datetime.datetime | None  # never None once live
    updated_at: datetime.datetime
    author: str  # the byline, else the author's name
    section: str
    tags: list[str]


# The feed's query in SQL: a site's RSS is asked for by every reader's aggregator every few
# minutes, and building and compiling the same query through the ORM cost three times running
# it. It must select what Article.objects.live() selects (test_feed_entries_are_the_live_articles).
_FEED_SQL = """
SELECT a.id, a.slug, a.title, a.summary, a.published_at, a.updated_at, a.byline, a.tags,
       s.title, u.username, u.first_name, u.last_name
FROM content_article a
JOIN content_section s ON s.id = a.section_id
JOIN org_user u ON u.id = a.author_id
WHERE a.site_id = %s AND a.language = %s
  AND a.status = %s AND a.classification = %s AND a.published_at <= %s {section}
ORDER BY a.published_at DESC, a.id DESC
LIMIT %s
"""


def feed_entries(
    site: Site, language: str, section: Section | None = None, *, limit: int
) -> list[FeedEntry]:
    """The latest live articles of the site (or of one section) for a feed: one query, no models."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params: list[Any] = [site.pk, language, ArticleStatus.PUBLISHED, Classification.PUBLIC, now]
    if section:
        params.append(section.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            _FEED_SQL.format(section="AND a.section_id = %s" if section else ""), [*params, limit]
        )
        rows = cursor.fetchall()
    moment = getattr(connection.ops, "convert_datetimefield_value", None)  # SQLite's: text
    tags = Article._meta.get_field("tags")

    def when(value: Any) -> datetime.datetime:
        return moment(value, None, connection) if moment else value

    entries = []
    for row in rows:
        pk, slug, title, summary, published, updated, byline, raw_tags = row[:8]
        section_title, username, first, last = row[8:]
        entries.append(
            FeedEntry(
                pk=pk,
                slug=slug,
                title=title,
                summary=summary,
                published_at=when(published),
                updated_at=when(updated),
                author=byline or f"{first} {last}".strip() or username,  # str(User)
                section=section_title,
                tags=tags.from_db_value(raw_tags, None, connection),  # type: ignore[arg-type]
            )
        )
    return entries


# An article's page and its other-language versions in SQL, for the reason above: compiling the
# ORM's form of the article's query (three tables' columns, the live conditions) cost ten times
# running it. Each must find what its ORM form finds (test_public_article_is_the_orm_s).
_ARTICLE = rows.Columns(Article, "a")
_SECTION = rows.Columns(Section, "s")
_COVER = rows.Columns(Image, "i")
_ARTICLE_SQL = f"""
SELECT {_ARTICLE.sql}, {_SECTION.sql}, {_COVER.sql}
FROM content_article a
JOIN content_section s ON s.id = a.section_id
LEFT JOIN content_image i ON i.id = a.cover_id
WHERE a.id = %s AND a.site_id = %s AND {_LIVE}
"""  # noqa: S608  # nosec B608  (column names from the models; values are parameters)
_TRANSLATIONS_SQL = f"""
SELECT a.id, a.site_id, a.title, a.slug, a.language
FROM content_article a
WHERE (a.id = %s OR a.translation_of_id = %s) AND a.id <> %s AND {_LIVE}
ORDER BY a.language
"""  # noqa: S608  # nosec B608


def public_article(site: Site, pk: int) -> Article | None:
    """The site's live article `pk` with its section and cover (None without one), its site
    set; None when there is no such live article. One query: what
    `Article.objects.live().filter(site=site).select_related("section", "cover").get(pk=pk)`
    finds."""
    with connection.cursor() as cursor:
        cursor.execute(_ARTICLE_SQL, [pk, site.pk, *_live_params()])
        row = cursor.fetchone()
    if row is None:
        return None
    found = _ARTICLE.make(row[: _ARTICLE.count])
    found.site = site
    found.section = _SECTION.make(row[_ARTICLE.count : _ARTICLE.count + _SECTION.count])
    found.cover = _COVER.make(row[-_COVER.count :]) if found.cover_id is not None else None
    return found


_GALLERY_ITEM = rows.Columns(GalleryItem, "g")
_ATTACHMENT = rows.Columns(Attachment, "f")
_GALLERY_SQL = f"""
SELECT {_GALLERY_ITEM.sql}, {_COVER.sql}
FROM content_galleryitem g
JOIN content_image i ON i.id = g.image_id
WHERE g.article_id = %s AND i.withdrawn_at IS NULL
ORDER BY g.position, g.id
"""  # noqa: S608  # nosec B608  (column names from the models; values are parameters)
_ATTACHMENTS_SQL = f"""
SELECT {_ATTACHMENT.sql} FROM content_attachment f WHERE f.article_id = %s ORDER BY f.position, f.id
"""  # noqa: S608  # nosec B608  (column names from the models; values are parameters)


def article_media(article: Article) -> tuple[list[GalleryItem], list[Attachment]]:
    """The article's gallery pictures that may be shown (not withdrawn), with their images, and
    its attachments, each in its order: two queries, which only an article that `has_media`
    needs."""
    with connection.cursor() as cursor:
        cursor.execute(_GALLERY_SQL, [article.pk])
        gallery = []
        for row in cursor.fetchall():
            item = _GALLERY_ITEM.make(row[: _GALLERY_ITEM.count])
            item.image = _COVER.make(row[_GALLERY_ITEM.count :])
            gallery.append(item)
        cursor.execute(_ATTACHMENTS_SQL, [article.pk])
        attachments = [_ATTACHMENT.make(row) for row in cursor.fetchall()]
    return gallery, attachments


def translations(article: Article) -> list[Article]:
    """The live versions of the article in other languages (the source and its translations),
    with only their address and language read.

    Translations are made on the source's site (services.translate_article), so the article's
    site, already read, is theirs; an original on a site offering one language has none to show.
    """
    if article.translation_of_id is None and len(article.site.offered) == 1:
        return []
    source_id = article.translation_of_id or article.pk
    # By the two keys alone, so that the primary key and the translation_of index serve it:
    # with the site in the filter SQLite walks every live article of the site instead.
    with connection.cursor() as cursor:
        cursor.execute(_TRANSLATIONS_SQL, [source_id, source_id, article.pk, *_live_params()])
        found = [  # from_db takes the columns in the model's order
            Article.from_db(connection.alias, ["id", "site_id", "title", "slug", "language"], row)
            for row in cursor.fetchall()
            if row[1] == article.site_id
        ]
    for other in found:
        other.site = article.site
    return found


def search_site(site: Site, query: str, language: str, *, limit: int = 50) -> list[Article]:
    """The site's live articles matching `query` (Vietnamese folded), best first."""
    among = public_articles(site, language)
    return search.ranked(search.search(query, among, limit=limit), among)


@dataclass(frozen=True)
class Change:
    field: str
    before: str
    after: str
    diff: list[str]


def compare(older: Revision, newer: Revision) -> list[Change]:
    """What changed between two revisions, field by field, the body as a line diff of its text."""
    changes = []
    for name in newer.content.keys() | older.content.keys():
        a, b = older.content.get(name), newer.content.get(name)
        if a == b:
            continue
        before, after = _text(name, a), _text(name, b)
        lines = difflib.unified_diff(_lines(before), _lines(after), lineterm="", n=1)
        changes.append(Change(name, before, after, list(lines)[2:]))
    return sorted(changes, key=lambda c: c.field)


def _text(name: str, value: Any) -> str:
    if name == "body":
        return markup.plain_text(str(value or ""))
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _lines(text: str) -> list[str]:
    return text.replace(". ", ".\n").splitlines()


# --- Counts for reports --------------------------------------------------------------------


@dataclass(frozen=True)
class PublishedCount:
    unit_code: str
    section: str
    language: str
    count: int


def published_counts(
    units: QuerySet[Unit], *, since: datetime.date, until: datetime.date
) -> list[PublishedCount]:
    """Articles first published between `since` and `until` (inclusive, local dates) per unit,
    section and language, for units in `units` (pass one built from `ttdn.core.access`).

    Counts what is on the public site now: an article unpublished since is not counted.
    """
    start = timezone.make_aware(datetime.datetime.combine(since, datetime.time.min))
    end = timezone.make_aware(datetime.datetime.combine(until, datetime.time.max))
    rows = (
        Article.objects.filter(status=ArticleStatus.PUBLISHED, site__unit__in=units)
        .filter(published_at__range=(start, end))
        .values("site__unit__code", "section__title", "language")
        .annotate(n=Count("pk"))
        .order_by("site__unit__code", "section__title", "language")
    )
    return [
        PublishedCount(r["site__unit__code"], r["section__title"], r["language"], r["n"])
        for r in rows
    ]


def published_total(units: QuerySet[Unit], *, since: datetime.date, until: datetime.date) -> int:
    """The sum of `published_counts`: one figure for a report's indicator."""
    return sum(row.count for row in published_counts(units, since=since, until=until))


def articles_published(unit: Unit, since: datetime.date, until: datetime.date) -> int:
    """Articles the unit's own site published in the window and still shows: the shape of a
    computed indicator of the reports app, `(unit, start, end) -> int`."""
    return published_total(Unit.objects.filter(pk=unit.pk), since=since, until=until)


def articles_published_in_subtree(unit: Unit, since: datetime.date, until: datetime.date) -> int:
    """As `articles_published`, for the unit and every unit below it (an office's whole sector)."""
    return published_total(Unit.objects.subtree_of(unit), since=since, until=until)


def awaiting_review(user: Any, *, limit: int = 50) -> list[Article]:
    """Articles in review that the person may review (leaders of the unit or a unit above it).

    Operators see every unit but review none, so the rule is applied to each article as well.
    """
    articles = (
        Article.objects.reviewable_by(user)
        .filter(status=ArticleStatus.IN_REVIEW)
        .select_related("site__unit")
        .order_by("updated_at", "pk")[:limit]
    )
    return [a for a in articles if rules.can_review(user, a.site.unit)]


def reviewers(article: Article) -> list[Membership]:
    """Who may approve the article: the leaders of its unit and of the units above it,
    nearest first (what the article's page tells its writers)."""
    unit = article.site.unit
    found = (
        Membership.objects.active()
        .filter(unit_id__in=[*unit.ancestor_ids, unit.pk], role__in=REVIEWING_ROLES)
        .select_related("user", "unit")
    )
    return sorted(found, key=lambda m: (-m.unit.path.count("/"), m.user.get_full_name()))


# --- Albums and the about page -----------------------------------------------------------------

ALBUMS_PAGE_SIZE = 24
# What a public album page or card reads of the album's photos and videos: those it may show
# (not withdrawn, pupils only with valid consents), with their pictures.
SHOWN_ITEMS = Prefetch(
    "items", queryset=AlbumItem.objects.shown().select_related("image"), to_attr="shown_items"
)


def public_albums(site: Site, page: Any) -> Page[Album]:
    """The site's published albums, latest first, each with the items it may show (2 queries)."""
    albums = Album.objects.live().filter(site=site).order_by("-date", "-pk")
    found = Paginator(albums, ALBUMS_PAGE_SIZE).get_page(page)
    prefetch_related_objects(list(found.object_list), SHOWN_ITEMS)
    return found


def featured_album(site: Site) -> Album | None:
    """The album the home page shows: the one featured, else the latest published."""
    album = Album.objects.live().filter(site=site).order_by("-is_featured", "-date", "-pk").first()
    if album is not None:
        prefetch_related_objects([album], SHOWN_ITEMS)
    return album


@dataclass(frozen=True)
class About:
    """What the Giới thiệu section shows above its articles."""

    page: AboutPage | None
    leaders: list[Leader]

    @property
    def is_empty(self) -> bool:
        page = self.page
        parts = (page.history, page.organisation, page.map_image_id) if page else ()
        return not self.leaders and not any(parts)


def about(site: Site) -> About:
    """The site's about page and its leaders in order, with the pictures each shows."""
    page = AboutPage.objects.select_related("map_image").filter(site=site).first()
    leaders = list(site.leaders.select_related("photo").order_by("position", "pk"))
    return About(page=page, leaders=leaders)


def album_history_labels(ids: list[str]) -> dict[str, dict[str, str]]:
    """The words of an album's audit entries that are not its fields (core.history)."""
    labels = {"comment": str(_("Comment")), "checklist": str(_("Checklist"))}
    return {pk: labels for pk in ids}
