import io
import json

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfWriter

from ttdn.plans.importer import import_file
from ttdn.plans.models import Plan, PlanSubmission
from ttdn.plans.tests.factories import SEED_000, SEED_001, printable_plan


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_plan_json_prints_the_plan_and_saves_nothing(db):
    printed = json.loads(run("import_plan", str(SEED_001), "--json"))

    assert (printed, Plan.objects.count()) == (import_file(SEED_001).as_dict(), 0)


def test_import_plan_save_prints_the_id(cast):
    printed = json.loads(run("import_plan", str(SEED_000), "--unit", "PGD-HB", "--save"))

    assert printed == {"id": Plan.objects.get(unit=cast.phong).pk}


def test_import_plan_save_json_adds_the_id(cast):
    printed = json.loads(run("import_plan", str(SEED_000), "--unit", "PGD-HB", "--save", "--json"))

    assert (printed["id"], printed["title"]) == (
        Plan.objects.get().pk,
        "Công tác thông tin đối ngoại ngành Giáo dục quận Hồng Bàng năm 2022",
    )


def test_import_plan_of_an_empty_file_fails_clearly(cast, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")

    with pytest.raises(CommandError, match=r"The file is empty\."):
        run("import_plan", str(empty), "--unit", "PGD-HB", "--save")

    assert Plan.objects.count() == 0


def test_import_plan_of_a_damaged_pdf_prints_only_its_own_message(db, tmp_path, caplog):
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    whole = io.BytesIO()
    writer.write(whole)
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(whole.getvalue()[:-30])  # pypdf warns "EOF marker not found"

    with pytest.raises(CommandError) as failure:
        run("import_plan", str(damaged))

    assert ([r.name for r in caplog.records], str(failure.value)) == (
        [],
        "The .pdf file is damaged or not a PDF.",
    )


def test_import_plan_save_needs_a_known_unit(cast):
    with pytest.raises(CommandError, match=r"No unit has the code NOPE\."):
        run("import_plan", str(SEED_000), "--unit", "NOPE", "--save")


def test_print_plan_writes_a_docx_of_the_imported_seed(cast, tmp_path):
    plan_id = json.loads(run("import_plan", str(SEED_001), "--unit", "PGD-HB", "--save"))["id"]
    output = tmp_path / "plan.docx"

    run("print_plan", str(plan_id), "--format", "docx", "--output", str(output))

    assert output.read_bytes()[:2] == b"PK"


def test_print_plan_of_an_unknown_id_fails(db, tmp_path):
    with pytest.raises(CommandError, match=r"No plan has the id 999\."):
        run("print_plan", "999", "--output", str(tmp_path / "x.docx"))


def test_remind_job_sends_one_summary_per_person_and_is_idempotent(
    cast, requesting, at, mailoutbox
):
    cast.teacher_a.email, cast.phong_leader.email = "a@example.vn", "lead@example.vn"
    cast.teacher_a.save()
    cast.phong_leader.save()
    second = printable_plan(cast.phong)
    PlanSubmission.objects.create(
        requesting_plan=second,
        unit=cast.school_a,
        unit_name="A",
        unit_level="school",
        due=requesting.submissions_due,
    )
    at(2026, 3, 11)

    run("send_daily_digest")
    run("send_daily_digest")

    by_person = {m.to[0]: m.body.count("\n- ") for m in mailoutbox}
    assert by_person == {
        "a@example.vn": 2,
        "teacher-b@example.test": 1,
        "lead@example.vn": 3,
        "phong-officer@example.test": 3,
    }


def test_remind_job_reminds_the_carrying_units_of_a_task_due_soon(cast, requesting, at, mailoutbox):
    task = requesting.tasks.get()
    task.due = requesting.submissions_due
    task.save()
    task.carrying_units.set([cast.school_b])
    requesting.submissions.all().delete()
    at(2026, 3, 9)

    run("send_daily_digest")
    run("send_daily_digest")

    assert sorted(m.to[0] for m in mailoutbox) == [
        "phong-leader@example.test",
        "phong-officer@example.test",
        "teacher-b@example.test",
    ]
