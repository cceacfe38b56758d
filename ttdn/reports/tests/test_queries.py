import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ttdn.core import todo
from ttdn.org.enums import Role, UnitKind
from ttdn.org.tests.factories import UnitFactory, UnitGroupFactory, member
from ttdn.reports import queries, rollups, services
from ttdn.reports import todo as reports_todo
from ttdn.reports.enums import Basis
from ttdn.reports.models import ReportCount, RollUp, Round, Submission, Tally
from ttdn.reports.tests.factories import HALF, D, open_round, report_form


def fill(round_, unit, by, values, *, submit=True, approve_by=None):
    submission = Submission.objects.get(round=round_, unit=unit)
    services.save_values(submission, values, by=by)
    if submit:
        services.submit_submission(submission, by=by)
    if approve_by:
        services.approve_submission(submission, by=approve_by)
    return submission


@pytest.fixture
def filled(cast, round_, at):
    """School A approved, school B submitted (not approved)."""
    at(2026, 5, 2)
    fill(
        round_,
        cast.school_a,
        cast.teacher_a,
        {
            "articles": "12",
            "foreign": "2",
            "trainings": "2",
            "share": "40",
            "largest": "30",
            "smallest": "7.5",
            "has_site": "1",
            "rating": "Tốt",
            "results": "Tổ chức 2 buổi tập huấn.",
        },
        approve_by=cast.phong_leader,
    )
    at(2026, 5, 7)
    fill(
        round_,
        cast.school_b,
        cast.teacher_b,
        {
            "articles": "8",
            "foreign": "1",
            "trainings": "1",
            "share": "60",
            "largest": "12",
            "smallest": "6",
            "has_site": "0",
            "results": "Đăng 8 tin bài.",
        },
    )
    return round_


def totals(consolidation):
    return {row.indicator.code: row.total for row in consolidation.rows}


def test_consolidation_counts_approved_reports_by_default(cast, filled):
    result = queries.consolidation(filled, cast.phong)

    assert (totals(result), result.counted) == (
        {
            "articles": Decimal(12),
            "foreign": Decimal(2),
            "trainings": Decimal(2),
            "share": Decimal("40.00"),
            "largest": Decimal(30),
            "smallest": Decimal("7.5"),
            "has_site": Decimal(1),
        },
        1,
    )


def test_consolidation_applies_each_aggregation_rule_over_submitted_reports(cast, filled):
    result = queries.consolidation(filled, cast.phong, basis=Basis.SUBMITTED)

    assert totals(result) == {
        "articles": Decimal(20),
        "foreign": Decimal(3),
        "trainings": Decimal(3),
        "share": Decimal("50.00"),
        "largest": Decimal(30),
        "smallest": Decimal(6),
        "has_site": Decimal(1),
    }


def test_consolidation_breaks_down_by_child_and_level(cast, filled):
    result = queries.consolidation(filled, cast.phong, basis=Basis.SUBMITTED)

    row = result.row("articles")
    assert (
        [c.name for c in result.children],
        row.by_child,
        [lv.key for lv in result.levels],
        row.by_level,
    ) == (
        ["Trường THCS Hồng Bàng", "Trường Tiểu học Lý Tự Trọng"],
        [Decimal(12), Decimal(8)],
        ["school"],
        [Decimal(20)],
    )


def test_consolidation_lists_narratives_by_unit(cast, filled):
    result = queries.consolidation(filled, cast.phong, basis=Basis.SUBMITTED)

    assert [
        (n.indicator.code, [(e.unit_name, e.text) for e in n.entries]) for n in result.narratives
    ] == [
        ("rating", [("Trường THCS Hồng Bàng", "Tốt")]),
        (
            "results",
            [
                ("Trường THCS Hồng Bàng", "Tổ chức 2 buổi tập huấn."),
                ("Trường Tiểu học Lý Tự Trọng", "Đăng 8 tin bài."),
            ],
        ),
    ]


def test_returning_an_approved_report_takes_it_out_and_recomputes_the_maximum(cast, filled):
    services.return_submission(
        Submission.objects.get(round=filled, unit=cast.school_a),
        message="Sai",
        by=cast.phong_leader,
    )

    result = queries.consolidation(filled, cast.phong, basis=Basis.SUBMITTED)

    assert (
        result.row("articles").total,
        result.row("largest").total,
        result.row("smallest").total,
    ) == (Decimal(8), Decimal(12), Decimal(6))


def test_roll_ups_kept_incrementally_match_a_rebuild(cast, filled):
    before = sorted(
        RollUp.objects.filter(round=filled).values_list(
            "unit_id", "indicator_id", "basis", "count", "total", "minimum", "maximum", "yes_count"
        )
    )

    rollups.rebuild(filled)

    after = sorted(
        RollUp.objects.filter(round=filled).values_list(
            "unit_id", "indicator_id", "basis", "count", "total", "minimum", "maximum", "yes_count"
        )
    )
    assert after == before


ROLL_UP = ("unit_id", "indicator_id", "basis", "count", "total", "minimum", "maximum", "yes_count")


def test_extremes_recomputed_when_their_report_leaves_match_a_rebuild(cast, filled):
    # School A holds the largest "largest" (30) and "smallest" (7.5) in every roll-up above it.
    school_a = Submission.objects.get(round=filled, unit=cast.school_a)
    services.return_submission(school_a, message="Sai", by=cast.phong_leader)
    kept = sorted(RollUp.objects.filter(round=filled).values_list(*ROLL_UP))

    rollups.rebuild(filled)

    assert sorted(RollUp.objects.filter(round=filled).values_list(*ROLL_UP)) == kept
    assert kept != []


def _multi_level_round(cast, at):
    """The Sở asks its Phòng and the schools: the schools' reports count up to the Phòng, the
    Phòng's own report (and a school right under the Sở) up to the Sở. Every report approved."""
    by = cast.so_leader
    school_c = UnitFactory(
        code="SO-C", name="Trường THPT Ngô Quyền", kind=UnitKind.UPPER_SECONDARY, parent=cast.so
    )
    teacher_c = member("teacher-c", school_c, Role.OFFICER)
    round_ = open_round(
        cast.so, by, report_form(cast.so, by, code="nam"), levels=["district", "school"]
    )
    at(2026, 5, 2)
    values = {"articles": "12", "largest": "30", "smallest": "7.5"}
    fill(round_, cast.school_a, cast.teacher_a, values, approve_by=cast.phong_leader)
    values = {"articles": "8", "largest": "12", "smallest": "6"}
    fill(round_, cast.school_b, cast.teacher_b, values, approve_by=cast.phong_leader)
    fill(round_, school_c, teacher_c, {"articles": "5", "largest": "40"}, approve_by=by)
    values = {"articles": "20", "largest": "30", "smallest": "6"}
    fill(round_, cast.phong, cast.phong_officer, values, approve_by=by)
    return round_


def _open_window(submission, by, reviewer):
    request = services.request_unlock(submission, reason="Bổ sung số liệu", by=by)
    services.grant_unlock(request, until=timezone.now() + datetime.timedelta(days=1), by=reviewer)
    return Submission.objects.get(pk=submission.pk)


COUNTED = ("unit_id", "level", "basis", "reports", "changed")


def test_report_counts_kept_on_every_move_match_a_rebuild(cast, at):
    round_ = _multi_level_round(cast, at)
    school_a = _open_window(
        Submission.objects.get(round=round_, unit=cast.school_a), cast.teacher_a, cast.phong_leader
    )
    services.save_values(school_a, {"articles": "13"}, by=cast.teacher_a)
    school_b = Submission.objects.get(round=round_, unit=cast.school_b)
    services.return_submission(school_b, message="Sửa", by=cast.phong_leader)
    kept = sorted(ReportCount.objects.filter(round=round_).values_list(*COUNTED))

    rollups.rebuild(round_)

    assert sorted(ReportCount.objects.filter(round=round_).values_list(*COUNTED)) == kept
    assert [row for row in kept if row[0] == cast.phong.pk] == [
        # School A (approved, changed since) counts under both bases; school B was returned.
        (cast.phong.pk, "school", "approved", 1, 1),
        (cast.phong.pk, "school", "submitted", 1, 1),
    ]


def test_consolidation_names_the_reports_changed_since_approval_until_approved_again(cast, at):
    round_ = _multi_level_round(cast, at)
    school_a = _open_window(
        Submission.objects.get(round=round_, unit=cast.school_a), cast.teacher_a, cast.phong_leader
    )
    services.save_values(school_a, {"articles": "13"}, by=cast.teacher_a)
    changed = queries.consolidation(round_, cast.phong)
    services.save_values(school_a, {"articles": "12"}, by=cast.teacher_a)  # back as approved
    restored = queries.consolidation(round_, cast.phong)

    assert (
        (changed.counted, changed.changed_since_approval),
        (restored.counted, restored.changed_since_approval),
        # The Sở counts the Phòng's report and school C's, not the schools below the Phòng.
        queries.consolidation(round_, cast.so).counted,
    ) == ((2, ["Trường THCS Hồng Bàng"]), (2, []), 2)


def test_consolidation_reads_a_fixed_number_of_queries_whatever_the_reports(
    cast, filled, django_assert_num_queries
):
    """Nothing counts or scans the reports below: a few indexed reads of the pre-computed rows
    (place, indicators, own roll-ups, children and their roll-ups and names, one per narrative
    indicator, the report counts)."""
    with django_assert_num_queries(9):
        queries.consolidation(filled, cast.phong)
    with django_assert_num_queries(9):
        queries.consolidation(filled, cast.so)


def test_extremes_recomputed_from_the_level_below_match_a_rebuild(cast, at):
    round_ = _multi_level_round(cast, at)
    # School A holds the largest "largest" (30, with the Phòng's own 30 at the Sở) and school B
    # the smallest "smallest" (6) below the Phòng; school C the largest at the Sở (40).
    for unit, by in ((cast.school_a, cast.phong_leader), (cast.school_b, cast.phong_leader)):
        services.return_submission(
            Submission.objects.get(round=round_, unit=unit), message="Sai", by=by
        )
    services.return_submission(
        Submission.objects.get(round=round_, unit=cast.so.children.get(code="SO-C")),
        message="Sai",
        by=cast.so_leader,
    )
    kept = sorted(RollUp.objects.filter(round=round_).values_list(*ROLL_UP))

    rollups.rebuild(round_)

    assert sorted(RollUp.objects.filter(round=round_).values_list(*ROLL_UP)) == kept
    so = queries.consolidation(round_, cast.so)
    assert (so.row("largest").total, so.row("smallest").total) == (Decimal(30), Decimal(6))


def test_returning_a_report_holding_the_extremes_reads_no_more_than_the_level_below(
    cast, filled, django_assert_max_num_queries
):
    """School A holds the maximum of "largest" and the minimum of "smallest" in the Phòng's
    and the Sở's roll-ups: putting them right costs two grouped reads per unit and basis, not a
    read per row over the raw values of the subtree."""
    school_a = Submission.objects.get(round=filled, unit=cast.school_a)
    with CaptureQueriesContext(connection) as captured:
        services.return_submission(school_a, message="Sai", by=cast.phong_leader)

    values_reads = [q["sql"] for q in captured if '"reports_value"' in q["sql"]]
    # Reading the report's numbers, then one grouped read of the expected children's numbers
    # per unit and basis whose extremes moved (the Phòng; the Sở reads its children's cells).
    assert len(values_reads) <= 1 + 2
    assert all("GROUP BY" in sql for sql in values_reads[1:])


TALLY = ("unit_id", "parent_id", "level", "due_on", *rollups.TALLY_FIELDS)


def test_tallies_kept_on_every_move_match_a_rebuild(cast, filled, at):
    at(2026, 5, 8)
    school_b = Submission.objects.get(round=filled, unit=cast.school_b)
    services.return_submission(school_b, message="Sửa số liệu", by=cast.phong_leader)
    services.submit_submission(school_b, by=cast.teacher_b)
    before = sorted(Tally.objects.filter(round=filled).values_list(*TALLY))

    rollups.rebuild(filled)

    assert sorted(Tally.objects.filter(round=filled).values_list(*TALLY)) == before
    assert [row for row in before if row[0] == cast.phong.pk] == [
        # expected, submitted, on time, approved, returned, waiting
        (cast.phong.pk, cast.so.pk, "school", filled.due_on, 2, 2, 1, 1, 0, 0)
    ]


def test_completeness_from_tallies_matches_counting_the_reports(cast, filled, at):
    """The tallies (no group) and the count of the reports themselves (a group holding every
    unit) must agree, per child and in total."""
    services.return_submission(
        Submission.objects.get(round=filled, unit=cast.school_b),
        message="Sửa",
        by=cast.phong_leader,
    )
    everyone = UnitGroupFactory(owner=cast.so)
    everyone.members.add(cast.school_a, cast.school_b)
    facts = ("name", "expected", "submitted", "on_time", "approved", "returned", "overdue")

    def table(result):
        return [tuple(getattr(t, f) for f in facts) for t in [result.total, *result.by_child]]

    for unit in (cast.so, cast.phong):
        tallied = queries.completeness(filled, unit, today=D(2026, 5, 9))
        counted = queries.completeness(filled, unit, group_id=everyone.pk, today=D(2026, 5, 9))
        assert table(tallied) == table(counted)


def test_completeness_lists_the_first_missing_units_and_counts_them_all(cast, round_):
    result = queries.completeness(round_, cast.phong, today=D(2026, 5, 9), missing=1)

    assert ([s.unit_code for s in result.missing], result.missing_count) == (["HB-A"], 2)


def test_consolidation_page_lists_the_first_narratives_and_says_more_exist(cast, filled):
    shown = queries.consolidation(filled, cast.phong, basis=Basis.SUBMITTED, narratives=1)
    everything = queries.consolidation(filled, cast.phong, basis=Basis.SUBMITTED, narratives=None)

    results = {n.indicator.code: n for n in shown.narratives}["results"]
    every_result = {n.indicator.code: n for n in everything.narratives}["results"]
    assert len(results.entries) == 1
    assert results.more
    assert len(every_result.entries) == 2
    assert not every_result.more


def test_multi_level_round_counts_each_figure_once(cast, at):
    by = cast.so_leader
    form = report_form(cast.so, by, code="nam")
    school_c = UnitFactory(
        code="SO-C", name="Trường THPT Ngô Quyền", kind=UnitKind.UPPER_SECONDARY, parent=cast.so
    )
    teacher_c = member("teacher-c", school_c, Role.OFFICER)
    round_ = open_round(cast.so, by, form, levels=["district", "school"])
    at(2026, 5, 2)
    fill(round_, cast.school_a, cast.teacher_a, {"articles": "12"}, approve_by=cast.phong_leader)
    fill(round_, cast.school_b, cast.teacher_b, {"articles": "8"}, approve_by=cast.phong_leader)
    fill(round_, school_c, teacher_c, {"articles": "5"}, approve_by=by)
    phong = Submission.objects.get(round=round_, unit=cast.phong)
    services.start_from_consolidation(phong, by=cast.phong_officer)
    services.save_values(phong, {"articles": "21"}, reasons={}, by=cast.phong_officer)
    services.submit_submission(phong, by=cast.phong_officer)
    services.approve_submission(phong, by=by)

    so, at_phong = queries.consolidation(round_, cast.so), queries.consolidation(round_, cast.phong)

    assert (
        so.row("articles").total,
        so.row("articles").by_child,
        at_phong.row("articles").total,
    ) == (Decimal(26), [Decimal(21), Decimal(5)], Decimal(20))


def test_a_child_with_reports_at_several_levels_shows_them_combined(cast, at):
    """The Phòng is not asked for its own report: the Sở sees it through its roll-ups, one per
    level of the units below it (a commune and two schools), combined by each indicator's rule."""
    by = cast.so_leader
    commune = UnitFactory(
        code="HB-X",
        name="UBND phường Hoàng Văn Thụ",
        kind=UnitKind.COMMUNE_COMMITTEE,
        parent=cast.phong,
    )
    commune_officer = member("commune-officer", commune, Role.OFFICER)
    round_ = open_round(
        cast.so, by, report_form(cast.so, by, code="nam"), levels=["commune", "school"]
    )
    at(2026, 5, 2)
    fill(
        round_,
        cast.school_a,
        cast.teacher_a,
        {"articles": "12", "largest": "30", "smallest": "7.5", "share": "40"},
        approve_by=cast.phong_leader,
    )
    fill(
        round_,
        cast.school_b,
        cast.teacher_b,
        {"articles": "8", "largest": "12", "smallest": "6", "share": "50"},
        approve_by=cast.phong_leader,
    )
    fill(
        round_,
        commune,
        commune_officer,
        {"articles": "3", "largest": "45", "smallest": "9", "share": "90"},
        approve_by=cast.phong_leader,
    )

    so = queries.consolidation(round_, cast.so)

    assert [c.name for c in so.children] == [cast.phong.name]
    assert [so.row(code).by_child for code in ("articles", "largest", "smallest", "share")] == [
        [Decimal(23)],
        [Decimal(45)],
        [Decimal("6.0000")],
        [Decimal("60.00")],
    ]
    assert [lv.key for lv in so.levels] == ["commune", "school"]


def test_own_report_starts_from_the_consolidation_of_its_round(cast, filled, at):
    so_form = report_form(cast.so, cast.so_leader, code="so-6-thang")
    so_round = open_round(cast.so, cast.so_leader, so_form)
    phong = Submission.objects.get(round=so_round, unit=cast.phong)
    at(2026, 5, 9)

    filled_codes = services.start_from_consolidation(
        phong, by=cast.phong_officer, basis=Basis.SUBMITTED
    )

    values = services.current_values(phong)
    assert (filled_codes, values["articles"].number, values["results"].text) == (
        ["articles", "foreign", "has_site", "largest", "results", "share", "smallest", "trainings"],
        Decimal(20),
        "Trường THCS Hồng Bàng: Tổ chức 2 buổi tập huấn.\n\nTrường Tiểu học Lý Tự Trọng: Đăng 8 tin bài.",
    )


def test_completeness_counts_each_fact_separately(cast, filled, at):
    services.return_submission(
        Submission.objects.get(round=filled, unit=cast.school_b),
        message="Sửa",
        by=cast.phong_leader,
    )

    result = queries.completeness(filled, cast.phong, today=D(2026, 5, 9))

    t = result.total
    assert (
        t.expected,
        t.submitted,
        t.on_time,
        t.approved,
        t.returned,
        t.overdue,
        t.submitted_rate,
        t.on_time_rate,
    ) == (2, 2, 1, 1, 1, 1, 100, 50)


def test_completeness_lists_missing_units_and_filters_by_group(cast, round_):
    group = UnitGroupFactory(owner=cast.phong)
    group.members.add(cast.school_b)

    everyone = queries.completeness(round_, cast.phong, today=D(2026, 5, 9))
    in_group = queries.completeness(round_, cast.phong, group_id=group.pk, today=D(2026, 5, 9))

    assert (
        [s.unit.code for s in everyone.missing],
        [s.unit.code for s in in_group.missing],
        everyone.total.overdue,
    ) == (["HB-A", "HB-B"], ["HB-B"], 2)


def test_completeness_at_the_so_groups_by_child(cast, at):
    form = report_form(cast.so, cast.so_leader, code="so")
    round_ = open_round(cast.so, cast.so_leader, form, levels=["school"])

    result = queries.completeness(round_, cast.so, level="school", today=D(2026, 4, 25))

    assert [(t.name, t.expected) for t in result.by_child] == [
        ("Phòng Giáo dục và Đào tạo quận Hồng Bàng", 2)
    ]


def test_trend_gives_one_point_per_round(cast, filled, form):
    indicator = services.latest_version(form).indicators.get(code="articles")
    services.update_indicator(indicator, name="Số tin bài", by=cast.phong_officer)

    points = queries.trend(filled, cast.phong, "articles")

    assert [(p.round.pk, p.value) for p in points] == [(filled.pk, Decimal(12))]


def test_trend_reads_every_round_in_the_same_few_queries(cast, filled, form, at):
    indicator = services.latest_version(form).indicators.get(code="articles")
    services.update_indicator(indicator, name="Số tin bài", by=cast.phong_officer)
    later = []
    for step in (1, 2):
        period = HALF.shifted(step)
        span = period.data_window()
        later.append(
            open_round(
                cast.phong,
                cast.phong_officer,
                form,
                period=period,
                window=period.default_submission_window(),
                data_window=(span.start, span.end),
            )
        )
    at(*later[0].opens_on.timetuple()[:3])
    fill(later[0], cast.school_a, cast.teacher_a, {"articles": "5"}, approve_by=cast.phong_leader)

    with CaptureQueriesContext(connection) as captured:
        points = queries.trend(later[1], cast.phong, "articles")

    assert [(p.round.pk, p.value) for p in points] == [
        (filled.pk, Decimal(12)),
        (later[0].pk, Decimal(5)),
        (later[1].pk, None),
    ]
    assert len(captured) == 3


# --- Access ------------------------------------------------------------------------------


def test_outsider_sees_no_round_and_no_submission(cast, round_):
    assert (
        list(Round.objects.visible_to(cast.outsider)),
        list(Submission.objects.visible_to(cast.outsider)),
    ) == ([], [])


def test_school_sees_the_round_and_only_its_own_submission(cast, round_):
    assert (
        list(Round.objects.visible_to(cast.teacher_a)),
        [s.unit for s in Submission.objects.visible_to(cast.teacher_a)],
    ) == ([round_], [cast.school_a])


# --- Việc cần làm --------------------------------------------------------------------------


def test_each_expected_unit_gets_its_report_in_the_todo_list(cast, round_, at):
    at(2026, 4, 25)

    items = [i for i in todo.items_for(cast.teacher_a) if "report" in i.title]

    assert [(i.title, i.unit_name, i.due) for i in items] == [
        (f"Submit the report: {round_.title}", "Trường THCS Hồng Bàng", D(2026, 5, 5))
    ]


def test_the_reviewer_gets_submitted_reports_to_review(cast, filled):
    items = [i.title for i in todo.items_for(cast.phong_leader) if "Review" in i.title]

    assert items == [f"Review the report of Trường Tiểu học Lý Tự Trọng: {filled.title}"]


def test_outsider_gets_nothing_to_do(cast, filled):
    assert [i for i in todo.items_for(cast.outsider) if "report" in i.title] == []


def test_a_round_with_many_reports_to_review_is_one_item_counting_them(
    cast, filled, at, monkeypatch, django_assert_num_queries
):
    at(2026, 5, 8)
    school_a = Submission.objects.get(round=filled, unit=cast.school_a)
    services.return_submission(school_a, message="Sửa số liệu", by=cast.phong_leader)
    services.submit_submission(school_a, by=cast.teacher_a)  # A and B both wait for review
    monkeypatch.setattr(reports_todo, "REVIEW_LISTED", 1)

    # The person's memberships, the reports to submit, the count per round, the rounds counted,
    # the unlock requests: the same five queries for two reports waiting as for two thousand.
    with django_assert_num_queries(5):
        items = reports_todo.items(cast.phong_leader)

    assert [(i.title, i.url) for i in items if "Review" in i.title] == [
        (f"Review the 2 submitted reports: {filled.title}", filled.get_absolute_url())
    ]


def test_saving_values_reads_the_form_once_not_an_indicator_per_value(cast, at):
    round_ = _multi_level_round(cast, at)
    school_a = _open_window(
        Submission.objects.get(round=round_, unit=cast.school_a), cast.teacher_a, cast.phong_leader
    )

    with CaptureQueriesContext(connection) as captured:
        services.save_values(school_a, {"articles": "13"}, by=cast.teacher_a)

    one_by_one = [q["sql"] for q in captured if 'WHERE "reports_indicator"."id" =' in q["sql"]]
    assert one_by_one == []
    assert queries.consolidation(round_, cast.phong).changed_since_approval == [
        "Trường THCS Hồng Bàng"
    ]
