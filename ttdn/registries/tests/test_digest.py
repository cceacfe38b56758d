"""The registries' lines in the daily digest: who gets which reminder, and when."""

from __future__ import annotations

import datetime

from django.core import mail
from django.test import override_settings
from django.utils import timezone, translation

from ttdn.core import digest
from ttdn.registries import digest as registries_digest
from ttdn.registries.enums import AgreementStatus, ApprovalStatus, RemedyStatus
from ttdn.registries.tests.factories import (
    AgreementFactory,
    DelegationFactory,
    FindingFactory,
    InspectionFactory,
)


def _agreement(unit, *, expires_in: int, title: str):
    today = timezone.localdate()
    return AgreementFactory(
        unit=unit,
        title=title,
        status=AgreementStatus.SIGNED,
        signed_on=today - datetime.timedelta(days=700),
        expires_on=today + datetime.timedelta(days=expires_in),
    )


@override_settings(AGREEMENT_RENEWAL_DAYS=90)
def test_digest_lines_go_to_the_units_that_must_act(cast):
    today = timezone.localdate()
    _agreement(cast.phong, expires_in=2, title="MoU Huaphanh")
    _agreement(cast.phong, expires_in=90, title="MoU Luang Prabang")  # its first notice today
    _agreement(cast.phong, expires_in=60, title="MoU Sayabury")  # neither today nor soon
    DelegationFactory(unit=cast.phong, status=ApprovalStatus.REQUESTED, purpose="Thăm Lào")
    inspection = InspectionFactory(unit=cast.phong)
    FindingFactory(
        inspection=inspection, unit=cast.school_a, description="Thiếu bản đồ",
        remedy_status=RemedyStatus.OPEN, remedy_due=today - datetime.timedelta(days=1),
    )  # fmt: skip
    FindingFactory(
        inspection=inspection, unit=cast.school_b, description="Trang tin cũ",
        remedy_status=RemedyStatus.OPEN, remedy_due=today + datetime.timedelta(days=40),
    )  # fmt: skip

    with translation.override("en"):
        batch = registries_digest.collect(today, 3)

    who = {line.text.split(":")[0].split(" with ")[0]: set(line.unit_ids) for line in batch.lines}
    assert who == {
        "The agreement “MoU Huaphanh”": {cast.phong.pk},
        "The agreement “MoU Luang Prabang”": {cast.phong.pk},
        f"{cast.phong.name} asks for approval": {cast.so.pk},
        f"Overdue remedy at {cast.school_a.name} (due {today - datetime.timedelta(days=1):%d/%m/%Y})": {
            cast.school_a.pk,
            cast.phong.pk,
        },
    }


@override_settings(AGREEMENT_RENEWAL_DAYS=90)
def test_digest_mails_the_registries_section_to_the_unit_and_not_the_outsider(cast):
    _agreement(cast.phong, expires_in=2, title="MoU Huaphanh")
    _agreement(cast.outsider_so, expires_in=2, title="MoU ngoài tỉnh")

    digest.send_daily(timezone.localdate())

    received = sorted(to for m in mail.outbox if "MoU Huaphanh" in m.body for to in m.to)
    assert received == ["phong-leader@example.test", "phong-officer@example.test"]
    assert [m for m in mail.outbox if "MoU ngoài tỉnh" in m.body and "phong" in m.to[0]] == []
