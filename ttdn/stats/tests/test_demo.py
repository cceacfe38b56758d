from decimal import Decimal

from django.core.management import call_command
from django.urls import reverse

from ttdn.org.models import Unit
from ttdn.stats import queries
from ttdn.stats.enums import PressKind, PressStatus
from ttdn.stats.models import Figure, PressDocument


def test_demo_publishes_campha_fact_sheet_in_its_press_kit(client, db):
    call_command("load_demo")
    call_command("load_demo")

    office = Unit.objects.get(code="PGDDT-CP")
    sheet = PressDocument.objects.get(unit=office)
    board = queries.dashboard(office)
    vi = client.get(reverse("press_kit:home", args=[office.slug]))
    en = client.get(reverse("press_kit:document", args=[office.slug, sheet.pk]) + "?lang=en")
    assert (sheet.kind, sheet.status, sheet.period_key, board.period.key) == (
        PressKind.FACT_SHEET, PressStatus.PUBLISHED, "2022-SY", "2022-SY",
    )  # fmt: skip
    assert [d.pk for d in vi.context["documents"]] == [sheet.pk]
    assert [p.caption for p in vi.context["photos"]] == [
        "Lễ tổng kết năm học 2022–2023 của ngành Giáo dục và Đào tạo Cẩm Phả"
    ]
    assert en.context["text"] == (
        "In the 2022–2023 school year, Cẩm Phả city's education sector had 5 schools with "
        "3,090 pupils and 164 teachers; 5 schools met the national standard. 80.46% of "
        "grade-10 candidates were admitted to public schools."
    )
    assert [(k.dataset.code, k.change) for k in board.key_figures][:3] == [
        ("schools", Decimal(0)), ("classes", Decimal(3)), ("pupils", Decimal(98)),
    ]  # fmt: skip


def test_demo_counts_campha_national_and_international_awards_from_published_results(db):
    call_command("load_demo")
    call_command("load_demo")

    figures = Figure.objects.approved().filter(
        dataset__code__in=["awards-national", "awards-international"],
        period_key="2022-SY",
        unit__code__startswith="CP-",
    )
    office = Figure.objects.approved().filter(
        dataset__code__startswith="awards-", unit__code="PGDDT-CP"
    )

    assert sorted((f.dataset.code, f.unit.code, f.value, f.source) for f in figures) == [
        ("awards-international", "CP-TH-CAMPHU", Decimal(1), "contest"),
        ("awards-international", "CP-THCS-CAMPHU", Decimal(1), "contest"),
        ("awards-national", "CP-TH-CAMPHU", Decimal(1), "contest"),
        ("awards-national", "CP-THCS-CAMBINH", Decimal(1), "contest"),
        ("awards-national", "CP-THCS-CAMPHU", Decimal(1), "contest"),
    ]
    assert sorted((f.dataset.code, f.period_key, f.value) for f in office) == [
        ("awards-international", "2022-SY", Decimal(2)),
        ("awards-national", "2022-SY", Decimal(3)),
    ]
    national = office.get(dataset__code="awards-national")
    assert sorted(national.contests.values_list("international", flat=True)) == [False, False]
