from django.apps import apps
from django.core.management import call_command

from ttdn.org.models import Membership, Unit, User


def _counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_load_demo_twice_changes_nothing(db, demo):
    counts = _counts()

    call_command("load_demo")

    assert _counts() == counts


def test_load_demo_has_the_accounts_scripts_rely_on(db, demo):
    roles = {
        m.user.username: (m.unit.code, m.role)
        for m in Membership.objects.select_related("user", "unit")
    }
    assert [roles[name] for name in ("so-haiphong", "phong-hongbang", "phong-campha")] == [
        ("SGDDT-HP", "leader"),
        ("PGDDT-HB", "officer"),
        ("PGDDT-CP", "officer"),
    ]


def test_load_demo_school_accounts_sit_in_the_right_district(db, demo):
    schools = {
        u: Membership.objects.get(user__username=u).unit
        for u in ("truong-hongbang", "truong-campha")
    }
    assert [(s.parent.code, s.level) for s in schools.values()] == [
        ("PGDDT-HB", "school"),
        ("PGDDT-CP", "school"),
    ]


def test_load_demo_has_enough_schools_in_each_locality(db, demo):
    assert [
        Unit.objects.filter(parent__code=code, level="school").count() >= 12
        for code in ("PGDDT-HB", "PGDDT-CP")
    ] == [True, True]


def test_load_demo_has_a_post_2025_province_with_schools_under_communes(db, demo):
    kinds = sorted(
        {
            u.parent.kind
            for u in Unit.objects.filter(
                path__startswith=Unit.objects.get(code="SGDDT-TQ").path, level="school"
            )
        }
    )
    assert kinds == ["commune_committee", "department"]


def test_demo_accounts_are_marked(db, demo):
    assert User.objects.filter(is_demo=False).count() == 0
