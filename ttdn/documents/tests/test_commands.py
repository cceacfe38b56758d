import datetime
import json

import pytest
from django.core.management import CommandError, call_command

from ttdn.core import demo
from ttdn.documents.enums import DocumentType, RelationKind
from ttdn.documents.importers import read_legal_documents
from ttdn.documents.models import Document, OutgoingDocument, Publication
from ttdn.documents.tests.conftest import seed
from ttdn.documents.tests.factories import DocumentFactory, DocumentRelationFactory
from ttdn.documents.tests.files import docx_bytes, image_pdf, text_pdf
from ttdn.org.models import Unit

LINES_000 = [
    "Thực hiện Kế hoạch số 24/KH-SGDĐT ngày 01/3/2022 của Sở GDĐT về",
    "- Triển khai thực hiện có hiệu quả Nghị định số 72/2015/NĐ-CP ngày",
    "07/8/2015 của Chính phủ về quản lý hoạt động thông tin đối ngoại;",
    "Quyết định số 42/2018/QĐ-UBND ngày 21/12/2018 của Ủy ban nhân dân thành phố về triển khai Quyết định số 1191/QĐ-TTg ngày",
    "05/8/2020 của Thủ tướng Chính phủ phê duyệt mục tiêu",
]
EXPECTED_000 = [
    ("24/KH-SGDĐT", "ok_unverified"),
    ("72/2015/NĐ-CP", "date_mismatch"),
    ("42/2018/QĐ-UBND", "chronology"),
    ("1191/QĐ-TTg", "ok"),
]


def checked(path, capsys):
    call_command("check_citations", str(path), "--json")
    return [(c["number_symbol"], c["status"]) for c in json.loads(capsys.readouterr().out)]


def test_load_legal_documents_twice_reports_what_it_did(db, capsys):
    rows = read_legal_documents()
    relations = sum(len(row["relations"]) for row in rows)
    call_command("load_legal_documents")
    call_command("load_legal_documents")

    assert capsys.readouterr().out.splitlines() == [
        f"{len(rows)} documents created, 0 updated, 0 unchanged, {relations} relations added.",
        f"0 documents created, 0 updated, {len(rows)} unchanged, 0 relations added.",
    ]


def test_load_legal_documents_refuses_a_bad_file_and_loads_nothing(db, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("type,number_symbol\n", encoding="utf-8")

    with pytest.raises(CommandError):
        call_command("load_legal_documents", str(path))

    assert Document.objects.count() == 0


def test_load_demo_includes_the_library_and_school_pages(db, capsys):
    for _ in range(2):
        for loader in demo.loaders():
            if loader.name in {"org", "documents"}:
                loader.load()

    school = Unit.objects.get(code="HB-THCS-HONGBANG")
    assert (
        Document.objects.count(),
        Publication.objects.count(),
        [loader.name for loader in demo.loaders()][:2],
    ) == (len(read_legal_documents()), 4, ["org", "documents"])
    assert [
        (entry.number_symbol, entry.title)
        for entry in OutgoingDocument.objects.on_site_of(school).order_by("number")
    ] == [
        ("01/KH-THCSHB", "Tổ chức Ngày Sách và Văn hóa đọc Việt Nam năm 2026"),
        ("02/TB-THCSHB", "Tuyển sinh vào lớp 6 năm học 2026-2027"),
    ]


def test_check_citations_reads_a_txt_file(library, tmp_path, capsys):
    path = tmp_path / "ke-hoach.txt"
    path.write_text(seed("000"), encoding="utf-8")

    assert checked(path, capsys)[:4] == [
        ("24/KH-SGDĐT", "ok_unverified"),
        ("72/2015/NĐ-CP", "date_mismatch"),
        ("22/2016/TT-BTTTT", "ok"),
        ("42/2018/QĐ-UBND", "chronology"),
    ]


def test_check_citations_reads_a_docx_file_with_tables(library, tmp_path, capsys):
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(docx_bytes(LINES_000[:3], table=[[LINES_000[3]], [LINES_000[4]]]))

    assert checked(path, capsys) == EXPECTED_000


def test_check_citations_reads_a_pdf_file(library, tmp_path, capsys):
    path = tmp_path / "ke-hoach.pdf"
    path.write_bytes(text_pdf(LINES_000))

    assert checked(path, capsys) == EXPECTED_000


def test_check_citations_prints_a_line_per_citation(library, tmp_path, capsys):
    path = tmp_path / "ke-hoach.txt"
    path.write_text(
        "Căn cứ Nghị định số 72/2015/NĐ-CP ngày 07/8/2015 của Chính phủ.", encoding="utf-8"
    )

    call_command("check_citations", str(path))

    assert capsys.readouterr().out.splitlines() == [
        "date_mismatch   Nghị định số 72/2015/NĐ-CP ngày 07/8/2015 của Chính phủ — The library dates it 07/09/2015.",
        "1 citations, 1 to look at.",
    ]


def test_check_citations_explains_a_scanned_pdf(db, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf())

    with pytest.raises(CommandError) as error:
        call_command("check_citations", str(path))

    assert (
        str(error.value)
        == "The PDF has no text layer: it is probably a scan or a photo. Run text recognition (OCR) on it, or paste its text."
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("ke-hoach.odt", b"PK", "Only .txt, .docx and .pdf files can be read."),
        ("ke-hoach.docx", b"not a zip", "The .docx file is damaged or not a Word document."),
        ("ke-hoach.pdf", b"%PDF-1.4 broken", "The .pdf file is damaged or not a PDF."),
        (
            "ke-hoach.txt",
            b"K\xea ho\xe1ch",
            "The text file is not UTF-8: save it as UTF-8 and try again.",
        ),
    ],
)
def test_check_citations_refuses_unreadable_files(db, tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)

    with pytest.raises(CommandError) as error:
        call_command("check_citations", str(path))

    assert str(error.value) == message


def test_check_citations_of_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command("check_citations", str(tmp_path / "none.txt"))

    assert str(error.value) == f"No such file: {tmp_path / 'none.txt'}"


def test_check_citations_reads_a_utf16_text_file_with_its_mark(library, tmp_path, capsys):
    path = tmp_path / "ke-hoach.txt"
    path.write_bytes("Căn cứ Thông tư số 22/2016/TT-BTTTT ngày 19/10/2016.".encode("utf-16"))

    assert checked(path, capsys) == [("22/2016/TT-BTTTT", "ok")]


def replaced_decree_text(tmp_path, header: str):
    old = DocumentFactory(
        type=DocumentType.DECREE,
        number_symbol="13/2023/NĐ-CP",
        issued_on=datetime.date(2023, 4, 17),
        issuer="Chính phủ",
    )
    new = DocumentFactory(
        type=DocumentType.DECREE,
        number_symbol="356/2025/NĐ-CP",
        issued_on=datetime.date(2025, 12, 31),
        issuer="Chính phủ",
    )
    DocumentRelationFactory(source=new, target=old, kind=RelationKind.REPLACES)
    path = tmp_path / "ke-hoach.txt"
    path.write_text(f"{header}\nCăn cứ Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ.")
    return path


def test_check_citations_judges_validity_at_the_documents_own_date(db, tmp_path, capsys):
    path = replaced_decree_text(tmp_path, "Hải Phòng, ngày 14 tháng 3 năm 2024")

    assert checked(path, capsys) == [("13/2023/NĐ-CP", "ok")]


@pytest.mark.parametrize(
    ("as_of", "status"), [("2024-03-14", "ok"), ("2026-01-05", "not_in_force")]
)
def test_check_citations_as_of_a_given_date(db, tmp_path, capsys, as_of, status):
    path = replaced_decree_text(tmp_path, "KẾ HOẠCH")

    call_command("check_citations", str(path), "--json", "--as-of", as_of)
    results = json.loads(capsys.readouterr().out)

    assert [(c["number_symbol"], c["status"]) for c in results] == [("13/2023/NĐ-CP", status)]
