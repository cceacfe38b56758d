"""Read the reference list of legal documents into rows for services.load_legal_documents.

`data/legal_documents.csv` is a copy of shared/data/legal_documents.csv: the documents the
seed plans cite and the law a 2026 office works under, with the metadata we verified. Each row's
`verified` column is yes / partly / no, optionally followed by a reason in brackets ("partly (issue
date unverified)"); the mark and its reason are kept on the document and the mark is shown wherever
it is. A field that could not be checked is left empty rather than guessed.

`source` names where the data was checked, sources separated by " ; ": a row marked yes names at
least two independent ones. `relations` says what the row's document does to others, "replaces
29/2018/QH14 ; guides 91/2025/QH15"; the replaced document's row names its replacement in
`replaced_by`, and the two must agree (a file that says it one way only is refused). `note` is for
maintainers and is never loaded.
"""

from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from ttdn.core.text import fold, nfc
from ttdn.documents.citations import TYPE_NAMES, number_symbol_key
from ttdn.documents.enums import (
    Classification,
    DocumentStatus,
    DocumentType,
    RelationKind,
    Verification,
)
from ttdn.documents.models import Document

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
OPTIONAL_COLUMNS = ["relations", "note"]
SOURCE_SEPARATOR = ";"
SOURCE_MAX_LENGTH = Document._meta.get_field("source").max_length or 500
VERIFICATION = {
    "yes": Verification.VERIFIED,
    "partly": Verification.PARTLY,
    "no": Verification.UNVERIFIED,
}
TYPE_BY_NAME = {
    fold(name): DocumentType(kind.value) for kind, names in TYPE_NAMES.items() for name in names
}
_MARK = re.compile(r"^\s*(?P<mark>\w+)\s*(?:\((?P<note>[^)]*)\))?\s*$")
_RELATION = re.compile(r"^(?P<kind>[a-z]+)\s+(?P<target>\S+)$")


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
    rows, errors, lines = [], [], []
    for line, record in enumerate(records, start=2):
        try:
            rows.append(_row(record))
            lines.append(line)
        except ValueError as error:
            errors.append(_("line %(line)s: %(error)s") % {"line": line, "error": error})
    if errors:
        raise ImportFailed(errors)
    errors = _relation_errors(rows, lines)
    if errors:
        raise ImportFailed(errors)
    return rows


def _relation_errors(rows: list[dict[str, Any]], lines: list[int]) -> list[str]:
    """Every relation names a document of the file, and replacement is said both ways."""
    symbol_of = {number_symbol_key(row["number_symbol"]): row["number_symbol"] for row in rows}
    line_of = {
        number_symbol_key(row["number_symbol"]): line for row, line in zip(rows, lines, strict=True)
    }
    replaces = {
        (number_symbol_key(row["number_symbol"]), number_symbol_key(target))
        for row in rows
        for kind, target in row["relations"]
        if kind == RelationKind.REPLACES
    }
    replaced_by = {
        (number_symbol_key(row["replaced_by"]), number_symbol_key(row["number_symbol"]))
        for row in rows
        if row["replaced_by"]
    }
    errors = []
    for row, line in zip(rows, lines, strict=True):
        named = [target for _kind, target in row["relations"]]
        named += [row["replaced_by"]] if row["replaced_by"] else []
        errors += [
            _("line %(line)s: %(document)s is not in the file") % {"line": line, "document": name}
            for name in named
            if number_symbol_key(name) not in line_of
        ]
    amended = {
        number_symbol_key(target)
        for row in rows
        for kind, target in row["relations"]
        if kind == RelationKind.AMENDS
    }
    for row, line in zip(rows, lines, strict=True):
        key, status = number_symbol_key(row["number_symbol"]), row["status"]
        if row["replaced_by"] and status != DocumentStatus.REPLACED:
            errors.append(
                _("line %(line)s: a replaced document has the status “replaced”") % {"line": line}
            )
        if key in amended and status == DocumentStatus.IN_FORCE:
            errors.append(
                _("line %(line)s: an amended document has the status “amended”") % {"line": line}
            )
    for new, old in sorted(replaces - replaced_by):
        errors.append(
            _("line %(line)s: the replaced document does not name its replacement in “replaced_by”")
            % {"line": line_of.get(old, line_of[new])}
        )
    for new, old in sorted(replaced_by - replaces):
        errors.append(
            _("line %(line)s: the replacement does not list “replaces %(document)s”")
            % {"line": line_of.get(new, line_of[old]), "document": symbol_of[old]}
        )
    return errors


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
        "source": _sources(value["source"], mark),
        "replaced_by": value["replaced_by"],
        "relations": _relations(value.get("relations", "")),
    }


def _sources(text: str, mark: Verification) -> str:
    sources = [part.strip() for part in text.split(SOURCE_SEPARATOR) if part.strip()]
    if mark == Verification.VERIFIED and len(set(sources)) < 2:
        raise ValueError(_("a row marked verified must name two independent sources"))
    joined = " ; ".join(sources)
    if len(joined) > SOURCE_MAX_LENGTH:
        raise ValueError(
            _("the sources are longer than %(limit)s characters") % {"limit": SOURCE_MAX_LENGTH}
        )
    return joined


def _relations(text: str) -> list[tuple[RelationKind, str]]:
    relations = []
    for part in filter(None, (p.strip() for p in text.split(SOURCE_SEPARATOR))):
        match = _RELATION.match(part)
        if match is None or match["kind"] not in RelationKind.values:
            raise ValueError(
                _(
                    "“%(relation)s” is not a relation (replaces, amends, guides or implements + number)"
                )
                % {"relation": part}
            )
        relations.append((RelationKind(match["kind"]), match["target"]))
    return relations


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
