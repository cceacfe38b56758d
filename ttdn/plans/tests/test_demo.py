from ttdn.org.enums import UnitKind
from ttdn.org.tests.factories import UnitFactory
from ttdn.plans import demo
from ttdn.plans.models import Plan


def test_demo_load_imports_both_seeds_once(db):
    UnitFactory(code="PGDDT-HB", kind=UnitKind.DISTRICT_OFFICE)
    UnitFactory(code="PGDDT-CP", kind=UnitKind.DISTRICT_OFFICE)

    demo.load()
    again = demo.load()

    assert (
        sorted(Plan.objects.values_list("unit__code", "year")),
        [line.startswith("PGDDT-") and "already" in line for line in again],
    ) == ([("PGDDT-CP", 2023), ("PGDDT-HB", 2022)], [True, True])
