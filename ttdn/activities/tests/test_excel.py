"""The registry's Excel round trip: what the export writes, the import reads back; a bad row
is named by row and column, and then nothing is saved."""

import datetime
from io import BytesIO

import pytest
from openpyxl import Workbook, load_workbook

from ttdn.activities import excel, services
from ttdn.activities.enums import ActivityKind
from ttdn.activities.models import Activity
from ttdn.plans.enums import PlanStatus
from ttdn.plans.tests.factories import PlanFactory, PlanTaskFactory

FIELDS = ["unit__code", "kind", "title", "starts_on", "ends_on", "place", "description",
          "officials", "teachers", "pupils", "parents", "foreign_guests", "tasks"]  # fmt: skip


def sheet(rows):
    book = Workbook()
    book.active.append(excel.HEADERS)
    for row in rows:
        book.active.append(row)
    out = BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_export_then_import_gives_the_same_activities(cast):
    task = PlanTaskFactory(plan=PlanFactory(unit=cast.phong, status=PlanStatus.ISSUED))
    services.record_activity(
        cast.school_a, by=cast.teacher_a, kind=ActivityKind.CEREMONY, title="Lễ kỷ niệm 60 năm",
        starts_on=datetime.date(2026, 10, 30), ends_on=datetime.date(2026, 10, 31),
        place="Hội trường", description="Trang trọng; thiết thực.", teachers=40, pupils=600,
        foreign_guests=2, tasks=[task],
    )  # fmt: skip
    services.record_activity(
        cast.school_a, by=cast.teacher_a, kind=ActivityKind.VISIT, title="Tham quan bảo tàng",
        starts_on=datetime.date(2026, 11, 5),
    )  # fmt: skip
    before = list(Activity.objects.order_by("pk").values_list(*FIELDS))
    body = excel.export_activities(Activity.objects.order_by("pk").prefetch_related("tasks"))
    Activity.objects.all().delete()

    excel.import_activities(BytesIO(body), by=cast.teacher_a)

    assert list(Activity.objects.order_by("pk").values_list(*FIELDS)) == before


def test_export_has_vietnamese_headers_and_labels(cast):
    services.record_activity(
        cast.school_a, by=cast.teacher_a, kind=ActivityKind.VISIT, title="Tham quan",
        starts_on=datetime.date(2026, 11, 5),
    )  # fmt: skip

    book = load_workbook(BytesIO(excel.export_activities(Activity.objects.all())))

    rows = list(book.active.iter_rows(values_only=True))
    assert (rows[0][:3], rows[1][1], rows[1][-1]) == (
        ("Mã đơn vị", "Loại hoạt động", "Tên hoạt động"), "Tham quan, dã ngoại", "Bản nháp",
    )  # fmt: skip


def test_import_names_every_bad_cell_and_saves_nothing(cast):
    good = [
        "HB-A",
        "Lễ kỷ niệm, mít tinh",
        "Lễ chào cờ",
        "20/03/2026",
        None,
        "",
        "",
        0,
        0,
        10,
        0,
        0,
        "",
    ]
    rows = [
        good,
        [
            "HB-B",
            "Lễ kỷ niệm, mít tinh",
            "Của trường khác",
            "20/03/2026",
            None,
            "",
            "",
            0,
            0,
            0,
            0,
            0,
            "",
        ],
        ["HB-A", "Không rõ", "Sai loại", "20/03/2026", None, "", "", 0, 0, 0, 0, 0, ""],
        ["HB-A", "Lễ kỷ niệm, mít tinh", "Sai ngày", "32/03/2026", None, "", "", 0, 0, 0, 0, 0, ""],
        ["HB-A", "Lễ kỷ niệm, mít tinh", "Âm", "20/03/2026", None, "", "", 0, 0, -5, 0, 0, ""],
        ["HB-A", "Lễ kỷ niệm, mít tinh", "", "20/03/2026", "19/03/2026", "", "", 0, 0, 0, 0, 0, ""],
    ]

    with pytest.raises(excel.ImportRefused) as refused:
        excel.import_activities(sheet(rows), by=cast.teacher_a)

    assert ([(e.row, e.column) for e in refused.value.errors], Activity.objects.count()) == (
        [(3, "Mã đơn vị"), (4, "Loại hoạt động"), (5, "Ngày bắt đầu"), (6, "Học sinh"),
         (7, "Tên hoạt động"), (7, "Ngày kết thúc")],
        0,
    )  # fmt: skip


def test_import_refuses_a_file_that_is_not_a_workbook(cast):
    with pytest.raises(excel.ImportRefused) as refused:
        excel.import_activities(BytesIO(b"not a workbook"), by=cast.teacher_a)

    assert [e.row for e in refused.value.errors] == [1]


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)"])
def test_export_keeps_user_text_as_text_never_a_formula(cast, payload):
    services.record_activity(
        cast.school_a, by=cast.teacher_a, kind=ActivityKind.VISIT, title=payload,
        starts_on=datetime.date(2026, 11, 5), place=payload, description=payload,
    )  # fmt: skip

    book = load_workbook(BytesIO(excel.export_activities(Activity.objects.all())))

    cells = [c for row in book.active.iter_rows(min_row=2) for c in row if c.value == payload]
    assert [c.data_type for c in cells] == ["s", "s", "s"]
