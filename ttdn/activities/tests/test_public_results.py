"""Contest results on the organiser's portal: only once published, the school and the prize
always, a pupil's name only with the school's statement and a guardian's consent on record."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from ttdn.activities import services
from ttdn.activities.enums import LevelScope, Prize
from ttdn.content import services as content_services
from ttdn.content.models import Consent


@pytest.fixture
def contest(cast):
    contest = services.organise_contest(
        cast.phong, by=cast.phong_officer, title="Hội thi “Chúng em với an toàn giao thông”",
        year=2026, team_size=2,
    )  # fmt: skip
    level = services.add_level(
        contest, by=cast.phong_officer, name="cấp quận", scope=LevelScope.WHOLE
    )
    consenting = services.enter_contest(
        contest, cast.school_a, by=cast.teacher_a, title="Đội Hồng Bàng",
        pupils=["Nguyễn Minh An — 8A", "Lê Thu Hà — 8B"], public_consent=True,
    )  # fmt: skip
    silent = services.enter_contest(
        contest, cast.school_b, by=cast.teacher_b, title="Đội Lý Tự Trọng",
        pupils=["Phạm Quốc Bảo — 5A"],
    )  # fmt: skip
    services.record_result(consenting, level, by=cast.phong_officer, prize=Prize.SECOND)
    services.record_result(silent, level, by=cast.phong_officer, prize=Prize.FIRST)
    return contest


@pytest.fixture
def portal(cast):
    sites = {
        unit: content_services.open_site(unit)
        for unit in (cast.phong, cast.school_a, cast.school_b)
    }
    today = timezone.localdate()
    for pupil, days in (("Nguyễn Minh An", 90), ("Lê Thu Hà", -1)):
        Consent.objects.create(
            site=sites[cast.school_a],
            pupil=pupil,
            given_by="Phụ huynh",
            given_on=today - datetime.timedelta(days=200),
            valid_until=today + datetime.timedelta(days=days),
        )
    Consent.objects.create(
        site=sites[cast.school_b],
        pupil="Phạm Quốc Bảo",
        given_by="Phụ huynh",
        given_on=today,
        valid_until=today + datetime.timedelta(days=90),
    )
    return sites


def _page(client, cast, contest):
    return client.get(
        reverse("portal_contests:contest_results", args=[cast.phong.slug, contest.pk])
    )


def test_results_are_not_public_until_the_organiser_publishes_them(client, cast, contest, portal):
    before = _page(client, cast, contest)
    services.publish_results(contest, by=cast.phong_officer)
    after = _page(client, cast, contest)

    assert (before.status_code, after.status_code) == (404, 200)


def test_pupils_are_named_only_with_consent_otherwise_school_and_prize(
    client, cast, contest, portal
):
    services.publish_results(contest, by=cast.phong_officer)

    text = _page(client, cast, contest).content.decode()

    # School A stated consent; An's guardian's consent is valid, Hà's has expired.
    assert "Nguyễn Minh An — 8A" in text
    assert "Lê Thu Hà" not in text
    # School B did not state consent: a consent on record alone does not name the pupil.
    assert "Phạm Quốc Bảo" not in text
    assert all(name in text for name in ("Trường THCS Hồng Bàng", "Trường Tiểu học Lý Tự Trọng"))
    assert text.index("Trường Tiểu học Lý Tự Trọng") < text.index("Trường THCS Hồng Bàng")


def test_taking_the_results_off_hides_them_again(client, cast, contest, portal):
    services.publish_results(contest, by=cast.phong_officer)
    client.force_login(cast.phong_officer)

    client.post(reverse("activities:contest_publish", args=[contest.pk]), {"publish": "0"})
    client.logout()

    contest.refresh_from_db()
    assert contest.results_published_on is None
    assert _page(client, cast, contest).status_code == 404


def test_only_the_organiser_publishes(client, cast, contest, portal):
    client.force_login(cast.teacher_a)
    refused = client.post(
        reverse("activities:contest_publish", args=[contest.pk]), {"publish": "1"}
    )
    client.force_login(cast.outsider)
    hidden = client.post(reverse("activities:contest_publish", args=[contest.pk]), {"publish": "1"})

    with pytest.raises(PermissionDenied):
        services.publish_results(contest, by=cast.teacher_a)
    contest.refresh_from_db()
    assert (refused.status_code, hidden.status_code) == (404, 404)
    assert contest.results_published_on is None


def test_results_show_only_on_the_organisers_site(client, cast, contest, portal):
    services.publish_results(contest, by=cast.phong_officer)

    elsewhere = client.get(
        reverse("portal_contests:contest_results", args=[cast.school_a.slug, contest.pk])
    )
    listed = client.get(reverse("portal_contests:contest_list", args=[cast.phong.slug]))

    assert elsewhere.status_code == 404
    assert contest.title in listed.content.decode()


def test_results_cannot_be_published_without_a_portal(cast, contest):
    with pytest.raises(ValidationError):
        services.publish_results(contest, by=cast.phong_officer)

    contest.refresh_from_db()
    assert contest.results_published_on is None
