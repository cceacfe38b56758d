"""Named participants of an international conference: personal data seen only by who sees the
conference, fixed once approval is asked, listed in the report and carried by the workbook."""

from __future__ import annotations

from django.urls import reverse

from ttdn.core.enums import AuditAction
from ttdn.core.models import AuditEntry
from ttdn.registries import excel, exports
from ttdn.registries.enums import ApprovalStatus
from ttdn.registries.models import Conference, ConferenceParticipant
from ttdn.registries.services import cooperation
from ttdn.registries.tests.factories import ConferenceFactory


def test_an_officer_names_a_participant_on_the_conference_page(client, cast):
    conference = ConferenceFactory(unit=cast.phong)
    client.force_login(cast.phong_officer)

    client.post(
        reverse("registries:participant_add", args=[conference.pk]),
        {
            "full_name": "Khamla Sisouk",
            "position": "Phó Giám đốc",
            "organisation": "Sở Giáo dục Hủa Phăn",
            "country": "Lào",
        },
    )
    page = client.get(conference.get_absolute_url())

    participant = ConferenceParticipant.objects.get()
    assert (participant.full_name, participant.is_foreign) == ("Khamla Sisouk", True)
    assert "Khamla Sisouk" in page.content.decode()
    assert AuditEntry.objects.filter(action=AuditAction.CREATE, unit=cast.phong).exists()


def test_participants_are_seen_only_with_their_conference(client, cast):
    conference = ConferenceFactory(unit=cast.phong)
    ConferenceParticipant.objects.create(conference=conference, full_name="Khamla Sisouk")

    seen = {}
    for user in (cast.phong_leader, cast.teacher_a, cast.outsider):
        client.force_login(user)
        response = client.get(conference.get_absolute_url())
        seen[user.username] = (response.status_code, "Khamla Sisouk" in response.content.decode())

    assert seen == {
        "phong-leader": (200, True),
        "teacher-a": (404, False),
        "outsider": (404, False),
    }


def test_the_outsider_cannot_add_or_remove_participants(client, cast):
    conference = ConferenceFactory(unit=cast.phong)
    kept = ConferenceParticipant.objects.create(conference=conference, full_name="Khamla Sisouk")
    client.force_login(cast.outsider)

    added = client.post(
        reverse("registries:participant_add", args=[conference.pk]), {"full_name": "Người lạ"}
    )
    removed = client.post(reverse("registries:participant_remove", args=[kept.pk]))

    assert (added.status_code, removed.status_code) == (404, 404)
    assert list(ConferenceParticipant.objects.all()) == [kept]


def test_participants_are_fixed_once_approval_is_asked(client, cast):
    conference = ConferenceFactory(unit=cast.phong)
    cooperation.request_approval(conference, by=cast.phong_officer)
    client.force_login(cast.phong_officer)

    client.post(
        reverse("registries:participant_add", args=[conference.pk]), {"full_name": "Đến muộn"}
    )

    conference.refresh_from_db()
    assert conference.status == ApprovalStatus.REQUESTED
    assert not ConferenceParticipant.objects.exists()


def test_the_report_lists_the_named_participants(cast):
    conference = ConferenceFactory(unit=cast.phong)
    ConferenceParticipant.objects.create(
        conference=conference, full_name="Khamla Sisouk", position="Phó Giám đốc", country="Lào"
    )
    ConferenceParticipant.objects.create(conference=conference, full_name="Trần Thị Hoa")

    doc = exports.conference_report(
        conference,
        outcome="Thành công.",
        signer_position="TRƯỞNG PHÒNG",
        signer_name="Đỗ Văn Hải",
        recipients="Sở GDĐT",
    )

    listed = next(block for block in doc.body if hasattr(block, "items"))
    assert listed.items == ("Khamla Sisouk, Phó Giám đốc, Lào", "Trần Thị Hoa")


def test_named_participants_round_trip_through_the_workbook(cast):
    conference = ConferenceFactory(unit=cast.phong)
    ConferenceParticipant.objects.create(
        conference=conference,
        full_name="Khamla Sisouk",
        position="Phó Giám đốc",
        organisation="Sở Giáo dục Hủa Phăn",
        country="Lào",
    )
    ConferenceParticipant.objects.create(
        conference=conference, full_name="Trần Thị Hoa", organisation="Trường THCS Hồng Bàng"
    )
    content = excel.export(excel.CONFERENCES, cast.phong_officer)
    Conference.objects.all().delete()

    result = excel.import_rows(excel.CONFERENCES, content, by=cast.phong_officer)

    assert result.errors == []
    assert [
        (p.full_name, p.position, p.organisation, p.country)
        for p in ConferenceParticipant.objects.order_by("pk")
    ] == [
        ("Khamla Sisouk", "Phó Giám đốc", "Sở Giáo dục Hủa Phăn", "Lào"),
        ("Trần Thị Hoa", "", "Trường THCS Hồng Bàng", ""),
    ]
