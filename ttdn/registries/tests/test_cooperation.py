"""Agreements, renewal reminders, and the approval flow of delegations and conferences."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from ttdn import docgen
from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry
from ttdn.core.states import InvalidTransition
from ttdn.registries import todo
from ttdn.registries.enums import AgreementStatus, ApprovalStatus
from ttdn.registries.services import cooperation, partners
from ttdn.registries.tests.factories import (
    AgreementFactory,
    DelegationFactory,
    DelegationMemberFactory,
    PartnerFactory,
)


def _report(title: str = "Báo cáo kết quả đón đoàn") -> docgen.Document:
    return docgen.Document(
        doc_type=docgen.DocumentType.REPORT,
        title=title,
        body=(docgen.Paragraph("Đoàn đã làm việc với Phòng."),),
        recipients=("Sở GDĐT",),
        signer=docgen.Signer(position="TRƯỞNG PHÒNG", name="Đỗ Văn Hải"),
    )


def test_partner_is_recorded_once_for_the_whole_tree(cast):
    partners.record_partner(
        cast.phong,
        by=cast.phong_officer,
        name="Sở Giáo dục tỉnh Hủa Phăn",
        country="Lào",
        kind="province",
    )

    with pytest.raises(ValidationError) as refused:
        partners.record_partner(
            cast.school_a,
            by=cast.teacher_a,
            name="SỞ GIÁO DỤC TỈNH HỦA PHĂN",
            country="lào",
            kind="province",
        )

    assert refused.value.message_dict == {
        "name": ["Đối tác này đã có trong danh mục; hãy chọn đối tác đó thay vì thêm lần nữa."]
    }


def test_sign_agreement_puts_it_in_force_and_audits(cast):
    agreement = AgreementFactory(unit=cast.phong)
    today = timezone.localdate()

    cooperation.sign_agreement(
        agreement,
        signed_on=today,
        expires_on=today + datetime.timedelta(days=365),
        by=cast.phong_officer,
    )

    agreement.refresh_from_db()
    entry = AuditEntry.objects.filter(object_type="registries.Agreement").latest("pk")
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.is_in_force
    assert entry.changes["status"] == ["draft", "signed"]


def test_sign_agreement_refuses_expiry_before_signature_and_changes_nothing(cast):
    agreement = AgreementFactory(unit=cast.phong)
    today = timezone.localdate()

    with pytest.raises(ValidationError):
        cooperation.sign_agreement(
            agreement, signed_on=today, expires_on=today, by=cast.phong_officer
        )

    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on) == (AgreementStatus.DRAFT, None)


def _signed(unit, *, expires_in: int) -> object:
    today = timezone.localdate()
    return AgreementFactory(
        unit=unit,
        status=AgreementStatus.SIGNED,
        signed_on=today - datetime.timedelta(days=700),
        expires_on=today + datetime.timedelta(days=expires_in),
    )


@override_settings(AGREEMENT_RENEWAL_DAYS=90)
def test_agreement_reminds_its_unit_before_it_expires(cast):
    soon = _signed(cast.phong, expires_in=20)
    _signed(cast.phong, expires_in=200)  # too far ahead
    _signed(cast.outsider_so, expires_in=20)

    items = todo.items(cast.phong_officer)

    assert [(i.url, i.due, i.urgent) for i in items] == [
        (soon.get_absolute_url(), soon.expires_on, True)
    ]
    assert todo.items(cast.teacher_a) == []


@override_settings(AGREEMENT_RENEWAL_DAYS=90)
def test_renewed_agreement_no_longer_reminds(cast):
    soon = _signed(cast.phong, expires_in=60)

    cooperation.renew_agreement(soon, by=cast.phong_officer)

    assert todo.items(cast.phong_officer) == []


def test_approval_flow_request_refuse_ask_again_approve_report(cast, letterheads):
    delegation = DelegationFactory(
        unit=cast.phong, starts_on=datetime.date(2026, 1, 5), ends_on=datetime.date(2026, 1, 6)
    )
    DelegationMemberFactory(delegation=delegation, is_head=True)

    cooperation.request_approval(delegation, by=cast.phong_officer)
    awaiting = [str(i.title) for i in todo.items(cast.so_leader)]
    cooperation.decide(
        delegation, approve=False, reason="Thiếu chương trình làm việc", by=cast.so_leader
    )
    cooperation.request_approval(delegation, by=cast.phong_officer)
    cooperation.decide(delegation, approve=True, by=cast.so_leader)
    cooperation.report_on(
        delegation, outcome="Hai bên ký biên bản ghi nhớ.", doc=_report(), by=cast.phong_officer
    )

    delegation.refresh_from_db()
    moves = [
        e.changes["status"]
        for e in AuditEntry.objects.filter(
            object_type="registries.Delegation", action=AuditAction.UPDATE
        ).order_by("pk")
    ]
    assert awaiting == [f"Quyết định về đề nghị: {delegation}"]
    assert moves == [
        ["draft", "requested"],
        ["requested", "refused"],
        ["refused", "requested"],
        ["requested", "approved"],
        ["approved", "reported"],
    ]
    assert (delegation.status, delegation.report.symbol, delegation.decided_by) == (
        ApprovalStatus.REPORTED,
        "BC-PGDĐT",
        cast.so_leader,
    )


def test_only_a_leader_of_the_supervising_unit_decides(cast):
    delegation = DelegationFactory(unit=cast.school_a)
    DelegationMemberFactory(delegation=delegation)
    cooperation.request_approval(delegation, by=cast.teacher_a)

    refusals = []
    for user in (cast.teacher_a, cast.phong_officer, cast.outsider):
        with pytest.raises(PermissionDenied):
            cooperation.decide(delegation, approve=True, by=user)
        refusals.append(user.username)
    cooperation.decide(delegation, approve=True, by=cast.phong_leader)

    assert (refusals, delegation.status) == (
        ["teacher-a", "phong-officer", "outsider"],
        ApprovalStatus.APPROVED,
    )


def test_refusal_needs_a_reason(cast):
    delegation = DelegationFactory(unit=cast.phong)
    DelegationMemberFactory(delegation=delegation)
    cooperation.request_approval(delegation, by=cast.phong_officer)

    with pytest.raises(ValidationError) as refused:
        cooperation.decide(delegation, approve=False, reason="  ", by=cast.so_leader)

    delegation.refresh_from_db()
    assert (refused.value.messages, delegation.status) == (
        ["Hãy ghi lý do không đồng ý."],
        ApprovalStatus.REQUESTED,
    )


def test_request_needs_members_and_report_needs_approval(cast, letterheads):
    delegation = DelegationFactory(unit=cast.phong)

    with pytest.raises(ValidationError):
        cooperation.request_approval(delegation, by=cast.phong_officer)
    with pytest.raises(InvalidTransition):
        cooperation.report_on(delegation, outcome="Tốt", doc=_report(), by=cast.phong_officer)

    delegation.refresh_from_db()
    assert (delegation.status, delegation.report) == (ApprovalStatus.DRAFT, None)


def test_requested_delegation_cannot_be_edited(cast):
    delegation = DelegationFactory(unit=cast.phong)
    DelegationMemberFactory(delegation=delegation)
    cooperation.request_approval(delegation, by=cast.phong_officer)

    with pytest.raises(ValidationError):
        cooperation.update_delegation(delegation, by=cast.phong_officer, place="Hà Nội")
    with pytest.raises(ValidationError):
        cooperation.add_member(delegation, by=cast.phong_officer, full_name="Người Thêm Sau")

    delegation.refresh_from_db()
    assert (delegation.place, delegation.members.count()) == ("Cẩm Phả", 1)


def test_programme_needs_a_partner_and_records_yearly_results(cast):
    huaphanh = PartnerFactory()

    with pytest.raises(ValidationError):
        cooperation.record_programme(
            cast.phong,
            by=cast.phong_officer,
            partners=[],
            name="X",
            goals="Y",
            starts_on=datetime.date(2025, 1, 1),
        )
    programme = cooperation.record_programme(
        cast.phong,
        by=cast.phong_officer,
        partners=[huaphanh],
        units=[cast.school_a],
        name="Chương trình song ngữ",
        goals="Song ngữ",
        starts_on=datetime.date(2025, 1, 1),
    )
    cooperation.record_result(programme, year=2025, results="12 học sinh", by=cast.phong_officer)
    cooperation.record_result(programme, year=2025, results="14 học sinh", by=cast.phong_officer)

    assert [(r.year, r.results) for r in programme.results.all()] == [(2025, "14 học sinh")]
