import pytest

from ttdn.core.tests import fixtures
from ttdn.documents.enums import DocumentType
from ttdn.documents.tests.factories import DocumentFactory, LetterheadFactory

bearer = fixtures.bearer


@pytest.fixture
def rules_library(db: None):
    """Quyết định 3767/QĐ-BGDĐT in the library, as the reference data has it."""
    return DocumentFactory(
        type=DocumentType.DECISION,
        number_symbol="3767/QĐ-BGDĐT",
        issued_on="2020-11-18",
        issuer="Bộ Giáo dục và Đào tạo",
        title="Quy chế quản lý hoạt động đối ngoại của Bộ Giáo dục và Đào tạo",
    )


@pytest.fixture
def letterheads(cast):
    """Letterheads of the Phòng and the Sở, so that their documents can be issued."""
    return [
        LetterheadFactory(unit=cast.phong),
        LetterheadFactory(
            unit=cast.so,
            abbreviation="SGDĐT",
            issuing_body="SỞ GIÁO DỤC VÀ ĐÀO TẠO",
            parent_body="UBND THÀNH PHỐ HẢI PHÒNG",
            place="Hải Phòng",
        ),
    ]
