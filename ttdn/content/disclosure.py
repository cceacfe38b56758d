"""What a school must make public (công khai) and by when: Thông tư 09/2024/TT-BGDĐT.

The circular (issued 03/6/2024, in force from 19/7/2024, replacing Thông tư 36/2017/TT-BGDĐT)
lists what each kind of educational institution publishes on its website and notice board:
general information, organisation and staff, the conditions that assure quality, the plan and
results of its educational work, admissions, and its finances (fees and other charges, and the
budget under the State budget disclosure rules). ADR 0012 records where each item and date
comes from and what was not verified against the published text.

This module is data and date arithmetic only: no models. A school year is named by the year it
starts in (2025 is the school year 2025–2026, from 1 September).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ttdn.org.enums import UnitKind

SOURCE = "Thông tư 09/2024/TT-BGDĐT (03/6/2024), Bộ Giáo dục và Đào tạo"
SOURCE_URLS = (
    # The circular on the national legal database and the Ministry's site (the official text).
    "https://vbpl.vn/bogiaoducdaotao/Pages/vbpq-timkiem.aspx?type=0&s=1&Keyword=09/2024/TT-BGD%C4%90T",
    "https://moet.gov.vn/van-ban/van-ban/Pages/default.aspx",
)
# How long a published item stays on the public page: the circular keeps disclosures public at
# least for the school year and has them kept as records; we show five school years.
RETENTION_YEARS = 5
REMIND_DAYS = 30  # "Việc cần làm" shows an item this many days before it falls due

PRESCHOOL = "preschool"
GENERAL = "general"
CONTINUING = "continuing"
LEVEL_OF_KIND = {
    UnitKind.PRESCHOOL: PRESCHOOL,
    UnitKind.PRIMARY: GENERAL,
    UnitKind.LOWER_SECONDARY: GENERAL,
    UnitKind.UPPER_SECONDARY: GENERAL,
    UnitKind.MULTI_LEVEL: GENERAL,
    UnitKind.CONTINUING: CONTINUING,
}
ALL = frozenset({PRESCHOOL, GENERAL, CONTINUING})


@dataclass(frozen=True)
class Item:
    """One item to publish: its group and title as the circular words them, the levels it
    applies to, and its yearly deadline as (month, day, years after the school year's start)."""

    code: str
    group: str
    title: str
    levels: frozenset[str]
    due: tuple[int, int, int]
    basis: str

    def due_on(self, school_year: int) -> datetime.date:
        month, day, offset = self.due
        return datetime.date(school_year + offset, month, day)


GROUPS = {
    "general": "Thông tin chung",
    "organisation": "Tổ chức bộ máy và đội ngũ",
    "quality": "Điều kiện bảo đảm chất lượng",
    "plans": "Kế hoạch và kết quả hoạt động giáo dục",
    "admissions": "Tuyển sinh",
    "finance": "Thu chi tài chính",
}

START = (9, 30, 0)  # the items of a school year: published by 30/9 as the year starts
CATALOGUE: tuple[Item, ...] = (
    Item(
        "general.information", "general",
        "Thông tin chung: tên, địa chỉ, loại hình, cơ quan quản lý trực tiếp, người đứng đầu, "
        "sứ mạng, tầm nhìn, mục tiêu",
        ALL, START, "Điều 4",
    ),
    Item(
        "general.rules", "general",
        "Quy chế, quy định nội bộ và quy tắc ứng xử của cơ sở giáo dục",
        ALL, START, "Điều 4",
    ),
    Item(
        "organisation.structure", "organisation",
        "Cơ cấu tổ chức; lãnh đạo và các tổ chuyên môn, tổ văn phòng",
        ALL, START, "Điều 4",
    ),
    Item(
        "organisation.staff", "organisation",
        "Đội ngũ cán bộ quản lý, giáo viên, nhân viên: số lượng, trình độ đào tạo, "
        "chuẩn nghề nghiệp",
        ALL, START, "Điều 6, 7",
    ),
    Item(
        "quality.facilities", "quality",
        "Cơ sở vật chất: diện tích đất, phòng học, phòng chức năng, thiết bị dạy học",
        ALL, START, "Điều 6, 7",
    ),
    Item(
        "quality.accreditation", "quality",
        "Kết quả kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia",
        ALL, START, "Điều 6, 7",
    ),
    Item(
        "plans.year", "plans",
        "Kế hoạch giáo dục của nhà trường trong năm học",
        ALL, START, "Điều 8, 9",
    ),
    Item(
        "plans.textbooks", "plans",
        "Danh mục sách giáo khoa, tài liệu giáo dục địa phương sử dụng trong năm học",
        frozenset({GENERAL}), START, "Điều 9",
    ),
    Item(
        "plans.results", "plans",
        "Kết quả giáo dục của năm học: đánh giá trẻ / học sinh, tỉ lệ hoàn thành chương trình, "
        "lên lớp, tốt nghiệp",
        ALL, (6, 30, 1), "Điều 8, 9",
    ),
    Item(
        "admissions.plan", "admissions",
        "Kế hoạch tuyển sinh: chỉ tiêu, đối tượng, địa bàn, phương thức và thời gian tuyển sinh",
        ALL, (5, 31, 0), "Điều 8, 9",
    ),
    Item(
        "finance.fees", "finance",
        "Mức học phí, các khoản thu khác trong năm học và chính sách miễn, giảm, hỗ trợ",
        ALL, START, "Điều 5",
    ),
    Item(
        "finance.budget", "finance",
        "Dự toán, quyết toán ngân sách và các nguồn thu, chi (theo quy định công khai ngân sách)",
        ALL, START, "Điều 5",
    ),
)  # fmt: skip
BY_CODE = {item.code: item for item in CATALOGUE}


def level_of(kind: str) -> str | None:
    """The catalogue level of a kind of unit; None for a unit that publishes nothing here."""
    return LEVEL_OF_KIND.get(UnitKind(kind)) if kind in UnitKind.values else None


def items_for(kind: str) -> list[Item]:
    """The items a unit of this kind must publish, in the catalogue's order."""
    level = level_of(kind)
    return [item for item in CATALOGUE if level in item.levels] if level else []


def school_year_of(day: datetime.date) -> int:
    """The school year a day falls in (from 1 September)."""
    return day.year if day.month >= 9 else day.year - 1


def school_year_label(year: int) -> str:
    return f"{year}–{year + 1}"


def shown_years(today: datetime.date) -> range:
    """The school years whose disclosures the public page still shows (RETENTION_YEARS)."""
    current = school_year_of(today)
    return range(current + 1, current - RETENTION_YEARS, -1)
