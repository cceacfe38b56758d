"""What the packaged calendar promises a 2026 plan, and how its readers refuse a bad row."""

import io
import json

import pytest
from django.core.management import call_command

from ttdn.events import importers, services
from ttdn.events.enums import Verification

# Nghị định 145/2013/NĐ-CP, Art. 4: the great national days, by (month, day) or lunar (month, day).
GREAT_DAYS = {
    ("lunar", 1, 1),
    ("solar", 2, 3),
    ("lunar", 3, 10),
    ("solar", 4, 30),
    ("solar", 5, 7),
    ("solar", 5, 19),
    ("solar", 8, 19),
    ("solar", 9, 2),
}


@pytest.fixture
def calendar(db):
    services.load_reference(importers.read_commemorations() + importers.read_relations())


def anniversaries(year):
    out = io.StringIO()
    call_command("anniversaries", str(year), "--json", stdout=out)
    return {(row["name"], row["date"]): row["ordinal"] for row in json.loads(out.getvalue())}


def test_the_2026_round_anniversaries_are_listed(calendar):
    found = anniversaries(2026)

    assert {
        ("Ngày Tổng tuyển cử đầu tiên bầu Quốc hội", "2026-01-06"): 80,
        ("Ngày Thể thao Việt Nam", "2026-03-27"): 80,
        ("Ngày Báo chí Cách mạng Việt Nam", "2026-06-21"): 101,
        ("Ngày Pháp luật Việt Nam", "2026-11-09"): 80,
        ("Ngày Toàn quốc kháng chiến", "2026-12-19"): 80,
    }.items() <= found.items()


def test_the_laos_treaty_stands_beside_the_relations(calendar):
    found = anniversaries(2027)

    assert {
        ("Ngày ký Hiệp ước Hữu nghị và Hợp tác Việt Nam - Lào", "2027-07-18"): 50,
        ("Ngày thiết lập quan hệ ngoại giao Việt Nam - Lào", "2027-09-05"): 65,
    }.items() <= found.items()


def test_partners_have_their_present_names(calendar):
    names = " ".join(name for name, _date in anniversaries(2025))

    assert ("Tiệp Khắc" in names, "Cộng hòa Séc" in names, "Slovakia" in names) == (
        False,
        True,
        True,
    )


def test_every_great_day_of_decree_145_is_verified_with_its_source():
    rows = importers.read_commemorations()
    great = {
        (row["calendar"], row["month"], row["day"]): row
        for row in rows
        if (row["calendar"], row["month"], row["day"]) in GREAT_DAYS
    }

    assert (
        set(great) == GREAT_DAYS,
        {row["verification"] for row in great.values()},
        all("145/2013" in row["source"] for row in great.values()),
    ) == (True, {Verification.VERIFIED}, True)


def test_every_verified_day_added_for_2026_names_two_sources():
    rows = {row["name"]: row for row in importers.read_commemorations()}
    names = [
        "Ngày Tổng tuyển cử đầu tiên bầu Quốc hội",
        "Ngày Thể thao Việt Nam",
        "Ngày Báo chí Cách mạng Việt Nam",
        "Ngày Pháp luật Việt Nam",
        "Ngày Toàn quốc kháng chiến",
    ]

    assert [(rows[n]["verification"], len(rows[n]["source"].split(" ; ")) >= 2) for n in names] == [
        (Verification.VERIFIED, True)
    ] * len(names)


def test_a_treaty_without_its_title_is_refused_with_its_line(tmp_path):
    path = tmp_path / "relations.csv"
    path.write_text(
        "partner,partner_vi,date,kind,title,verified,note\n"
        "Laos,Lào,1977-07-18,treaty,Hiệp ước A,yes,\n"
        "Laos,Lào,1977-07-18,treaty,,yes,\n",
        encoding="utf-8",
    )

    with pytest.raises(importers.ImportFailed) as failed:
        importers.read_relations(path)

    assert failed.value.errors == ["relations.csv, line 3: a treaty needs its title."]


def test_a_source_too_long_to_keep_is_refused_with_its_line(tmp_path):
    path = tmp_path / "days.csv"
    path.write_text(
        "name,calendar,month,day,origin_year,category,scope,verified,source\n"
        f"A,solar,2,3,1930,party_state,national,yes,{'x' * 256}\n",
        encoding="utf-8",
    )

    with pytest.raises(importers.ImportFailed) as failed:
        importers.read_commemorations(path)

    assert failed.value.errors == ["days.csv, line 2: the source is longer than 255 characters."]


def test_every_verified_relation_added_with_a_source_keeps_it_and_drops_the_maintainers_note():
    rows = {(row["partner"], row["key"].split("-")[0]): row for row in importers.read_relations()}
    hungary = rows[("Hungary", "relations")]

    assert (
        "notes" in hungary,
        hungary["verification"],
        len(hungary["source"].split(" ; ")),
        rows[("Poland", "relations")]["verification"],
    ) == (False, Verification.VERIFIED, 2, Verification.PARTLY)


def test_the_days_checked_this_round_name_two_sources():
    rows = {row["name"]: row for row in importers.read_commemorations()}
    names = [
        "Ngày Thương binh - Liệt sĩ",
        "Ngày thành lập Quân đội nhân dân Việt Nam",
        "Ngày truyền thống Học sinh - Sinh viên Việt Nam",
        "Ngày Nam Bộ kháng chiến",
        "Ngày Giải phóng Thủ đô",
        "Ngày truyền thống Bộ đội Biên phòng",
        "Ngày Sách và Văn hóa đọc Việt Nam",
    ]

    assert [(rows[n]["verification"], len(rows[n]["source"].split(" ; ")) >= 2) for n in names] == [
        (Verification.VERIFIED, True)
    ] * len(names)


def test_every_day_and_every_relation_in_the_packaged_calendar_names_its_source():
    # Issue #20, point 10: no date of the calendar is shown without a public source behind it.
    rows = importers.read_commemorations() + importers.read_relations()
    unsourced = [row.get("name") or row.get("partner") for row in rows if not row.get("source")]

    assert unsourced == []
