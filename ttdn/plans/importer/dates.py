"""Dates in a plan's text: deadlines ("trước ngày 16/11"), recurrences ("hằng quý",
"6 tháng (05/5)") and time frames ("trong tháng 2 năm 2022", "quý II/2023")."""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Sequence

from ttdn.plans.enums import Recurrence
from ttdn.plans.importer.result import Deadline, ParsedSection, body_text

_DAY_MONTH = r"(?P<day>\d{1,2})\s?[/.-]\s?(?P<month>\d{1,2})(?:\s?[/.-]\s?(?P<year>\d{4}))?"
DEADLINE = re.compile(
    r"(?i:trước|chậm nhất(?:\s+là)?|hạn chót|hạn nộp|không muộn hơn)\s+(?:(?i:ngày)\s+)?"
    + _DAY_MONTH
    + r"(?!\d)"
)
_RECURRENCE_PHRASES = (
    (r"(?:hằng|hàng|mỗi)\s+tuần", Recurrence.WEEKLY),
    (r"(?:hằng|hàng|mỗi)\s+tháng", Recurrence.MONTHLY),
    (r"(?:hằng|hàng|mỗi)\s+quý|theo\s+quý", Recurrence.QUARTERLY),
    (r"(?:6|sáu)\s+tháng(?!\s+\d)", Recurrence.HALF_YEARLY),
    (r"(?:hằng|hàng|mỗi)\s+năm", Recurrence.YEARLY),
)
_RECURRENCE = re.compile(
    "|".join(f"(?P<r{index}>{pattern})" for index, (pattern, _) in enumerate(_RECURRENCE_PHRASES))
)  # matched against `lowered` text
_RECURRENCE_DATE = re.compile(r"\s*\(\s*" + _DAY_MONTH + r"\s*\)")
_CLAUSE_SPLIT = re.compile(r"(?<=[.;])\s+(?=\S)")


def make_date(day: int, month: int, year: int | None) -> datetime.date | None:
    if year is None:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def matched_date(match: re.Match[str], year: int | None) -> datetime.date | None:
    explicit = int(match["year"]) if match["year"] else year
    return make_date(int(match["day"]), int(match["month"]), explicit)


def lowered(text: str) -> str:
    """`text` lower-cased character by character, so offsets into it index `text`."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in text)


def clauses(paragraph: str) -> list[str]:
    """A paragraph cut after each "." or ";" followed by a space, item marker removed."""
    text = re.sub(r"^[-+–•]\s+", "", paragraph)
    return [clause for clause in _CLAUSE_SPLIT.split(text) if clause]


def recurrences(
    text: str, year: int | None
) -> list[tuple[Recurrence, datetime.date | None, int, str]]:
    """(recurrence, date in brackets after it, position, phrase) for each kind of recurrence
    named, in order: "6 tháng (05/5)" → ("half_yearly", 5 May of `year`, …, "6 tháng (05/5)").
    A kind named twice counts once (its first mention with a date, else its first)."""
    found: dict[Recurrence, tuple[Recurrence, datetime.date | None, int, str]] = {}
    for match in _RECURRENCE.finditer(lowered(text)):
        index = next(int(name[1:]) for name, value in match.groupdict().items() if value)
        kind = _RECURRENCE_PHRASES[index][1]
        bracket = _RECURRENCE_DATE.match(text, match.end())
        when = matched_date(bracket, year) if bracket else None
        phrase = text[match.start() : bracket.end() if bracket else match.end()]
        if kind not in found or (when and not found[kind][1]):
            found[kind] = (kind, when, match.start(), phrase)
    return sorted(found.values(), key=lambda entry: entry[2])


def deadlines(sections: Sequence[ParsedSection], year: int | None) -> list[Deadline]:
    """Every deadline in the body: "trước ngày 10/03/2022", and report dates in brackets
    after a recurrence ("6 tháng (05/5)"), with the clause that states it."""
    out: list[Deadline] = []
    for paragraph in body_text(sections):
        for clause in clauses(paragraph):
            found = [(m.start(), matched_date(m, year)) for m in DEADLINE.finditer(clause)]
            found += [(at, due) for _, due, at, _ in recurrences(clause, year) if due]
            out += [Deadline(due, clause) for _, due in sorted(found, key=lambda pair: pair[0])]
    return out


TIME_LINE = re.compile(r"^(?i:thời gian(?: thực hiện)?|thời hạn)\s*:\s*(?P<rest>.+)$")
_RANGE = re.compile(
    r"(?i:từ)\s+(?:(?i:ngày)\s+)?(?P<a>\d{1,2}/\d{1,2}(?:/\d{4})?)\s+(?:(?i:đến)|-|–)\s+"
    r"(?:(?i:ngày)\s+)?(?P<b>\d{1,2}/\d{1,2}/\d{4})"
)
_MONTH = re.compile(r"(?i:tháng)\s+(?P<month>\d{1,2})\s*(?:(?i:năm)\s+|/)(?P<year>\d{4})")
_QUARTER = re.compile(r"(?i:quý)\s+(?P<quarter>IV|I{1,3}|[1-4])\s*(?:(?i:năm)\s+|/)(?P<year>\d{4})")
_YEAR = re.compile(r"(?i:năm)\s+(?P<year>\d{4})\b")
_CONTINUOUS = re.compile(r"(?i:thường xuyên|liên tục)")


@dataclasses.dataclass(frozen=True)
class TimeFrame:
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None
    due: datetime.date | None = None
    recurrence: Recurrence | None = None
    text: str | None = None


def time_frame(text: str, year: int | None) -> TimeFrame:
    """The time frame a "Thời gian thực hiện: …" phrase states."""
    deadline = DEADLINE.search(text)
    due = matched_date(deadline, year) if deadline else None
    found = recurrences(text, year)
    recurrence = found[0][0] if found else None
    if recurrence is None and _CONTINUOUS.search(text):
        recurrence = Recurrence.CONTINUOUS
    starts_on, ends_on = _period(text, year)
    return TimeFrame(starts_on, ends_on, due, recurrence, text.rstrip(" ."))


def _period(text: str, year: int | None) -> tuple[datetime.date | None, datetime.date | None]:
    """A date range, a month, a quarter or a year named in `text`."""
    if match := _RANGE.search(text):
        end = _slash_date(match["b"], year)
        return _slash_date(match["a"], end.year if end else year), end
    if match := _MONTH.search(text):
        return _month_range(int(match["year"]), int(match["month"]), int(match["month"]))
    if match := _QUARTER.search(text):
        quarter = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(match["quarter"]) or int(
            match["quarter"]
        )
        return _month_range(int(match["year"]), 3 * quarter - 2, 3 * quarter)
    if match := _YEAR.search(text):
        return _month_range(int(match["year"]), 1, 12)
    return None, None


def _slash_date(text: str, year: int | None) -> datetime.date | None:
    parts = [int(part) for part in text.split("/")]
    return make_date(parts[0], parts[1], parts[2] if len(parts) == 3 else year)


def _month_range(
    year: int, first: int, last: int
) -> tuple[datetime.date | None, datetime.date | None]:
    if not (1 <= first <= last <= 12):
        return None, None
    following = datetime.date(year + last // 12, last % 12 + 1, 1)
    return datetime.date(year, first, 1), following - datetime.timedelta(days=1)
