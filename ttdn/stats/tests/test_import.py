"""The Excel import screen: upload, a preview with each row's errors, confirm; the figures wait
for a leader's approval with the file and its row as provenance; a bad file records nothing."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook, load_workbook

from ttdn.core.models import PendingUpload
from ttdn.stats import excel, queries, services
from ttdn.stats.enums import FigureStatus, Source
from ttdn.stats.models import Figure, ImportFile
from ttdn.stats.tests import factories

HEADER = ["Mã đơn vị", "Mã chỉ tiêu", "Kỳ", "Giá trị", "Ghi chú"]


def xlsx(*rows, header=HEADER) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(data: bytes, name: str = "so-lieu.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data)


@pytest.fixture
def datasets(db):
    return factories.datasets()


GOOD = xlsx(
    ("HB-A", "pupils", "2022-2023", 640, "Theo sổ điểm danh"),
    ("HB-B", "pupils", "Năm học 2022–2023", "812", ""),
    ("HB-A", "candidates", "HK1 2022-2023", 150.0, ""),
)


def test_periods_are_read_as_officials_write_them():
    assert excel.parse_period("2022-2023").key == "2022-SY"
    assert excel.parse_period("Năm học 2022–2023").key == "2022-SY"
    assert excel.parse_period("HK2 2022-2023").key == "2022-S2"
    assert excel.parse_period("Năm 2023").key == "2023-Y"
    assert excel.parse_period("2022-SY").key == "2022-SY"
    for bad in ("2022-2024", "2023-Q1", "kỳ này", ""):
        with pytest.raises(excel.InvalidPeriod):
            excel.parse_period(bad)


def test_preview_lists_every_row_and_records_nothing(client, cast, datasets):
    client.force_login(cast.phong_officer)
    url = reverse("stats:figure_import", args=[cast.phong.pk])

    response = client.post(url, {"file": upload(GOOD)})

    assert response.status_code == 200
    sheet = response.context["sheet"]
    assert [(r.number, r.unit, r.value, r.errors) for r in sheet.rows] == [
        (2, cast.school_a, Decimal(640), []),
        (3, cast.school_b, Decimal(812), []),
        (4, cast.school_a, Decimal(150), []),
    ]
    assert Figure.objects.count() == 0 and ImportFile.objects.count() == 0
    assert b'name="confirm"' in response.content
    # The file is kept for the confirm button: the page carries its token.
    kept = PendingUpload.objects.get()
    assert kept.token.encode() in response.content


def test_confirm_records_the_kept_file_as_figures_waiting_for_approval(client, cast, datasets):
    client.force_login(cast.phong_officer)
    url = reverse("stats:figure_import", args=[cast.phong.pk])
    client.post(url, {"file": upload(GOOD)})
    token = PendingUpload.objects.get().token

    response = client.post(url, {"file__pending": token, "confirm": "1"})

    assert response.status_code == 302
    kept = ImportFile.objects.get()
    assert (kept.filename, kept.rows, kept.unit, kept.by) == (
        "so-lieu.xlsx", 3, cast.phong, cast.phong_officer,
    )  # fmt: skip
    figures = list(Figure.objects.order_by("import_row"))
    assert [(f.unit, f.period_key, f.value, f.import_row, f.status, f.source) for f in figures] == [
        (cast.school_a, "2022-SY", Decimal(640), 2, FigureStatus.DRAFT, Source.EXCEL),
        (cast.school_b, "2022-SY", Decimal(812), 3, FigureStatus.DRAFT, Source.EXCEL),
        (cast.school_a, "2022-S1", Decimal(150), 4, FigureStatus.DRAFT, Source.EXCEL),
    ]
    assert all(f.import_source == kept for f in figures)
    assert figures[0].note == "Theo sổ điểm danh"
    assert not PendingUpload.objects.exists()
    # Not public until approved, by a leader who did not import them.
    assert not Figure.objects.public().exists()
    services.approve_figure(figures[0], by=cast.phong_leader)
    figures[0].refresh_from_db()
    with translation.override("en"):
        assert "so-lieu.xlsx, row 2" in queries.provenance_text(figures[0])
    # The kept file is the very file, for those who see the unit.
    file_url = reverse("stats:import_file", args=[kept.pk])
    assert b"".join(client.get(file_url).streaming_content) == GOOD
    client.force_login(cast.outsider)
    assert client.get(file_url).status_code == 404


def test_each_bad_row_is_named_in_vietnamese_and_nothing_is_recorded(client, cast, datasets):
    client.force_login(cast.phong_officer)
    bad = xlsx(
        ("QN-X", "pupils", "2022-2023", 1),  # another province's school
        ("HB-A", "hoc-sinh-x", "2022-2023", 1),
        ("HB-A", "pupils", "năm ngoái", 1),
        ("HB-A", "candidates", "2022-2023", "nhiều"),
        ("HB-A", "rate", "2022-2023", 50),
        ("HB-B", "pupils", "2022-2023", 5),
        ("HB-B", "pupils", "2022-2023", 6),
    )
    response = client.post(
        reverse("stats:figure_import", args=[cast.phong.pk]),
        {"file": upload(bad)},
        HTTP_ACCEPT_LANGUAGE="vi",
    )

    assert response.status_code == 422
    errors = {r.number: r.errors for r in response.context["sheet"].rows}
    text = response.content.decode()
    assert errors[2][0].startswith("Không có đơn vị mã “QN-X”") and errors[2][0] in text
    assert "hoc-sinh-x" in errors[3][0]
    assert len(errors[4]) == 1 and len(errors[5]) == 1 and len(errors[6]) == 1
    assert errors[7] == [] and len(errors[8]) == 1
    assert b'name="confirm"' not in response.content
    # A forged confirm records nothing either.
    token = PendingUpload.objects.get().token
    client.post(
        reverse("stats:figure_import", args=[cast.phong.pk]),
        {"file__pending": token, "confirm": "1"},
    )
    assert Figure.objects.count() == 0 and ImportFile.objects.count() == 0


@pytest.mark.parametrize(
    "data, name",
    [
        (b"not a workbook at all", "so-lieu.xlsx"),
        (xlsx(("HB-A", "pupils"), header=["Mã đơn vị", "Mã chỉ tiêu"]), "so-lieu.xlsx"),
        (xlsx(), "so-lieu.xlsx"),
        (b"a,b,c\n", "so-lieu.csv"),
    ],
)
def test_a_bad_file_gets_a_clear_message_and_nothing_is_stored(client, cast, datasets, data, name):
    client.force_login(cast.phong_officer)

    response = client.post(
        reverse("stats:figure_import", args=[cast.phong.pk]), {"file": upload(data, name)}
    )

    assert response.status_code == 422
    assert response.context["form"].errors["file"]
    assert Figure.objects.count() == 0 and ImportFile.objects.count() == 0


def test_a_unit_above_the_person_cannot_be_imported_into(client, cast, datasets):
    client.force_login(cast.teacher_a)

    response = client.post(
        reverse("stats:figure_import", args=[cast.school_a.pk]),
        {"file": upload(xlsx(("HB-B", "pupils", "2022-2023", 5)))},
    )

    assert "HB-B" in response.context["sheet"].rows[0].errors[0]
    assert client.get(reverse("stats:figure_import", args=[cast.phong.pk])).status_code == 404


def test_the_template_names_the_columns_and_the_codes(client, cast, datasets):
    client.force_login(cast.phong_officer)

    response = client.get(reverse("stats:import_template", args=[cast.phong.pk]))

    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [c.value for c in book.worksheets[0][1]] == HEADER
    assert {row[0] for row in book["Mã đơn vị"].iter_rows(min_row=2, values_only=True)} == {
        "PGD-HB", "HB-A", "HB-B",
    }  # fmt: skip
    assert "rate" not in {r[0] for r in book["Mã chỉ tiêu"].iter_rows(values_only=True)}
