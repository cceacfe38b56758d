"""Writes of the legal library. Each is atomic and audited; `transition_document` alone sets a
status."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.states import transition
from ttdn.core.text import nfc
from ttdn.documents.citations import normalise_number_symbol, number_symbol_key
from ttdn.documents.enums import (
    DOCUMENT_FLOW,
    RELATION_MOVES,
    Classification,
    DocumentStatus,
    RelationKind,
)
from ttdn.documents.models import (
    Document,
    DocumentFile,
    DocumentRelation,
    Publication,
)
from ttdn.org.models import Unit

FIELDS = [
    "type",
    "number_symbol",
    "issued_on",
    "issuer",
    "signer",
    "title",
    "effective_on",
    "expiry_on",
    "classification",
    "unit_id",
    "verification",
    "verification_note",
    "source",
]


@transaction.atomic
def create_document(
    *, by: Any, status: DocumentStatus = DocumentStatus.IN_FORCE, **fields: Any
) -> Document:
    """Create a document (in force, then moved to `status`). Raises ValidationError on invalid fields."""
    document = Document()
    _assign(document, fields)
    document.full_clean()
    document.save()
    audit.record(AuditAction.CREATE, document, by=by, changes=audit.diff({}, _snapshot(document)))
    if status != DocumentStatus.IN_FORCE:
        transition_document(document, to=status, by=by)
    return document


@transaction.atomic
def update_document(
    document: Document, *, by: Any, status: DocumentStatus | None = None, **fields: Any
) -> Document:
    """Change a document's fields (and its status through `transition_document`); records what changed.

    A document made internal is taken off every public page it was published on.
    Raises ValidationError on invalid fields, InvalidTransition on an impossible status.
    """
    before = _snapshot(document)
    _assign(document, fields)
    document.full_clean()
    document.save()
    changes = audit.diff(before, _snapshot(document))
    if changes:
        audit.record(AuditAction.UPDATE, document, by=by, changes=changes)
    if document.classification == Classification.INTERNAL:
        for publication in document.publications.select_related("unit"):
            unpublish_document(publication, by=by)
    if status is not None and status != document.status:
        transition_document(document, to=status, by=by)
    return document


@transaction.atomic
def transition_document(document: Document, *, to: DocumentStatus, by: Any) -> Document:
    """Set the document's status along DOCUMENT_FLOW. Raises core.states.InvalidTransition."""
    transition(document, flow=DOCUMENT_FLOW, to=to, by=by)
    return document


@transaction.atomic
def relate_documents(
    source: Document, target: Document, *, kind: RelationKind, by: Any
) -> DocumentRelation:
    """Record that `source` amends, replaces, guides or implements `target` (idempotent).

    Replacing moves the target to "replaced", amending a document in force to "amended".
    Raises ValidationError when both are the same document.
    """
    if source.pk == target.pk:
        raise ValidationError(_("A document cannot be related to itself."))
    relation, created = DocumentRelation.objects.get_or_create(
        source=source, target=target, kind=kind
    )
    if created:
        audit.record(
            AuditAction.CREATE,
            relation,
            by=by,
            unit_id=source.unit_id,
            changes={
                "kind": [None, kind],
                "source_id": [None, source.pk],
                "target_id": [None, target.pk],
            },
        )
    allowed_from, to = RELATION_MOVES.get(RelationKind(kind), (set(), None))
    if to is not None and target.status in allowed_from:
        transition_document(target, to=to, by=by)
    return relation


@transaction.atomic
def remove_relation(relation: DocumentRelation, *, by: Any) -> None:
    """Delete the relation. The target keeps its status: correct it with `transition_document`."""
    audit.record(
        AuditAction.DELETE,
        relation,
        by=by,
        unit_id=relation.source.unit_id,
        changes={"kind": [relation.kind, None], "target_id": [relation.target_id, None]},
    )
    relation.delete()


@transaction.atomic
def attach_file(document: Document, *, file: UploadedFile, by: Any) -> DocumentFile:
    """Store an original file of the document under MEDIA_ROOT."""
    name = nfc(file.name or "").rsplit("/", 1)[-1][:255]
    attached = DocumentFile.objects.create(
        document=document, file=file, name=name, size=file.size or 0
    )
    audit.record(
        AuditAction.CREATE,
        attached,
        by=by,
        unit_id=document.unit_id,
        changes={"name": [None, name]},
    )
    return attached


@transaction.atomic
def remove_file(attached: DocumentFile, *, by: Any) -> None:
    """Delete the file and its record."""
    audit.record(
        AuditAction.DELETE,
        attached,
        by=by,
        unit_id=attached.document.unit_id,
        changes={"name": [attached.name, None]},
    )
    attached.file.delete(save=False)
    attached.delete()


@transaction.atomic
def publish_document(document: Document, *, unit: Unit, by: Any) -> Publication:
    """Show a public document on the unit's public page (idempotent). Raises ValidationError if internal."""
    if document.classification != Classification.PUBLIC:
        raise ValidationError(_("Only public documents can be published."))
    publication, created = Publication.objects.get_or_create(unit=unit, document=document)
    if created:
        audit.record(
            AuditAction.CREATE,
            publication,
            by=by,
            unit_id=unit.pk,
            changes={"document_id": [None, document.pk]},
        )
    return publication


@transaction.atomic
def unpublish_document(publication: Publication, *, by: Any) -> None:
    """Take the document off the unit's public page."""
    audit.record(
        AuditAction.DELETE,
        publication,
        by=by,
        unit_id=publication.unit_id,
        changes={"document_id": [publication.document_id, None]},
    )
    publication.delete()


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int
    related: int


@transaction.atomic
def load_legal_documents(rows: list[dict[str, Any]], *, by: Any) -> LoadResult:
    """Create or update the shared library from reference rows (see importers.read_legal_documents).

    A row is the same document as one of the shared library (no owning unit) with the same
    number-and-symbol key and issuer. Running it twice changes nothing the second time.
    Each row's `relations` (and `replaced_by`, its other side) become relations between documents.
    """
    created = updated = unchanged = related = 0
    for row in rows:
        fields = {k: v for k, v in row.items() if k not in {"replaced_by", "relations"}}
        document = _reference_document(fields["number_symbol"], fields["issuer"])
        if document is None:
            create_document(by=by, **fields)
            created += 1
        elif _differs(document, fields):
            update_document(document, by=by, **fields)
            updated += 1
        else:
            unchanged += 1
    for row in rows:
        if row["replaced_by"]:
            related += _relate(row["replaced_by"], row, RelationKind.REPLACES, by=by)
        for kind, target in row.get("relations", []):
            if kind != RelationKind.REPLACES:
                related += _relate(row["number_symbol"], _row_of(rows, target), kind, by=by)
    return LoadResult(created, updated, unchanged, related)


def _row_of(rows: list[dict[str, Any]], number_symbol: str) -> dict[str, Any]:
    key = number_symbol_key(number_symbol)
    found = [row for row in rows if number_symbol_key(row["number_symbol"]) == key]
    if not found:
        raise ValidationError(_("%(document)s is not in the file.") % {"document": number_symbol})
    return found[0]


def _reference_document(number_symbol: str, issuer: str) -> Document | None:
    key = number_symbol_key(number_symbol)
    return Document.objects.filter(
        unit__isnull=True, symbol_key=key, issuer=nfc(issuer).strip()
    ).first()


def _differs(document: Document, fields: dict[str, Any]) -> bool:
    comparable = {**fields, "number_symbol": normalise_number_symbol(fields["number_symbol"])}
    return any(getattr(document, name) != value for name, value in comparable.items())


def _relate(source_symbol: str, target_row: dict[str, Any], kind: RelationKind, *, by: Any) -> int:
    """Relate the library's `source_symbol` to the row's document; 1 if the relation is new."""
    target = _reference_document(target_row["number_symbol"], target_row["issuer"])
    source = Document.objects.filter(
        unit__isnull=True, symbol_key=number_symbol_key(source_symbol)
    ).first()
    if source is None or target is None:
        raise ValidationError(
            _("%(document)s is related to %(other)s, which is not in the file.")
            % {"document": target_row["number_symbol"], "other": source_symbol}
        )
    exists = DocumentRelation.objects.filter(source=source, target=target, kind=kind).exists()
    relate_documents(source, target, kind=kind, by=by)
    return 0 if exists else 1


def _assign(document: Document, fields: dict[str, Any]) -> None:
    for name, value in fields.items():
        setattr(document, name, nfc(value).strip() if isinstance(value, str) else value)
    document.number_symbol = normalise_number_symbol(document.number_symbol)
    document.symbol_key = number_symbol_key(document.number_symbol)


def _snapshot(document: Document) -> dict[str, Any]:
    """The audited fields, with the full text as its length (the text itself would flood the log)."""
    return {**audit.snapshot(document, FIELDS), "full_text": len(document.full_text)}
