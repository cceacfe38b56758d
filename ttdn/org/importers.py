"""Create or update units from a spreadsheet (.xlsx or .csv) with Vietnamese headers.

The whole file is checked first; if any row is wrong, every problem is reported with its row
and column, and nothing of the file is written.
"""

from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ttdn.core import audit, extract
from ttdn.core.enums import AuditAction
from ttdn.core.text import fold, nfc
from ttdn.org import services
from ttdn.org.enums import UnitKind, UnitLevel
from ttdn.org.models import Unit, UnitGroup, validate_unit_slug

# Folded header → field. Several spellings are accepted for each column.
HEADERS = {
    "ma don vi": "code",
    "ma": "code",
    "ten don vi": "name",
    "ten": "name",
    "ten viet tat": "short_name",
    "ten ngan": "short_name",
    "loai don vi": "kind",
    "loai": "kind",
    "cap": "level",
    "ma don vi cap tren": "parent",
    "don vi cap tren": "parent",
    "ma cap tren": "parent",
    "duong dan": "slug",
    "ten mien": "hostname",
    "ngay thanh lap": "opened_on",
    "ngay giai the": "closed_on",
    "ngay dong": "closed_on",
    "nhom": "groups",
}
REQUIRED = ("code", "name", "kind")
COLUMN_LABELS = {
    "code": "Mã đơn vị",
    "name": "Tên đơn vị",
    "short_name": "Tên viết tắt",
    "kind": "Loại đơn vị",
    "level": "Cấp",
    "parent": "Mã đơn vị cấp trên",
    "slug": "Đường dẫn",
    "hostname": "Tên miền",
    "opened_on": "Ngày thành lập",
    "closed_on": "Ngày giải thể",
    "groups": "Nhóm",
}
KIND_ALIASES = {
    "bo": UnitKind.MINISTRY,
    "bo gddt": UnitKind.MINISTRY,
    "so gddt": UnitKind.DEPARTMENT,
    "so": UnitKind.DEPARTMENT,
    "phong gddt": UnitKind.DISTRICT_OFFICE,
    "phong": UnitKind.DISTRICT_OFFICE,
    "ubnd tinh": UnitKind.PROVINCE_COMMITTEE,
    "ubnd thanh pho": UnitKind.PROVINCE_COMMITTEE,
    "ubnd huyen": UnitKind.DISTRICT_COMMITTEE,
    "ubnd quan": UnitKind.DISTRICT_COMMITTEE,
    "ubnd xa": UnitKind.COMMUNE_COMMITTEE,
    "ubnd phuong": UnitKind.COMMUNE_COMMITTEE,
    "mam non": UnitKind.PRESCHOOL,
    "tieu hoc": UnitKind.PRIMARY,
    "thcs": UnitKind.LOWER_SECONDARY,
    "thpt": UnitKind.UPPER_SECONDARY,
    "lien cap": UnitKind.MULTI_LEVEL,
    "gdtx": UnitKind.CONTINUING,
    "trung tam": UnitKind.CENTRE,
    "khac": UnitKind.OTHER,
}
LEVEL_ALIASES = {
    "trung uong": UnitLevel.CENTRAL,
    "tinh": UnitLevel.PROVINCE,
    "huyen": UnitLevel.DISTRICT,
    "xa": UnitLevel.COMMUNE,
    "truong": UnitLevel.SCHOOL,
}


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.row:  # about the whole file
            return self.message
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class ImportFailed(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class UnitRow:
    row: int
    values: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int


def read_table(path: Path) -> list[list[Any]]:
    """The cells of the first sheet (.xlsx) or of the CSV file (comma or semicolon, UTF-8)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ImportFailed([RowError(0, "", _("Only .xlsx and .csv files can be imported."))])
    try:
        if suffix == ".xlsx":
            return [list(row) for row in extract.sheet_rows(path.read_bytes())]
        text = path.read_bytes().decode("utf-8-sig")
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;	")
        return [list(row) for row in extract.bounded_rows(csv.reader(io.StringIO(text), dialect))]
    except extract.ExtractionError:
        raise  # a limit or a damaged file, said in the extractor's words
    except Exception as error:  # openpyxl raises many kinds on a file that is not a workbook
        message = _("%(file)s is not a spreadsheet that can be read (.xlsx, or .csv in UTF-8).")
        raise ImportFailed([RowError(0, "", message % {"file": path.name})]) from error


def import_units(path: Path, *, by: Any) -> ImportResult:
    """Check every row, then create or update all units in one transaction. Raises ImportFailed."""
    try:
        table = read_table(path)
    except extract.ExtractionError as error:
        raise ImportFailed([RowError(0, "", str(error))]) from error
    except (OSError, UnicodeDecodeError, csv.Error, ValueError, KeyError) as error:
        raise ImportFailed(
            [RowError(0, "", _("The file cannot be read: %(error)s") % {"error": error})]
        ) from error
    rows, errors = parse_rows(table)
    errors += check_references(rows)
    if errors:
        raise ImportFailed(errors)
    return write_rows(rows, by=by, source=path.name)


def parse_rows(table: list[list[Any]]) -> tuple[list[UnitRow], list[RowError]]:
    if not table:
        return [], [RowError(1, "", _("The file is empty."))]
    columns = [HEADERS.get(fold(str(h or ""))) for h in table[0]]
    missing = [COLUMN_LABELS[c] for c in REQUIRED if c not in columns]
    if missing:
        return [], [
            RowError(1, m, _("this column is missing from the header row.")) for m in missing
        ]
    rows, errors = [], []
    for number, cells in enumerate(table[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        row = UnitRow(number, {col: cell for col, cell in zip(columns, cells, strict=False) if col})
        errors += clean_row(row)
        rows.append(row)
    return rows, errors


def clean_row(row: UnitRow) -> list[RowError]:
    errors = []
    for column, value in list(row.values.items()):
        try:
            row.values[column] = CLEANERS[column](value)
        except ValueError as error:
            errors.append(RowError(row.row, COLUMN_LABELS[column], str(error)))
    failed = {e.column for e in errors}
    for column in REQUIRED:
        if COLUMN_LABELS[column] not in failed and not row.values.get(column):
            errors.append(RowError(row.row, COLUMN_LABELS[column], _("a value is required.")))
    return errors


def _text(value: Any) -> str:
    return nfc(str(value)).strip() if value is not None else ""


def _kind(value: Any) -> str:
    text = _text(value)
    if not text:
        return ""
    folded = fold(text).removeprefix("truong ").strip()
    kind = KIND_ALIASES.get(folded) or next(
        (k for k in UnitKind if fold(str(k.label)) == fold(text) or k.value == text), None
    )
    if kind is None:
        raise ValueError(
            _(
                "“%(value)s” is not a kind of unit (e.g. Sở GDĐT, Phòng GDĐT, Mầm non, Tiểu học, THCS, THPT)."
            )
            % {"value": text}
        )
    return str(kind)


def _level(value: Any) -> str:
    text = fold(_text(value))
    if not text:
        return ""
    level = LEVEL_ALIASES.get(text) or next((lv for lv in UnitLevel if lv.value == text), None)
    if level is None:
        raise ValueError(
            _("“%(value)s” is not a level (Trung ương, Tỉnh, Huyện, Xã, Trường).")
            % {"value": value}
        )
    return str(level)


def _date(value: Any) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(str(value).strip(), pattern).date()
        except ValueError:
            continue
    raise ValueError(_("“%(value)s” is not a date; write it as dd/mm/yyyy.") % {"value": value})


def _slug(value: Any) -> str:
    text = _text(value)
    try:
        validate_unit_slug(text)
    except ValidationError as error:
        raise ValueError("; ".join(error.messages)) from error
    return text


def _groups(value: Any) -> list[str]:
    return [code.strip() for code in _text(value).replace(",", ";").split(";") if code.strip()]


CLEANERS = {
    "code": _text,
    "name": _text,
    "short_name": _text,
    "kind": _kind,
    "level": _level,
    "parent": _text,
    "slug": _slug,
    "hostname": lambda v: _text(v).lower(),
    "opened_on": _date,
    "closed_on": _date,
    "groups": _groups,
}


def check_references(rows: list[UnitRow]) -> list[RowError]:
    """Codes are unique in the file; parents and groups exist in the file or the database."""
    errors, seen = [], set()
    codes_in_file = {r.values.get("code") for r in rows}
    parents = {r.values.get("parent") for r in rows} - codes_in_file - {""}
    known_parents = set(Unit.objects.filter(code__in=parents).values_list("code", flat=True))
    groups = {g for r in rows for g in r.values.get("groups", [])}
    known_groups = set(UnitGroup.objects.filter(code__in=groups).values_list("code", flat=True))
    for row in rows:
        code, parent = row.values.get("code"), row.values.get("parent", "")
        if code in seen:
            errors.append(
                RowError(
                    row.row,
                    COLUMN_LABELS["code"],
                    _("the code %(code)s appears twice in the file.") % {"code": code},
                )
            )
        seen.add(code)
        if parent and parent not in codes_in_file and parent not in known_parents:
            errors.append(
                RowError(
                    row.row,
                    COLUMN_LABELS["parent"],
                    _("no unit has the code %(code)s.") % {"code": parent},
                )
            )
        errors += [
            RowError(
                row.row, COLUMN_LABELS["groups"], _("no group has the code %(code)s.") % {"code": g}
            )
            for g in row.values.get("groups", [])
            if g not in known_groups
        ]
    return errors + check_cycles(rows)


def check_cycles(rows: list[UnitRow]) -> list[RowError]:
    parent_of = {r.values["code"]: r.values.get("parent", "") for r in rows if r.values.get("code")}
    errors = []
    for row in rows:
        code, steps = row.values.get("code"), 0
        current = parent_of.get(code, "")
        while current in parent_of and steps <= len(parent_of):
            if current == code:
                errors.append(
                    RowError(
                        row.row,
                        COLUMN_LABELS["parent"],
                        _("the parents of this unit go round in a circle."),
                    )
                )
                break
            current, steps = parent_of[current], steps + 1
    return errors


def ordered(rows: list[UnitRow]) -> list[UnitRow]:
    """Rows sorted so that a parent defined in the file comes before its children."""
    by_code = {r.values["code"]: r for r in rows}

    def depth(row: UnitRow) -> int:
        steps, parent = 0, row.values.get("parent", "")
        while parent in by_code and steps <= len(by_code):
            parent, steps = by_code[parent].values.get("parent", ""), steps + 1
        return steps

    return sorted(rows, key=depth)


@transaction.atomic
def write_rows(rows: list[UnitRow], *, by: Any, source: str) -> ImportResult:
    created = updated = 0
    errors = []
    for row in ordered(rows):
        try:
            was_new = upsert(row, by=by)
        except ValidationError as error:
            errors += [
                RowError(row.row, COLUMN_LABELS.get(f, f), "; ".join(m))
                for f, m in error.message_dict.items()
            ]
            continue
        created, updated = created + was_new, updated + (not was_new)
    if errors:
        transaction.set_rollback(True)
        raise ImportFailed(errors)
    audit.record(
        AuditAction.IMPORT,
        by=by,
        object_repr=source,
        changes={"created": created, "updated": updated},
    )
    return ImportResult(created, updated)


def upsert(row: UnitRow, *, by: Any) -> bool:
    """Create or update the unit of one row; returns True when it was created."""
    values = dict(row.values)
    parent_code, groups, closed_on = (
        values.pop("parent", ""),
        values.pop("groups", []),
        values.pop("closed_on", None),
    )
    parent = Unit.objects.get(code=parent_code) if parent_code else None
    fields = {k: v for k, v in values.items() if v not in ("", None)}
    fields["hostname"] = fields.get("hostname") or None
    unit = Unit.objects.filter(code=values["code"]).first()
    created = unit is None
    if unit is None:
        unit = services.create_unit(parent=parent, by=by, **fields)
    else:
        fields.pop("code")
        services.update_unit(unit, by=by, **fields)
        if unit.parent_id != getattr(parent, "pk", None):
            services.move_unit(unit, to_parent=parent, by=by)
    if closed_on and unit.closed_on != closed_on:
        services.close_unit(unit, on=closed_on, by=by)
    for group in UnitGroup.objects.filter(code__in=groups):
        group.members.add(unit)
    return created
