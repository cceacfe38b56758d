"""The activity registry as .xlsx with Vietnamese headers, and reading it back: every row is
checked by the same service that records one by hand, errors are named by row and column, and
nothing is written unless every row is right."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ttdn.activities import services
from ttdn.activities.enums import ActivityKind
from ttdn.activities.models import Activity
from ttdn.core import access, extract, spreadsheets
from ttdn.core.text import fold
from ttdn.plans.models import PlanTask

# (header, field): the sheet's columns, in order. Status is exported, never imported.
COLUMNS = [
    ("Mã đơn vị", "unit"),
    ("Loại hoạt động", "kind"),
    ("Tên hoạt động", "title"),
    ("Ngày bắt đầu", "starts_on"),
    ("Ngày kết thúc", "ends_on"),
    ("Địa điểm", "place"),
    ("Mô tả", "description"),
    ("Cán bộ quản lý", "officials"),
    ("Giáo viên", "teachers"),
    ("Học sinh", "pupils"),
    ("Phụ huynh", "parents"),
    ("Khách nước ngoài", "foreign_guests"),
    ("Mã nhiệm vụ kế hoạch", "tasks"),
    ("Trạng thái", "status"),
]
HEADERS = [header for header, _field in COLUMNS]
COUNTS = ("officials", "teachers", "pupils", "parents", "foreign_guests")
MAX_ROWS = 2000


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


class ImportRefused(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(f"{e.row}/{e.column}: {e.message}" for e in errors))
        self.errors = errors


def _kind_labels() -> dict[str, str]:
    """Folded Vietnamese label (and value) → kind, so a sheet typed by hand is read too."""
    with translation.override("vi"):
        labels = {fold(str(kind.label)): kind.value for kind in ActivityKind}
    return {**labels, **{kind.value: kind.value for kind in ActivityKind}}


def export_activities(activities: Iterable[Activity]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Hoạt động"
    spreadsheets.append(sheet, HEADERS)
    with translation.override("vi"):
        for a in activities:
            spreadsheets.append(sheet, [
                a.unit.code, str(a.get_kind_display()), a.title, a.starts_on, a.ends_on, a.place,
                a.description, *[getattr(a, name) for name in COUNTS],
                ", ".join(str(task.pk) for task in a.tasks.all()), str(a.get_status_display()),
            ])  # fmt: skip
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index in range(1, len(HEADERS) + 1):
        sheet.column_dimensions[get_column_letter(index)].width = 40 if index in (3, 7) else 16
    for row in sheet.iter_rows(min_row=2, min_col=4, max_col=5):
        for cell in row:
            cell.number_format = "DD/MM/YYYY"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def import_activities(file: IO[bytes], *, by: Any) -> list[Activity]:
    """Draft one activity per row of a sheet in the export's shape. Raises ImportRefused with
    every error (row, column header, message); then nothing is saved."""
    try:  # the zip-bomb, row and damage checks every upload passes (core/extract.py)
        rows = extract.sheet_rows(file)
    except extract.ExtractionError as error:
        raise ImportRefused([RowError(1, "", str(error))]) from error
    header = [str(cell or "").strip() for cell in (rows[0] if rows else [])]
    missing = [h for h in HEADERS[:-1] if h not in header]
    if missing:
        raise ImportRefused([RowError(1, h, _("This column is missing.")) for h in missing])
    if len(rows) - 1 > MAX_ROWS:
        raise ImportRefused(
            [RowError(1, "", _("At most %(count)d rows at a time.") % {"count": MAX_ROWS})]
        )
    index = {h: header.index(h) for h in HEADERS[:-1]}
    errors: list[RowError] = []
    created: list[Activity] = []
    with transaction.atomic():
        for number, row in enumerate(rows[1:], start=2):
            if not any(cell not in (None, "") for cell in row):
                continue
            values = {
                field: row[index[h]] if index[h] < len(row) else None for h, field in COLUMNS[:-1]
            }
            try:
                created.append(_import_row(values, by=by))
            except _CellError as error:
                errors.append(RowError(number, error.header, error.message))
            except (ValidationError, PermissionDenied) as error:
                errors.extend(_row_errors(number, error))
        if not created and not errors:
            errors.append(RowError(2, "", _("The sheet has no activities.")))
        if errors:
            transaction.set_rollback(True)
    if errors:
        raise ImportRefused(errors)
    return created


class _CellError(Exception):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.header = next(h for h, f in COLUMNS if f == field)
        self.message = message


def _date(field: str, value: Any, *, required: bool) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value or "").strip()
    if not text:
        if required:
            raise _CellError(field, _("A date is needed."))
        return None
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError as error:
        raise _CellError(field, _("Write the date as dd/mm/yyyy.")) from error


def _count(field: str, value: Any) -> int:
    if value in (None, ""):
        return 0
    try:
        number = (
            int(str(value).strip().split(".")[0])
            if not isinstance(value, (int, float))
            else int(value)
        )
    except ValueError as error:
        raise _CellError(field, _("Write a whole number.")) from error
    if number < 0 or (isinstance(value, float) and not value.is_integer()):
        raise _CellError(field, _("Write a whole number."))
    return number


def _import_row(values: dict[str, Any], *, by: Any) -> Activity:
    code = str(values["unit"] or "").strip()
    unit = access.supervised_units(by, access.WRITING_ROLES).filter(code=code).first()
    if unit is None:
        raise _CellError(
            "unit", _("No unit you write for has the code “%(code)s”.") % {"code": code}
        )
    kind = _kind_labels().get(fold(str(values["kind"] or "")))
    if kind is None:
        raise _CellError("kind", _("Unknown kind of activity."))
    ids = [
        part.strip()
        for part in str(values["tasks"] or "").replace(";", ",").split(",")
        if part.strip()
    ]
    if not all(part.isdigit() for part in ids):
        raise _CellError("tasks", _("Write task numbers separated by commas."))
    tasks = list(PlanTask.objects.filter(pk__in=ids).select_related("plan__unit"))
    if len(tasks) != len(set(ids)):
        raise _CellError("tasks", _("Some of these tasks do not exist."))
    counts: dict[str, Any] = {name: _count(name, values[name]) for name in COUNTS}
    return services.record_activity(
        unit, by=by, tasks=tasks, kind=kind,
        title=str(values["title"] or "").strip(),
        starts_on=_date("starts_on", values["starts_on"], required=True),
        ends_on=_date("ends_on", values["ends_on"], required=False),
        place=str(values["place"] or "").strip(),
        description=str(values["description"] or "").strip(),
        **counts,
    )  # fmt: skip


def _row_errors(number: int, error: ValidationError | PermissionDenied) -> list[RowError]:
    if isinstance(error, PermissionDenied) or not hasattr(error, "error_dict"):
        messages = [str(error)] if isinstance(error, PermissionDenied) else error.messages
        return [RowError(number, "", str(m)) for m in messages]
    headers = dict((field, header) for header, field in COLUMNS)
    return [
        RowError(number, headers.get(field.removesuffix("_id"), ""), str(message))
        for field, messages in error.message_dict.items()
        for message in messages
    ]
