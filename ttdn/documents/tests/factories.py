"""One factory per model. Documents are made through the service, so their keys are right."""

from __future__ import annotations

import datetime
from typing import Any

import factory

from ttdn.documents import services
from ttdn.documents.enums import Classification, DocumentType, RelationKind
from ttdn.documents.models import Document, DocumentFile, DocumentRelation, Publication


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    type = DocumentType.PLAN
    number_symbol = factory.Sequence(lambda n: f"{n + 1}/KH-TEST")
    issued_on = datetime.date(2022, 3, 1)
    issuer = "Sở Giáo dục và Đào tạo Hải Phòng"
    title = factory.Sequence(lambda n: f"Kế hoạch thử số {n + 1}")
    classification = Classification.PUBLIC
    unit = None

    @classmethod
    def _create(cls, model_class: type[Document], *args: Any, **kwargs: Any) -> Document:
        return services.create_document(by=None, **kwargs)


class DocumentRelationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentRelation

    source = factory.SubFactory(DocumentFactory)
    target = factory.SubFactory(DocumentFactory)
    kind = RelationKind.GUIDES


class DocumentFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentFile

    document = factory.SubFactory(DocumentFactory)
    file = factory.django.FileField(filename="ban-goc.pdf", data=b"%PDF-1.4 test")
    name = "ban-goc.pdf"
    size = 13


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    document = factory.SubFactory(DocumentFactory)
    unit = None
