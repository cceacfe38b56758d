import datetime

import pytest
from django.core.exceptions import ValidationError

from ttdn.core.models import AuditEntry
from ttdn.core.states import InvalidTransition
from ttdn.documents.enums import CitationStatus, DocumentType
from ttdn.documents.tests.factories import DocumentFactory
from ttdn.plans import markup, services
from ttdn.plans.enums import PlanStatus, SubmissionStatus
from ttdn.plans.importer import PlannedTask, import_file
from ttdn.plans.models import Plan, PlanSubmission
from ttdn.plans.services.plans import _save_task as save_task_for_test
from ttdn.plans.tests.factories import SEED_000, SEED_001, imported, issue, printable_plan


def _paragraphs(sections):
    return [p for s in sections for node in s.walk() for p in node.paragraphs]


def test_save_imported_keeps_every_paragraph_of_seed_000_in_order(cast):
    parsed = import_file(SEED_000)

    plan = services.save_imported(parsed, unit=cast.phong, by=cast.phong_officer)

    saved = [p for s in plan.sections.all() for p in markup.paragraphs(s.body)]
    assert saved == _paragraphs(parsed.sections)


def test_save_imported_keeps_the_tree_header_and_signer_of_seed_001(cast):
    parsed = import_file(SEED_001)

    plan = services.save_imported(parsed, unit=cast.phong, by=None)

    headings = [(s.depth, s.heading) for s in plan.sections.all() if s.heading]
    expected = []

    def walk(section, depth):
        if section.heading:
            expected.append((depth, section.heading))
        for child in section.children:
            walk(child, depth + 1)

    for section in parsed.sections:
        walk(section, 0)
    assert (
        headings,
        plan.number,
        plan.symbol,
        plan.issued_on,
        plan.place,
        plan.signer_authority,
        plan.signer_position,
        plan.signer_name,
        plan.tasks.count(),
        plan.status,
    ) == (
        expected,
        "242",
        "KH-PGDĐT",
        datetime.date(2023, 3, 14),
        "Cẩm Phả",
        "KT. TRƯỞNG PHÒNG",
        "PHÓ TRƯỞNG PHÒNG",
        "Lê Thị Lan",
        len(parsed.tasks),
        PlanStatus.DRAFT,
    )


def test_save_imported_links_a_known_citation_and_marks_its_status(cast):
    DocumentFactory(
        type=DocumentType.DECREE,
        number_symbol="72/2015/NĐ-CP",
        issued_on=datetime.date(2015, 9, 7),
        issuer="Chính phủ",
    )

    plan = imported(cast.phong, SEED_000, by=cast.phong_officer)

    citation = plan.citations.get(number_symbol="72/2015/NĐ-CP")
    assert citation.status == CitationStatus.DATE_MISMATCH
    assert citation.document is not None


def test_save_imported_resolves_all_subordinate_units_to_the_children(cast):
    task = save_task_for_test(
        printable_plan(cast.phong),
        PlannedTask(title="Báo cáo", units=("Các cơ sở giáo dục",)),
        order=0,
        section=None,
    )

    assert task.all_subordinates
    assert sorted(u.code for u in task.carrying_units.all()) == ["HB-A", "HB-B"]


def test_issue_plan_numbers_from_the_register_and_requires_frozen_units(cast, at):
    at(2026, 3, 1)
    plan = printable_plan(cast.phong)

    issue(plan, cast.phong_leader, [cast.school_a, cast.school_b], datetime.date(2026, 3, 10))

    plan.refresh_from_db()
    rows = PlanSubmission.objects.filter(requesting_plan=plan).order_by("unit__code")
    assert (
        plan.status,
        plan.number,
        plan.outgoing.number,
        plan.issued_on,
        [(s.unit.code, s.unit_name, s.parent_name, s.status) for s in rows],
    ) == (
        PlanStatus.ISSUED,
        "01",
        1,
        datetime.date(2026, 3, 1),
        [
            ("HB-A", "Trường THCS Hồng Bàng", cast.phong.name, SubmissionStatus.NOT_STARTED),
            ("HB-B", "Trường Tiểu học Lý Tự Trọng", cast.phong.name, SubmissionStatus.NOT_STARTED),
        ],
    )


def test_issue_plan_second_plan_takes_the_next_number(cast, at):
    at(2026, 3, 1)
    issue(printable_plan(cast.phong), cast.phong_leader)

    second = issue(printable_plan(cast.phong), cast.phong_leader)

    assert second.number == "02"


def test_issue_plan_refuses_a_unit_outside_its_subtree_and_saves_nothing(cast, at):
    at(2026, 3, 1)
    plan = printable_plan(cast.phong)

    with pytest.raises(ValidationError):
        issue(plan, cast.phong_leader, [cast.outsider_school], datetime.date(2026, 3, 10))

    plan.refresh_from_db()
    assert (plan.status, plan.number, PlanSubmission.objects.count()) == (PlanStatus.DRAFT, "", 0)


def test_issue_plan_refuses_an_issued_plan(cast, requesting):
    with pytest.raises(InvalidTransition):
        issue(requesting, cast.phong_leader)


def test_new_version_supersedes_the_old_plan_when_issued(cast, requesting):
    draft = services.new_version(requesting, by=cast.phong_leader)

    issue(draft, cast.phong_leader)

    requesting.refresh_from_db()
    assert (requesting.status, draft.status, draft.supersedes_id, draft.tasks.count()) == (
        PlanStatus.SUPERSEDED,
        PlanStatus.ISSUED,
        requesting.pk,
        1,
    )


def test_update_section_sanitises_and_refuses_issued_plans(cast, requesting):
    draft = printable_plan(cast.phong)
    section = draft.sections.get()

    services.update_section(
        section, body='<p onclick="x()">Nội dung <script>alert(1)</script><b>mới</b></p>', by=None
    )

    with pytest.raises(InvalidTransition):
        services.update_section(requesting.sections.get(), body="<p>x</p>", by=None)
    assert section.body == "<p>Nội dung <b>mới</b></p>"


def test_start_plan_copies_the_parent_marked_derived(cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)

    plan = services.start_plan(submission, by=cast.teacher_a)

    task = plan.tasks.get()
    assert (
        plan.unit,
        plan.parent,
        plan.status,
        submission.status,
        [s.derived for s in plan.sections.all()],
        task.derived_from,
        task.accountable_unit,
    ) == (
        cast.school_a,
        requesting,
        PlanStatus.DRAFT,
        SubmissionStatus.DRAFT,
        [True],
        requesting.tasks.get(),
        cast.school_a,
    )


def test_start_plan_twice_is_refused(cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)
    services.start_plan(submission, by=cast.teacher_a)

    with pytest.raises(InvalidTransition):
        services.start_plan(submission, by=cast.teacher_a)

    assert Plan.objects.filter(unit=cast.school_a).count() == 1


def test_return_submission_needs_a_comment_and_allows_resubmission(cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)
    services.start_plan(submission, by=cast.teacher_a)
    services.submit_plan(submission, by=cast.teacher_a)

    with pytest.raises(ValidationError):
        services.return_submission(submission, message="  ", by=cast.phong_officer)
    services.return_submission(submission, message="Thiếu nhiệm vụ riêng", by=cast.phong_officer)
    services.submit_plan(submission, by=cast.teacher_a)
    services.accept_submission(submission, by=cast.phong_officer)

    assert (submission.status, submission.comment) == (
        SubmissionStatus.ACCEPTED,
        "Thiếu nhiệm vụ riêng",
    )


def test_accept_submission_refuses_a_plan_not_submitted(cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)

    with pytest.raises(InvalidTransition):
        services.accept_submission(submission, by=cast.phong_officer)

    assert submission.status == SubmissionStatus.NOT_STARTED


def test_moves_are_audited(cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)

    services.start_plan(submission, by=cast.teacher_a)

    moves = AuditEntry.objects.filter(changes__has_key="status").order_by("pk")
    assert [(e.action, e.object_type, e.changes["status"]) for e in moves] == [
        ("update", "plans.Plan", ["draft", "issued"]),
        ("update", "plans.PlanSubmission", ["not_started", "draft"]),
    ]


def test_add_task_for_all_subordinates_lists_the_children(cast):
    plan = printable_plan(cast.phong)

    task = services.add_task(plan, title="Tập huấn", by=cast.phong_officer, all_subordinates=True)

    assert sorted(u.code for u in task.carrying_units.all()) == ["HB-A", "HB-B"]


def test_update_plan_changes_the_header_and_is_audited(cast):
    plan = printable_plan(cast.school_a)

    services.update_plan(
        plan,
        by=cast.teacher_a,
        title="Kế hoạch TTĐN năm 2026",
        place="Hồng Bàng",
        recipients=["Phòng GDĐT", " ", "Lưu: VT"],
        signer_authority="",
        signer_position="HIỆU TRƯỞNG",
        signer_name="Trần Thị B",
    )

    entry = AuditEntry.objects.filter(object_type="plans.Plan", action="update").get()
    assert (plan.recipients, entry.changes["signer_position"]) == (
        ["Phòng GDĐT", "Lưu: VT"],
        ["TRƯỞNG PHÒNG", "HIỆU TRƯỞNG"],
    )


def test_update_task_refuses_progress_over_100(cast, requesting):
    task = requesting.tasks.get()

    with pytest.raises(ValidationError):
        services.update_task(task, status="in_progress", progress=120, by=cast.phong_officer)
    services.update_task(task, status="in_progress", progress=40, by=cast.phong_officer)

    task.refresh_from_db()
    assert (task.status, task.progress) == ("in_progress", 40)
