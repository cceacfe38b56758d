import pytest

from ttdn.events import importers
from ttdn.events.enums import Category, Scope, Verification


def test_read_commemorations_keeps_the_verification_mark_and_its_reason():
    rows = {row["name"]: row for row in importers.read_commemorations()}

    marks = [
        (rows[name]["verification"], rows[name]["verification_note"])
        for name in (
            "Ngày thành lập Đảng Cộng sản Việt Nam",
            "Ngày thành lập Đội Thiếu niên Tiền phong Hồ Chí Minh",
            "Ngày Quốc tế Phụ nữ",
        )
    ]

    assert (len(rows), marks) == (
        34,
        [
            (Verification.VERIFIED, ""),
            (Verification.PARTLY, "one source for the year"),
            (Verification.VERIFIED, ""),
        ],
    )


def test_read_commemorations_reads_a_lunar_day_without_origin_year():
    tet = next(row for row in importers.read_commemorations() if row["name"] == "Tết Nguyên đán")

    assert (tet["calendar"], tet["month"], tet["day"], tet["origin_year"], tet["key"]) == (
        "lunar",
        1,
        1,
        None,
        "tet-nguyen-dan",
    )


def test_read_relations_names_each_relation_as_the_plans_do():
    every = importers.read_relations()
    rows = {row["partner"]: row for row in every if row["key"].startswith(("relations", "member"))}

    picked = [
        (rows[p]["name"], rows[p]["day"], rows[p]["month"], rows[p]["origin_year"], rows[p]["key"])
        for p in ("France", "United Nations")
    ]

    assert (len(every), picked, rows["France"]["category"], rows["France"]["scope"]) == (
        32,
        [
            ("Ngày thiết lập quan hệ ngoại giao Việt Nam - Pháp", 12, 4, 1973, "relations-france"),
            ("Ngày Việt Nam gia nhập Liên hợp quốc", 20, 9, 1977, "membership-united-nations"),
        ],
        Category.DIPLOMACY,
        Scope.NATIONAL,
    )


def test_read_commemorations_reports_every_bad_row_with_its_line(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "name,calendar,month,day,origin_year,category,scope,verified,source\n"
        "A,solar,2,3,1930,party_state,national,yes,\n"
        "B,solar,x,3,1930,party_state,national,yes,\n"
        "C,solar,2,3,1930,party_state,national,maybe,\n",
        encoding="utf-8",
    )

    with pytest.raises(importers.ImportFailed) as failed:
        importers.read_commemorations(path)

    assert failed.value.errors == [
        "bad.csv, line 3: invalid literal for int() with base 10: 'x'",
        "bad.csv, line 4: “maybe” is not a verification mark (yes, partly, no).",
    ]


def test_read_relations_reports_a_missing_column(tmp_path):
    path = tmp_path / "relations.csv"
    path.write_text("partner,date\nFrance,1973-04-12\n", encoding="utf-8")

    with pytest.raises(importers.ImportFailed) as failed:
        importers.read_relations(path)

    assert failed.value.errors == ["relations.csv has no column 'kind'."]


def test_read_relations_refuses_a_missing_file(tmp_path):
    with pytest.raises(importers.ImportFailed, match="cannot be read"):
        importers.read_relations(tmp_path / "missing.csv")
