import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ttdn.events import importers
from ttdn.events.models import Commemoration


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_anniversaries_json_lists_the_units_year(cast, reference):
    rows = json.loads(run("anniversaries", "2022", "--unit", "HB-A", "--json"))

    hai_phong = next(row for row in rows if row["unit"])
    assert {
        k: hai_phong[k] for k in ("name", "date", "ordinal", "class", "scope", "unit", "calendar")
    } == {
        "name": "Ngày giải phóng Hải Phòng",
        "date": "2022-05-13",
        "ordinal": 67,
        "class": "other",
        "scope": "province",
        "unit": "SGD-HP",
        "calendar": "solar",
    }


def test_anniversaries_without_unit_lists_every_local_day(cast, reference):
    rows = json.loads(run("anniversaries", "2023", "--json"))

    assert [row["unit"] for row in rows if row["unit"]] == ["SGD-HP", "SGD-QN"]


def test_anniversaries_text_marks_even_years_and_unverified_dates(cast, reference):
    lines = run("anniversaries", "2025").splitlines()

    party = next(line for line in lines if "Đảng Cộng sản" in line)
    netherlands = next(line for line in lines if "Hà Lan" in line)
    assert (party, netherlands) == (
        "2025-02-03    95 half  * national      Ngày thành lập Đảng Cộng sản Việt Nam",
        "2025-04-09    52 other   national      Ngày thiết lập quan hệ ngoại giao Việt Nam - Hà Lan  [partly: one source]",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("anniversaries", "1899"),
            "The year 1899 is outside the years the calendar covers, 1900 to 2100.",
        ),
        (("anniversaries", "2025", "--unit", "NOPE"), "No unit has the code NOPE."),
    ],
)
def test_anniversaries_refuses_bad_input_with_the_reason(db, args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_lunar_to_lunar_gives_tet_1985_in_vietnam(db):
    assert json.loads(run("lunar", "--to-lunar", "1985-01-21")) == {
        "solar": "1985-01-21",
        "lunar": {"year": 1985, "month": 1, "day": 1, "leap": False},
    }


def test_lunar_to_solar_reads_a_leap_month(db):
    assert json.loads(run("lunar", "--to-solar", "2023-02-15", "--leap")) == {
        "solar": "2023-04-05",
        "lunar": {"year": 2023, "month": 2, "day": 15, "leap": True},
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--to-lunar", "2023-02-30"), "2023-02-30 is not a date: day is out of range for month."),
        (("--to-solar", "2024-02-15", "--leap"), "lunar year 2024 has no leap month"),
        (
            ("--to-solar", "2024-01-30"),
            "lunar day 30 does not exist: lunar month 1 of 2024 has 29 days",
        ),
        (
            ("--to-solar", "1899-01-01"),
            "lunar year 1899 is outside the supported range 1900 to 2100",
        ),
        (("--to-lunar", "21/01/1985"), "“21/01/1985” is not written YYYY-MM-DD."),
        (("--to-lunar", "1985-01-21", "--leap"), "--leap goes with --to-solar only."),
    ],
)
def test_lunar_refuses_an_impossible_date_with_the_reason(db, args, message):
    with pytest.raises(CommandError) as refused:
        run("lunar", *args)

    assert str(refused.value) == message


def test_lunar_refusal_exits_non_zero_without_a_traceback(db):
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "ttdn.settings_test", "LANG": "C.UTF-8"}

    result = subprocess.run(
        [sys.executable, "-m", "ttdn.manage", "lunar", "--to-lunar", "2023-02-30"],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )

    assert result.returncode == 1
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "2023-02-30" in result.stderr


def test_load_commemorations_loads_the_reference_files_once(db):
    first = run("load_commemorations")
    second = run("load_commemorations")

    count = len(importers.read_commemorations() + importers.read_relations())
    assert (first, second, Commemoration.objects.count()) == (
        f"{count} commemorations created, 0 updated, 0 unchanged.\n",
        f"0 commemorations created, 0 updated, {count} unchanged.\n",
        count,
    )


def test_load_commemorations_loads_nothing_from_a_bad_file(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "name,calendar,month,day,origin_year,category,scope,verified,source\nA,solar,2,30,,history,national,yes,\n",
        encoding="utf-8",
    )

    with pytest.raises(CommandError, match="30/2 is not a date"):
        run("load_commemorations", "--commemorations", str(bad))

    assert Commemoration.objects.count() == 0
