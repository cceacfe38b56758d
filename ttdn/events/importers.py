"""Read the reference files of commemorations and diplomatic relations into rows for load_reference.

The files ship in `ttdn/events/data/` (see its README.md); each row carries a `verified` mark,
yes / partly / no, optionally followed by a reason in brackets: "partly (weak source for the year)".
The mark and its reason are kept on the commemoration and shown wherever it is listed, with the
row's `source`. A relation's `note` is for maintainers and is never loaded: the commemoration's
notes belong to the operators who edit them.
"""

from __future__ import annotations

import csv
import datetime
import re
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from ttdn.core.text import nfc, slugify
from ttdn.events.enums import CalendarKind, Category, Scope, Verification

DATA_DIR = Path(__file__).resolve().parent / "data"
COMMEMORATIONS_FILE = DATA_DIR / "commemorations.csv"
RELATIONS_FILE = DATA_DIR / "diplomatic_relations.csv"

# Names of diplomatic anniversaries as the plans print them (Vietnamese data, not UI text).
RELATION_NAMES = {
    "relations": "Ngày thiết lập quan hệ ngoại giao Việt Nam - {partner}",
    "membership": "Ngày Việt Nam gia nhập {partner}",
    "treaty": "Ngày ký {title}",
}
SOURCE_MAX_LENGTH = 255
VERIFICATION = {
    "yes": Verification.VERIFIED,
    "partly": Verification.PARTLY,
    "no": Verification.UNVERIFIED,
}
_MARK = re.compile(r"^\s*(?P<mark>\w+)\s*(?:\((?P<note>[^)]*)\))?\s*$")


class ImportFailed(Exception):
    """A reference file that cannot be read; `errors` says where and why, one line each."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


def read_commemorations(path: Path = COMMEMORATIONS_FILE) -> list[dict[str, Any]]:
    """Rows of commemorations.csv as commemoration fields. Raises ImportFailed listing every bad row."""
    return _read(path, _commemoration)


def read_relations(path: Path = RELATIONS_FILE) -> list[dict[str, Any]]:
    """Rows of diplomatic_relations.csv as commemorations of category diplomacy. Raises ImportFailed."""
    return _read(path, _relation)


def _read(path: Path, convert: Any) -> list[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            records = list(csv.DictReader(file))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise ImportFailed(
            [_("%(file)s cannot be read: %(error)s") % {"file": path, "error": error}]
        ) from error
    rows, errors = [], []
    for line, record in enumerate(records, start=2):
        try:
            rows.append(convert({k: nfc(v or "").strip() for k, v in record.items() if k}))
        except KeyError as error:
            errors.append(
                _("%(file)s has no column %(column)s.") % {"file": path.name, "column": error}
            )
            break
        except ValueError as error:
            errors.append(
                _("%(file)s, line %(line)s: %(error)s")
                % {"file": path.name, "line": line, "error": error}
            )
    if errors:
        raise ImportFailed(errors)
    return rows


def _commemoration(record: dict[str, str]) -> dict[str, Any]:
    verification, note = _verification(record["verified"])
    return {
        "key": slugify(record["name"])[:100],
        "name": record["name"],
        "calendar": CalendarKind(record["calendar"]),
        "month": int(record["month"]),
        "day": int(record["day"]),
        "origin_year": int(record["origin_year"]) if record["origin_year"] else None,
        "category": Category(record["category"]),
        "scope": Scope(record["scope"]),
        "verification": verification,
        "verification_note": note,
        "source": _source(record.get("source", "")),
    }


def _source(text: str) -> str:
    if len(text) > SOURCE_MAX_LENGTH:
        raise ValueError(
            _("the source is longer than %(limit)s characters.") % {"limit": SOURCE_MAX_LENGTH}
        )
    return text


def _relation(record: dict[str, str]) -> dict[str, Any]:
    kind = record["kind"]
    if kind not in RELATION_NAMES:
        raise ValueError(
            _("“%(kind)s” is not a kind of relation (relations, membership, treaty).")
            % {"kind": kind}
        )
    title = record.get("title", "")
    if kind == "treaty" and not title:
        raise ValueError(_("a treaty needs its title."))
    established = datetime.date.fromisoformat(record["date"])
    verification, note = _verification(record["verified"])
    return {
        "key": f"{kind}-{slugify(record['partner'])}"[:100],
        "name": RELATION_NAMES[kind].format(
            partner=record["partner_vi"] or record["partner"], title=title
        ),
        "calendar": CalendarKind.SOLAR,
        "month": established.month,
        "day": established.day,
        "origin_year": established.year,
        "category": Category.DIPLOMACY,
        "scope": Scope.NATIONAL,
        "partner": record["partner"],
        "verification": verification,
        "verification_note": note,
        "source": _source(record.get("source", "")),
    }


def _verification(value: str) -> tuple[Verification, str]:
    match = _MARK.match(value)
    if match is None or match["mark"] not in VERIFICATION:
        raise ValueError(
            _("“%(value)s” is not a verification mark (yes, partly, no).") % {"value": value}
        )
    return VERIFICATION[match["mark"]], (match["note"] or "").strip()
