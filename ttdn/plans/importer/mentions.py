"""Structured items a task's text names, recognised for confirmation in the preview:

- partners: a count and a bracketed list ("03 tỉnh Bắc Lào (Huaphanh, Luang Prabang,
  Sayabury)"), or a cooperation with named organisations ("phối hợp với Đại sứ quán …");
- events to mark: "kỷ niệm 60 năm Ngày thành lập tỉnh Quảng Ninh (30/10/1963 - 30/10/2023)",
  "92 năm Ngày thành lập Đảng …", "Ngày Nhà giáo Việt Nam 20/11";
- contests: "Hội thi …", "Cuộc thi …" up to the end of the clause;
- who reports go to: "gửi báo cáo … về Sở GDĐT", with an e-mail address if given;
- the contact person: "đồng chí Nguyễn Văn A, … điện thoại 0912 345 678".

Recognition is by pattern only; linking an event to the calendar's commemorations (and a
partner, activity or contest to their registers) happens where the plan is saved.
"""

from __future__ import annotations

import re

from ttdn.plans.enums import MentionKind
from ttdn.plans.importer.dates import make_date
from ttdn.plans.importer.result import Mention

_CLAUSE_END = r"(?=[;.]\s|[;.]?$|,\s+(?:đồng thời|và)\s)"
_PARTNER_LIST = re.compile(
    r"(?P<count>\d{1,3})\s+(?P<what>(?:tỉnh|thành phố|trường|tổ chức|đơn vị|đoàn|địa phương|"
    r"quốc gia|nước|cơ sở)[^\d(;.]{0,60}?)\s*\((?P<names>[^()]{3,300})\)"
)
# The rest of an organisation's name: capitalised words, and "tại", "của", "và" before one.
_PROPER_TAIL = r"(?:\s+(?:[A-ZĐ0-9][^\s,;.()]*|(?:tại|của|và)\s+[A-ZĐ][^\s,;.()]*))*"
_PARTNER_WITH = re.compile(
    r"(?i:phối hợp với|hợp tác với|giao lưu với|kết nghĩa với)\s+(?:các\s+)?"
    r"(?P<names>(?:Đại sứ quán|Tổng Lãnh sự quán|Lãnh sự quán|Tổ chức|Quỹ|Trường|Đại học|"
    r"Hội|UNICEF|UNESCO|JICA|KOICA|[A-Z]{2,}\b)" + _PROPER_TAIL + r")"
)
_EVENT = re.compile(
    r"(?:(?i:kỷ niệm)\s+)?(?:(?P<years>\d{1,4})\s+(?i:năm)\s+)?"
    r"(?P<name>Ngày\s+[^\d;,.()]{3,120}?)"
    r"(?:\s*\((?P<dates>[^()]{3,60})\)|\s+(?P<day>\d{1,2})/(?P<month>\d{1,2})(?!/\d))?"
    r"(?=\s*[;,.()]|\s+(?:và|năm|nhằm|tại|trên|với|cho)\s|$)"
)
_CONTEST = re.compile(
    r"(?P<name>(?:Hội thi|Cuộc thi|Hội thao|Hội diễn)\s+[^;.()]{3,150}?)" + _CLAUSE_END
)
_REPORT_TO = re.compile(
    r"(?i:gửi|nộp|báo cáo)\s+(?:[^;.]{0,80}?\s)?(?i:về)\s+"
    r"(?P<to>(?:Sở|Phòng|Bộ|Ủy ban|UBND|Ban|Văn phòng|Trung tâm)[^;,.()]{1,80}?)"
    r"(?:\s*\((?P<via>[^()]{1,80})\))?" + r"(?=\s*[;,.(]|\s+(?:trước|chậm nhất|qua|theo|để)\s|$)"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_CONTACT = re.compile(
    r"(?i:đồng chí|đ/c|ông|bà)\s+(?P<name>[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){1,5})"
    r"(?P<rest>[^;]{0,120}?)(?i:số điện thoại|điện thoại|đt|sđt|di động)\s*:?\s*"
    r"(?P<phone>\+?\d[\d .]{7,14}\d)"
)
_DATE_IN_BRACKETS = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})")


def mentions(text: str, year: int | None) -> tuple[Mention, ...]:
    """The structured items `text` names, in order of appearance."""
    found: list[tuple[int, Mention]] = []
    found += [(m.start(), _partner_list(m)) for m in _PARTNER_LIST.finditer(text)]
    found += [(m.start(), _partner_with(m)) for m in _PARTNER_WITH.finditer(text)]
    found += [(m.start(), _event(m, year)) for m in _EVENT.finditer(text) if _is_event(m)]
    found += [
        (m.start(), Mention(MentionKind.CONTEST, m.group().strip(), (m["name"].strip(),)))
        for m in _CONTEST.finditer(text)
    ]
    found += [(m.start(), _report_to(m, text)) for m in _REPORT_TO.finditer(text)]
    found += [(m.start(), _contact(m)) for m in _CONTACT.finditer(text)]
    return tuple(mention for _, mention in sorted(found, key=lambda pair: pair[0]))


def _partner_list(match: re.Match[str]) -> Mention:
    names = tuple(name.strip() for name in re.split(r"[,;]|\svà\s", match["names"]) if name.strip())
    return Mention(MentionKind.PARTNER, match.group().strip(), names)


def _partner_with(match: re.Match[str]) -> Mention:
    names = tuple(n.strip() for n in re.split(r",|\svà\s", match["names"]) if n.strip())
    return Mention(MentionKind.PARTNER, match["names"].strip(), names)


def _is_event(match: re.Match[str]) -> bool:
    """A day named as such: with its years, its date, or after "kỷ niệm"."""
    said = match.group().lower().startswith("kỷ niệm")
    return bool(said or match["years"] or match["dates"] or match["day"])


def _event(match: re.Match[str], year: int | None) -> Mention:
    name = match["name"].strip()
    day = None
    if match["dates"]:
        dates = _DATE_IN_BRACKETS.findall(match["dates"])
        if dates:
            day_, month, _origin = dates[-1]
            day = make_date(int(day_), int(month), year)
    elif match["day"]:
        day = make_date(int(match["day"]), int(match["month"]), year)
    years = int(match["years"]) if match["years"] else None
    return Mention(MentionKind.EVENT, match.group().strip(), (name,), day, years)


def _report_to(match: re.Match[str], text: str) -> Mention:
    names = [match["to"].strip()]
    if match["via"]:
        names.append(match["via"].strip())
    names += _EMAIL.findall(text[match.start() : match.end() + 160])
    return Mention(MentionKind.REPORT_TO, match.group().strip(), tuple(names))


def _contact(match: re.Match[str]) -> Mention:
    phone = re.sub(r"[ .]", "", match["phone"])
    return Mention(MentionKind.CONTACT, match.group().strip(), (match["name"], phone))
