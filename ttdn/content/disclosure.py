"""What a school must make public (công khai) and by when: Thông tư 09/2024/TT-BGDĐT.

The circular (03/6/2024, replacing Thông tư 36/2017/TT-BGDĐT) has every institution publish
general information (Điều 4) and its finances (Điều 5); a general school adds the conditions
that assure quality (Điều 8) and the plan and results of its educational work (Điều 9); all of
it on the website (Điều 14 khoản 1 điểm a) with an annual report (Điều 14 khoản 1 điểm b).
Điều 15 khoản 1 sets the date: before 30 June every year, and within 10 working days of a
change; the preschool's monthly plan before the 25th of the month before, weekly plans and the
menu before the Saturday of the week before. Điều 15 khoản 2 keeps the annual reports public
for 5 years.

Sources (ADR 0012 says what was checked and what was not):
- luatminhkhue.vn, "Thời gian công khai thông tin của cơ sở giáo dục trên cổng thông tin",
  quoting Điều 15 khoản 1 (dates, 10 working days, menus and monthly/weekly plans);
- Sở GDĐT TP Hồ Chí Minh, Công văn 5711/SGDĐT-KTKĐ (11/9/2024), guidance on the circular for
  preschool, general and continuing education (item I.1: general information);
- an independent school implementation citing the articles per item (Điều 4; Điều 5 khoản
  1–4; Điều 8 khoản 1–3; Điều 9 khoản 1–2; Điều 14; Điều 15 khoản 1 and 2).
The article numbers are those of a general school (phổ thông); the preschool and continuing
education articles were not found in the sources and are not shown.

This module is data and date arithmetic only: no models. A school year is named by the year it
starts in (2025 is the school year 2025–2026, from 1 September).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ttdn.org.enums import UnitKind

SOURCE = "Thông tư 09/2024/TT-BGDĐT (03/6/2024), Bộ Giáo dục và Đào tạo"
SOURCE_URLS = (
    # Điều 15 khoản 1 (dates) quoted.
    "https://luatminhkhue.vn/thoi-gian-cong-khai-thong-tin-cua-co-co-giao-duc-tren-cong-thong-tin.aspx",
    # A Department of Education's guidance on the circular, item by item.
    "https://thuvienphapluat.vn/cong-van/Giao-duc/Cong-van-5711-SGDDT-KTKD-2024-cong-khai-hoat-dong-co-so-giao-duc-Ho-Chi-Minh-623957.aspx",
    # The official text, to be checked against (not reachable from the search library).
    "https://vbpl.vn/bogiaoducdaotao/Pages/vbpq-timkiem.aspx?type=0&s=1&Keyword=09/2024/TT-BGD%C4%90T",
)
# Điều 15 khoản 2: annual reports stay public for 5 years; the public page shows every item
# for as long.
RETENTION_YEARS = 5
# Điều 15 khoản 1: a change is published within 10 working days of it.
UPDATE_WORKING_DAYS = 10
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
# The articles that apply to every kind of institution (the others are a general school's).
COMMON_ARTICLES = ("Điều 4", "Điều 5", "Điều 14")


@dataclass(frozen=True)
class Item:
    """One item to publish: its group and title as the circular words them, the levels it
    applies to, its yearly deadline as (month, day, years after the school year's start), and
    the article it comes from for a general school."""

    code: str
    group: str
    title: str
    levels: frozenset[str]
    due: tuple[int, int, int]
    basis: str

    def due_on(self, school_year: int) -> datetime.date:
        month, day, offset = self.due
        return datetime.date(school_year + offset, month, day)

    def basis_for(self, level: str | None) -> str:
        """The article, where the sources give it for this level."""
        common = self.basis.startswith(COMMON_ARTICLES)
        return self.basis if level == GENERAL or common else ""


@dataclass(frozen=True)
class Recurring:
    """A publication that is not yearly (Điều 15 khoản 1): shown to the editor as a rule."""

    title: str
    when: str
    levels: frozenset[str]


GROUPS = {
    "general": "Thông tin chung",
    "organisation": "Tổ chức bộ máy và đội ngũ",
    "quality": "Điều kiện bảo đảm chất lượng",
    "plans": "Kế hoạch và kết quả hoạt động giáo dục",
    "admissions": "Tuyển sinh",
    "finance": "Thu chi tài chính",
    "report": "Báo cáo thường niên",
}

# Điều 15 khoản 1: "trước ngày 30 tháng 6 hằng năm"; the 30 June inside a school year is that of
# the year after it starts.
YEARLY = (6, 30, 1)
CATALOGUE: tuple[Item, ...] = (
    Item(
        "general.information", "general",
        "Thông tin chung: tên, địa chỉ, điện thoại, thư điện tử, trang thông tin điện tử, loại "
        "hình, cơ quan quản lý, sứ mạng, tầm nhìn, mục tiêu",
        ALL, YEARLY, "Điều 4",
    ),
    Item(
        "general.rules", "general",
        "Văn bản về tổ chức bộ máy, quy chế và quy định nội bộ của cơ sở giáo dục",
        ALL, YEARLY, "Điều 4",
    ),
    Item(
        "organisation.structure", "organisation",
        "Cơ cấu tổ chức; lãnh đạo (họ tên, chức vụ, điện thoại, thư điện tử, nhiệm vụ)",
        ALL, YEARLY, "Điều 4",
    ),
    Item(
        "organisation.staff", "organisation",
        "Đội ngũ cán bộ quản lý, giáo viên, nhân viên: số lượng theo vị trí việc làm, trình độ "
        "đào tạo, chuẩn nghề nghiệp, bồi dưỡng",
        ALL, YEARLY, "Điều 8 khoản 1",
    ),
    Item(
        "quality.facilities", "quality",
        "Cơ sở vật chất: diện tích, các khối phòng, thiết bị dạy học",
        ALL, YEARLY, "Điều 8 khoản 2",
    ),
    Item(
        "plans.textbooks", "quality",
        "Sách giáo khoa, tài liệu học tập sử dụng trong năm học",
        frozenset({GENERAL}), YEARLY, "Điều 8 khoản 2",
    ),
    Item(
        "quality.accreditation", "quality",
        "Kết quả tự đánh giá, đánh giá ngoài, kiểm định chất lượng giáo dục và công nhận đạt "
        "chuẩn quốc gia",
        ALL, YEARLY, "Điều 8 khoản 3",
    ),
    Item(
        "admissions.plan", "admissions",
        "Kế hoạch tuyển sinh: đối tượng, chỉ tiêu, địa bàn, phương thức và thời gian",
        ALL, YEARLY, "Điều 9 khoản 1",
    ),
    Item(
        "plans.year", "plans",
        "Kế hoạch giáo dục của nhà trường trong năm học; phối hợp với gia đình và xã hội",
        ALL, YEARLY, "Điều 9 khoản 1",
    ),
    Item(
        "plans.results", "plans",
        "Kết quả giáo dục của năm học trước: số học sinh theo khối, kết quả đánh giá, tỉ lệ lên "
        "lớp, hoàn thành chương trình, tốt nghiệp",
        ALL, YEARLY, "Điều 9 khoản 2",
    ),
    Item(
        "finance.budget", "finance",
        "Tình hình thu, chi của năm tài chính trước",
        ALL, YEARLY, "Điều 5 khoản 1",
    ),
    Item(
        "finance.fees", "finance",
        "Các khoản thu và mức thu trong năm học (học phí, các khoản thu khác)",
        ALL, YEARLY, "Điều 5 khoản 2",
    ),
    Item(
        "finance.support", "finance",
        "Chính sách và kết quả thực hiện miễn, giảm học phí, hỗ trợ người học",
        ALL, YEARLY, "Điều 5 khoản 3",
    ),
    Item(
        "finance.funds", "finance",
        "Số dư các quỹ",
        ALL, YEARLY, "Điều 5 khoản 4",
    ),
    Item(
        "report.annual", "report",
        "Báo cáo thường niên của năm trước liền kề",
        ALL, YEARLY, "Điều 14 khoản 1 điểm b",
    ),
)  # fmt: skip
RECURRING: tuple[Recurring, ...] = (
    Recurring(
        "Kế hoạch giáo dục tháng", "trước ngày 25 của tháng trước", frozenset({PRESCHOOL})
    ),
    Recurring(
        "Kế hoạch giáo dục tuần và dự kiến thực đơn hằng ngày, hằng tuần của trẻ",
        "trước thứ Bảy của tuần trước", frozenset({PRESCHOOL}),
    ),
    Recurring(
        "Dự kiến thực đơn hằng ngày, hằng tuần của học sinh (nơi có tổ chức ăn bán trú)",
        "trước thứ Bảy của tuần trước", frozenset({GENERAL}),
    ),
)  # fmt: skip
BY_CODE = {item.code: item for item in CATALOGUE}


def level_of(kind: str) -> str | None:
    """The catalogue level of a kind of unit; None for a unit that publishes nothing here."""
    return LEVEL_OF_KIND.get(UnitKind(kind)) if kind in UnitKind.values else None


def recurring_for(kind: str) -> list[Recurring]:
    """The weekly and monthly publications of a unit of this kind (Điều 15 khoản 1)."""
    level = level_of(kind)
    return [rule for rule in RECURRING if level in rule.levels] if level else []


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
