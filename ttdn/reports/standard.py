"""The standard TTĐN report forms, shipped as data (`data/standard_forms.json`): the 6-month and
the annual report the sector's plans ask for (seed 000: 6 tháng by 05/5, yearly by 05/11; seed
001: schools by 16/11, the office by 20/11). A unit adopts one as a form of its own, which it may
then change like any other, with the schedule the standard proposes.

Each standard: its key, name, description, period kind, the title of its rounds, its schedule
(dates as [month of the period, day]: a half-year's 4th month is April or October), its
sections of indicators (a `computed` key of `reports.computed` is counted from the records;
`breakdown` names a ready-made category list of `enums.CATEGORY_PRESETS`) and its cross-checks."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data" / "standard_forms.json"


@dataclass(frozen=True)
class StandardSchedule:
    opens: tuple[int, int]
    closes: tuple[int, int]
    deadlines: dict[str, tuple[int, int]]


@dataclass(frozen=True)
class StandardForm:
    key: str
    name: str
    description: str
    period_kind: str
    title: str
    schedule: StandardSchedule
    sections: tuple[dict[str, Any], ...]
    rules: tuple[dict[str, str], ...]

    @property
    def indicators(self) -> list[dict[str, Any]]:
        return [i for section in self.sections for i in section["indicators"]]


@functools.cache
def standard_forms() -> tuple[StandardForm, ...]:
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return tuple(_form(item) for item in raw["forms"])


def get(key: str) -> StandardForm | None:
    return next((f for f in standard_forms() if f.key == key), None)


def _form(item: dict[str, Any]) -> StandardForm:
    schedule = item["schedule"]
    return StandardForm(
        key=item["key"],
        name=item["name"],
        description=item["description"],
        period_kind=item["period_kind"],
        title=item["title"],
        schedule=StandardSchedule(
            opens=tuple(schedule["opens"]),
            closes=tuple(schedule["closes"]),
            deadlines={lv: tuple(d) for lv, d in schedule["deadlines"].items()},
        ),
        sections=tuple(item["sections"]),
        rules=tuple(item["rules"]),
    )
