"""What the packaged legal library promises, and how its reader refuses a file that breaks it."""

from urllib.parse import urlsplit

import pytest

from ttdn.documents import importers
from ttdn.documents.citations import number_symbol_key
from ttdn.documents.enums import DocumentStatus, RelationKind, Verification

HEADER = ",".join([*importers.COLUMNS[:8], "relations", *importers.COLUMNS[8:], "note"])
SOURCES = "https://a.example/1 ; https://b.example/2"

# The documents a 2026 office cites, by group (issue #20, point 9).
CORE = ["16-KL/TW", "57-KL/TW", "368/QĐ-TTg", "72/2015/NĐ-CP", "22/2016/TT-BTTTT"]
PRESS = ["103/2016/QH13", "104/2016/QH13", "09/2017/NĐ-CP"]
SECRETS_AND_DATA = ["29/2018/QH14", "117/2025/QH15", "91/2025/QH15", "356/2025/NĐ-CP"]
REORGANISATION = ["43/2025/NĐ-CP", "72/2025/QH15", "15/2025/TT-BGDĐT"]
EDUCATION = ["09/2024/TT-BGDĐT", "3767/QĐ-BGDĐT"]
ADMINISTRATION = ["30/2020/NĐ-CP", "09/2019/NĐ-CP", "145/2013/NĐ-CP"]


@pytest.fixture(scope="module")
def rows():
    return importers.read_legal_documents()


def test_the_library_covers_every_group_the_offices_cite(rows):
    keys = {number_symbol_key(row["number_symbol"]) for row in rows}

    missing = [
        symbol
        for symbol in CORE + PRESS + SECRETS_AND_DATA + REORGANISATION + EDUCATION + ADMINISTRATION
        if number_symbol_key(symbol) not in keys
    ]

    assert missing == []


def test_every_verified_row_names_two_independent_sources(rows):
    def hosts(source: str) -> set[str]:
        parts = [part.strip() for part in source.split(";")]
        return {urlsplit(part).hostname or part for part in parts}

    weak = [
        row["number_symbol"]
        for row in rows
        if row["verification"] == Verification.VERIFIED and len(hosts(row["source"])) < 2
    ]

    assert weak == []


def test_replacements_are_recorded_both_ways(rows):
    replaces = {
        (number_symbol_key(row["number_symbol"]), number_symbol_key(target))
        for row in rows
        for kind, target in row["relations"]
        if kind == RelationKind.REPLACES
    }
    replaced_by = {
        (number_symbol_key(row["replaced_by"]), number_symbol_key(row["number_symbol"]))
        for row in rows
        if row["replaced_by"]
    }

    assert (replaces == replaced_by, len(replaces) >= 4) == (True, True)


def test_a_replaced_document_is_never_listed_as_in_force(rows):
    wrong = [
        row["number_symbol"]
        for row in rows
        if row["replaced_by"] and row["status"] != DocumentStatus.REPLACED
    ]

    assert wrong == []


def test_maintainer_notes_are_not_loaded(rows):
    assert all("note" not in row for row in rows)


def read(tmp_path, *lines):
    path = tmp_path / "library.csv"
    path.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    return importers.read_legal_documents(path)


def test_a_replacement_said_one_way_only_is_refused_with_its_line(tmp_path):
    with pytest.raises(importers.ImportFailed) as failure:
        read(
            tmp_path,
            f"Luật,1/2020/QH14,2020-01-01,Quốc hội,Luật A,,replaced,,,yes,{SOURCES},",
            f"Luật,2/2024/QH15,2024-01-01,Quốc hội,Luật A,,in_force,,replaces 1/2020/QH14,yes,{SOURCES},",
        )

    assert failure.value.errors == [
        "line 2: the replaced document does not name its replacement in “replaced_by”"
    ]


def test_a_replaced_by_without_its_replaces_is_refused_with_its_line(tmp_path):
    with pytest.raises(importers.ImportFailed) as failure:
        read(
            tmp_path,
            f"Luật,1/2020/QH14,2020-01-01,Quốc hội,Luật A,,replaced,2/2024/QH15,,yes,{SOURCES},",
            f"Luật,2/2024/QH15,2024-01-01,Quốc hội,Luật A,,in_force,,,yes,{SOURCES},",
        )

    assert failure.value.errors == ["line 3: the replacement does not list “replaces 1/2020/QH14”"]


def test_a_relation_to_a_document_not_in_the_file_is_refused(tmp_path):
    with pytest.raises(importers.ImportFailed) as failure:
        read(
            tmp_path,
            f"Thông tư,1/2020/TT-BTP,2020-01-01,Bộ Tư pháp,Hướng dẫn,,in_force,,guides 9/2019/NĐ-CP,yes,{SOURCES},",
        )

    assert failure.value.errors == ["line 2: 9/2019/NĐ-CP is not in the file"]


def test_bad_rows_are_refused_each_with_its_line(tmp_path):
    with pytest.raises(importers.ImportFailed) as failure:
        read(
            tmp_path,
            "Luật,1/2020/QH14,2020-01-01,Quốc hội,Luật A,,in_force,,,yes,https://a.example/1,",
            f"Luật,2/2020/QH14,2020-01-01,Quốc hội,Luật B,,in_force,,cancels 1/2020/QH14,yes,{SOURCES},",
            f"Luật,3/2020/QH14,2020-01-01,Quốc hội,Luật C,,in_force,,,partly,{'x' * 501},",
            "Luật,4/2020/QH14,2020-01-01,Quốc hội,Luật D,,replaced,1/2020/QH14,,no,,",
        )

    assert failure.value.errors == [
        "line 2: a row marked verified must name two independent sources",
        "line 3: “cancels 1/2020/QH14” is not a relation "
        "(replaces, amends, guides or implements + number)",
        "line 4: the sources are longer than 500 characters",
    ]


def test_a_replaced_document_in_force_is_refused(tmp_path):
    with pytest.raises(importers.ImportFailed) as failure:
        read(
            tmp_path,
            f"Luật,1/2020/QH14,2020-01-01,Quốc hội,Luật A,,in_force,2/2024/QH15,,yes,{SOURCES},",
            f"Luật,2/2024/QH15,2024-01-01,Quốc hội,Luật A,,in_force,,replaces 1/2020/QH14,yes,{SOURCES},",
        )

    assert failure.value.errors == ["line 2: a replaced document has the status “replaced”"]


def test_an_amended_document_listed_as_in_force_is_refused(tmp_path):
    with pytest.raises(importers.ImportFailed) as failure:
        read(
            tmp_path,
            f"Luật,1/2020/QH14,2020-01-01,Quốc hội,Luật A,,in_force,,,yes,{SOURCES},",
            f"Luật,2/2024/QH15,2024-01-01,Quốc hội,Luật sửa đổi,,in_force,,amends 1/2020/QH14,yes,{SOURCES},",
        )

    assert failure.value.errors == ["line 2: an amended document has the status “amended”"]


def test_at_least_120_documents_are_verified_against_two_sources(rows):
    # Issue #20: at least 120 documents, each verified against two independent public sources.
    verified = [row for row in rows if row["verification"] == Verification.VERIFIED]

    assert (len(rows) >= 157, len(verified) >= 120) == (True, True)


def test_the_library_covers_what_a_2026_office_cites_beyond_the_core(rows):
    keys = {number_symbol_key(row["number_symbol"]) for row in rows}
    wanted = [
        "43/2019/QH14",  # Luật Giáo dục
        "86/2018/NĐ-CP",  # foreign cooperation and investment in education
        "06/2020/QĐ-TTg",  # international conferences and seminars
        "88/2012/NĐ-CP",  # foreign press
        "24/2018/QH14",  # Luật An ninh mạng and its decree, and the 2025 law
        "53/2022/NĐ-CP",
        "116/2025/QH15",
        "147/2024/NĐ-CP",  # internet services
        "02/2016/QH14",  # religion, border
        "66/2020/QH14",
        "531/QĐ-TTg",  # the education sector's state secrets
    ]

    assert [symbol for symbol in wanted if number_symbol_key(symbol) not in keys] == []


def test_no_source_names_a_seed_by_its_file_number(rows):
    # "seed 000" means nothing to an official; a source names the plan itself.
    assert [row["number_symbol"] for row in rows if "seed 0" in row["source"]] == []
