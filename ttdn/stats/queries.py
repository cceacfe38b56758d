"""Reads of the statistics app: a unit's dashboard, a figure's provenance and history, the
documents that cite a figure, and the rows of the open data. Dashboards read the figures table
(one row per dataset, unit, period and revision, kept by the services), never report values."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ttdn.content.models import Image, Site
from ttdn.org.models import Unit
from ttdn.reports import charts
from ttdn.reports.models import Round, Tally
from ttdn.stats.enums import FigureStatus, PressStatus, Source
from ttdn.stats.models import (
    Dataset,
    Figure,
    FigureReference,
    PressDocument,
    period_name,
    published_pictures,
)


@dataclass(frozen=True)
class PeriodChoice:
    key: str

    @property
    def label(self) -> str:
        """In the reader's language, at the time it is shown."""
        return period_name(self.key)

    @property
    def kind(self) -> str:
        """ "SY" of "2022-SY": periods of one kind follow each other on a trend."""
        return self.key.split("-", 1)[-1]


@dataclass
class KeyFigure:
    dataset: Dataset
    figure: Figure
    previous: Figure | None = None

    @property
    def change(self) -> Decimal | None:
        return None if self.previous is None else self.figure.value - self.previous.value

    @property
    def change_percent(self) -> Decimal | None:
        if self.previous is None or not self.previous.value:
            return None
        return (100 * (self.figure.value - self.previous.value) / self.previous.value).quantize(
            Decimal("0.1")
        )


@dataclass
class Trend:
    dataset: Dataset
    chart: charts.Chart
    figures: list[Figure]


@dataclass
class Ranking:
    """The children of a unit for one dataset, largest first, with their median."""

    dataset: Dataset
    figures: list[Figure]
    median: Decimal | None
    chart: charts.Chart


@dataclass
class Coverage:
    """How many reports the round expects below the unit, and how many are approved."""

    expected: int
    submitted: int
    approved: int


def coverage(round_: Round | int, unit: Unit) -> Coverage | None:
    """From the reports' pre-computed tallies of the unit's own subtree (a row per level and
    deadline): one indexed read of a few rows, summed here."""
    rows = Tally.objects.filter(round=round_, unit=unit).values_list(
        "expected", "submitted", "approved"
    )
    found = list(rows)
    if not found:
        return None
    return Coverage(*(sum(row[i] for row in found) for i in range(3)))


@dataclass
class Dashboard:
    unit: Unit
    period: PeriodChoice | None
    periods: list[PeriodChoice]
    previous: PeriodChoice | None = None
    key_figures: list[KeyFigure] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)
    rankings: list[Ranking] = field(default_factory=list)
    round: Round | None = None
    completeness: Coverage | None = None


def _periods(figures: list[Figure]) -> list[PeriodChoice]:
    """Distinct periods, newest first."""
    seen: dict[str, tuple[Any, PeriodChoice]] = {}
    for f in figures:
        seen.setdefault(f.period_key, (f.period_start, PeriodChoice(f.period_key)))
    return [p for _start, p in sorted(seen.values(), key=lambda s: s[0], reverse=True)]


# What a dashboard shows of a figure: its own figures with their dataset, and of its children
# only the name, the value and the link (the rest of a row is provenance, read on its page).
BOARD_FIELDS = (
    "unit_id", "dataset", "period_key", "period_start", "value", "revision", "status",
    "source", "round_id", "unit_name",
)  # fmt: skip
RANKED_FIELDS = ("unit_id", "dataset_id", "unit_name", "value")


def dashboard(unit: Unit, period_key: str = "", *, completeness: bool = True) -> Dashboard:
    """A unit's approved figures for a period (the latest by default) with the change against
    the previous period of the same kind, the trends of its key figures, its children ranked
    with their median, and the completeness of the reports beneath (from the reports' tallies).
    Reads only the pre-computed figures and tallies: a handful of indexed queries whatever the
    size of the subtree."""
    own = list(
        Figure.objects.approved().filter(unit=unit).select_related("dataset").only(*BOARD_FIELDS)
    )
    periods = _periods(own)
    period = next((p for p in periods if p.key == period_key), periods[0] if periods else None)
    board = Dashboard(unit, period, periods)
    if period is None:
        return board
    same_kind = [p for p in periods if p.kind == period.kind]
    older = same_kind[same_kind.index(period) + 1 :]
    board.previous = older[0] if older else None
    by_key: dict[tuple[int, str], Figure] = {(f.dataset_id, f.period_key): f for f in own}
    shown = sorted(
        (f for f in own if f.period_key == period.key),
        key=lambda f: (f.dataset.order, f.dataset.code),
    )
    board.key_figures = [
        KeyFigure(
            f.dataset,
            f,
            by_key.get((f.dataset_id, board.previous.key)) if board.previous else None,
        )
        for f in shown
    ]
    board.trends = _trends(shown, by_key, same_kind)
    board.rankings = _rankings(unit, period, [f.dataset for f in shown if f.dataset.key_figure])
    round_id = next((f.round_id for f in shown if f.round_id is not None), None)
    if completeness and round_id is not None:
        board.completeness = coverage(round_id, unit)
        if board.completeness is not None:
            board.round = Round.objects.only("pk", "title").get(pk=round_id)
    return board


def _trends(
    shown: list[Figure], by_key: dict[tuple[int, str], Figure], periods: list[PeriodChoice]
) -> list[Trend]:
    trends = []
    oldest_first = list(reversed(periods))
    for figure in shown:
        if not figure.dataset.key_figure:
            continue
        points = [by_key[k] for p in oldest_first if (k := (figure.dataset_id, p.key)) in by_key]
        title = _("%(name)s by period (%(measure)s)") % {
            "name": figure.dataset.name,
            "measure": figure.dataset.measure,
        }
        chart = charts.bar_chart(title, [(f.period_label, f.value) for f in points])
        trends.append(Trend(figure.dataset, chart, points))
    return trends


def _rankings(unit: Unit, period: PeriodChoice, datasets: list[Dataset]) -> list[Ranking]:
    if not datasets:
        return []
    rows = (
        Figure.objects.approved()
        .filter(parent=unit, period_key=period.key, dataset__in=[d.pk for d in datasets])
        .only(*RANKED_FIELDS)
    )
    by_dataset: dict[int, list[Figure]] = defaultdict(list)
    for figure in rows:
        by_dataset[figure.dataset_id].append(figure)
    rankings = []
    for dataset in datasets:
        ranked = sorted(by_dataset.get(dataset.pk, []), key=lambda f: (-f.value, f.unit_name))
        if not ranked:
            continue
        median = Decimal(statistics.median([f.value for f in ranked]))
        title = _("%(name)s of the units below (%(measure)s)") % {
            "name": dataset.name,
            "measure": dataset.measure,
        }
        chart = charts.bar_chart(title, [(f.unit_name, f.value) for f in ranked])
        rankings.append(Ranking(dataset, ranked, median, chart))
    return rankings


# --- Provenance and history -------------------------------------------------------------------


def history(figure: Figure) -> QuerySet[Figure]:
    """Every revision of the figure's dataset, unit and period, the newest first."""
    return (
        Figure.objects.filter(
            dataset=figure.dataset_id, unit=figure.unit_id, period_key=figure.period_key
        )
        .select_related("entered_by", "approved_by", "round", "submission")
        .order_by("-revision")
    )


def citing_documents(figure: Figure) -> QuerySet[PressDocument]:
    """The press documents that cite the figure's dataset for its unit and period, whichever
    revision they froze: a correction shows every document where the figure was used."""
    return PressDocument.objects.filter(
        unit=figure.unit_id,
        period_key=figure.period_key,
        references__dataset=figure.dataset_id,
    ).order_by("-created_at", "-pk")


def provenance_text(figure: Figure) -> str:
    """Where the figure comes from, in words, for open data and printed documents."""
    if figure.source == Source.ROUND and figure.round is not None:
        if figure.submission_id:
            return _("%(round)s: the approved report of %(unit)s") % {
                "round": figure.round.title,
                "unit": figure.unit_name,
            }
        return _("%(round)s: sum of %(count)s approved reports") % {
            "round": figure.round.title,
            "count": figure.reports_counted,
        }
    if figure.source == Source.CONTEST:
        titles = [c.title for c in figure.contests.order_by("title", "pk")]
        return _("Prizes in the published results of: %(contests)s") % {
            "contests": "; ".join(titles) or "—"
        }
    if figure.source == Source.EXCEL:
        return _("Excel import %(file)s, row %(row)s, approved by %(who)s") % {
            "file": figure.import_file,
            "row": figure.import_row,
            "who": _person(figure.approved_by),
        }
    return _("Entered by %(entered)s, approved by %(who)s") % {
        "entered": _person(figure.entered_by),
        "who": _person(figure.approved_by),
    }


def _person(user: Any) -> str:
    if user is None:
        return "—"
    return user.get_full_name() or user.get_username()


def waiting_figures(units: Any) -> QuerySet[Figure]:
    """Figures entered by hand or imported that wait for a leader, in the given units."""
    return (
        Figure.objects.filter(status=FigureStatus.DRAFT, unit__in=units)
        .select_related("dataset", "entered_by")
        .order_by("unit_name", "dataset__order", "pk")
    )


def out_of_date(documents: QuerySet[PressDocument]) -> set[int]:
    """The ids of published documents among `documents` that froze a figure replaced since."""
    return set(
        FigureReference.objects.filter(
            document__in=documents.filter(status=PressStatus.PUBLISHED),
            figure__status=FigureStatus.REPLACED,
        ).values_list("document_id", flat=True)
    )


# --- Open data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenRow:
    figure: Figure

    @property
    def current(self) -> bool:
        return self.figure.status == FigureStatus.APPROVED


def open_data(
    dataset: Dataset, unit: Unit, *, period_key: str = "", revisions: bool = False
) -> QuerySet[Figure]:
    """The public figures of `dataset` for `unit` and every unit below it, in tree order and by
    period: the approved ones, and with `revisions` the replaced ones too (an old revision stays
    downloadable). Never a draft or a refused figure."""
    statuses = [FigureStatus.APPROVED] + ([FigureStatus.REPLACED] if revisions else [])
    rows = Figure.objects.filter(
        path__under=unit.path,
        dataset=dataset,
        dataset__public=True,
        status__in=statuses,
    )
    if period_key:
        rows = rows.filter(period_key=period_key)
    return rows.select_related("round", "entered_by", "approved_by").order_by(
        "path", "period_start", "revision"
    )


def public_datasets(unit: Unit) -> list[tuple[Dataset, list[PeriodChoice]]]:
    """The open datasets that have approved figures for the unit, each with its periods."""
    rows = (
        Figure.objects.public()
        .filter(unit=unit)
        .values_list("dataset_id", "period_key", "period_start")
        .distinct()
    )
    periods: dict[int, list[tuple[Any, PeriodChoice]]] = defaultdict(list)
    for dataset_id, key, start in rows:
        periods[dataset_id].append((start, PeriodChoice(key)))
    datasets = Dataset.objects.filter(pk__in=list(periods))
    return [
        (d, [p for _s, p in sorted(periods[d.pk], key=lambda s: s[0], reverse=True)])
        for d in datasets
    ]


PLACEHOLDER = re.compile(r"\{([a-z0-9_-]+)\}")


# --- Press documents --------------------------------------------------------------------------


@dataclass(frozen=True)
class Cited:
    """A figure a press document cites: the frozen value once published, the one in force
    before; `now` is the figure in force when it differs from the frozen one."""

    reference: FigureReference
    figure: Figure | None
    value: Decimal | None
    now: Figure | None = None

    @property
    def dataset(self) -> Dataset:
        return self.reference.dataset


def cited(document: PressDocument) -> list[Cited]:
    """The document's figures, in order: what it says, and what is in force now."""
    references = list(document.references.select_related("dataset", "figure"))
    current = {
        f.dataset_id: f
        for f in Figure.objects.approved().filter(
            unit=document.unit_id,
            period_key=document.period_key,
            dataset__in=[r.dataset_id for r in references],
        )
    }
    rows = []
    for r in references:
        now = current.get(r.dataset_id)
        if r.frozen:
            changed = now if now is not None and now.pk != r.figure_id else None
            rows.append(Cited(r, r.figure, r.value, changed))
        else:
            rows.append(Cited(r, now, now.value if now else None))
    return rows


def number_text(value: Decimal | None, language: str) -> str:
    """A figure as its readers write it: 1.234,5 in Vietnamese, 1,234.5 in English."""
    if value is None:
        return "—"
    value = value.normalize()
    places = max(0, -int(value.as_tuple().exponent))
    text = f"{value:,.{places}f}"
    if language == "vi":
        text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return text


def filled_text(document: PressDocument, rows: list[Cited], language: str) -> str:
    """The document's text in `language` with each {code} replaced by the figure it cites."""
    values = {row.dataset.code: number_text(row.value, language) for row in rows}
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), document.body_in(language))


def published_images(site: Site) -> QuerySet[Image]:
    """The site's pictures a reader sees on its public pages (`models.published_pictures`)."""
    return published_pictures().filter(site=site)
