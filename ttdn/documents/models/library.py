"""The legal library: documents, their relations and files, and what units publish.

Who sees what (decided with ttdn.core.access):
- a signed-in person sees every public document and the internal documents of the units
  visible to them (their memberships' subtrees); operators see everything;
- nobody signed out sees anything here but a unit's public page: the public documents that
  unit chose to publish. An internal document never appears there, even if it was published
  while it was public.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ttdn.core import access
from ttdn.core.models import TimestampedModel, max_length_of
from ttdn.core.storage import RandomName
from ttdn.documents.enums import (
    NOT_IN_FORCE,
    Classification,
    DocumentStatus,
    DocumentType,
    RelationKind,
    Verification,
)
from ttdn.org.models import Unit


class DocumentQuerySet(models.QuerySet["Document"]):
    def visible_to(self, user: Any) -> DocumentQuerySet:
        """Public documents, and internal ones of the units the person may see."""
        if access.is_operator(user):
            return self.all()
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(classification=Classification.PUBLIC)
            | Q(classification=Classification.INTERNAL, unit__in=access.visible_unit_ids(user))
        )

    def editable_by(self, user: Any) -> DocumentQuerySet:
        """Documents of units the person writes for; documents without a unit: operators only."""
        if access.is_operator(user):
            return self.all()
        return self.filter(
            unit__in=access.supervised_units(user, access.EDITING_ROLES).values("pk")
        )

    def public(self) -> DocumentQuerySet:
        return self.filter(classification=Classification.PUBLIC)

    def published_by(self, unit: Unit) -> DocumentQuerySet:
        """What the unit's public page shows: public documents it chose to publish."""
        return self.public().filter(publications__unit=unit)

    def with_key(self, key: str) -> DocumentQuerySet:
        return self.filter(symbol_key=key)


class Document(TimestampedModel):
    """A legal or administrative document: "Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ"."""

    type = models.CharField(
        pgettext_lazy("document", "type"),
        max_length=max_length_of(DocumentType),
        choices=DocumentType,
    )
    number_symbol = models.CharField(
        _("number and symbol"),
        max_length=100,
        help_text=_("As printed, e.g. 72/2015/NĐ-CP or 24/KH-SGDĐT."),
    )
    symbol_key = models.CharField(max_length=100, editable=False, db_index=True)
    issued_on = models.DateField(_("issued on"), null=True, blank=True)
    issuer = models.CharField(_("issuing body"), max_length=255)
    signer = models.CharField(_("signer"), max_length=255, blank=True)
    title = models.TextField(_("summary (trích yếu)"), max_length=2000)
    effective_on = models.DateField(_("in force from"), null=True, blank=True)
    expiry_on = models.DateField(_("out of force from"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=max_length_of(DocumentStatus),
        choices=DocumentStatus,
        default=DocumentStatus.IN_FORCE,
    )
    full_text = models.TextField(_("full text"), blank=True)
    classification = models.CharField(
        pgettext_lazy("distribution", "classification"),
        max_length=max_length_of(Classification),
        choices=Classification,
        default=Classification.PUBLIC,
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("owning unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="documents",
        help_text=_("Leave empty for the shared legal library, kept by the operators."),
    )
    verification = models.CharField(
        _("verification"), max_length=max_length_of(Verification), choices=Verification, blank=True
    )
    verification_note = models.CharField(_("verification note"), max_length=255, blank=True)
    source = models.CharField(_("source of the data"), max_length=500, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = [F("issued_on").desc(nulls_last=True), "number_symbol", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expiry_on__isnull=True)
                | Q(effective_on__isnull=True)
                | Q(expiry_on__gte=F("effective_on")),
                name="document_expires_after_effective",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.number_symbol}"

    def get_absolute_url(self) -> str:
        return reverse("documents:document_detail", args=[self.pk])

    @property
    def facts_unchecked(self) -> bool:
        """Reference data whose metadata were not all checked against two published sources."""
        return self.verification in (Verification.PARTLY, Verification.UNVERIFIED)

    @property
    def source_links(self) -> list[tuple[str, str]]:
        """The sources of the reference data as (text, address); address is empty for a non-web source."""
        parts = [part.strip() for part in self.source.split(";") if part.strip()]
        return [(part, part if part.startswith(("https://", "http://")) else "") for part in parts]

    @property
    def is_in_force(self) -> bool:
        expired = self.expiry_on is not None and self.expiry_on <= timezone.localdate()
        return self.status not in NOT_IN_FORCE and not expired


class DocumentRelation(models.Model):
    """`source` amends, replaces, guides or implements `target`."""

    source = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="relations_out"
    )
    target = models.ForeignKey(
        Document,
        verbose_name=_("related document"),
        on_delete=models.CASCADE,
        related_name="relations_in",
    )
    kind = models.CharField(
        _("relation"), max_length=max_length_of(RelationKind), choices=RelationKind
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("document relation")
        verbose_name_plural = _("document relations")
        ordering = ["kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="one_relation_per_kind"
            ),
            models.CheckConstraint(
                condition=~Q(source=F("target")), name="relation_between_two_documents"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.get_kind_display().lower()} {self.target}"

    @property
    def inverse_label(self) -> str:
        return RelationKind(self.kind).inverse_label


class DocumentFile(models.Model):
    """An original file of a document (the signed PDF, the DOCX), stored under MEDIA_ROOT."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to=RandomName("documents"))
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("document file")
        verbose_name_plural = _("document files")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.name


class Publication(models.Model):
    """A unit shows a public document on its public page."""

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.CASCADE, related_name="document_publications"
    )
    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="publications"
    )
    published_at = models.DateTimeField(_("published at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        ordering = ["-published_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "document"], name="publish_document_once_per_unit"
            )
        ]

    def __str__(self) -> str:
        return f"{self.unit} — {self.document}"
