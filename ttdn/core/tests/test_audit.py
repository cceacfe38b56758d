import pytest
from django.db import DatabaseError, transaction

from ttdn.core import audit
from ttdn.core.enums import AuditAction
from ttdn.core.models import ApiToken, AuditEntry
from ttdn.org import services


def test_update_unit_records_fields_before_and_after(cast):
    services.update_unit(cast.school_a, name="Trường THCS Hồng Bàng mới", by=cast.phong_leader)

    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE).get()
    assert (entry.actor, entry.unit_id, entry.changes) == (
        cast.phong_leader,
        cast.school_a.pk,
        {"name": ["Trường THCS Hồng Bàng", "Trường THCS Hồng Bàng mới"]},
    )


def test_update_unit_without_change_records_nothing(cast):
    services.update_unit(cast.school_a, name=cast.school_a.name, by=cast.phong_leader)

    assert AuditEntry.objects.filter(action=AuditAction.UPDATE).count() == 0


def test_audit_entry_cannot_be_updated(cast):
    entry = audit.record(AuditAction.CREATE, cast.school_a, by=cast.operator)

    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(object_repr="rewritten")


def test_audit_entry_cannot_be_deleted(cast):
    entry = audit.record(AuditAction.CREATE, cast.school_a, by=cast.operator)

    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()


def test_request_address_is_recorded(cast, client):
    client.force_login(cast.teacher_a)

    client.post("/account/tokens/", {"name": "website"}, REMOTE_ADDR="10.1.2.3")

    entry = AuditEntry.objects.get(action=AuditAction.TOKEN_CREATE)
    token = ApiToken.objects.get()
    assert (entry.actor_name, entry.ip_address, entry.object_repr) == (
        "teacher-a",
        "10.1.2.3",
        f"website ({token.prefix}…)",
    )


def test_failed_sign_in_is_recorded(cast, client):
    client.post(
        "/accounts/login/", {"username": "teacher-a", "password": "wrong"}, REMOTE_ADDR="10.9.9.9"
    )

    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (entry.object_repr, entry.ip_address) == ("teacher-a", "10.9.9.9")


def test_admin_change_is_recorded(cast, client):
    cast.operator.is_superuser = True
    cast.operator.save()
    client.force_login(cast.operator)
    url = f"/admin/org/user/{cast.teacher_b.pk}/change/"
    data = client.get(url).context["adminform"].form.initial

    client.post(
        url,
        {
            **{
                k: v
                for k, v in data.items()
                if v is not None
                and k not in {"groups", "user_permissions", "last_login", "date_joined", "password"}
            },
            "first_name": "Lê Văn",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )

    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE, object_type="org.User").get()
    assert entry.changes["first_name"] == ["Nguyễn Văn", "Lê Văn"]
