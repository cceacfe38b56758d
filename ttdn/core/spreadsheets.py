"""Writing spreadsheets people download: every text is stored as text, so a value such as
`=HYPERLINK(…)`, `+1`, `-1` or `@SUM(…)` typed by a user is shown as typed and never run as a
formula when the workbook is opened (formula injection)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet


def append(sheet: Worksheet, values: Iterable[Any]) -> None:
    """Add a row below the last one. Texts become string cells whatever they start with; numbers,
    dates and empty cells are written as they are. No export writes a row any other way."""
    sheet.append([_text_cell(sheet, v) if isinstance(v, str) else v for v in values])


def _text_cell(sheet: Worksheet, text: str) -> Cell:
    cell = Cell(sheet)
    # Cell.value's setter reads a leading "=" as a formula; the raw value and an explicit type
    # keep it a string, written to the file as a shared string.
    cell._value = text
    cell.data_type = "s"
    return cell
