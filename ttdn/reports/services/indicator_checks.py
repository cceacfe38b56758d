"""The checks of an indicator's fields before the form editor writes anything: code, name, kind,
aggregation valid for the kind, limits, choices, computed query and categories. Every error
is collected (ValuesInvalid maps a field to its message)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from ttdn.core.text import nfc
from ttdn.reports import computed
from ttdn.reports.enums import AGGREGATIONS_OF, Aggregation, IndicatorKind
from ttdn.reports.models import FormVersion, Indicator
from ttdn.reports.validation import ValuesInvalid

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
CODE_LENGTH = 32
LIMITED_KINDS = (IndicatorKind.INTEGER, IndicatorKind.DECIMAL, IndicatorKind.PERCENTAGE)
COMPUTABLE_KINDS = (IndicatorKind.INTEGER, IndicatorKind.DECIMAL)
DEFAULTS: dict[str, Any] = {
    "code": "",
    "name": "",
    "kind": IndicatorKind.INTEGER,
    "measure": "",
    "help_text": "",
    "required": False,
    "min_value": None,
    "max_value": None,
    "aggregation": "",
    "choices": [],
    "computed_key": "",
    "breakdown": "",
}
Categories = Sequence[tuple[str, str]]  # (key, label): ("en", "Tiếng Anh")


# --- Checking an indicator ------------------------------------------------------------------


def checked_indicator(
    version: FormVersion,
    fields: dict[str, Any],
    categories: Categories,
    *,
    current: Indicator | None,
) -> dict[str, Any]:
    """The indicator's fields, tidied, once every one is valid. Raises ValuesInvalid."""
    unknown = set(fields) - set(DEFAULTS)
    if unknown:
        raise TypeError(f"not fields of an indicator: {sorted(unknown)}")
    data = {name: fields[name] for name in DEFAULTS}
    for name in ("code", "computed_key"):
        data[name] = str(data[name] or "").strip()
    for name in ("name", "measure", "help_text", "breakdown"):
        data[name] = nfc(str(data[name] or "").strip())
    errors: dict[str, str] = {}
    kind = data["kind"]
    if kind not in IndicatorKind.values:
        errors["kind"] = _("Choose the kind of answer.")
        raise ValuesInvalid(errors)
    others = version.indicators.all()
    if current is not None:
        others = others.exclude(pk=current.pk).exclude(parent=current)
    taken = set(others.values_list("code", flat=True))
    _check_code(data, taken, errors)
    if not data["name"]:
        errors["name"] = _("Give the indicator a name.")
    _check_aggregation(data, errors)
    _check_limits(data, errors)
    _check_choices(data, errors)
    _check_computed(data, errors)
    _check_categories(data, categories, taken, errors)
    if errors:
        raise ValuesInvalid(errors)
    return data


def _check_code(data: dict[str, Any], taken: set[str], errors: dict[str, str]) -> None:
    code = data["code"]
    if not CODE.match(code) or len(code) > CODE_LENGTH:
        errors["code"] = _("A code is made of letters, digits, “-” and “_” (up to 32), e.g. TT01.")
    elif code in taken:
        errors["code"] = _("This form already has an indicator with this code.")


def _check_aggregation(data: dict[str, Any], errors: dict[str, str]) -> None:
    allowed = AGGREGATIONS_OF[IndicatorKind(data["kind"])]
    if not data["aggregation"]:
        data["aggregation"] = allowed[0]
    elif data["aggregation"] not in allowed:
        errors["aggregation"] = _(
            "“%(kind)s” answers cannot be rolled up this way; choose one of: %(allowed)s."
        ) % {
            "kind": IndicatorKind(data["kind"]).label,
            "allowed": ", ".join(str(a.label) for a in allowed),
        }


def _check_limits(data: dict[str, Any], errors: dict[str, str]) -> None:
    low, high = data["min_value"], data["max_value"]
    if data["kind"] not in LIMITED_KINDS:
        data["min_value"] = data["max_value"] = None
        return
    low = None if low in (None, "") else Decimal(str(low))
    high = None if high in (None, "") else Decimal(str(high))
    data["min_value"], data["max_value"] = low, high
    if low is not None and high is not None and low > high:
        errors["max_value"] = _("The minimum is greater than the maximum.")
    elif data["kind"] == IndicatorKind.PERCENTAGE and any(
        n is not None and not 0 <= n <= 100 for n in (low, high)
    ):
        errors["max_value"] = _("A percentage lies between 0 and 100.")


def _check_choices(data: dict[str, Any], errors: dict[str, str]) -> None:
    if data["kind"] != IndicatorKind.CHOICE:
        data["choices"] = []
        return
    options = [nfc(str(o).strip()) for o in data["choices"] or [] if str(o).strip()]
    data["choices"] = options
    if len(set(options)) < 2:
        errors["choices"] = _("A choice needs at least two different options.")
    elif len(set(options)) != len(options):
        errors["choices"] = _("Each option appears once.")


def _check_computed(data: dict[str, Any], errors: dict[str, str]) -> None:
    key = data["computed_key"]
    if not key:
        return
    if computed.get(key) is None:
        errors["computed_key"] = _("No such computed query.")
    elif data["kind"] not in COMPUTABLE_KINDS:
        errors["computed_key"] = _("Only a whole or a decimal number can be computed.")


def _check_categories(
    data: dict[str, Any], categories: Categories, taken: set[str], errors: dict[str, str]
) -> None:
    if not categories:
        data["breakdown"] = ""
        return
    keys = [key for key, _label in categories]
    rolls_up = (
        data["kind"] in (*LIMITED_KINDS, IndicatorKind.YES_NO)
        and data["aggregation"] != Aggregation.NONE
    )
    if not rolls_up:
        errors["categories"] = _(
            "Only a figure that rolls up (not a text, not “none”) can be broken down."
        )
    elif data["computed_key"]:
        errors["categories"] = _("A computed indicator cannot be broken down.")
    elif len(categories) < 2:
        errors["categories"] = _("Give at least two categories.")
    elif len(set(keys)) != len(keys):
        errors["categories"] = _("Each category code appears once.")
    elif bad := _bad_category(data["code"], categories, taken):
        errors["categories"] = bad
    elif not data["breakdown"]:
        errors["breakdown"] = _("Say what the categories are, e.g. “Cấp học”.")


def _bad_category(code: str, categories: Categories, taken: set[str]) -> str:
    for key, label in categories:
        full = f"{code}.{key}"
        if not CODE.match(key) or len(full) > CODE_LENGTH:
            return _(
                "“%(key)s”: a category code is letters, digits, “-” and “_”, and with the"
                " indicator's code it stays within 32 characters."
            ) % {"key": key}
        if not label.strip():
            return _("“%(key)s”: give the category a name.") % {"key": key}
        if full in taken:
            return _("The form already has an indicator %(code)s.") % {"code": full}
    return ""
