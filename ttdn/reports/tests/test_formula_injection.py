"""User text in the downloaded workbooks stays text: `=`, `+`, `-`, `@`, tab and CR payloads are
never stored as formulas (a school's narrative lands in the Phòng's consolidation)."""

from openpyxl import load_workbook

from ttdn.reports import excel, queries, services
from ttdn.reports.enums import Basis, IndicatorKind
from ttdn.reports.models import Submission
from ttdn.reports.tests.factories import open_round

PAYLOADS = [
    '=HYPERLINK("http://evil.example/","Bấm vào đây")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


def cells(workbook):
    book = load_workbook(workbook)
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def test_report_workbooks_keep_user_text_as_text(cast, form, at):
    services.add_indicator(
        form,
        section="III",
        code="note",
        name=PAYLOADS[0],
        kind=IndicatorKind.SHORT_TEXT,
        by=cast.phong_officer,
    )

    round_ = open_round(cast.phong, cast.phong_officer, form)
    at(2026, 4, 25)
    submission = Submission.objects.get(round=round_, unit=cast.school_a)
    services.save_values(
        submission,
        {"articles": "1", "results": "\n".join(PAYLOADS), "note": PAYLOADS[1]},
        by=cast.teacher_a,
    )
    services.submit_submission(submission, by=cast.teacher_a)
    data = queries.consolidation(round_, cast.phong, basis=Basis.SUBMITTED, narratives=None)

    written = cells(excel.template(round_, [submission])) + cells(
        excel.consolidation_workbook(data)
    )

    texts = {cell.value for cell in written if isinstance(cell.value, str)}
    assert [cell.coordinate for cell in written if cell.data_type == "f"] == []
    assert {"\n".join(PAYLOADS), PAYLOADS[0], PAYLOADS[1]} <= texts
