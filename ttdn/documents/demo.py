"""Demo data of the library: the reference list of legal documents, and what two schools publish.

Seed 000 asks every school website to publish "toàn văn các văn bản quy phạm pháp luật về thông tin
đối ngoại": the demo schools of both provinces publish the decree and the circular on TTĐN.
Trường THCS Hồng Bàng also issues two documents of its own and shows them on its site.
"""

from __future__ import annotations

from ttdn import docgen
from ttdn.documents import importers, services
from ttdn.documents.citations import number_symbol_key
from ttdn.documents.models import Document, OutgoingDocument
from ttdn.org.models import Unit, User

# (unit code, number and symbol of a document it publishes)
PUBLICATIONS = [
    ("HB-THCS-HONGBANG", "72/2015/NĐ-CP"),
    ("HB-THCS-HONGBANG", "22/2016/TT-BTTTT"),
    ("CP-THCS-CAMPHU", "72/2015/NĐ-CP"),
    ("CP-THCS-CAMPHU", "22/2016/TT-BTTTT"),
]


def load() -> list[str]:
    """Load the reference list (idempotent) and publish the demo schools' documents."""
    result = services.load_legal_documents(importers.read_legal_documents(), by=None)
    published = 0
    for code, number_symbol in PUBLICATIONS:
        unit = Unit.objects.filter(code=code).first()
        document = Document.objects.filter(
            unit__isnull=True, symbol_key=number_symbol_key(number_symbol)
        ).first()
        if unit is not None and document is not None:
            services.publish_document(document, unit=unit, by=None)
            published += 1
    return [
        f"{result.created} documents created, {result.updated} updated, {result.unchanged} unchanged",
        f"{published} publications on school pages",
        f"{_issue_school_documents()} documents of the school's register shown on its site",
    ]


# (unit code, officer who issues and publishes, type, summary, body): issued once, by summary.
ISSUED = [
    (
        "HB-THCS-HONGBANG",
        "truong-hongbang",
        docgen.DocumentType.PLAN,
        "Tổ chức Ngày Sách và Văn hóa đọc Việt Nam năm 2026",
        "Nhà trường tổ chức trưng bày sách, thi giới thiệu sách và tuyên truyền về văn hóa đọc "
        "cho học sinh các khối lớp./.",
    ),
    (
        "HB-THCS-HONGBANG",
        "truong-hongbang",
        docgen.DocumentType.NOTICE,
        "Tuyển sinh vào lớp 6 năm học 2026-2027",
        "Nhà trường thông báo kế hoạch tuyển sinh vào lớp 6 năm học 2026-2027 tới cha mẹ học "
        "sinh trên địa bàn./.",
    ),
]


def _issue_school_documents() -> int:
    """Issue the school's demo documents (once each) and show them on its site; how many are shown."""
    shown = 0
    for code, username, doc_type, title, body in ISSUED:
        unit = Unit.objects.filter(code=code).first()
        officer = User.objects.filter(username=username).first()
        if unit is None or officer is None:
            continue
        entry = OutgoingDocument.objects.filter(unit=unit, title=title).first()
        if entry is None:
            entry = services.issue_document(
                unit, doc=_school_document(doc_type, title, body), by=officer
            )
        if not entry.is_withdrawn:
            services.publish_on_site(entry, by=officer)
            shown += 1
    return shown


def _school_document(doc_type: docgen.DocumentType, title: str, body: str) -> docgen.Document:
    return docgen.Document(
        doc_type=doc_type,
        title=title,
        body=(docgen.Paragraph(body),),
        recipients=("Phòng GDĐT quận Hồng Bàng (để b/c)", "Các tổ chuyên môn"),
        signer=docgen.Signer(position="Hiệu trưởng", name="Đặng Văn Thành"),
    )
