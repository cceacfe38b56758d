"""The outgoing register (sổ văn bản đi): each unit numbers what it issues, per calendar year.

A unit's numbers start at 01 on 1 January and never repeat or skip (Nghị định 30/2020,
Art. 15): `services.issue_document` takes the next number from the unit's `RegisterCounter`
row for the year, locked for the transaction that stores the `OutgoingDocument`.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core import access
from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.core.text import slugify
from ttdn.docgen import format_number
from ttdn.documents.enums import OutgoingType
from ttdn.org.models import Unit


class Letterhead(TimestampedModel):
    """How a unit's documents name it: the symbol's abbreviation, the printed bodies, the place.

    Units without one print with defaults derived from their kind and name
    (`queries.letterhead_for`); a leader saves one to change them.
    """

    unit = models.OneToOneField(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="letterhead"
    )
    abbreviation = models.CharField(
        _("abbreviation"),
        max_length=32,
        help_text=_("Closes the symbol after the type: PGDĐT in 05/KH-PGDĐT."),
    )
    issuing_body = models.CharField(
        _("issuing body"),
        max_length=255,
        help_text=_("Printed in capitals at the top left, e.g. PHÒNG GIÁO DỤC VÀ ĐÀO TẠO."),
    )
    parent_body = models.CharField(
        _("parent body"),
        max_length=255,
        blank=True,
        help_text=_("Printed above the issuing body, e.g. UBND QUẬN HỒNG BÀNG."),
    )
    place = models.CharField(
        _("place name"),
        max_length=100,
        help_text=_("Opens the date line: “Hồng Bàng, ngày 05 tháng 3 năm 2026”."),
    )
    drafting_unit = models.CharField(
        _("drafting unit of letters"),
        max_length=32,
        help_text=_("Closes the symbol of an official letter: VP in 05/PGDĐT-VP."),
    )
    head_position = models.CharField(
        _("position of the head"),
        max_length=100,
        blank=True,
        help_text=_("Who signs by default, e.g. Trưởng phòng, Hiệu trưởng."),
    )
    head_name = models.CharField(
        _("name of the head"),
        max_length=100,
        blank=True,
        help_text=_("Printed under the signature by default; each document can name another."),
    )

    class Meta:
        verbose_name = _("letterhead")
        verbose_name_plural = _("letterheads")

    def __str__(self) -> str:
        return f"{self.abbreviation} — {self.unit}"


class RegisterCounter(models.Model):
    """The last number a unit gave in a year. Its row is locked while a number is assigned."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="register_counters")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="one_register_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} {self.year}: {self.last_number}"


class OutgoingDocumentQuerySet(models.QuerySet["OutgoingDocument"]):
    def visible_to(self, user: Any) -> OutgoingDocumentQuerySet:
        """Documents of the units the person may see (their memberships' subtrees)."""
        return self.filter(unit__in=access.visible_unit_ids(user))

    def in_register(self, unit: Unit, year: int) -> OutgoingDocumentQuerySet:
        return self.filter(unit=unit, year=year)

    def of_type(self, type: str) -> OutgoingDocumentQuerySet:
        return self.filter(type=type) if type else self

    def on_site_of(self, unit: Unit) -> OutgoingDocumentQuerySet:
        """What the unit's public site shows of its register: entries published there and
        not withdrawn, newest first."""
        return self.filter(
            unit=unit, published_on_site_at__isnull=False, withdrawn_on__isnull=True
        ).order_by("-issued_on", "-year", "-number")


class OutgoingDocument(TimestampedModel):
    """One entry of the register: a numbered, dated document and its frozen DOCX."""

    unit = models.ForeignKey(
        Unit,
        verbose_name=_("issuing unit"),
        on_delete=models.PROTECT,
        related_name="outgoing_documents",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    symbol = models.CharField(_("symbol"), max_length=64)
    type = models.CharField(
        pgettext_lazy("document", "type"),
        max_length=max_length_of(OutgoingType),
        choices=OutgoingType,
    )
    issued_on = models.DateField(_("issued on"))
    title = models.TextField(_("summary (trích yếu)"), max_length=2000)
    addressees = models.JSONField(_("addressed to"), default=list, blank=True)
    recipients = models.JSONField(_("recipients"), default=list)
    signer_name = models.CharField(_("signed by"), max_length=255)
    signer_position = models.CharField(_("position of the signer"), max_length=255)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    docx = models.BinaryField(_("DOCX file"), editable=False)
    # A mistaken issue is withdrawn (thu hồi), never deleted: its number stays used.
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), max_length=2000, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Shown on the unit's public site ("Văn bản") with its DOCX while set and not withdrawn.
    published_on_site_at = models.DateTimeField(
        _("published on the unit's site"), null=True, blank=True
    )
    published_on_site_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published on the site by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = OutgoingDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing document")
        verbose_name_plural = _("outgoing documents")
        ordering = ["unit", "-year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year", "number"], name="one_number_per_unit_year"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="outgoing_number_from_one"),
        ]

    def __str__(self) -> str:
        return self.number_symbol

    def get_absolute_url(self) -> str:
        return reverse("register:document_detail", args=[self.pk])

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_on is not None

    @property
    def is_on_site(self) -> bool:
        return self.published_on_site_at is not None and not self.is_withdrawn

    @property
    def number_symbol(self) -> str:
        """As printed after "Số:": "05/KH-PGDĐT"."""
        return f"{format_number(self.number)}/{self.symbol}"

    @property
    def file_stem(self) -> str:
        """A file name without accents or slashes: "05-kh-pgddt-2026"."""
        return slugify(f"{self.number_symbol} {self.year}")
