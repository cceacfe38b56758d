"""Contest awards come from the activities' contest records: the prizes of a contest's last
level, once its results are published, counted by unit (and every unit above), by school year
and by the level of the organiser; each figure links to the contests it counts."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from ttdn.activities import services as activities
from ttdn.activities.enums import LevelScope, Prize
from ttdn.org.enums import UnitLevel
from ttdn.stats import queries, services
from ttdn.stats.enums import FigureStatus, Source
from ttdn.stats.models import Dataset, Figure


def _contest(cast, organiser, by, title, year):
    contest = activities.organise_contest(organiser, by=by, title=title, year=year)
    first = activities.add_level(contest, by=by, name="vòng trường", scope=LevelScope.WHOLE)
    final = activities.add_level(contest, by=by, name="chung kết", scope=LevelScope.WHOLE)
    a = activities.enter_contest(
        contest, cast.school_a, by=cast.teacher_a, title="Đội A", pupils=["An — 8A"]
    )
    b = activities.enter_contest(
        contest, cast.school_b, by=cast.teacher_b, title="Đội B", pupils=["Bảo — 5A"]
    )
    for entry, prize in ((a, Prize.FIRST), (b, Prize.SECOND)):  # not the last level
        result = activities.record_result(entry, first, by=by, prize=prize)
        activities.set_advancement(result, by=by, advances=True)
    activities.record_result(a, final, by=by, prize=Prize.THIRD)
    activities.record_result(b, final, by=by, prize="")  # took part, no prize
    return contest


def _publish(contest):
    contest.results_published_on = timezone.localdate()
    contest.save(update_fields=["results_published_on"])


@pytest.fixture
def awards(db):
    common = {"measure": "giải", "measure_en": "prizes", "from_contests": True}
    return {
        "all": Dataset.objects.create(code="awards", name="Giải thưởng", name_en="Awards", **common),
        "province": Dataset.objects.create(
            code="awards-province", name="Giải cấp tỉnh", name_en="Provincial awards",
            contest_level=UnitLevel.PROVINCE, **common,
        ),
    }  # fmt: skip


def _values(dataset):
    return {
        (f.unit.code, f.period_key): f.value
        for f in Figure.objects.approved().filter(dataset=dataset).select_related("unit")
    }


def test_only_published_results_count_by_unit_period_and_level(cast, awards):
    district = _contest(cast, cast.phong, cast.phong_officer, "Hội thi Tin học trẻ", 2022)
    province = _contest(cast, cast.so, cast.so_leader, "Olympic tiếng Anh", 2022)
    later = _contest(cast, cast.so, cast.so_leader, "Olympic tiếng Anh", 2023)
    services.refresh_from_reports()
    assert not Figure.objects.filter(dataset__in=awards.values()).exists()

    for contest in (district, province, later):
        _publish(contest)
    services.refresh_from_reports()

    assert _values(awards["all"]) == {
        ("HB-A", "2022-SY"): Decimal(2), ("PGD-HB", "2022-SY"): Decimal(2),
        ("SGD-HP", "2022-SY"): Decimal(2),
        ("HB-A", "2023-SY"): Decimal(1), ("PGD-HB", "2023-SY"): Decimal(1),
        ("SGD-HP", "2023-SY"): Decimal(1),
    }  # fmt: skip
    assert _values(awards["province"])[("PGD-HB", "2022-SY")] == Decimal(1)
    figure = Figure.objects.approved().get(
        dataset=awards["all"], unit=cast.phong, period_key="2022-SY"
    )
    assert (figure.source, set(figure.contests.all())) == (Source.CONTEST, {district, province})
    assert "Hội thi Tin học trẻ" in queries.provenance_text(figure)


def test_a_result_changed_after_publishing_makes_a_new_revision(client, cast, awards):
    contest = _contest(cast, cast.phong, cast.phong_officer, "Hội thi Tin học trẻ", 2022)
    _publish(contest)
    services.refresh_from_reports()
    entry_b = contest.entries.get(unit=cast.school_b)
    activities.record_result(
        entry_b, contest.levels.get(rank=2), by=cast.phong_officer, prize=Prize.CONSOLATION
    )

    again = services.refresh_from_reports()
    services.refresh_from_reports()  # idempotent

    revisions = Figure.objects.filter(dataset=awards["all"], unit=cast.phong).order_by("revision")
    assert [(f.value, f.status) for f in revisions] == [
        (Decimal(1), FigureStatus.REPLACED), (Decimal(2), FigureStatus.APPROVED),
    ]  # fmt: skip
    assert len(again.revised) == 2  # the district office and the department above it
    client.force_login(cast.phong_officer)
    page = client.get(reverse("stats:figure_detail", args=[revisions[1].pk]))
    assert contest.get_absolute_url().encode() in page.content
