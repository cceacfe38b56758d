import datetime
import re

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ttdn.documents.models import OutgoingDocument
from ttdn.documents.tests.factories import LetterheadFactory, OutgoingDocumentFactory
from ttdn.plans import services
from ttdn.plans.enums import PlanStatus, SubmissionStatus
from ttdn.plans.models import Plan, PlanSubmission
from ttdn.plans.tests.factories import SEED_000, SEED_001, issue, printable_plan
from ttdn.plans.todo import items as todo_items


def signed_in(client, user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(user)
    return client


def seed_upload(name="ke-hoach.txt", content=None):
    return SimpleUploadedFile(name, content if content is not None else SEED_000.read_bytes())


@pytest.mark.parametrize("item_count", [1, 3])
def test_plan_list_query_count(client, cast, django_assert_num_queries, item_count):
    for _ in range(item_count):
        printable_plan(cast.phong)
    client = signed_in(client, cast.phong_officer)

    with django_assert_num_queries(6):
        response = client.get(reverse("plans:plan_list"))

    assert len(response.context["plans"]) == item_count


@pytest.mark.parametrize("item_count", [1, 3])
def test_plan_board_query_count(client, cast, requesting, django_assert_num_queries, item_count):
    if item_count == 1:
        requesting.submissions.filter(unit=cast.school_b).delete()
    else:
        from ttdn.org.tests.factories import UnitFactory
        from ttdn.plans.tests.factories import PlanSubmissionFactory

        PlanSubmissionFactory(
            requesting_plan=requesting, unit=UnitFactory(code="HB-C", parent=cast.phong)
        )
    client = signed_in(client, cast.phong_officer)

    with django_assert_num_queries(7):
        response = client.get(reverse("plans:plan_board", args=[requesting.pk]))

    assert len(response.context["board"].rows) == item_count


def test_import_previews_then_saves_a_draft(client, cast):
    client = signed_in(client, cast.phong_officer)

    preview = client.post(reverse("plans:plan_import"), {"file": seed_upload()})
    count_after_preview = Plan.objects.count()
    saved = client.post(
        reverse("plans:plan_import_save"), {"text": preview.context["save_form"].initial["text"]}
    )

    plan = Plan.objects.get()
    assert (count_after_preview, saved.url, plan.unit, plan.status, plan.title) == (
        0,
        plan.get_absolute_url(),
        cast.phong,
        PlanStatus.DRAFT,
        "Công tác thông tin đối ngoại ngành Giáo dục quận Hồng Bàng năm 2022",
    )


def test_import_of_a_saved_plan_warns_and_offers_it_before_a_second_copy(client, cast):
    client = signed_in(client, cast.phong_officer)
    first = client.post(reverse("plans:plan_import"), {"file": seed_upload()})
    text = first.context["save_form"].initial["text"]
    client.post(reverse("plans:plan_import_save"), {"text": text})
    saved = Plan.objects.get()

    again = client.post(reverse("plans:plan_import"), {"file": seed_upload("copy.txt")})
    refused = client.post(reverse("plans:plan_import_save"), {"text": text})
    count_after_refusal = Plan.objects.count()
    client.post(reverse("plans:plan_import_save"), {"text": text, "save_anyway": "1"})

    assert (first.context["duplicates"], again.context["duplicates"]) == ([], [saved])
    assert (refused.status_code, refused.context["duplicates"]) == (200, [saved])
    assert saved.get_absolute_url() in again.content.decode()
    assert (count_after_refusal, Plan.objects.count()) == (1, 2)


def test_import_warns_of_the_same_number_and_issuer_even_when_the_text_differs(client, cast):
    client = signed_in(client, cast.phong_officer)
    text = SEED_001.read_text()
    client.post(reverse("plans:plan_import_save"), {"text": text})
    edited = text.replace("Mục đích", "Mục tiêu", 1)
    assert edited != text

    preview = client.post(
        reverse("plans:plan_import"), {"file": seed_upload(content=edited.encode())}
    )

    assert preview.context["duplicates"] == [Plan.objects.get()]


def test_import_does_not_warn_of_another_units_plan(client, cast):
    signed_in(client, cast.outsider).post(
        reverse("plans:plan_import_save"), {"text": SEED_000.read_text()}
    )

    preview = signed_in(client, cast.phong_officer).post(
        reverse("plans:plan_import"), {"file": seed_upload()}
    )

    assert (preview.context["duplicates"], Plan.objects.count()) == ([], 1)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "The submitted file is empty."),
        ("notes.txt", "Ghi chú họp tổ.".encode(), "This does not look like a plan"),
        ("bad.docx", b"PK\x03\x04 broken", "The .docx file is damaged or not a Word document."),
        ("plan.odt", b"x", "Only .txt, .docx and .pdf files can be read."),
    ],
)
def test_import_bad_file_gets_a_message_and_saves_nothing(client, cast, name, content, message):
    client = signed_in(client, cast.phong_officer)

    response = client.post(reverse("plans:plan_import"), {"file": seed_upload(name, content)})

    errors = response.context["form"].errors["file"]
    assert response.status_code == 200
    assert errors[0].startswith(message)
    assert Plan.objects.count() == 0


def test_import_refused_to_a_teacher_of_no_unit(client, cast):
    from ttdn.org.tests.factories import UserFactory

    response = signed_in(client, UserFactory()).get(reverse("plans:plan_import"))

    assert response.status_code == 403


def test_plan_detail_hidden_from_the_outsider(client, cast):
    plan = printable_plan(cast.phong)

    response = signed_in(client, cast.outsider).get(plan.get_absolute_url())

    assert response.status_code == 404


def test_plan_print_docx_is_a_word_file(client, cast):
    plan = printable_plan(cast.phong)

    response = signed_in(client, cast.phong_officer).get(
        reverse("plans:plan_print", args=[plan.pk, "docx"])
    )

    assert (response.status_code, response.content[:2]) == (200, b"PK")


def test_plan_issue_view_issues_and_requires_the_schools(client, cast, at):
    at(2026, 3, 1)
    plan = printable_plan(cast.phong)
    client = signed_in(client, cast.phong_leader)

    client.post(
        reverse("plans:plan_issue", args=[plan.pk]),
        {
            "responses": "plans",
            "required_units": [cast.school_a.pk, cast.school_b.pk],
            "submissions_due": "2026-03-10",
            "confirm": "1",
        },
    )

    plan.refresh_from_db()
    assert (plan.status, plan.submissions.count(), plan.submissions_due) == (
        PlanStatus.ISSUED,
        2,
        datetime.date(2026, 3, 10),
    )


def test_plan_issue_first_confirms_the_number_the_units_and_the_deadline(client, cast, at):
    at(2026, 3, 1)
    OutgoingDocumentFactory(unit=cast.phong, by=cast.phong_officer)
    plan = printable_plan(cast.phong)
    client = signed_in(client, cast.phong_leader)

    response = client.post(
        reverse("plans:plan_issue", args=[plan.pk]),
        {
            "responses": "plans",
            "required_units": [cast.school_a.pk, cast.school_b.pk],
            "submissions_due": "2026-03-10",
        },
    )

    page = response.content.decode()
    plan.refresh_from_db()
    assert (
        response.status_code,
        re.search(r'id="confirm-number">([^<]+)<', page).group(1),
        re.search(r'id="confirm-units">([^<]+)<', page).group(1),
        re.search(r'id="confirm-due">([^<]+)<', page).group(1),
        plan.status,
        OutgoingDocument.objects.count(),
    ) == (
        200,
        "02/KH-PGDĐT",
        f"{cast.school_a.name}; {cast.school_b.name}",
        "10/03/2026",
        PlanStatus.DRAFT,
        1,
    )


@pytest.mark.parametrize(
    ("choices", "errors"),
    [
        ({}, ["This field is required."]),
        (
            {"responses": "plans"},
            [
                "Tick the units that must submit their own plans.",
                "Give the date by which the units must submit their plans.",
            ],
        ),
        (
            {"responses": "plans", "submissions_due": "2026-03-10"},
            ["Tick the units that must submit their own plans."],
        ),
        ("units", ["Give the date by which the units must submit their plans."]),
        (
            {"responses": "none", "submissions_due": "2026-03-10"},
            [
                "You chose that no unit answers: untick the units and clear the date, "
                "or choose that they submit their own plans."
            ],
        ),
        (
            {"responses": "plans", "submissions_due": "2026-02-28", "units": True},
            ["This date has already passed."],
        ),
    ],
    ids=["no-choice", "nothing", "no-units", "no-date", "date-but-no-answer", "past-date"],
)
def test_plan_issue_refuses_what_is_incomplete_saying_what_is_missing(
    client, cast, at, choices, errors
):
    at(2026, 3, 1)
    plan = printable_plan(cast.phong)
    if choices == "units":
        choices = {"responses": "plans", "required_units": [cast.school_a.pk]}
    elif choices.pop("units", False):
        choices["required_units"] = [cast.school_a.pk]

    response = signed_in(client, cast.phong_leader).post(
        reverse("plans:plan_issue", args=[plan.pk]), {**choices, "confirm": "1"}, follow=True
    )

    plan.refresh_from_db()
    assert (
        [str(m) for m in response.context["messages"]],
        plan.status,
        plan.submissions.count(),
        OutgoingDocument.objects.count(),
    ) == ([" ".join(errors)], PlanStatus.DRAFT, 0, 0)


def test_leader_withdraws_an_issued_plan_and_the_units_owe_nothing(client, cast, requesting):
    client = signed_in(client, cast.phong_leader)

    response = client.post(
        reverse("plans:plan_withdraw", args=[requesting.pk]),
        {"reason": "Ban hành nhầm, thiếu trường Tiểu học"},
        follow=True,
    )

    requesting.refresh_from_db()
    requesting.outgoing.refresh_from_db()
    assert (
        [str(m) for m in response.context["messages"]],
        requesting.status,
        requesting.outgoing.withdrawal_reason,
        requesting.outgoing.number,
        list(PlanSubmission.objects.waiting()),
        todo_items(cast.teacher_a),
    ) == (
        ["The plan is withdrawn; its number 01/KH-PGDĐT stays used."],
        PlanStatus.WITHDRAWN,
        "Ban hành nhầm, thiếu trường Tiểu học",
        1,
        [],
        [],
    )


def test_withdrawing_the_register_entry_withdraws_the_plan(client, cast, requesting):
    client = signed_in(client, cast.phong_leader)

    client.post(
        reverse("register:document_withdraw", args=[requesting.outgoing_id]),
        {"reason": "Ban hành nhầm"},
    )
    entry = client.get(reverse("register:document_detail", args=[requesting.outgoing_id]))

    requesting.refresh_from_db()
    assert (requesting.status, [g.links[0].url for g in entry.context["related"]]) == (
        PlanStatus.WITHDRAWN,
        [requesting.get_absolute_url()],
    )


@pytest.mark.parametrize(("person", "status"), [("phong_officer", 403), ("outsider", 404)])
def test_plan_withdrawal_refused_to_all_but_leaders(client, cast, requesting, person, status):
    response = signed_in(client, getattr(cast, person)).post(
        reverse("plans:plan_withdraw", args=[requesting.pk]), {"reason": "Ban hành nhầm"}
    )

    requesting.refresh_from_db()
    assert (response.status_code, requesting.status) == (status, PlanStatus.ISSUED)


def test_withdrawn_plan_is_corrected_in_a_new_draft_that_supersedes_nothing(cast, requesting):
    services.withdraw_plan(requesting, reason="Ban hành nhầm", by=cast.phong_leader)

    draft = services.new_version(requesting, by=cast.phong_leader)

    assert (draft.status, draft.supersedes, draft.tasks.count()) == (PlanStatus.DRAFT, None, 1)


def test_school_cannot_issue_the_phong_plan(client, cast):
    plan = printable_plan(cast.phong)

    response = signed_in(client, cast.teacher_a).post(reverse("plans:plan_issue", args=[plan.pk]))

    assert response.status_code == 404


def test_submission_flow_through_the_screens(client, cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)
    school = signed_in(client, cast.teacher_a)
    school.post(reverse("plans:submission_start", args=[submission.pk]), {"year": 2026})
    school.post(reverse("plans:submission_submit", args=[submission.pk]))
    phong = signed_in(client, cast.phong_officer)
    phong.post(reverse("plans:submission_return", args=[submission.pk]), {"comment": "Bổ sung"})
    returned = submission.__class__.objects.get(pk=submission.pk)

    refused = signed_in(client, cast.teacher_b).post(
        reverse("plans:submission_submit", args=[submission.pk])
    )

    assert (returned.status, returned.comment, refused.status_code) == (
        SubmissionStatus.RETURNED,
        "Bổ sung",
        404,
    )


def test_school_cannot_accept_its_own_plan(client, cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)

    response = signed_in(client, cast.teacher_a).post(
        reverse("plans:submission_accept", args=[submission.pk])
    )

    assert response.status_code == 403


def test_section_edit_checks_citations_inline(client, cast):
    plan = printable_plan(cast.phong)
    section = plan.sections.get()

    response = signed_in(client, cast.phong_officer).post(
        reverse("plans:section_edit", args=[section.pk]),
        {"body": "<p>Thực hiện Nghị định số 72/2015/NĐ-CP ngày 07/9/2015</p>"},
    )

    section.refresh_from_db()
    assert (response.status_code, section.body) == (
        302,
        "<p>Thực hiện Nghị định số 72/2015/NĐ-CP ngày 07/9/2015</p>",
    )


def test_section_edit_page_lists_the_citation_status(client, cast):
    section = printable_plan(cast.phong).sections.get()
    section.body = "<p>Thực hiện Nghị định số 72/2015/NĐ-CP ngày 07/9/2015 của Chính phủ</p>"
    section.save()

    response = signed_in(client, cast.phong_officer).get(
        reverse("plans:section_edit", args=[section.pk])
    )

    assert [c.status for c in response.context["checked"]] == ["unknown"]


def test_coverage_view_of_a_derived_plan(client, cast, requesting):
    from ttdn.plans import services

    plan = services.start_plan(requesting.submissions.get(unit=cast.school_a), by=cast.teacher_a)

    response = signed_in(client, cast.teacher_a).get(reverse("plans:plan_coverage", args=[plan.pk]))

    assert [r.covered for r in response.context["coverage"].rows] == [True]


def test_remind_sends_one_mail_per_person(client, cast, requesting, mailoutbox):
    cast.teacher_a.email, cast.teacher_b.email = "a@example.vn", "b@example.vn"
    cast.teacher_a.save()
    cast.teacher_b.save()

    signed_in(client, cast.phong_officer).post(reverse("plans:plan_remind", args=[requesting.pk]))

    assert sorted(m.to[0] for m in mailoutbox) == ["a@example.vn", "b@example.vn"]


def test_plan_edit_saves_the_signer_and_the_school_cannot(client, cast):
    plan = printable_plan(cast.phong)
    data = {
        "title": "Kế hoạch mới",
        "year": plan.year,
        "place": "Hồng Bàng",
        "recipients": "Sở GDĐT\nLưu: VT",
        "signer_authority": "KT. TRƯỞNG PHÒNG",
        "signer_position": "PHÓ TRƯỞNG PHÒNG",
        "signer_name": "Phạm Văn Hiệu",
    }

    refused = signed_in(client, cast.teacher_a).post(
        reverse("plans:plan_edit", args=[plan.pk]), data
    )
    signed_in(client, cast.phong_officer).post(reverse("plans:plan_edit", args=[plan.pk]), data)

    plan.refresh_from_db()
    assert (refused.status_code, plan.signer_authority, plan.recipients) == (
        404,
        "KT. TRƯỞNG PHÒNG",
        ["Sở GDĐT", "Lưu: VT"],
    )


def test_task_update_records_progress_and_the_outsider_cannot(client, cast, requesting):
    task = requesting.tasks.get()
    url = reverse("plans:task_update", args=[task.pk])

    refused = signed_in(client, cast.outsider).post(url, {"status": "done", "progress": 100})
    signed_in(client, cast.phong_officer).post(url, {"status": "in_progress", "progress": 60})

    task.refresh_from_db()
    assert (refused.status_code, task.status, task.progress) == (404, "in_progress", 60)


def test_plan_board_is_not_shown_to_a_required_school_nor_the_outsider(client, cast, requesting):
    url = reverse("plans:plan_board", args=[requesting.pk])

    school = signed_in(client, cast.teacher_a).get(url)
    outsider = signed_in(client, cast.outsider).get(url)
    so = signed_in(client, cast.so_leader).get(url)

    assert (school.status_code, outsider.status_code, so.status_code) == (403, 404, 200)


def test_task_add_with_chosen_units(client, cast):
    plan = printable_plan(cast.phong)

    signed_in(client, cast.phong_officer).post(
        reverse("plans:task_add", args=[plan.pk]),
        {"title": "Tổ chức hội thi", "units": [cast.school_b.pk], "recurrence": "yearly"},
    )

    task = plan.tasks.get(title="Tổ chức hội thi")
    assert ([u.code for u in task.carrying_units.all()], task.recurrence) == (["HB-B"], "yearly")


def test_task_add_refuses_a_unit_outside_the_plan_unit(client, cast):
    plan = printable_plan(cast.phong)

    signed_in(client, cast.phong_officer).post(
        reverse("plans:task_add", args=[plan.pk]),
        {"title": "Tổ chức hội thi", "units": [cast.outsider_school.pk]},
    )

    assert plan.tasks.filter(title="Tổ chức hội thi").count() == 0


def test_audit_log_names_issuing_and_submitting_a_plan_by_their_states(client, cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)
    services.start_plan(submission, by=cast.teacher_a)
    services.submit_plan(submission, by=cast.teacher_a)
    client.force_login(cast.so_leader)  # in Vietnamese, the default

    response = client.get("/audit/", {"action": "update"})

    assert sorted({line.action for line in response.context["lines"]}) == [
        "Chưa bắt đầu → Đang soạn",
        "Dự thảo → Đã ban hành",
        "Đang soạn → Đã nộp",
    ]


# --- Steps that lead on (issue 15, point 14) ----------------------------------------------


def test_school_starts_its_plan_for_the_year_it_chooses_signed_by_its_head(
    client, cast, requesting
):
    LetterheadFactory(
        unit=cast.school_a,
        abbreviation="THCSHB",
        place="Hồng Bàng",
        head_position="Hiệu trưởng",
        head_name="Trần Thị Mai",
    )
    submission = requesting.submissions.get(unit=cast.school_a)
    school = signed_in(client, cast.teacher_a)
    offered = school.get(submission.get_absolute_url()).context["start_form"].initial

    school.post(reverse("plans:submission_start", args=[submission.pk]), {"year": 2027})

    plan = Plan.objects.get(submission=submission)
    assert (offered["year"], plan.year, requesting.year) == (2026, 2027, 2026)
    assert (plan.place, plan.signer_position, plan.signer_name, plan.signer_authority) == (
        "Hồng Bàng",
        "Hiệu trưởng",
        "Trần Thị Mai",
        "",
    )


def test_start_refuses_a_year_out_of_range_and_starts_nothing(client, cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)

    signed_in(client, cast.teacher_a).post(
        reverse("plans:submission_start", args=[submission.pk]), {"year": "20266"}
    )

    submission.refresh_from_db()
    assert (submission.status, Plan.objects.filter(unit=cast.school_a).count()) == (
        SubmissionStatus.NOT_STARTED,
        0,
    )


def test_plan_edit_changes_the_year_of_a_derived_draft(client, cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)
    plan = services.start_plan(submission, by=cast.teacher_a)
    data = {
        "title": plan.title,
        "year": 2027,
        "place": "Hồng Bàng",
        "recipients": "Phòng GDĐT\nLưu: VT",
        "signer_authority": "",
        "signer_position": "Hiệu trưởng",
        "signer_name": "Trần Thị Mai",
    }

    signed_in(client, cast.teacher_a).post(reverse("plans:plan_edit", args=[plan.pk]), data)

    plan.refresh_from_db()
    assert plan.year == 2027


def _issued_school_plan(cast, requesting):
    submission = requesting.submissions.get(unit=cast.school_a)
    plan = services.start_plan(submission, by=cast.teacher_a)
    services.update_plan(
        plan,
        by=cast.teacher_a,
        title=plan.title,
        place="Hồng Bàng",
        recipients=["Phòng GDĐT", "Lưu: VT"],
        signer_authority="",
        signer_position="Hiệu trưởng",
        signer_name="Trần Thị Mai",
    )
    return submission, issue(plan, cast.teacher_a)


def test_issued_school_plan_offers_to_submit_it_to_the_phong(client, cast, requesting):
    submission, plan = _issued_school_plan(cast, requesting)
    school = signed_in(client, cast.teacher_a)

    prompt = school.get(plan.get_absolute_url()).context["submit_prompt"]
    school.post(reverse("plans:submission_submit", args=[submission.pk]))
    after = school.get(plan.get_absolute_url()).context["submit_prompt"]

    submission.refresh_from_db()
    assert (prompt, submission.status, after) == (submission, SubmissionStatus.SUBMITTED, None)


def test_issued_plan_that_no_unit_asked_for_offers_no_submission(client, cast, requesting):
    response = signed_in(client, cast.phong_officer).get(requesting.get_absolute_url())

    assert response.context["submit_prompt"] is None
