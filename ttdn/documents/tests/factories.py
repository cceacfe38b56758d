"""One factory per model. Documents are made through the service, so their keys are right."""

from __future__ import annotations

import datetime
from typing import Any

import factory

from ttdn import docgen
from ttdn.documents import services
from ttdn.documents.enums import Classification, DocumentType, RelationKind
from ttdn.documents.models import (
    Document,
    DocumentFile,
    DocumentRelation,
    Letterhead,
    OutgoingDocument,
    Publication,
)


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


def letter(
    title: str = "Tuyên truyền kỷ niệm Ngày thành lập thành phố", **fields: Any
) -> docgen.Document:
    """A complete công văn to issue, on whatever letterhead the issuing unit has."""
    return docgen.Document(
        **{
            "doc_type": docgen.DocumentType.LETTER,
            "title": title,
            "addressees": ("Hiệu trưởng các trường THCS",),
            "body": (docgen.Paragraph("Đề nghị các trường triển khai thực hiện./."),),
            "recipients": ("Như trên", "Lãnh đạo phòng"),
            "signer": docgen.Signer(position="Trưởng phòng", name="Nguyễn Văn Hùng"),
            **fields,
        }
    )


class LetterheadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Letterhead

    abbreviation = "PGDĐT"
    issuing_body = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"
    parent_body = "UBND QUẬN HỒNG BÀNG"
    place = "Hồng Bàng"
    drafting_unit = "VP"


class OutgoingDocumentFactory(factory.django.DjangoModelFactory):
    """Issued through the service, so numbers, symbol and DOCX are right: pass `unit` and `by`."""

    class Meta:
        model = OutgoingDocument

    doc = factory.LazyFunction(letter)
    by = None

    @classmethod
    def _create(
        cls, model_class: type[OutgoingDocument], *args: Any, **kwargs: Any
    ) -> OutgoingDocument:
        return services.issue_document(kwargs.pop("unit"), **kwargs)
