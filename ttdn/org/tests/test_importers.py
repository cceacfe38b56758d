import datetime
import zipfile

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from ttdn.org.importers import ImportFailed, import_units
from ttdn.org.models import Unit
from ttdn.org.tests.factories import UnitGroupFactory

HEADER = "Mã đơn vị,Tên đơn vị,Tên viết tắt,Loại đơn vị,Mã đơn vị cấp trên,Ngày thành lập,Nhóm\n"


def write_csv(tmp_path, body, header=HEADER, name="units.csv"):
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def test_import_creates_units_with_parents_defined_later_in_the_file(cast, tmp_path):
    path = write_csv(
        tmp_path,
        "HB-C1,Trường Tiểu học Hạ Lý,TH Hạ Lý,Tiểu học,HB-CUM,05/09/1995,\nHB-CUM,Cụm trường Hạ Lý,,Trung tâm,PGD-HB,,\n",
    )

    result = import_units(path, by=None)

    school = Unit.objects.get(code="HB-C1")
    assert result.created == 2
    assert school.parent.code == "HB-CUM"
    assert school.kind == "primary"
    assert school.opened_on == datetime.date(1995, 9, 5)
    assert school.path.startswith(cast.phong.path)


def test_import_updates_and_moves_existing_units(cast, tmp_path):
    path = write_csv(tmp_path, "HB-B,Trường Tiểu học Lý Tự Trọng (mới),,Tiểu học,SGD-HP,,\n")

    result = import_units(path, by=None)

    unit = Unit.objects.get(code="HB-B")
    assert (result.updated, unit.name, unit.parent.code) == (
        1,
        "Trường Tiểu học Lý Tự Trọng (mới)",
        "SGD-HP",
    )


def test_import_adds_units_to_existing_groups(cast, tmp_path):
    group = UnitGroupFactory(code="CUM-1", owner=cast.phong)
    path = write_csv(tmp_path, "HB-C2,Trường THCS Ngô Quyền,,THCS,PGD-HB,,CUM-1\n")

    import_units(path, by=None)

    assert list(group.members.values_list("code", flat=True)) == ["HB-C2"]


def test_import_bad_rows_name_row_and_column_and_write_nothing(cast, tmp_path):
    path = write_csv(
        tmp_path,
        "HB-C3,Trường tốt,,Tiểu học,PGD-HB,,\n"
        "HB-C4,Trường lạ,,Trường đại học,PGD-HB,,\n"
        "HB-C5,Trường xa,,THCS,KHONG-CO,31/02/2020,\n",
    )

    with pytest.raises(ImportFailed) as failure:
        import_units(path, by=None)

    assert (
        [(e.row, e.column) for e in failure.value.errors],
        Unit.objects.filter(code__startswith="HB-C").count(),
    ) == (
        [(3, "Loại đơn vị"), (4, "Ngày thành lập"), (4, "Mã đơn vị cấp trên")],
        0,
    )


def test_import_message_is_in_vietnamese(cast, tmp_path):
    path = write_csv(tmp_path, "HB-C6,Trường,,Tiểu học,KHONG-CO,,\n")

    with pytest.raises(ImportFailed) as failure:
        import_units(path, by=None)

    assert (
        str(failure.value)
        == "Dòng 2, cột “Mã đơn vị cấp trên”: không có đơn vị nào mang mã KHONG-CO."
    )


def test_import_missing_required_column_is_reported(cast, tmp_path):
    path = write_csv(tmp_path, "X,Y\n", header="Mã đơn vị,Tên đơn vị\n")

    with pytest.raises(ImportFailed) as failure:
        import_units(path, by=None)

    assert [(e.row, e.column) for e in failure.value.errors] == [(1, "Loại đơn vị")]


def test_import_cycle_of_parents_is_reported(cast, tmp_path):
    path = write_csv(tmp_path, "X1,A,,Tiểu học,X2,,\nX2,B,,Tiểu học,X1,,\n")

    with pytest.raises(ImportFailed) as failure:
        import_units(path, by=None)

    assert [(e.row, e.column) for e in failure.value.errors] == [
        (2, "Mã đơn vị cấp trên"),
        (3, "Mã đơn vị cấp trên"),
    ]


def test_import_duplicate_code_is_reported(cast, tmp_path):
    path = write_csv(tmp_path, "X1,A,,Tiểu học,PGD-HB,,\nX1,B,,Tiểu học,PGD-HB,,\n")

    with pytest.raises(ImportFailed) as failure:
        import_units(path, by=None)

    assert [(e.row, e.column) for e in failure.value.errors] == [(3, "Mã đơn vị")]


def test_import_xlsx_with_real_dates(cast, tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Mã đơn vị cấp trên", "Ngày thành lập"])
    sheet.append(
        ["HB-X1", "Trường Mầm non Hoa Sen", "Mầm non", "PGD-HB", datetime.datetime(2001, 8, 15)]
    )
    path = tmp_path / "units.xlsx"
    book.save(path)

    import_units(path, by=None)

    assert Unit.objects.get(code="HB-X1").opened_on == datetime.date(2001, 8, 15)


def test_import_semicolon_csv_with_folded_headers(cast, tmp_path):
    path = write_csv(
        tmp_path,
        "HB-Y1;Trường THPT Hồng Bàng;THPT;SGD-HP\n",
        header="Ma don vi;Ten don vi;Loai don vi;Ma don vi cap tren\n",
    )

    import_units(path, by=None)

    assert Unit.objects.get(code="HB-Y1").kind == "upper_secondary"


def test_import_units_command_reports_errors_and_fails(cast, tmp_path):
    path = write_csv(tmp_path, "HB-C7,Trường,,Không rõ,PGD-HB,,\n")

    with pytest.raises(CommandError, match="Dòng 2, cột “Loại đơn vị”"):
        call_command("import_units", str(path))


def test_import_other_file_types_are_refused(cast, tmp_path):
    path = tmp_path / "units.txt"
    path.write_text("x")

    with pytest.raises(ImportFailed):
        import_units(path, by=None)


NOT_READABLE_CSV = "{name} không phải bảng tính đọc được (.xlsx, hoặc .csv mã UTF-8)."
NOT_XLSX = "Đây không phải tệp Excel (.xlsx)."


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("units.xlsx", b"%PDF-1.4 not a workbook", NOT_XLSX),
        ("units.xlsx", b"PK\x05\x06" + b"\x00" * 18, NOT_XLSX),  # an empty zip
        ("units.csv", b"\xff\xfe\x00\x01\x02 binary", NOT_READABLE_CSV),
        ("units.csv", b"", NOT_READABLE_CSV),
    ],
)
def test_import_units_of_a_file_that_is_not_a_spreadsheet_says_so(
    cast, tmp_path, name, content, reason
):
    path = tmp_path / name
    path.write_bytes(content)

    with pytest.raises(CommandError) as failure:
        call_command("import_units", str(path))

    assert str(failure.value) == "Không có dữ liệu nào được nhập.\n" + reason.format(name=name)


def test_import_refuses_a_csv_beyond_the_row_limit_and_writes_nothing(cast, tmp_path, settings):
    settings.UPLOAD_MAX_ROWS = 1000
    before = Unit.objects.count()
    body = "".join(f"HB-X{n},Trường {n},,Trường THCS,PGD-HB,,\n" for n in range(1000))

    with pytest.raises(CommandError) as caught:
        call_command("import_units", str(write_csv(tmp_path, body)))

    assert "1000" in str(caught.value)
    assert Unit.objects.count() == before


def test_import_refuses_an_xlsx_zip_bomb(cast, tmp_path):
    path = tmp_path / "units.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("xl/workbook.xml", "<workbook/>")
        package.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (60 * 1024 * 1024) + b"/>")

    with pytest.raises(ImportFailed) as caught:
        import_units(path, by=None)

    assert [error.row for error in caught.value.errors] == [0]
