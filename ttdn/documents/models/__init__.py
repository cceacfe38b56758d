"""The documents app's models: the legal library (library.py) and the outgoing register
(register.py). Import them from here."""

from ttdn.documents.models.library import (
    Document,
    DocumentFile,
    DocumentQuerySet,
    DocumentRelation,
    Publication,
)
from ttdn.documents.models.register import (
    Letterhead,
    OutgoingDocument,
    OutgoingDocumentQuerySet,
    RegisterCounter,
)

__all__ = [
    "Document",
    "DocumentFile",
    "DocumentQuerySet",
    "DocumentRelation",
    "Letterhead",
    "OutgoingDocument",
    "OutgoingDocumentQuerySet",
    "Publication",
    "RegisterCounter",
]
