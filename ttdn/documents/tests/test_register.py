"""The outgoing register: numbering per unit and year, letterheads, atomicity and audit."""

import datetime
import threading
from io import BytesIO

import docx
import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ttdn import docgen
from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry
from ttdn.documents import queries, services
from ttdn.documents.enums import OutgoingType
from ttdn.documents.models import Letterhead, OutgoingDocument, RegisterCounter
from ttdn.documents.tests.factories import LetterheadFactory, OutgoingDocumentFactory, letter

MARCH = datetime.date(2026, 3, 5)
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def numbers(unit, year=2026):
    return list(
        OutgoingDocument.objects.in_register(unit, year)
        .order_by("number")
        .values_list("number", "symbol")
    )


# --- Numbering ---------------------------------------------------------------------


def test_issue_document_numbers_from_01_per_unit_with_the_unit_symbol(cast):
    plan = letter(doc_type=docgen.DocumentType.PLAN)

    first = services.issue_document(cast.phong, doc=letter(), by=cast.phong_officer, on=MARCH)
    services.issue_document(cast.phong, doc=plan, by=cast.phong_officer, on=MARCH)
    services.issue_document(cast.school_a, doc=letter(), by=cast.teacher_a, on=MARCH)

    assert (first.number_symbol, numbers(cast.phong), numbers(cast.school_a)) == (
        "01/PGDĐT-VP",
        [(1, "PGDĐT-VP"), (2, "KH-PGDĐT")],
        [(1, "THCSHB-VP")],
    )


def test_issue_document_starts_again_at_01_on_1_january(cast):
    for day in (datetime.date(2025, 12, 31), datetime.date(2025, 12, 31)):
        services.issue_document(cast.phong, doc=letter(), by=cast.phong_officer, on=day)

    new_year = services.issue_document(
        cast.phong, doc=letter(), by=cast.phong_officer, on=datetime.date(2026, 1, 1)
    )

    assert (numbers(cast.phong, 2025), new_year.year, new_year.number) == (
        [(1, "PGDĐT-VP"), (2, "PGDĐT-VP")],
        2026,
        1,
    )


def test_issue_document_with_missing_parts_names_them_and_takes_no_number(cast):
    incomplete = letter(title="", signer=None, recipients=())

    with pytest.raises(docgen.DocumentIncomplete) as raised:
        services.issue_document(cast.phong, doc=incomplete, by=cast.phong_officer)

    assert (raised.value.missing, RegisterCounter.objects.count()) == (
        ["title", "signer", "recipients"],
        0,
    )


def test_issue_document_that_fails_to_render_rolls_back_its_number(cast):
    broken = letter(body=("not a block",))  # passes validation, breaks the renderer
    with pytest.raises(KeyError):
        services.issue_document(cast.phong, doc=broken, by=cast.phong_officer, on=MARCH)

    issued = services.issue_document(cast.phong, doc=letter(), by=cast.phong_officer, on=MARCH)

    assert (issued.number, OutgoingDocument.objects.count()) == (1, 1)


def test_issue_document_prints_the_letterhead_number_and_date_into_a_frozen_docx(cast):
    issued = services.issue_document(cast.phong, doc=letter(), by=cast.phong_officer, on=MARCH)

    printed = docx.Document(BytesIO(bytes(issued.docx)))
    header = [[cell.text for cell in row.cells] for row in printed.tables[0].rows]
    assert header == [
        ["UBND QUẬN HỒNG BÀNG\nPHÒNG GIÁO DỤC VÀ ĐÀO TẠO\n", NATIONAL_TITLE],
        [
            "Số: 01/PGDĐT-VP\nV/v Tuyên truyền kỷ niệm Ngày thành lập thành phố",
            "Hồng Bàng, ngày 05 tháng 3 năm 2026",
        ],
    ]


def test_issue_document_keeps_the_register_facts_and_is_audited(cast):
    issued = services.issue_document(cast.phong, doc=letter(), by=cast.phong_officer, on=MARCH)

    entry = AuditEntry.objects.get(object_type="documents.OutgoingDocument")
    assert (
        issued.type,
        issued.addressees,
        issued.recipients,
        issued.signer_name,
        issued.issued_by,
        entry.action,
        entry.unit_id,
        entry.changes["number"],
        entry.changes["symbol"],
    ) == (
        OutgoingType.LETTER,
        ["Hiệu trưởng các trường THCS"],
        ["Như trên", "Lãnh đạo phòng"],
        "Nguyễn Văn Hùng",
        cast.phong_officer,
        AuditAction.CREATE,
        cast.phong.pk,
        [None, 1],
        [None, "PGDĐT-VP"],
    )


def test_issue_document_keeps_the_issuing_body_the_document_gives(cast):
    doc = letter(issuing_body="HỘI ĐỒNG THI ĐUA", parent_body="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO")

    issued = services.issue_document(cast.phong, doc=doc, by=cast.phong_officer, on=MARCH)

    header = docx.Document(BytesIO(bytes(issued.docx))).tables[0].rows[0].cells[0].text
    assert header == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\nHỘI ĐỒNG THI ĐUA\n"


# --- Letterheads -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("so", ("SGDĐT", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "UBND THÀNH PHỐ HẢI PHÒNG", "Hải Phòng")),
        ("phong", ("PGDĐT", "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "UBND QUẬN HỒNG BÀNG", "Hồng Bàng")),
        (
            "school_a",
            (
                "THCSHB",
                "TRƯỜNG THCS HỒNG BÀNG",
                "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN HỒNG BÀNG",
                "Hồng Bàng",
            ),
        ),
        (
            "school_b",
            (
                "THLTT",
                "TRƯỜNG TIỂU HỌC LÝ TỰ TRỌNG",
                "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN HỒNG BÀNG",
                "Hồng Bàng",
            ),
        ),
    ],
)
def test_default_letterhead_follows_the_kind_and_name_of_the_unit(cast, unit, expected):
    letterhead = queries.letterhead_for(getattr(cast, unit))

    assert (
        letterhead.abbreviation,
        letterhead.issuing_body,
        letterhead.parent_body,
        letterhead.place,
        letterhead.drafting_unit,
        letterhead.pk,
    ) == (*expected, "VP", None)


def test_save_letterhead_changes_later_symbols_and_is_audited(cast):
    OutgoingDocumentFactory(unit=cast.phong, by=cast.phong_officer, on=MARCH)

    services.save_letterhead(
        cast.phong,
        by=cast.phong_leader,
        abbreviation="GDĐT",
        issuing_body="PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
        parent_body="UBND QUẬN HỒNG BÀNG",
        place="Hồng Bàng",
        drafting_unit="THCS",
    )
    later = OutgoingDocumentFactory(unit=cast.phong, by=cast.phong_officer, on=MARCH)

    entry = AuditEntry.objects.get(object_type="documents.Letterhead")
    assert (numbers(cast.phong), later.number_symbol, entry.changes["abbreviation"]) == (
        [(1, "PGDĐT-VP"), (2, "GDĐT-THCS")],
        "02/GDĐT-THCS",
        [None, "GDĐT"],
    )


def test_issue_document_uses_the_drafting_unit_given_for_a_letter(cast):
    LetterheadFactory(unit=cast.phong)

    issued = services.issue_document(
        cast.phong, doc=letter(), by=cast.phong_officer, drafting_unit="CTTT", on=MARCH
    )

    assert issued.number_symbol == "01/PGDĐT-CTTT"


def test_save_letterhead_without_an_abbreviation_changes_nothing(cast):
    with pytest.raises(ValidationError):
        services.save_letterhead(
            cast.phong, by=cast.phong_leader, abbreviation=" ", issuing_body="X", place="Y"
        )

    assert (
        Letterhead.objects.count(),
        AuditEntry.objects.filter(object_type="documents.Letterhead").count(),
    ) == (0, 0)


# --- Concurrency -------------------------------------------------------------------

ISSUERS = 8


@pytest.mark.django_db(transaction=True)
def test_issue_document_in_parallel_gives_each_number_once(cast):
    if connection.vendor == "sqlite":
        pytest.skip(
            "the test database on SQLite is in memory with a shared cache, where a second "
            "writer fails at once (table locked) instead of waiting; PostgreSQL runs this"
        )
    start = threading.Barrier(ISSUERS)
    errors: list[BaseException] = []

    def issue() -> None:
        try:
            start.wait()
            services.issue_document(cast.phong, doc=letter(), by=cast.phong_officer, on=MARCH)
        except BaseException as error:  # reported by the assert below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(ISSUERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    issued = sorted(OutgoingDocument.objects.values_list("number", flat=True))
    counter = RegisterCounter.objects.get(unit=cast.phong, year=2026)
    assert (errors, issued, counter.last_number) == ([], list(range(1, ISSUERS + 1)), ISSUERS)
