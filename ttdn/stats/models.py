"""Datasets of the sector, their figures (each with its provenance and revisions), press
documents that cite figures by reference and freeze them when published, and the unit's
spokesperson for the press kit."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ttdn.content.models import Article, Exemplar, Image
from ttdn.core import access
from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.core.storage import RandomName
from ttdn.org.enums import UnitLevel
from ttdn.reports.periods import InvalidPeriod, parse
from ttdn.stats.enums import FigureStatus, PressKind, PressStatus, Source, Topic

# Press photos' copies: private, served only by the press kit's view.
PRESS_PHOTOS_FOLDER = "press-photos"


def period_name(key: str) -> str:
    """The period's name in the reader's language, e.g. “Năm học 2022–2023”."""
    try:
        return str(parse(key).label)
    except InvalidPeriod:
        return key


class Dataset(TimestampedModel):
    """One statistic of the sector, e.g. “Số học sinh”: shared by the whole tree (a school and
    the ministry count pupils the same way). Its figures come from the indicator
    `indicator_code` of the approved reports on the form `form_code`, or are entered by hand;
    a rate is `numerator` / `denominator` × 100, computed per unit from their figures."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    name_en = models.CharField(_("name in English"), max_length=255)
    measure = models.CharField(_("unit of measure"), max_length=50)
    measure_en = models.CharField(_("unit of measure in English"), max_length=50)
    description = models.TextField(_("definition"), blank=True)
    topic = models.CharField(
        _("topic"), max_length=max_length_of(Topic), choices=Topic, default=Topic.OTHER
    )
    form_code = models.SlugField(_("report form code"), max_length=64, blank=True)
    indicator_code = models.CharField(_("indicator code"), max_length=32, blank=True)
    numerator = models.ForeignKey(
        "self",
        verbose_name=_("numerator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    denominator = models.ForeignKey(
        "self",
        verbose_name=_("denominator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    from_contests = models.BooleanField(
        _("awards of published contests"),
        default=False,
        help_text=_("Counts the prizes of the last level of contests whose results are published."),
    )
    contest_level = models.CharField(
        _("organised at the level"),
        max_length=max_length_of(UnitLevel),
        choices=UnitLevel,
        blank=True,
        help_text=_("Only contests organised by a unit of this level (empty: every contest)."),
    )
    contest_international = models.BooleanField(
        _("international contests"),
        null=True,
        blank=True,
        help_text=_(
            "Yes: only international contests; no: only contests held in Vietnam; empty: both."
        ),
    )
    public = models.BooleanField(_("open data"), default=True)
    key_figure = models.BooleanField(_("key figure"), default=False)
    order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_rate(self) -> bool:
        return self.numerator_id is not None and self.denominator_id is not None

    def name_in(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name

    def measure_in(self, language: str) -> str:
        return self.measure_en if language == "en" and self.measure_en else self.measure


class ImportFile(models.Model):
    """An .xlsx file whose rows became figures: kept (privately, under a random name) so that
    anyone checking a figure's provenance can open the very file and row it came from."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("file"), upload_to=RandomName("stats-imports"))
    filename = models.CharField(_("file name"), max_length=255)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)

    class Meta:
        verbose_name = _("imported file")
        verbose_name_plural = _("imported files")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.filename


class FigureQuerySet(models.QuerySet["Figure"]):
    def approved(self) -> FigureQuerySet:
        """The figures in force: approved and not replaced by a newer revision."""
        return self.filter(status=FigureStatus.APPROVED)

    def public(self) -> FigureQuerySet:
        """What anyone may read: approved figures of open datasets."""
        return self.approved().filter(dataset__public=True)

    def visible_to(self, user: Any) -> FigureQuerySet:
        """Every figure (drafts and old revisions too) of the units the person sees."""
        if access.is_operator(user):
            return self
        return self.filter(unit__in=access.visible_unit_ids(user))


class Figure(models.Model):
    """One revision of a dataset's value for a unit and a period, with where it came from:
    a round and a submission (or the approved reports below the unit), an Excel file and row,
    or a manual entry with who approved it. A change is a new revision; the old one stays
    (status “replaced”) and can still be downloaded."""

    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="figures")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    parent = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The unit's place when the figure was made (as its round froze it); compared byte by
    # byte, "C" collation on PostgreSQL (migration 0001, core/lookups.py).
    path = models.CharField(max_length=512)
    unit_name = models.CharField(_("unit"), max_length=255)
    period_key = models.CharField(_("period"), max_length=20)
    period_start = models.DateField()
    value = models.DecimalField(_("value"), max_digits=22, decimal_places=4)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    status = models.CharField(
        _("status"),
        max_length=max_length_of(FigureStatus),
        choices=FigureStatus,
        default=FigureStatus.DRAFT,
    )
    source = models.CharField(_("source"), max_length=max_length_of(Source), choices=Source)
    round = models.ForeignKey(
        "reports.Round", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submission = models.ForeignKey(
        "reports.Submission", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reports_counted = models.PositiveIntegerField(_("approved reports counted"), default=0)
    import_file = models.CharField(_("file"), max_length=255, blank=True)
    import_row = models.PositiveIntegerField(_("row"), null=True, blank=True)
    contests = models.ManyToManyField(
        "activities.Contest", verbose_name=_("contests"), blank=True, related_name="+"
    )
    import_source = models.ForeignKey(
        ImportFile,
        verbose_name=_("imported file"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="figures",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    note = models.CharField(_("reason for the change"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FigureQuerySet.as_manager()

    class Meta:
        verbose_name = _("figure")
        verbose_name_plural = _("figures")
        ordering = ["dataset", "path", "period_start", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "unit", "period_key", "revision"], name="one_figure_revision"
            ),
            models.UniqueConstraint(
                fields=["dataset", "unit", "period_key"],
                condition=models.Q(status=FigureStatus.APPROVED),
                name="one_approved_figure",
            ),
        ]
        indexes = [
            # A unit's key figures and its children's, for one period: the dashboard's reads.
            models.Index(fields=["unit", "status", "period_start"], name="figure_unit"),
            models.Index(fields=["parent", "period_key", "status"], name="figure_parent"),
            models.Index(fields=["dataset", "period_key", "path"], name="figure_dataset_path"),
        ]

    def __str__(self) -> str:
        return f"{self.dataset} — {self.unit_name} — {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("stats:figure_detail", args=[self.pk])

    @property
    def period_label(self) -> str:
        return period_name(self.period_key)


class PressContactQuerySet(models.QuerySet["PressContact"]):
    def visible_to(self, user: Any) -> PressContactQuerySet:
        if access.is_operator(user):
            return self
        return self.filter(unit__in=access.visible_unit_ids(user))


class PressContact(TimestampedModel):
    """The unit's spokesperson and press contact (Nghị định 09/2017/NĐ-CP), shown on its press
    kit."""

    unit = models.OneToOneField("org.Unit", on_delete=models.PROTECT, related_name="+")
    spokesperson = models.CharField(_("spokesperson"), max_length=255)
    position = models.CharField(_("position"), max_length=255)
    contact_name = models.CharField(_("press contact"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    objects = PressContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")

    def __str__(self) -> str:
        return self.spokesperson


class PressDocumentQuerySet(models.QuerySet["PressDocument"]):
    def visible_to(self, user: Any) -> PressDocumentQuerySet:
        if access.is_operator(user):
            return self
        return self.filter(unit__in=access.visible_unit_ids(user))

    def published(self) -> PressDocumentQuerySet:
        return self.filter(status=PressStatus.PUBLISHED)

    def public(self) -> PressDocumentQuerySet:
        """What the press kit shows: published, and its article approved and live on the
        unit's portal (the portal's review decides when it goes out)."""
        return self.published().filter(article__in=Article.objects.live())


class PressDocument(TimestampedModel):
    """A fact sheet, a press release or a correction notice of a unit, in Vietnamese and
    English. It cites figures by reference (`FigureReference`); publishing freezes them."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=max_length_of(PressKind), choices=PressKind)
    title = models.CharField(_("title"), max_length=255)
    title_en = models.CharField(_("title in English"), max_length=255)
    body = models.TextField(_("text"), blank=True)
    body_en = models.TextField(_("text in English"), blank=True)
    period_key = models.CharField(_("period"), max_length=20)
    status = models.CharField(
        _("status"),
        max_length=max_length_of(PressStatus),
        choices=PressStatus,
        default=PressStatus.DRAFT,
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name=_("corrects"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    outgoing = models.ForeignKey(
        "documents.OutgoingDocument",
        verbose_name=_("register entry"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # The portal's article carrying the published text (and its English translation, when the
    # site offers English): the press kit shows the document once the article is live.
    article = models.OneToOneField(
        "content.Article",
        verbose_name=_("article on the portal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = PressDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("press document")
        verbose_name_plural = _("press documents")
        ordering = ["-published_at", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("stats:press_detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == PressStatus.PUBLISHED

    @property
    def period_label(self) -> str:
        return period_name(self.period_key)

    def title_in(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title

    def body_in(self, language: str) -> str:
        return self.body_en if language == "en" else self.body

    @property
    def published_on(self) -> datetime.date | None:
        return self.published_at.date() if self.published_at else None


class FigureReference(models.Model):
    """A figure a press document cites: the dataset for the document's unit and period. While
    the document is a draft it reads the figure in force; publishing records the revision and
    its value, so that a later revision shows the document as out of date."""

    document = models.ForeignKey(PressDocument, on_delete=models.CASCADE, related_name="references")
    dataset = models.ForeignKey(Dataset, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveIntegerField(default=0)
    figure = models.ForeignKey(
        Figure, on_delete=models.PROTECT, null=True, blank=True, related_name="references"
    )
    value = models.DecimalField(max_digits=22, decimal_places=4, null=True, blank=True)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "dataset"], name="one_reference_per_dataset"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document_id}/{self.dataset.code}"

    @property
    def frozen(self) -> bool:
        return self.figure_id is not None

    @property
    def frozen_value(self) -> Decimal | None:
        return self.value


def published_pictures() -> models.QuerySet[Image]:
    """Pictures a reader sees on a portal's public pages: the cover or a gallery picture of a
    live article, or the photo of a public exemplary figure; withdrawn ones never."""
    live = Article.objects.live()
    shown = models.Q(covers__in=live) | models.Q(gallery_item__article__in=live)
    shown |= models.Q(exemplar__in=Exemplar.objects.public())
    return Image.objects.shown().filter(shown).distinct()


class PressPhotoQuerySet(models.QuerySet["PressPhoto"]):
    def visible_to(self, user: Any) -> PressPhotoQuerySet:
        if access.is_operator(user):
            return self
        return self.filter(unit__in=access.visible_unit_ids(user))

    def public(self, *, today: datetime.date | None = None) -> PressPhotoQuerySet:
        """What the press kit shows: pictures still published on the portal, not withdrawn,
        whose every pupil's consent is valid today. Read at each request, so a consent that
        ends (or an article taken off) takes the photo off at once, before the nightly job
        withdraws the picture."""
        today = today or timezone.localdate()
        expired = models.Q(consent__valid_until__lt=today) | models.Q(
            other_consents__valid_until__lt=today
        )
        lapsed = Image.objects.filter(expired | models.Q(shows_pupils=True, consent=None))
        published = published_pictures().values("pk")
        return self.filter(image__in=published).exclude(image__in=lapsed)


class PressPhoto(TimestampedModel):
    """A published picture of the unit's site cleared for press use, with its caption and
    credit. The press kit hands out a full-size copy re-encoded from the pixels alone (never
    the stored original) and a smaller one to show, both private files served by a view that
    checks the clearance and the consents first."""

    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    image = models.OneToOneField(
        "content.Image",
        verbose_name=_("picture"),
        on_delete=models.CASCADE,
        related_name="press_photo",
    )
    caption = models.CharField(_("caption"), max_length=500)
    caption_en = models.CharField(_("caption in English"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=255)
    file = models.FileField(upload_to=RandomName(PRESS_PHOTOS_FOLDER))
    preview = models.FileField(upload_to=RandomName(PRESS_PHOTOS_FOLDER))
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = PressPhotoQuerySet.as_manager()

    class Meta:
        verbose_name = _("press photo")
        verbose_name_plural = _("press photos")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.caption

    def caption_in(self, language: str) -> str:
        return self.caption_en if language == "en" and self.caption_en else self.caption
