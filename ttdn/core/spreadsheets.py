"""Writing spreadsheets people download: every text is stored as text, so a value such as
`=HYPERLINK(…)`, `+1`, `-1` or `@SUM(…)` typed by a user is shown as typed and never run as a
formula when the workbook is opened (formula injection)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]
    width: int = 18


@dataclass(frozen=True)
class Table:
    """One sheet of a workbook: its title (31 characters at most), columns and rows."""

    title: str
    columns: Sequence[Column]
    rows: Iterable[Any]


def workbook(*tables: Table) -> bytes:
    """An .xlsx with one sheet per table, each a bold header row and one row per record;
    dates shown dd/mm/yyyy, moments in local time dd/mm/yyyy hh:mm."""
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.title[:31])
        append(sheet, [c.header for c in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, column in enumerate(table.columns, start=1):
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = column.width
        for row in table.rows:
            append(sheet, [column.value(row) for column in table.columns])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def append(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Add a row below the last one. Texts become string cells whatever they start with; a
    moment is written in local time (a spreadsheet has no time zones); numbers, dates and empty
    cells are written as they are. No export writes a row any other way."""
    sheet.append([_cell(sheet, v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, datetime.datetime):
            cell.number_format = "DD/MM/YYYY HH:MM"
        elif isinstance(cell.value, datetime.date):
            cell.number_format = "DD/MM/YYYY"


def _cell(sheet: Worksheet, value: Any) -> Any:
    if isinstance(value, str):
        return _text_cell(sheet, value)
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def _text_cell(sheet: Worksheet, text: str) -> Cell:
    cell = Cell(sheet)
    # Cell.value's setter reads a leading "=" as a formula; the raw value and an explicit type
    # keep it a string, written to the file as a shared string.
    cell._value = text
    cell.data_type = "s"
    return cell
