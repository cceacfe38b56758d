import unicodedata

import pytest
from django.core.exceptions import ValidationError

from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry
from ttdn.events import demo, importers, services
from ttdn.events.enums import Category, Scope, Verification
from ttdn.events.models import Commemoration
from ttdn.events.tests.factories import local
from ttdn.org import demo as org_demo


def test_create_commemoration_normalises_folds_and_audits(cast):
    decomposed = unicodedata.normalize("NFD", "Ngày giải phóng Hải Phòng")

    commemoration = services.create_commemoration(
        name=f" {decomposed} ",
        day=13,
        month=5,
        origin_year=1955,
        scope=Scope.PROVINCE,
        category=Category.HISTORY,
        unit=cast.so,
        by=cast.so_leader,
    )

    entry = AuditEntry.objects.get(object_type="events.Commemoration")
    assert (
        commemoration.name,
        commemoration.folded_name,
        entry.action,
        entry.actor,
        entry.unit_id,
        entry.changes["day"],
    ) == (
        "Ngày giải phóng Hải Phòng",
        "ngay giai phong hai phong",
        AuditAction.CREATE,
        cast.so_leader,
        cast.so.pk,
        [None, 13],
    )


def test_create_commemoration_refuses_an_impossible_date_and_writes_nothing(cast):
    with pytest.raises(ValidationError):
        services.create_commemoration(
            name="X", day=30, month=2, scope=Scope.NATIONAL, category=Category.HISTORY, by=None
        )

    assert (
        Commemoration.objects.count(),
        AuditEntry.objects.filter(object_type="events.Commemoration").count(),
    ) == (0, 0)


def test_update_commemoration_records_only_what_changed(cast):
    commemoration = local(cast.so, "Ngày giải phóng Hải Phòng", day=13, month=5, origin_year=1956)

    services.update_commemoration(commemoration, origin_year=1955, day=13, by=cast.so_leader)
    services.update_commemoration(commemoration, origin_year=1955, by=cast.so_leader)

    updates = AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_type="events.Commemoration"
    )
    assert [u.changes for u in updates] == [{"origin_year": [1956, 1955]}]


def test_delete_commemoration_keeps_its_fields_in_the_audit_log(cast):
    commemoration = local(
        cast.school_a, "Ngày thành lập trường", day=5, month=9, origin_year=1960, scope=Scope.LOCAL
    )

    services.delete_commemoration(commemoration, by=cast.teacher_a)

    entry = AuditEntry.objects.get(action=AuditAction.DELETE)
    assert (Commemoration.objects.count(), entry.changes["name"], entry.unit_id) == (
        0,
        ["Ngày thành lập trường", None],
        cast.school_a.pk,
    )


def test_load_reference_twice_creates_then_changes_nothing(db):
    rows = importers.read_commemorations() + importers.read_relations()

    first = services.load_reference(rows)
    second = services.load_reference(rows)

    assert (first, second, Commemoration.objects.count()) == (
        services.LoadResult(len(rows), 0, 0),
        services.LoadResult(0, 0, len(rows)),
        len(rows),
    )


def test_load_reference_updates_a_corrected_row_in_place(db):
    rows = importers.read_relations()
    services.load_reference(rows)
    corrected = [
        {**row, "verification": Verification.VERIFIED, "verification_note": ""}
        if row["partner"] == "Netherlands"
        else row
        for row in rows
    ]

    result = services.load_reference(corrected)

    netherlands = Commemoration.objects.get(partner="Netherlands")
    assert (result, netherlands.verification) == (
        services.LoadResult(0, 1, len(rows) - 1),
        Verification.VERIFIED,
    )


def test_demo_load_adds_the_seeds_local_days_to_the_demo_provinces(db):
    org_demo.load()
    reference = importers.read_commemorations() + importers.read_relations()

    lines = demo.load()
    demo.load()

    local_days = Commemoration.objects.filter(unit__isnull=False).order_by("name")
    assert (lines, [(c.name, c.unit.code, c.origin_year) for c in local_days]) == (
        [f"{len(reference) + 2} commemorations created, 0 updated, 0 unchanged"],
        [
            ("Ngày giải phóng Hải Phòng", "SGDDT-HP", 1955),
            ("Ngày thành lập tỉnh Quảng Ninh", "SGDDT-QN", 1963),
        ],
    )
