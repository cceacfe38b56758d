"""Key tasks: from the "NHIỆM VỤ" sections (one per leaf heading) and from "TỔ CHỨC THỰC
HIỆN" (one per duty of each actor), with their time frames, units and the structured items
their text names."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from ttdn.core.text import fold
from ttdn.plans.importer.dates import (
    DEADLINE,
    TIME_LINE,
    TimeFrame,
    matched_date,
    recurrences,
    time_frame,
)
from ttdn.plans.importer.mentions import mentions
from ttdn.plans.importer.outline import TABLE_CELLS
from ttdn.plans.importer.result import ParsedSection, PlannedTask

_UNIT_LINE = re.compile(
    r"^(?P<label>(?i:đơn vị thực hiện|đơn vị chủ trì|chủ trì(?: thực hiện)?|đơn vị phối hợp|phối hợp(?: thực hiện)?))"
    r"\s*:\s*(?P<units>.+)$"
)
_ACTOR_LABEL = re.compile(
    r"^(?P<unit>(?:Bộ phận|Tổ|Ban|Phòng|Các|Trường|Trung tâm|Văn phòng|Cán bộ|Hiệu trưởng)[^:;,()]{0,50}):\s*(?P<rest>.+)$"
)
_ENUMERATED = re.compile(r"(?:^|(?<=[;.]\s))\(\d{1,2}\)\s*")
_CLAUSE = re.compile(r";\s+")


def tasks(sections: Sequence[ParsedSection], year: int | None) -> list[PlannedTask]:
    """Key tasks: each leaf section under a "… NHIỆM VỤ …" heading (in a plan without one,
    "NỘI DUNG" or "HOẠT ĐỘNG"), then each paragraph of each actor under "TỔ CHỨC THỰC HIỆN"
    (the actor is the unit)."""
    out: list[PlannedTask] = []
    duty_word = _duty_word(sections)
    for top in sections:
        folded = fold(top.heading or "")
        if "to chuc thuc hien" in folded:
            out += _organisation_tasks(top, year)
        elif duty_word and duty_word in folded:
            for leaf in top.walk():
                if leaf.children or (leaf is top and not _rows(leaf)):
                    continue
                out += [_row_task(row, leaf, year) for row in _rows(leaf)] or [
                    _heading_task(leaf, year)
                ]
    return out


def _duty_word(sections: Sequence[ParsedSection]) -> str | None:
    """What names the sections of tasks: "nhiệm vụ", else (a plan without one) "nội dung" or
    "hoạt động"."""
    headings = [fold(top.heading or "") for top in sections]
    for word in ("nhiem vu", "noi dung", "hoat dong"):
        if any(word in heading and "to chuc thuc hien" not in heading for heading in headings):
            return word
    return None


_TABLE_HEAD = re.compile(
    r"^(?:s?tt|noi dung.*|thoi gian.*|thoi han|don vi.*|nguoi .*|ghi chu|ket qua.*)$"
)
_TIME_CELL = re.compile(
    r"(?i:tháng|quý|năm|ngày|tuần|hằng|hàng|thường xuyên|cả năm|học kỳ|trước|từ)|\d{1,2}/\d{1,4}"
)


def _rows(section: ParsedSection) -> list[list[str]]:
    """The data rows of the tables in the section's text, their header rows left out."""
    rows = [
        [cell.strip() for cell in paragraph.split(TABLE_CELLS)]
        for paragraph in section.paragraphs
        if TABLE_CELLS in paragraph
    ]
    return [row for row in rows if not all(_TABLE_HEAD.match(fold(c)) for c in row if c)]


def _row_task(row: list[str], section: ParsedSection, year: int | None) -> PlannedTask:
    """A task from a table row "1 | Tuyên truyền … | Tháng 9/2024 | Tổ chuyên môn": its first
    text cell is the task, the first cell after it naming a time its time frame, the cells
    after that who carries it out."""
    cells = [cell for cell in row if cell and not cell.rstrip(".").isdigit()]
    title, rest = (cells[0], cells[1:]) if cells else ("", [])
    at = next((i for i, cell in enumerate(rest) if _TIME_CELL.search(cell)), None)
    frame = time_frame(rest[at], year) if at is not None else TimeFrame()
    units = [
        unit for cell in rest[at + 1 if at is not None else 0 :] for unit in _split_units(cell)
    ]
    return PlannedTask(
        title=_title(title),
        starts_on=frame.starts_on,
        ends_on=frame.ends_on,
        due=frame.due,
        recurrence=frame.recurrence,
        units=tuple(units),
        time_text=frame.text,
        section=section.heading,
        mentions=mentions(title, year),
    )


def _heading_task(section: ParsedSection, year: int | None) -> PlannedTask:
    """A task named by its heading; time frame and units from its "Thời gian …:",
    "Đơn vị thực hiện:", "Chủ trì:", "Phối hợp:" lines, deadline from "trước ngày …"."""
    frame = TimeFrame()
    units: list[str] = []
    partners: list[str] = []
    for paragraph in section.paragraphs:
        if (time_line := TIME_LINE.match(paragraph)) and frame.text is None:
            frame = time_frame(time_line["rest"], year)
        elif unit_line := _UNIT_LINE.match(paragraph):
            target = partners if "phoi hop" in fold(unit_line["label"]) else units
            target += _split_units(unit_line["units"])
    if frame.due is None and (deadline := DEADLINE.search(f"{section.title}\n{section.text}")):
        frame = dataclasses.replace(frame, due=matched_date(deadline, year))
    return PlannedTask(
        title=_title(section.title or ""),
        starts_on=frame.starts_on,
        ends_on=frame.ends_on,
        due=frame.due,
        recurrence=frame.recurrence,
        units=tuple(units),
        partners=tuple(partners),
        time_text=frame.text,
        section=section.heading,
        mentions=mentions("; ".join([section.title or "", *section.paragraphs]), year),
    )


def _organisation_tasks(section: ParsedSection, year: int | None) -> list[PlannedTask]:
    """One task per duty of each actor: "- Bộ phận CTTT: (1) …; (2) …" gives two tasks of
    "Bộ phận CTTT"; "hàng quý, 6 tháng (05/5), hàng năm (05/11)" gives one task per recurrence."""
    out: list[PlannedTask] = []
    actors = section.children or (section,)
    for actor in actors:
        default_units = (actor.title,) if actor is not section and actor.title else ()
        for paragraph in actor.paragraphs:
            text = re.sub(r"^[-+–•]\s+", "", paragraph)
            units = default_units
            if label := _ACTOR_LABEL.match(text):
                units, text = (label["unit"].strip(),), label["rest"]
            for duty in _duties(text):
                out += _duty_tasks(duty, units, actor.heading, year)
    return out


def _duties(text: str) -> list[str]:
    """`text` split at its enumerators "(1) …; (2) …", or whole; a duty whose clauses
    ("xây dựng Kế hoạch …; trước ngày 16/11 gửi báo cáo …") do not all share its deadline is
    split into its clauses, so that each keeps only its own deadline."""
    parts = [part.strip().rstrip(";").strip() for part in _ENUMERATED.split(text)]
    duties = [part for part in parts if part] or [text.strip()]
    return [clause for duty in duties for clause in _clauses_with_own_deadlines(duty)]


def _clauses_with_own_deadlines(duty: str) -> list[str]:
    clauses = [clause.strip() for clause in _CLAUSE.split(duty) if clause.strip()]
    dated = [DEADLINE.search(clause) is not None for clause in clauses]
    if len(clauses) < 2 or all(dated) or not any(dated):
        return [duty]
    return clauses


def _duty_tasks(
    duty: str, units: tuple[str, ...], section: str | None, year: int | None
) -> list[PlannedTask]:
    deadline = DEADLINE.search(duty)
    due = matched_date(deadline, year) if deadline else None
    base = PlannedTask(
        title=_title(duty),
        due=due,
        units=units,
        time_text=deadline.group() if deadline else None,
        section=section,
        mentions=mentions(duty, year),
    )
    found = recurrences(duty, year)
    if not found:
        return [base]
    return [
        dataclasses.replace(base, recurrence=kind, due=when or due, time_text=phrase)
        for kind, when, _, phrase in found
    ]


def _split_units(text: str) -> list[str]:
    return [unit.strip(" .") for unit in re.split(r"[;,]", text) if unit.strip(" .")]


def _title(text: str) -> str:
    """A task title: the text without a final "." or ";" (an ellipsis is kept)."""
    text = text.strip().removesuffix("./.").rstrip(";").rstrip()
    if text.endswith(".") and not text.endswith("..."):
        text = text[:-1]
    return text
