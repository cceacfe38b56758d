import datetime
import html
import io
import re
import zipfile

import pytest

from ttdn import docgen
from ttdn.plans import exports, markup, services
from ttdn.plans.importer import import_file
from ttdn.plans.tests.factories import SEED_000, SEED_001, imported, issue


def _text(data: bytes) -> str:
    """All the text of the document body (header and signature tables included), paragraphs
    separated by a space."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    text = html.unescape(re.sub(r"<[^>]+>", "", xml.replace("</w:p>", " ")))
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("seed", [SEED_000, SEED_001])
def test_plan_docx_prints_every_heading_and_paragraph_of_the_seed(cast, seed):
    parsed = import_file(seed)
    plan = imported(cast.phong, seed)

    printed = _text(exports.docx_bytes(plan))

    expected = [
        re.sub(r"\s+", " ", re.sub(r"^-\s+", "", text))
        for section in parsed.sections
        for node in section.walk()
        for text in ([node.heading] if node.heading else []) + list(node.paragraphs)
    ]
    assert [text for text in expected if text not in printed] == []


def test_plan_document_splits_the_authority_line_of_seed_001(cast):
    plan = imported(cast.phong, SEED_001)

    doc = exports.plan_document(plan)

    assert (doc.signer.title_lines(), doc.number, doc.symbol, doc.archive) == (
        ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG"],
        242,
        "KH-PGDĐT",
        ("VT", "CTTT"),
    )


def test_issued_plan_prints_the_frozen_register_copy(cast, at):
    at(2026, 3, 1)
    plan = issue(imported(cast.phong, SEED_000), cast.phong_leader)

    printed = exports.docx_bytes(plan)

    assert printed == bytes(plan.outgoing.docx)
    assert "Số: 01/KH-PGDĐT" in _text(printed)


def test_plan_pdf_is_a_pdf(cast):
    if not docgen.pdf_available():
        pytest.fail("LibreOffice is needed to print plans as PDF")
    plan = imported(cast.phong, SEED_001)

    assert exports.pdf_bytes(plan)[:5] == b"%PDF-"


def _paragraph(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"^[-+•]\s+", "", text.strip()))


def test_reprinted_seed_001_matches_the_seed_paragraph_by_paragraph(cast):
    from docx import Document as read_docx

    parsed = import_file(SEED_001)
    plan = imported(cast.phong, SEED_001)

    printed = [
        _paragraph(p.text)
        for p in read_docx(io.BytesIO(exports.docx_bytes(plan))).paragraphs
        if p.text.strip()
    ]

    expected = [
        _paragraph(text)
        for section in parsed.sections
        for node in section.walk()
        for text in ([node.heading] if node.heading else []) + list(node.paragraphs)
    ]
    start = printed.index(expected[0])
    assert printed[start : start + len(expected)] == expected


def _printed_parts(plan) -> list[str]:
    """Every heading, paragraph and task title the plan holds, spaces normalised."""
    parts = [s.heading for s in plan.sections.all() if s.heading]
    parts += [p for s in plan.sections.all() for p in markup.paragraphs(s.body)]
    parts += [t.title for t in plan.tasks.all()]
    return [re.sub(r"\s+", " ", re.sub(r"^-\s+", "", p)) for p in parts]


def test_derived_plan_prints_everything_it_holds_with_the_schools_own_tasks(cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)
    plan = services.start_plan(submission, by=cast.teacher_a)
    services.update_plan(
        plan,
        by=cast.teacher_a,
        title=plan.title,
        place="Hồng Bàng",
        recipients=["Phòng GDĐT", "Lưu: VT"],
        signer_authority="",
        signer_position="Hiệu trưởng",
        signer_name="Trần Thị Mai",
    )
    section = plan.sections.exclude(heading="").first()
    services.add_task(
        plan, title="Tổ chức chuyên đề trường học hạnh phúc", section=section, by=cast.teacher_a
    )
    services.add_task(
        plan,
        title="Cập nhật chuyên mục gương điển hình",
        due=datetime.date(2026, 12, 20),
        evidence="Tin bài trên trang",
        by=cast.teacher_a,
    )

    printed = _text(exports.docx_bytes(plan))

    assert [part for part in _printed_parts(plan) if part not in printed] == []
    assert printed.count("Cập nhật chuyên mục gương điển hình") == 1
    assert "hạn 20/12/2026" in printed


def test_imported_plan_prints_each_task_once(cast):
    plan = imported(cast.phong, SEED_000)

    printed = _text(exports.docx_bytes(plan))

    assert [t.title for t in plan.tasks.all() if printed.count(t.title) != 1] == []
