"""Read the reference list of legal documents into rows for services.load_legal_documents.

`data/legal_documents.csv` is a copy of shared/data/legal_documents.csv: the documents the
seed plans cite, with the metadata we verified. Each row's `verified` column is yes / partly /
no, optionally followed by a reason in brackets ("partly (issue date unverified)"); the mark
and its reason are kept on the document and shown wherever it is.
"""

from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from ttdn.core.text import fold, nfc
from ttdn.documents.citations import TYPE_NAMES
from ttdn.documents.enums import Classification, DocumentStatus, DocumentType, Verification

LEGAL_DOCUMENTS_FILE = Path(__file__).resolve().parent / "data" / "legal_documents.csv"
COLUMNS = [
    "type",
    "number_symbol",
    "issued_on",
    "issuer",
    "title",
    "effective_on",
    "status",
    "replaced_by",
    "verified",
    "source",
]
VERIFICATION = {
    "yes": Verification.VERIFIED,
    "partly": Verification.PARTLY,
    "no": Verification.UNVERIFIED,
}
TYPE_BY_NAME = {
    fold(name): DocumentType(kind.value) for kind, names in TYPE_NAMES.items() for name in names
}
_MARK = re.compile(r"^\s*(?P<mark>\w+)\s*(?:\((?P<note>[^)]*)\))?\s*$")


class ImportFailed(Exception):
    """A reference file that cannot be read; `errors` says where and why, one line each."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def read_legal_documents(path: Path = LEGAL_DOCUMENTS_FILE) -> list[dict[str, Any]]:
    """Rows of the CSV as document fields plus `status` and `replaced_by`. Raises ImportFailed listing every bad row."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            records = list(reader)
            header = reader.fieldnames or []
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ImportFailed(
            [_("%(file)s cannot be read: %(error)s") % {"file": path, "error": error}]
        ) from error
    if missing := [c for c in COLUMNS if c not in header]:
        raise ImportFailed(
            [
                _("%(file)s lacks the columns: %(columns)s")
                % {"file": path, "columns": ", ".join(missing)}
            ]
        )
    rows, errors = [], []
    for line, record in enumerate(records, start=2):
        try:
            rows.append(_row(record))
        except ValueError as error:
            errors.append(_("line %(line)s: %(error)s") % {"line": line, "error": error})
    if errors:
        raise ImportFailed(errors)
    return rows


def _row(record: dict[str, str]) -> dict[str, Any]:
    value = {key: nfc(text or "").strip() for key, text in record.items() if key}
    mark, note = _verification(value["verified"])
    return {
        "type": _type(value["type"]),
        "number_symbol": _required(value, "number_symbol"),
        "issued_on": _date(value["issued_on"]),
        "issuer": _required(value, "issuer"),
        "title": _required(value, "title"),
        "effective_on": _date(value["effective_on"]),
        "status": _status(value["status"]),
        "classification": Classification.PUBLIC,
        "verification": mark,
        "verification_note": note,
        "source": value["source"],
        "replaced_by": value["replaced_by"],
    }


def _required(value: dict[str, str], column: str) -> str:
    if not value[column]:
        raise ValueError(_("the column “%(column)s” is empty") % {"column": column})
    return value[column]


def _type(name: str) -> DocumentType:
    try:
        return TYPE_BY_NAME[fold(name)]
    except KeyError:
        raise ValueError(_("“%(type)s” is not a known type of document") % {"type": name}) from None


def _date(text: str) -> datetime.date | None:
    if not text:
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise ValueError(_("“%(date)s” is not a date (YYYY-MM-DD)") % {"date": text}) from None


def _status(text: str) -> DocumentStatus:
    try:
        return DocumentStatus(text or DocumentStatus.IN_FORCE)
    except ValueError:
        raise ValueError(_("“%(status)s” is not a status") % {"status": text}) from None


def _verification(text: str) -> tuple[Verification, str]:
    match = _MARK.match(text)
    if match is None or match["mark"].lower() not in VERIFICATION:
        raise ValueError(
            _("“%(mark)s” is not a verification mark (yes, partly or no)") % {"mark": text}
        )
    return VERIFICATION[match["mark"].lower()], (match["note"] or "").strip()
