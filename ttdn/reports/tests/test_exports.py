from io import BytesIO

import docx
import pytest
from django.core.exceptions import ValidationError

from ttdn import docgen
from ttdn.reports import exports, services
from ttdn.reports.tests.factories import PHONG_VALUES

SIGNER = {
    "signer_authority": "KT. TRƯỞNG PHÒNG",
    "signer_position": "PHÓ TRƯỞNG PHÒNG",
    "signer_name": "Phạm Văn Hiệu",
}


def docx_texts(content: bytes) -> tuple[list[list[str]], list[str]]:
    word = docx.Document(BytesIO(content))
    rows = [[cell.text for cell in row.cells] for table in word.tables for row in table.rows]
    return rows, [p.text for p in word.paragraphs]


def test_report_document_is_a_report_to_the_reviewing_unit(cast, phong_report):
    doc = exports.report_document(phong_report, **SIGNER)

    assert (doc.doc_type, doc.title, doc.addressees, doc.recipients, doc.signer) == (
        docgen.DocumentType.REPORT,
        "Công tác TTĐN 6 tháng (6 tháng đầu năm 2026)",
        (cast.so.name,),
        (cast.so.name,),
        docgen.Signer(
            position="PHÓ TRƯỞNG PHÒNG",
            name="Phạm Văn Hiệu",
            authority=docgen.Authority.DEPUTY,
            principal="TRƯỞNG PHÒNG",
        ),
    )


def test_report_document_docx_holds_the_figures_and_the_narratives(phong_report):
    doc = exports.report_document(phong_report, recipients=["Sở GDĐT", "Như trên"], **SIGNER)

    rows, paragraphs = docx_texts(exports.docx_bytes(phong_report, doc))

    figures = [row for row in rows if row[0] in PHONG_VALUES or row[0] == "Mã"]
    assert figures == [
        ["Mã", "Chỉ tiêu", "Đơn vị tính", "Giá trị"],
        ["articles", "Số tin bài đăng trên trang thông tin điện tử", "tin bài", "12"],
        ["foreign", "Trong đó: tin bài về hợp tác quốc tế", "", "3"],
        ["trainings", "Số buổi tập huấn TTĐN", "", "2"],
        ["share", "Tỉ lệ cán bộ được tập huấn", "%", "50,5"],
        ["has_site", "Có chuyên mục TTĐN trên trang web", "", "Có"],
        ["rating", "Tự xếp loại", "", "Khá"],
    ]
    start = paragraphs.index("results. Kết quả nổi bật")
    assert paragraphs[start + 1 : start + 3] == [
        "Tổ chức 2 hội thảo quốc tế.",
        "Đón 3 đoàn khách nước ngoài.",
    ]


def test_report_document_without_a_signer_name_is_incomplete(phong_report):
    doc = exports.report_document(phong_report, signer_position="TRƯỞNG PHÒNG")

    with pytest.raises(docgen.DocumentIncomplete) as raised:
        exports.docx_bytes(phong_report, doc)

    assert raised.value.missing == ["signer.name"]


def test_issue_report_assigns_the_register_number(cast, phong_report):
    doc = exports.report_document(phong_report, **SIGNER)

    services.issue_report(phong_report, doc=doc, by=cast.phong_officer)

    phong_report.refresh_from_db()
    assert (phong_report.outgoing.unit, phong_report.outgoing.number) == (cast.phong, 1)


def test_issue_report_twice_is_refused(cast, phong_report):
    doc = exports.report_document(phong_report, **SIGNER)
    services.issue_report(phong_report, doc=doc, by=cast.phong_officer)

    with pytest.raises(ValidationError):
        services.issue_report(phong_report, doc=doc, by=cast.phong_officer)
