"""Excel: a round's form as a template to fill in offline (one row per unit), reading it back
with errors by row and column and nothing written unless every row is right, and a
consolidation as a workbook."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import IO, Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ttdn.core import extract, spreadsheets
from ttdn.org.models import User
from ttdn.reports import rules, services
from ttdn.reports.models import Indicator, Round, Submission
from ttdn.reports.queries import Consolidation
from ttdn.reports.validation import ValuesInvalid

UNIT_CODE = "Mã đơn vị"
UNIT_NAME = "Tên đơn vị"
FIRST_DATA_ROW = 3  # row 1: codes, row 2: indicator names
BOLD = Font(bold=True)


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


class UploadInvalid(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(f"{e.row}/{e.column}: {e.message}" for e in errors))
        self.errors = errors


def template(round_: Round, submissions: list[Submission]) -> BytesIO:
    """A workbook with the indicator codes in row 1, their names in row 2 and one row per
    report with its current values."""
    indicators = list(round_.form_version.indicators.all())
    book = Workbook()
    sheet = book.active
    sheet.title = "Báo cáo"
    spreadsheets.append(sheet, [UNIT_CODE, UNIT_NAME, *[i.code for i in indicators]])
    names = full_names(indicators)
    spreadsheets.append(
        sheet,
        ["", "", *[names[i.pk] + (f" ({i.measure})" if i.measure else "") for i in indicators]],
    )
    for submission in submissions:
        values = {
            v.indicator_id: v.as_json() for v in submission.values.select_related("indicator")
        }
        spreadsheets.append(
            sheet,
            [
                submission.unit.code,
                submission.unit_name,
                *[_cell(values.get(i.pk)) for i in indicators],
            ],
        )
    for cell in (*sheet[1], *sheet[2]):
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index in range(1, len(indicators) + 3):
        sheet.column_dimensions[get_column_letter(index)].width = 30 if index == 2 else 16
    sheet.freeze_panes = "C3"
    return _saved(book)


def full_names(indicators: Iterable[Indicator]) -> dict[int, str]:
    """Each indicator's name, a category's after its parent's: “Số tin bài — Tiếng Anh”."""
    indicators = list(indicators)
    names = {i.pk: i.name for i in indicators}
    return {
        i.pk: f"{names[i.parent_id]} — {i.name}" if i.parent_id in names else i.name
        for i in indicators
    }


def _cell(value: Any) -> Any:
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return value
    return int(number) if number.is_integer() else number


def _saved(book: Workbook) -> BytesIO:
    out = BytesIO()
    book.save(out)
    out.seek(0)
    return out


def upload(round_: Round, file: IO[bytes], *, allowed: list[Submission], by: Any) -> int:
    """Store every row of a filled template. Raises UploadInvalid listing each bad row and
    column; then nothing is written. Returns the number of reports changed."""
    try:
        rows = extract.sheet_rows(file)  # zip-bomb and row limits (ttdn.core.extract)
    except extract.ExtractionError as error:
        raise UploadInvalid([RowError(0, "", str(error))]) from error
    if not rows or not rows[0] or rows[0][0] != UNIT_CODE:
        raise UploadInvalid([RowError(1, "A", _("Row 1 must be the template's header row."))])
    header = [str(c or "").strip() for c in rows[0]]
    by_code = {s.unit.code: s for s in allowed}
    errors: list[RowError] = []
    changed = 0
    with transaction.atomic():
        for number, row in enumerate(rows[FIRST_DATA_ROW - 1 :], start=FIRST_DATA_ROW):
            if not any(c not in (None, "") for c in row):
                continue
            changed += _upload_row(number, header, row, by_code, errors, by)
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise UploadInvalid(errors)
    return changed


UPLOAD_JOB = "reports.excel"


def fillable(user: Any, round_: Round) -> list[Submission]:
    """The reports of `round_` that `user` may fill in: what an upload of theirs may write."""
    return [
        s
        for s in Submission.objects.visible_to(user).filter(round=round_).select_related("unit")
        if rules.can_fill(user, s)
    ]


def read_upload(data: bytes, filename: str, params: dict[str, Any]) -> dict[str, Any]:
    """What the worker does with a filled template (`core.uploads`): store every row for the
    person who sent it, in their language, or none of them. The result names the round, the
    reports changed and each bad row."""
    round_ = Round.objects.get(pk=params["round"])
    user = User.objects.get(pk=params["by"])
    with translation.override(params.get("language") or None):
        try:
            changed = upload(round_, BytesIO(data), allowed=fillable(user, round_), by=user)
        except UploadInvalid as error:
            errors = [[e.row, e.column, e.message] for e in error.errors]
            return {"round": round_.pk, "changed": 0, "errors": errors}
    return {"round": round_.pk, "changed": changed, "errors": []}


def _upload_row(
    number: int,
    header: list[str],
    row: tuple[Any, ...],
    by_code: dict[str, Submission],
    errors: list[RowError],
    by: Any,
) -> int:
    code = str(row[0] or "").strip()
    submission = by_code.get(code)
    if submission is None:
        errors.append(
            RowError(
                number,
                "A",
                _("You cannot fill in a report of unit “%(code)s” in this round.") % {"code": code},
            )
        )
        return 0
    raw = {header[i]: _raw(row[i]) for i in range(2, min(len(header), len(row))) if header[i]}
    try:
        return int(bool(services.save_values(submission, raw, by=by)))
    except ValuesInvalid as error:
        for key, message in error.errors.items():
            column = get_column_letter(header.index(key) + 1) if key in header else ""
            errors.append(RowError(number, column, message))
    except services.Locked as error:
        errors.append(RowError(number, "A", str(error)))
    return 0


def _raw(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, int | float):
        return value  # validation reads a float without turning 1e+20 into text first
    return str(value)


def consolidation_workbook(data: Consolidation) -> BytesIO:
    """The consolidation's table (total, each child unit, each level) and its narratives."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Tổng hợp"
    spreadsheets.append(sheet, [data.round.title])
    spreadsheets.append(sheet, [data.unit.name, data.round.period.label])
    spreadsheets.append(sheet, [])
    spreadsheets.append(
        sheet,
        [
            "Mã",
            "Chỉ tiêu",
            "Đơn vị tính",
            "Tổng hợp",
            "Số đơn vị",
            *[c.name for c in data.children],
            *[lv.name for lv in data.levels],
        ],
    )
    for cell in sheet[4]:
        cell.font = BOLD
    names = full_names(row.indicator for row in data.rows)
    for row in data.rows:
        i = row.indicator
        spreadsheets.append(
            sheet,
            [
                i.code,
                names[i.pk],
                i.measure,
                _cell(row.total),
                row.count,
                *[_cell(v) for v in row.by_child],
                *[_cell(v) for v in row.by_level],
            ],
        )
    notes = book.create_sheet("Thuyết minh")
    spreadsheets.append(notes, ["Mã", "Chỉ tiêu", "Đơn vị", "Nội dung"])
    for narrative in data.narratives:
        for entry in narrative.entries:
            spreadsheets.append(
                notes,
                [narrative.indicator.code, narrative.indicator.name, entry.unit_name, entry.text],
            )
    return _saved(book)
