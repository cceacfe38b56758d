from ttdn.documents import citations
from ttdn.documents.enums import DOCUMENT_FLOW, DocumentStatus, DocumentType


def test_document_types_are_the_parsers_types():
    assert sorted(DocumentType.values) == sorted(t.value for t in citations.DocumentType)


def test_document_flow_covers_every_status():
    assert sorted(DOCUMENT_FLOW.table) == sorted(DocumentStatus)
