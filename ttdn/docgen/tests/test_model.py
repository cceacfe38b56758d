from dataclasses import replace

import pytest

from ttdn.docgen import docx
from ttdn.docgen.model import (
    Authority,
    Document,
    DocumentIncomplete,
    DocumentType,
    Heading,
    Signer,
    missing_parts,
    validate,
)
from ttdn.docgen.samples import decision, plan


def test_validate_accepts_a_complete_document() -> None:
    doc = plan()

    validate(doc)  # raises DocumentIncomplete when a part is missing

    assert missing_parts(doc) == []


def test_validate_reports_all_missing_parts_at_once() -> None:
    doc = Document(doc_type=DocumentType.PLAN)

    with pytest.raises(DocumentIncomplete) as raised:
        validate(doc)

    expected = ["issuing_body", "symbol", "place", "title", "body", "signer", "recipients"]
    assert raised.value.missing == expected


@pytest.mark.parametrize(
    ("change", "missing"),
    [
        ({"issuing_body": ""}, "issuing_body"),
        ({"symbol": " "}, "symbol"),
        ({"place": ""}, "place"),
        ({"title": ""}, "title"),
        ({"body": ()}, "body"),
        ({"signer": None}, "signer"),
        ({"recipients": ()}, "recipients"),
        ({"recipients": ("", "  ")}, "recipients"),
        ({"issuing_body": "\x00\x07 "}, "issuing_body"),
    ],
)
def test_validate_names_each_missing_part(change: dict[str, object], missing: str) -> None:
    doc = replace(plan(), **change)

    with pytest.raises(DocumentIncomplete) as raised:
        validate(doc)

    assert raised.value.missing == [missing]


def test_validate_names_missing_signer_details() -> None:
    signer = Signer(position="", name=" ", authority=Authority.DEPUTY)
    doc = replace(plan(), signer=signer)

    with pytest.raises(DocumentIncomplete) as raised:
        validate(doc)

    assert raised.value.missing == ["signer.position", "signer.name", "signer.principal"]


def test_validate_requires_the_enacting_authority_of_a_decision() -> None:
    doc = replace(decision(), enacting_authority="")

    with pytest.raises(DocumentIncomplete) as raised:
        validate(doc)

    assert raised.value.missing == ["enacting_authority"]


def test_document_incomplete_message_lists_the_parts() -> None:
    error = DocumentIncomplete(["signer", "recipients"])

    assert str(error) == "document is missing: signer, recipients"


def test_render_refuses_an_incomplete_document() -> None:
    doc = replace(plan(), signer=None, recipients=())

    with pytest.raises(DocumentIncomplete) as raised:
        docx.render(doc)

    assert raised.value.missing == ["signer", "recipients"]


@pytest.mark.parametrize(
    ("signer", "lines"),
    [
        (Signer("Trưởng phòng", "A"), ["Trưởng phòng"]),
        (Signer("Phó Trưởng phòng", "A", Authority.DEPUTY, "Trưởng phòng"), ["KT. Trưởng phòng", "Phó Trưởng phòng"]),
        (Signer("Chủ tịch", "A", Authority.ON_BEHALF_OF, "Ủy ban nhân dân"), ["TM. Ủy ban nhân dân", "Chủ tịch"]),
        (Signer("Trưởng phòng", "A", Authority.ACTING), ["Q. Trưởng phòng"]),
        (Signer("Chánh Văn phòng", "A", Authority.BY_ORDER, "Giám đốc"), ["TL. Giám đốc", "Chánh Văn phòng"]),
        (Signer("Trưởng phòng", "A", Authority.BY_AUTHORISATION, "Giám đốc"), ["TUQ. Giám đốc", "Trưởng phòng"]),
    ],
)  # fmt: skip
def test_signer_title_lines_follow_the_authority_prefix(signer: Signer, lines: list[str]) -> None:
    result = signer.title_lines()

    assert result == lines


def test_document_rejects_number_zero() -> None:
    with pytest.raises(ValueError, match="start at 1"):
        Document(doc_type=DocumentType.PLAN, number=0)


def test_heading_rejects_unknown_level() -> None:
    with pytest.raises(ValueError, match="level"):
        Heading(4, "Quá sâu")


@pytest.mark.parametrize(
    ("doc_type", "name", "abbreviation"),
    [
        (DocumentType.PLAN, "KẾ HOẠCH", "KH"),
        (DocumentType.REPORT, "BÁO CÁO", "BC"),
        (DocumentType.NOTICE, "THÔNG BÁO", "TB"),
        (DocumentType.DECISION, "QUYẾT ĐỊNH", "QĐ"),
        (DocumentType.INVITATION, "GIẤY MỜI", "GM"),
        (DocumentType.LETTER, "", ""),
    ],
)
def test_document_type_names_and_abbreviations_follow_appendix_three(
    doc_type: DocumentType, name: str, abbreviation: str
) -> None:
    result = (doc_type.type_name, doc_type.abbreviation)

    assert result == (name, abbreviation)
