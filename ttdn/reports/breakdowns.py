"""Disaggregation: an indicator broken down by categories (by school level, by language…).

Each category is an indicator of its own (code "A1.en") that is stored and rolls up like any
other, so consolidations, Excel and the API need nothing special. The broken-down indicator
(the parent) holds the total:

- when any of its categories has a value, the parent's value is computed from them by its
  aggregation rule (sum, average, min, max; yes when any is yes), whatever was there before;
- a parent value changed together with its categories must equal that figure (else an error on
  the parent: the two would disagree in every consolidation); a parent value sent back as it
  was stored (a form or an Excel file filled in before) is simply recomputed;
- with no category filled in, the parent is entered directly: a unit that only knows the total
  still reports it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from ttdn.reports.enums import Aggregation, IndicatorKind
from ttdn.reports.models import Indicator, Submission
from ttdn.reports.validation import Clean, ValuesInvalid


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f")


def categories_by_parent(indicators: Iterable[Indicator]) -> dict[int, list[Indicator]]:
    found: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        if indicator.parent_id is not None:
            found.setdefault(indicator.parent_id, []).append(indicator)
    return found


def total_of(parent: Indicator, numbers: list[Decimal]) -> Decimal:
    """The parent's figure from its categories' numbers (at least one)."""
    aggregation = parent.aggregation
    if aggregation == Aggregation.AVERAGE:
        exponent = Decimal(1) if parent.kind == IndicatorKind.INTEGER else Decimal("0.01")
        mean = Decimal(sum(numbers)) / len(numbers)
        return mean.quantize(exponent, rounding=ROUND_HALF_UP)
    if aggregation == Aggregation.MIN:
        return min(numbers)
    if aggregation == Aggregation.MAX:
        return max(numbers)
    if aggregation == Aggregation.COUNT_YES:
        return Decimal(int(any(n != 0 for n in numbers)))
    return Decimal(sum(numbers))


def with_totals(
    indicators: list[Indicator], cleaned: dict[str, Clean], submission: Submission
) -> dict[str, Clean]:
    """`cleaned` with the value of each broken-down indicator whose categories have values
    computed from them (the categories' stored values count when not in `cleaned`). Raises
    ValuesInvalid when a given parent value disagrees with its categories."""
    groups = categories_by_parent(indicators)
    if not groups:
        return cleaned
    ids = [*groups, *(c.pk for categories in groups.values() for c in categories)]
    stored = dict(
        submission.values.filter(indicator_id__in=ids).values_list("indicator_id", "number")
    )
    by_id = {i.pk: i for i in indicators}
    result, errors = dict(cleaned), {}
    for parent_id, categories in groups.items():
        parent = by_id[parent_id]
        numbers = [
            n
            for c in categories
            if (n := (cleaned[c.code].number if c.code in cleaned else stored.get(c.pk)))
            is not None
        ]
        if not numbers:
            continue
        total = total_of(parent, numbers)
        given = cleaned[parent.code].number if parent.code in cleaned else None
        if given is not None and given not in (stored.get(parent.pk), total):
            errors[parent.code] = _(
                "This is the total of its categories (%(total)s): leave it empty or"
                " correct the categories."
            ) % {"total": _plain(total)}
        result[parent.code] = Clean(number=total)
    if errors:
        raise ValuesInvalid(errors)
    return result


def reconcile(indicators: Iterable[Indicator], raw: Mapping[str, Any]) -> dict[str, Any]:
    """Values taken from a consolidation, made consistent: where the categories add up to the
    parent, the parent is left to be computed; where they do not (some units below gave a total
    without its breakdown), the total is kept and the categories are left out."""
    indicators = list(indicators)
    by_id = {i.pk: i for i in indicators}
    result = dict(raw)
    for parent_id, categories in categories_by_parent(indicators).items():
        parent = by_id[parent_id]
        numbers = [Decimal(str(raw[c.code])) for c in categories if raw.get(c.code) is not None]
        if parent.code not in raw or not numbers:
            continue
        if total_of(parent, numbers) == Decimal(str(raw[parent.code])):
            del result[parent.code]
        else:
            for category in categories:
                result.pop(category.code, None)
    return result
