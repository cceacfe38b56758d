from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ttdn.content.services import open_site
from ttdn.core.states import InvalidTransition
from ttdn.reports.enums import PeriodKind
from ttdn.reports.periods import Period
from ttdn.stats import queries, services
from ttdn.stats.enums import FigureStatus, PressKind, PressStatus, Source
from ttdn.stats.models import Figure, PressDocument
from ttdn.stats.tests import factories

SY2022 = Period(PeriodKind.SCHOOL_YEAR, 2022)


def _approved(dataset):
    return {f.unit.code: f.value for f in Figure.objects.approved().filter(dataset=dataset)}


def test_refresh_publishes_approved_reports_only(cast, world):
    services.refresh_from_reports()

    assert _approved(world.datasets["pupils"]) == {"PGD-HB": Decimal(640), "HB-A": Decimal(640)}


def test_refresh_records_provenance(cast, world):
    services.refresh_from_reports()

    school = Figure.objects.get(dataset=world.datasets["pupils"], unit=cast.school_a)
    office = Figure.objects.get(dataset=world.datasets["pupils"], unit=cast.phong)
    assert (school.source, school.round, school.submission, school.reports_counted) == (
        Source.ROUND, world.round, world.report_a, 1,
    )  # fmt: skip
    assert (office.round, office.submission, office.reports_counted, office.parent) == (
        world.round, None, 1, cast.so,
    )  # fmt: skip
    assert queries.provenance_text(school) == (
        f"{world.round.title}: the approved report of {cast.school_a.name}"
    )


def test_refresh_twice_changes_nothing(cast, world):
    services.refresh_from_reports()

    again = services.refresh_from_reports()

    assert (again.created, again.revised, Figure.objects.count()) == (0, [], 8)


def test_refresh_adds_the_second_report_once_approved(cast, world):
    services.refresh_from_reports()
    from ttdn.reports import services as reports_services

    reports_services.approve_submission(world.report_b, by=cast.phong_leader)
    services.refresh_from_reports()

    office = Figure.objects.approved().get(dataset=world.datasets["pupils"], unit=cast.phong)
    assert (office.value, office.revision, office.reports_counted) == (Decimal(1452), 2, 2)


def test_rate_is_computed_from_its_two_figures(cast, world):
    services.refresh_from_reports()

    assert _approved(world.datasets["rate"]) == {
        "PGD-HB": Decimal("80.00"),
        "HB-A": Decimal("80.00"),
    }


def test_edit_in_an_unlock_window_is_not_published_until_approved_again(cast, world):
    services.refresh_from_reports()
    factories.reopen(
        world.report_a, {"P1": "999", "P2": "150", "P3": "120"},
        by=cast.teacher_a, approver=cast.phong_leader,
    )  # fmt: skip

    services.refresh_from_reports()

    assert _approved(world.datasets["pupils"])["HB-A"] == Decimal(640)


def test_correction_is_a_new_revision_and_keeps_the_old_one(cast, world):
    services.refresh_from_reports()
    factories.correct(
        world.report_a, {"P1": "650", "P2": "150", "P3": "120"},
        by=cast.teacher_a, approver=cast.phong_leader,
    )  # fmt: skip

    result = services.refresh_from_reports()

    school = Figure.objects.filter(dataset=world.datasets["pupils"], unit=cast.school_a)
    assert sorted((f.revision, f.value, f.status) for f in school) == [
        (1, Decimal(640), FigureStatus.REPLACED),
        (2, Decimal(650), FigureStatus.APPROVED),
    ]
    assert sorted((f.unit.code, f.revision) for f in result.revised) == [("HB-A", 2), ("PGD-HB", 2)]


def test_manual_figure_is_hidden_until_another_leader_approves_it(cast, world):
    figure = services.enter_figure(
        world.datasets["pupils"], cast.school_b, period=SY2022, value="812", by=cast.phong_leader
    )
    before = list(Figure.objects.public().filter(unit=cast.school_b))

    with pytest.raises(PermissionDenied):
        services.approve_figure(figure, by=cast.phong_leader)
    with pytest.raises(PermissionDenied):
        services.approve_figure(figure, by=cast.teacher_b)
    services.approve_figure(figure, by=cast.so_leader)

    figure.refresh_from_db()
    assert (before, figure.status, figure.approved_by, figure.source) == (
        [], FigureStatus.APPROVED, cast.so_leader, Source.MANUAL,
    )  # fmt: skip
    assert queries.provenance_text(figure) == (
        f"Entered by {cast.phong_leader.get_full_name()}, "
        f"approved by {cast.so_leader.get_full_name()}"
    )


def test_manual_figure_refuses_what_is_not_a_number(cast, world):
    with pytest.raises(ValidationError) as error:
        services.enter_figure(
            world.datasets["pupils"], cast.school_b, period=SY2022, value="=1+1", by=cast.teacher_b
        )

    assert (error.value.messages, Figure.objects.count()) == (
        ["Enter a number, e.g. 1250 or 97.5."], 0,
    )  # fmt: skip


def test_outsider_may_not_enter_figures(cast, world):
    with pytest.raises(PermissionDenied):
        services.enter_figure(
            world.datasets["pupils"], cast.phong, period=SY2022, value="1", by=cast.outsider
        )


def _fact_sheet(cast, world, **kwargs):
    fields = {
        "kind": PressKind.FACT_SHEET,
        "title": "Thông tin báo chí năm học 2022–2023",
        "title_en": "Fact sheet 2022–2023",
        "body": "Có {pupils} học sinh.",
        "body_en": "{pupils} pupils.",
        "period_key": SY2022.key,
        "datasets": [world.datasets["pupils"], world.datasets["rate"]],
        **kwargs,
    }
    return services.create_press_document(cast.phong, by=cast.phong_officer, **fields)


def _published(cast, world):
    services.refresh_from_reports()
    open_site(cast.phong)
    sheet = _fact_sheet(cast, world)
    services.submit_press_document(sheet, by=cast.phong_officer)
    return services.publish_press_document(sheet, by=cast.phong_leader)


def test_press_document_refuses_a_figure_not_approved(cast, world):
    with pytest.raises(ValidationError) as error:
        _fact_sheet(cast, world)

    assert (error.value.messages, PressDocument.objects.count()) == (
        ["There is no approved figure yet for: Số học sinh; Tỉ lệ trúng tuyển."], 0,
    )  # fmt: skip


def test_press_document_refuses_a_code_it_does_not_cite(cast, world):
    services.refresh_from_reports()

    with pytest.raises(ValidationError) as error:
        _fact_sheet(cast, world, body="{teachers} giáo viên")

    assert error.value.messages == [
        "The text cites {teachers}, which is not among the chosen figures."
    ]


def test_only_a_leader_publishes(cast, world):
    services.refresh_from_reports()
    sheet = _fact_sheet(cast, world)
    services.submit_press_document(sheet, by=cast.phong_officer)

    with pytest.raises(PermissionDenied):
        services.publish_press_document(sheet, by=cast.phong_officer)
    with pytest.raises(InvalidTransition):
        services.submit_press_document(sheet, by=cast.phong_officer)


def test_publishing_freezes_the_cited_figures(cast, world):
    sheet = _published(cast, world)

    frozen = [(r.dataset.code, r.value, r.figure.revision) for r in sheet.references.all()]
    assert (sheet.status, frozen) == (
        PressStatus.PUBLISHED, [("pupils", Decimal(640), 1), ("rate", Decimal("80.00"), 1)],
    )  # fmt: skip
    assert queries.filled_text(sheet, queries.cited(sheet), "en") == "640 pupils."


def test_corrected_figure_flags_the_published_document(cast, world):
    sheet = _published(cast, world)
    factories.correct(
        world.report_a, {"P1": "1640", "P2": "150", "P3": "120"},
        by=cast.teacher_a, approver=cast.phong_leader,
    )  # fmt: skip

    services.refresh_from_reports()

    changed = services.differences(sheet)
    assert [(d.reference.dataset.code, d.before, d.now.value) for d in changed] == [
        ("pupils", Decimal(640), Decimal(1640))
    ]
    assert queries.filled_text(sheet, queries.cited(sheet), "vi") == "Có 640 học sinh."
    assert queries.out_of_date(PressDocument.objects.all()) == {sheet.pk}


def test_correction_notice_is_one_click_and_cites_the_new_figure(cast, world):
    sheet = _published(cast, world)
    factories.correct(
        world.report_a, {"P1": "1640", "P2": "150", "P3": "120"},
        by=cast.teacher_a, approver=cast.phong_leader,
    )  # fmt: skip
    services.refresh_from_reports()

    notice = services.draft_correction(sheet, by=cast.phong_officer)

    rows = queries.cited(notice)
    assert (notice.kind, notice.corrects, notice.status, [r.dataset.code for r in rows]) == (
        PressKind.CORRECTION, sheet, PressStatus.DRAFT, ["pupils"],
    )  # fmt: skip
    assert queries.filled_text(notice, rows, "en").splitlines()[1] == (
        "- Pupils: 640 pupils, corrected to 1,640 pupils."
    )
    new = Figure.objects.approved().get(dataset=world.datasets["pupils"], unit=cast.phong)
    assert list(queries.citing_documents(new)) == [notice, sheet]


def test_no_correction_for_a_document_still_up_to_date(cast, world):
    sheet = _published(cast, world)

    with pytest.raises(InvalidTransition):
        services.draft_correction(sheet, by=cast.phong_officer)
