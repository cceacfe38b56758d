"""Figures read from an .xlsx file: one figure per row (unit code, dataset code, period, value,
note). Reading never writes: `read_sheet` gives every row with its errors in the reader's
language, for the preview; `import_sheet` keeps the file and records the rows as figures waiting
for a leader's approval (provenance: the file and its row), all or nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ttdn.core import audit, extract, spreadsheets
from ttdn.core.enums import AuditAction
from ttdn.core.feedback import errors_of
from ttdn.core.text import fold, nfc
from ttdn.org.models import Unit
from ttdn.reports.enums import PeriodKind
from ttdn.reports.periods import InvalidPeriod, Period
from ttdn.reports.periods import parse as parse_key
from ttdn.stats import services
from ttdn.stats.models import Dataset, Figure, ImportFile
from ttdn.stats.rules import can_enter_figures

# (header, field): the sheet's columns, in order; the headers are what officials type.
COLUMNS = [
    ("Mã đơn vị", "unit"),
    ("Mã chỉ tiêu", "dataset"),
    ("Kỳ", "period"),
    ("Giá trị", "value"),
    ("Ghi chú", "note"),
]
HEADERS = [header for header, _field in COLUMNS]
REQUIRED = HEADERS[:4]
MAX_ROWS = 5000

_SCHOOL_YEAR = re.compile(r"^(?:nam hoc\s*)?(\d{4})\s*[-–/]\s*(\d{4})$")
_SEMESTER = re.compile(r"^(?:hk|hoc ky)\s*([12])\s*(?:nam hoc\s*)?(\d{4})\s*[-–/]\s*(\d{4})$")
_YEAR = re.compile(r"^(?:nam\s*)?(\d{4})$")


class SheetRefused(Exception):
    """The file cannot be read at all (damaged, not .xlsx, too large, columns missing)."""


@dataclass
class Row:
    number: int
    unit_code: str
    dataset_code: str
    period_text: str
    value_text: str
    note: str = ""
    unit: Unit | None = None
    dataset: Dataset | None = None
    period: Period | None = None
    value: Decimal | None = None
    errors: list[str] = field(default_factory=list)


@dataclass
class Sheet:
    rows: list[Row]

    @property
    def errors(self) -> int:
        return sum(len(row.errors) for row in self.rows)

    @property
    def ready(self) -> bool:
        return bool(self.rows) and not self.errors


def parse_period(text: str) -> Period:
    """A period as officials write it: “2022-2023” or “Năm học 2022–2023” (a school year),
    “HK1 2022-2023” (a semester), “2023” or “Năm 2023” (a calendar year), or a key such as
    2022-SY. Raises InvalidPeriod."""
    folded = fold(nfc(text)).strip()
    if match := _SEMESTER.match(folded):
        number, start, end = (int(g) for g in match.groups())
        if end == start + 1:
            return Period(PeriodKind.SEMESTER, start, number)
    elif match := _SCHOOL_YEAR.match(folded):
        start, end = (int(g) for g in match.groups())
        if end == start + 1:
            return Period(PeriodKind.SCHOOL_YEAR, start)
    elif match := _YEAR.match(folded):
        return Period(PeriodKind.YEAR, int(match.group(1)))
    else:
        try:
            period = parse_key(text.strip())
        except InvalidPeriod:
            pass
        else:
            if period.kind in (PeriodKind.SCHOOL_YEAR, PeriodKind.SEMESTER, PeriodKind.YEAR):
                return period
    raise InvalidPeriod(
        _("Write the period as a school year (2022-2023), a semester (HK1 2022-2023) or a year "
          "(2023).")
    )  # fmt: skip


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).strip()


def read_sheet(data: bytes, unit: Unit, *, by: Any) -> Sheet:
    """Every filled row of the file, checked: the unit is `unit` or below it and the person may
    enter its figures, the dataset exists and is not a rate, the period and the number are
    readable, and no two rows give the same figure. Writes nothing. Raises SheetRefused."""
    try:  # the zip-bomb, row and damage checks every upload passes (core/extract.py)
        cells = extract.sheet_rows(data)
    except extract.ExtractionError as error:
        raise SheetRefused(str(error)) from error
    header = [_text(cell) for cell in (cells[0] if cells else [])]
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise SheetRefused(
            _("The first row must name the columns; missing: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    if len(cells) - 1 > MAX_ROWS:
        raise SheetRefused(_("At most %(count)d rows at a time.") % {"count": MAX_ROWS})
    index = {h: header.index(h) for h in HEADERS if h in header}

    def cell(row: tuple[Any, ...], h: str) -> str:
        at = index.get(h)
        return _text(row[at]) if at is not None and at < len(row) else ""

    rows = [
        Row(
            number,
            cell(raw, "Mã đơn vị"),
            cell(raw, "Mã chỉ tiêu"),
            cell(raw, "Kỳ"),
            cell(raw, "Giá trị"),
            cell(raw, "Ghi chú"),
        )
        for number, raw in enumerate(cells[1:], start=2)
        if any(_text(c) for c in raw)
    ]
    if not rows:
        raise SheetRefused(_("The sheet has no figures below its header row."))
    _check(rows, unit, by)
    return Sheet(rows)


def _check(rows: list[Row], unit: Unit, by: Any) -> None:
    codes = {row.unit_code for row in rows}
    units = {
        u.code: u
        for u in Unit.objects.filter(path__under=unit.path, code__in=codes).order_by("path")
    }
    datasets = {d.code: d for d in Dataset.objects.filter(code__in={r.dataset_code for r in rows})}
    allowed: dict[int, bool] = {}
    seen: dict[tuple[int, int, str], int] = {}
    for row in rows:
        row.unit = units.get(row.unit_code)
        if not row.unit_code:
            row.errors.append(_("The unit code is empty."))
        elif row.unit is None:
            row.errors.append(
                _("No unit with the code “%(code)s” in %(unit)s or below it.")
                % {"code": row.unit_code, "unit": unit.name}
            )
        elif not allowed.setdefault(row.unit.pk, can_enter_figures(by, row.unit)):
            row.errors.append(_("You may not enter figures for this unit."))
        row.dataset = datasets.get(row.dataset_code)
        if row.dataset is None:
            row.errors.append(
                _("No indicator with the code “%(code)s”.") % {"code": row.dataset_code}
            )
        elif row.dataset.is_rate:
            row.errors.append(_("A rate is computed from its two figures; enter those instead."))
        try:
            row.period = parse_period(row.period_text)
        except InvalidPeriod as error:
            row.errors.append(str(error))
        try:
            row.value = services.clean_value(row.value_text)
        except ValidationError as error:
            row.errors.extend(errors_of(error))
        if row.unit and row.dataset and row.period:
            key = (row.unit.pk, row.dataset.pk, row.period.key)
            if key in seen:
                row.errors.append(
                    _("The same figure is already on row %(row)s.") % {"row": seen[key]}
                )
            seen.setdefault(key, row.number)


@transaction.atomic
def import_sheet(data: bytes, filename: str, unit: Unit, *, by: Any) -> list[Figure]:
    """Keep the file and record one figure per row, each waiting for a leader's approval with
    the file and its row as provenance. Nothing is written unless every row is right. Raises
    SheetRefused, ValidationError (the rows' errors), PermissionDenied."""
    if not can_enter_figures(by, unit):
        raise PermissionDenied(_("You may not enter figures for this unit."))
    sheet = read_sheet(data, unit, by=by)
    if not sheet.ready:
        raise ValidationError(
            _("%(count)s rows have errors: nothing was recorded.")
            % {"count": sum(1 for row in sheet.rows if row.errors)}
        )
    kept = ImportFile(unit=unit, filename=nfc(filename)[:255] or "so-lieu.xlsx", by=by)
    kept.file.save(kept.filename, ContentFile(data), save=False)
    kept.rows = len(sheet.rows)
    kept.save()
    audit.record(AuditAction.CREATE, kept, by=by, unit_id=unit.pk)
    figures = []
    for row in sheet.rows:
        assert row.unit and row.dataset and row.period
        figures.append(
            services.enter_figure(
                row.dataset, row.unit, period=row.period, value=row.value_text, by=by,
                note=row.note, import_file=kept.filename, import_row=row.number, source=kept,
            )
        )  # fmt: skip
    return figures


def template(unit: Unit) -> bytes:
    """An empty sheet with the column headers and the codes officials need: the units (the
    given one and those below it) and the datasets that can be entered."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Số liệu"
    spreadsheets.append(sheet, HEADERS)
    spreadsheets.append(sheet, [unit.code, "", "2024-2025", "", ""])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    codes = book.create_sheet("Mã chỉ tiêu")
    spreadsheets.append(codes, ["Mã chỉ tiêu", "Tên", "Đơn vị tính"])
    for d in Dataset.objects.filter(numerator__isnull=True):
        spreadsheets.append(codes, [d.code, d.name, d.measure])
    units = book.create_sheet("Mã đơn vị")
    spreadsheets.append(units, ["Mã đơn vị", "Tên đơn vị"])
    for u in Unit.objects.filter(path__under=unit.path).order_by("path")[:MAX_ROWS]:
        spreadsheets.append(units, [u.code, u.name])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
