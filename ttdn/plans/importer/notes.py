"""The notes the importer leaves for the person importing a plan: a code, its values, and a
message translated when it is shown (`str(note)` in the active language).

The importer never builds a message string itself: every note is one of `MESSAGES`, so the
Vietnamese interface shows Vietnamese and the JSON of a plan carries the code for programs.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

MESSAGES: dict[str, StrOrPromise] = {
    "no_number": _("No number and symbol line (“Số: …”) was found."),
    "blank_number": _("The number is left blank (“Số: …/%(symbol)s”): the plan was not numbered."),
    "no_place_date": _("No place and date line (“…, ngày … tháng … năm …”) was found."),
    "no_plan_title": _(
        "No “KẾ HOẠCH” line was found; the symbol %(symbol)s says it is a plan, so it was "
        "read as one."
    ),
    "no_title": _("No title was found after “KẾ HOẠCH”."),
    "no_sections": _("No numbered sections were found: the whole body is read as one section."),
    "no_signature": _("No signature block was found."),
    "heading_out_of_sequence": _(
        "A heading number is out of sequence and was kept as text: %(line)s"
    ),
    "header_from_metadata": _(
        "The %(fields)s were taken from the web page's information block, not from the "
        "document's own header: check them."
    ),
    "repeated_header": _("The header appears twice; the second, complete copy was read."),
}

FIELD_NAMES: dict[str, StrOrPromise] = {
    "number": _("number and symbol"),
    "issued_on": _("date"),
    "issuer": _("issuing body"),
    "signer": _("signer"),
}


@dataclasses.dataclass(frozen=True)
class ImportNote:
    """Something the person importing should check: `code` is a key of `MESSAGES`,
    `params` its values (field names are keys of `FIELD_NAMES`, translated when shown)."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    def __str__(self) -> str:
        values: dict[str, Any] = {}
        for key, value in self.params:
            if key == "fields":
                values[key] = ", ".join(str(FIELD_NAMES[name]) for name in value.split(","))
            elif key == "field":
                values[key] = str(FIELD_NAMES[value])
            else:
                values[key] = value
        return str(MESSAGES[self.code]) % values

    @property
    def english(self) -> str:
        """The message in English, whatever language is active (logs, the CLI's JSON)."""
        with translation.override("en"):
            return str(self)

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, **dict(self.params), "message": self.english}


def note(code: str, **params: str) -> ImportNote:
    """A note of `code` with its values (`MESSAGES[code]` names them)."""
    if code not in MESSAGES:
        raise KeyError(code)
    return ImportNote(code, tuple(params.items()))
