from django.utils import timezone

from ttdn.documents import demo as documents_demo
from ttdn.org import demo as org_demo
from ttdn.org.models import Unit, User
from ttdn.registries import demo, queries
from ttdn.registries.models import Course, Inspection, Partner


def test_demo_loads_quang_ninh_registries_once(db):
    org_demo.load()
    documents_demo.load()

    first = demo.load()
    again = demo.load()

    so_officer = User.objects.get(username="so-quangninh-canbo")
    phong = Unit.objects.get(code="PGDDT-CP")
    course = Course.objects.get()
    to_renew = queries.agreements_to_renew(so_officer, today=timezone.localdate(), days=90)
    assert (Partner.objects.count(), course.trainees.count(), again) == (
        5,
        5,
        ["registries already there"],
    )
    assert [a.partner.name for a in to_renew] == [demo.HUAPHANH]
    assert Inspection.objects.get().status == "in_progress"
    assert queries.untrained_contacts(phong, course.starts_on.year).count() == 5
    assert first[0].startswith("5 partners")
