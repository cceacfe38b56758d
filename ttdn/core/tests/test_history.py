"""The audit log in the user's words (ttdn.core.history)."""

from django.utils import translation

from ttdn.core import audit, history
from ttdn.core.enums import AuditAction
from ttdn.core.history import Change
from ttdn.org.enums import Role
from ttdn.org.models import Membership


def test_changes_read_with_field_labels_choice_labels_unit_names_and_dates(cast):
    entry = audit.record(
        AuditAction.UPDATE,
        cast.school_a,
        by=cast.phong_leader,
        changes={
            "parent_id": [cast.so.pk, cast.phong.pk],
            "created_at": [None, "2026-03-05T01:30:00+00:00"],
            "closed_on": [None, "2026-12-20"],
        },
    )
    membership = Membership.objects.get(user=cast.teacher_a)
    moved = audit.record(
        AuditAction.UPDATE,
        membership,
        by=cast.phong_leader,
        changes={"role": [Role.OFFICER.value, Role.LEADER.value]},
    )

    with translation.override("en"):
        lines = history.describe([entry, moved])

    assert [(line.action, line.object_kind, line.changes) for line in lines] == [
        (
            "Updated",
            "Unit",
            [
                Change("Parent unit", cast.so.name, cast.phong.name),
                Change("Created at", "—", "05/03/2026 08:30"),
                Change("Closed on", "—", "20/12/2026"),
            ],
        ),
        ("Updated", "Membership", [Change("Role", "Officer", "Leader")]),
    ]


def test_an_unknown_key_is_shown_as_words_and_an_object_of_no_model_does_not_fail(cast):
    entry = audit.record(
        AuditAction.DELETE, None, by=cast.operator, changes={"old_code": "HB-X", "n": [1, 2]}
    )

    with translation.override("en"):
        line = history.describe([entry])[0]

    assert (line.action, line.object_kind, line.changes) == (
        "Deleted",
        "",
        [Change("Old code", "HB-X", "—"), Change("N", "1", "2")],
    )
