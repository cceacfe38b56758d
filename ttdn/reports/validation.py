"""Checking what people type into a report: each value by its indicator's kind and limits, and
the whole report by its required indicators and the rules across indicators."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ttdn.reports.enums import IndicatorKind, RuleKind
from ttdn.reports.models import Indicator, Rule

YES_WORDS = {"1", "yes", "true", "có", "co", "x", "y", "c"}
NO_WORDS = {"0", "no", "false", "không", "khong", "n", "k"}
THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")  # 1.234 and 12.345.678 as Vietnamese write them
PLAIN = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)$")  # digits only: no exponent, no NaN, no Infinity
# Value.number is DecimalField(max_digits=18, decimal_places=4): what does not fit cannot be read
# back, and one such value breaks every page, export and consolidation that reads it.
MAX_INTEGER_DIGITS = 14
MAX_DECIMAL_PLACES = 4
SQLITE_DIGITS = Context(prec=15)


@dataclass(frozen=True)
class Clean:
    """A checked value: a number (yes = 1, no = 0) or a text; both empty means no answer."""

    number: Decimal | None = None
    text: str = ""

    @property
    def is_empty(self) -> bool:
        return self.number is None and not self.text


class ValuesInvalid(ValidationError):
    """Values or a report failed their checks; `errors` maps indicator codes or fields (or "")
    to messages. A ValidationError, so `core.feedback.attempt` shows its messages; `str()` names
    each code beside its message (the API's answer)."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__(list(self.errors.values()))

    def __str__(self) -> str:
        return "; ".join(f"{k}: {v}" if k else v for k, v in self.errors.items())


def _number(raw: str) -> Decimal:
    """Accept 1234.5, 1,234.5 and the Vietnamese 1.234,5; refuse anything else."""
    text = raw.replace(" ", "").replace("\u00a0", "").rstrip("%")
    if THOUSANDS.match(text):
        text = text.replace(".", "")
    elif "," in text and "." in text:
        text = (
            text.replace(".", "").replace(",", ".")
            if text.rfind(",") > text.rfind(".")
            else text.replace(",", "")
        )
    elif "," in text:
        text = text.replace(",", ".")
    if not PLAIN.match(text):
        raise InvalidOperation
    return Decimal(text)


def _from_raw(raw: Any) -> Decimal:
    """A number from text, an int, a float (Excel, JSON) or a Decimal. Raises ValueError."""
    if isinstance(raw, bool):
        raise ValueError(_("Enter a number."))
    try:
        if isinstance(raw, float):
            # 15 significant digits is what a spreadsheet or JSON float holds (repr would give
            # 0.30000000000000004 for 0.1 + 0.2), and a float is an approximation anyway: a
            # spreadsheet's 33.333333333 is stored as 33.3333. Typed text is taken as typed.
            number = _four_places(Decimal(format(raw, ".15g")))
        elif isinstance(raw, int | Decimal):
            number = Decimal(raw)
        else:
            number = _number(str(raw).strip())
    except (InvalidOperation, ValueError, OverflowError):
        raise ValueError(_("Enter a number.")) from None
    if not number.is_finite():
        raise ValueError(_("Enter a number."))
    return number


def _four_places(number: Decimal) -> Decimal:
    if not number.is_finite() or _decimal_places(number) <= MAX_DECIMAL_PLACES:
        return number
    return number.quantize(Decimal(1).scaleb(-MAX_DECIMAL_PLACES), rounding=ROUND_HALF_UP)


def check_digits(number: Decimal) -> None:
    """`number` fits a stored report figure: at most 14 digits before the decimal point and 4
    after it, also once rounded to the 15 significant digits SQLite gives back (99999999999999.99
    would come back as 10^14). Raises ValueError."""
    if not number:
        return
    rounded = SQLITE_DIGITS.create_decimal(number)
    if max(_integer_digits(number), _integer_digits(rounded)) > MAX_INTEGER_DIGITS:
        raise ValueError(
            _("Enter a number with at most %(digits)s digits before the decimal point.")
            % {"digits": MAX_INTEGER_DIGITS}
        )
    if _decimal_places(number) > MAX_DECIMAL_PLACES:
        raise ValueError(
            _("Enter at most %(places)s digits after the decimal point.")
            % {"places": MAX_DECIMAL_PLACES}
        )


def validate_figure(number: Decimal | None) -> None:
    """A form field validator for a figure the reports store (an indicator's limits)."""
    if number is None:
        return
    if not number.is_finite():
        raise ValidationError(_("Enter a number."))
    try:
        check_digits(number)
    except ValueError as error:
        raise ValidationError(str(error)) from None


def _integer_digits(number: Decimal) -> int:
    """How many digits a finite non-zero number has before its decimal point (0.5 has 0)."""
    return number.copy_abs().adjusted() + 1


def _decimal_places(number: Decimal) -> int:
    """How many digits a finite number has after its decimal point, trailing zeros aside."""
    _sign, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite: checked by the caller
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -exponent - trailing)


def clean_value(indicator: Indicator, raw: Any) -> Clean:
    """The value `raw` (text, number or bool) as `indicator` stores it: a number is plain (no
    exponent, NaN or infinity), fits the stored digits and the indicator's limits. Raises
    ValueError with a message people understand. Every path that stores a figure (the form,
    the Excel upload, the API) comes through here."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Clean()
    kind = indicator.kind
    if kind == IndicatorKind.YES_NO:
        return _yes_no(raw)
    if kind in (IndicatorKind.SHORT_TEXT, IndicatorKind.NARRATIVE, IndicatorKind.CHOICE):
        return _text(indicator, str(raw).strip())
    number = _from_raw(raw)
    check_digits(number)
    if kind == IndicatorKind.INTEGER and number != number.to_integral_value():
        raise ValueError(_("Enter a whole number."))
    _check_limits(indicator, number)
    return Clean(number=number)


def _yes_no(raw: Any) -> Clean:
    if isinstance(raw, bool):
        return Clean(number=Decimal(int(raw)))
    word = str(raw).strip().lower()
    if word in YES_WORDS:
        return Clean(number=Decimal(1))
    if word in NO_WORDS:
        return Clean(number=Decimal(0))
    raise ValueError(_("Answer yes or no."))


def _text(indicator: Indicator, text: str) -> Clean:
    if indicator.kind == IndicatorKind.CHOICE and text not in indicator.choices:
        raise ValueError(
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(indicator.choices)}
        )
    if indicator.kind == IndicatorKind.SHORT_TEXT and len(text) > 500:
        raise ValueError(_("Keep it under 500 characters."))
    return Clean(text=text)


def _check_limits(indicator: Indicator, number: Decimal) -> None:
    low = indicator.min_value
    high = indicator.max_value
    if indicator.kind == IndicatorKind.PERCENTAGE:
        low = Decimal(0) if low is None else low
        high = Decimal(100) if high is None else high
    if low is not None and number < low:
        raise ValueError(_("Enter at least %(limit)s.") % {"limit": _plain(low)})
    if high is not None and number > high:
        raise ValueError(_("Enter at most %(limit)s.") % {"limit": _plain(high)})


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def clean_values(indicators: Iterable[Indicator], raw: Mapping[str, Any]) -> dict[str, Clean]:
    """Check every value in `raw` (by indicator code). Raises ValuesInvalid listing each bad
    value, and an unknown code."""
    by_code = {i.code: i for i in indicators}
    errors: dict[str, str] = {}
    cleaned: dict[str, Clean] = {}
    for code, value in raw.items():
        indicator = by_code.get(code)
        if indicator is None:
            errors[code] = _("This form has no indicator %(code)s.") % {"code": code}
            continue
        try:
            cleaned[code] = clean_value(indicator, value)
        except ValueError as error:
            errors[code] = str(error)
    if errors:
        raise ValuesInvalid(errors)
    return cleaned


def check_complete(
    indicators: Iterable[Indicator], rules: Iterable[Rule], values: Mapping[str, Clean]
) -> None:
    """A report may be submitted: every required indicator answered and every rule kept.
    Raises ValuesInvalid."""
    errors: dict[str, str] = {}
    for indicator in indicators:
        if indicator.required and values.get(indicator.code, Clean()).is_empty:
            errors[indicator.code] = _("This is required.")
    for rule in rules:
        left, right = values.get(rule.left, Clean()), values.get(rule.right, Clean())
        if message := _broken(rule, left, right):
            errors.setdefault(rule.left, message)
    if errors:
        raise ValuesInvalid(errors)


def _broken(rule: Rule, left: Clean, right: Clean) -> str:
    """The message of `rule` if the two values break it, else ""."""
    if rule.kind == RuleKind.NOT_GREATER:
        broken = left.number is not None and right.number is not None and left.number > right.number
        default = _("%(a)s must not be greater than %(b)s.")
    else:
        broken = left.is_empty != right.is_empty
        default = _("%(a)s and %(b)s must be filled in together.")
    return (rule.message or default % {"a": rule.left, "b": rule.right}) if broken else ""
