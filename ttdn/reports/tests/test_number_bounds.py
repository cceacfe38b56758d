"""A report figure must fit what is stored (14 integer digits, 4 decimals) and be a plain
number, by every path that stores one: the form, the Excel upload and the API. Figures that
earlier versions let in are emptied by `repair_report_values`."""

from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from ttdn.core.models import AuditEntry
from ttdn.reports import services
from ttdn.reports.enums import Basis
from ttdn.reports.models import RollUp, Submission, Value
from ttdn.reports.validation import ValuesInvalid

TOO_MANY_DIGITS = "Enter a number with at most 14 digits before the decimal point."


def submission_of(round_, unit):
    return Submission.objects.get(round=round_, unit=unit)


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("100000000000000", TOO_MANY_DIGITS),
        ("-100000000000000", TOO_MANY_DIGITS),
        ("99999999999999.99", TOO_MANY_DIGITS),
        (10**20, TOO_MANY_DIGITS),
        (1e20, TOO_MANY_DIGITS),
        ("1e309", "Enter a number."),
        ("1E5", "Enter a number."),
        ("NaN", "Enter a number."),
        ("-Infinity", "Enter a number."),
        (float("nan"), "Enter a number."),
        (float("inf"), "Enter a number."),
        ("1.23456", "Enter at most 4 digits after the decimal point."),
    ],
)
def test_save_values_refuses_numbers_that_do_not_fit(cast, round_, at, raw, error):
    at(2026, 4, 25)
    submission = submission_of(round_, cast.school_a)

    with pytest.raises(ValuesInvalid) as raised:
        services.save_values(submission, {"trainings": "4", "smallest": raw}, by=cast.teacher_a)

    assert (raised.value.errors, submission.values.count()) == ({"smallest": error}, 0)


def test_save_values_keeps_the_largest_numbers_that_fit(cast, round_, at):
    at(2026, 4, 25)
    submission = submission_of(round_, cast.school_a)

    services.save_values(
        submission,
        {
            "smallest": "99999999999999.9",
            "share": 0.1 + 0.2,
            "articles": "1.000",
        },
        by=cast.teacher_a,
    )

    values = services.current_values(submission)
    assert (values["smallest"].number, values["share"].number) == (
        Decimal("99999999999999.9"),
        Decimal("0.3"),
    )


def test_a_float_from_a_spreadsheet_or_json_is_stored_to_four_places(cast, round_, at):
    at(2026, 4, 25)
    submission = submission_of(round_, cast.school_a)

    services.save_values(submission, {"smallest": 100 / 3}, by=cast.teacher_a)

    assert services.current_values(submission)["smallest"].number == Decimal("33.3333")


def test_form_names_the_field_with_too_many_digits(client, cast, round_, at):
    at(2026, 4, 25)
    submission = submission_of(round_, cast.school_a)
    client.force_login(cast.teacher_a)

    response = client.post(
        reverse("reports:submission_save", args=[submission.pk]), {"smallest": "1" * 15}
    )

    assert (response.status_code, response.context["form"].errors, submission.values.count()) == (
        422,
        {"smallest": ["Nhập số có tối đa 14 chữ số trước dấu thập phân."]},
        0,
    )


def test_excel_upload_refuses_a_huge_number_and_writes_nothing(
    client, cast, round_, at, upload_template
):
    at(2026, 5, 1)
    client.force_login(cast.phong_officer)
    download = client.get(reverse("reports:excel_template", args=[round_.pk]))
    book = load_workbook(BytesIO(b"".join(download.streaming_content)))
    header = [c.value for c in book.active[1]]
    book.active.cell(3, header.index("articles") + 1, 12)
    book.active.cell(4, header.index("smallest") + 1, 1e20)
    upload = BytesIO()
    book.save(upload)
    upload.seek(0)
    upload.name = "huge.xlsx"

    _sent, refused = upload_template(round_, upload)

    errors = [(e.row, e.column, e.message) for e in refused.context["errors"]]
    column = chr(ord("A") + header.index("smallest"))
    assert (errors, Value.objects.count()) == (
        [(4, column, "Nhập số có tối đa 14 chữ số trước dấu thập phân.")],
        0,
    )


@pytest.mark.parametrize(
    "payload", ['{"values": {"smallest": 1e20}}', '{"values": {"smallest": NaN}}']
)
def test_api_put_refuses_a_huge_number_and_stores_nothing(cast, round_, at, bearer, payload):
    at(2026, 4, 25)
    submission = submission_of(round_, cast.school_a)
    client = Client(raise_request_exception=False)

    response = client.put(
        f"/api/v1/reports/submissions/{submission.pk}/values",
        payload,
        content_type="application/json",
        **bearer(cast.teacher_a),
    )

    assert (response.status_code, submission.values.count()) == (422, 0)


def test_repair_empties_figures_that_cannot_be_read_back(cast, round_, at):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL refuses such a figure itself (numeric field overflow)")
    at(2026, 4, 25)
    submission = submission_of(round_, cast.school_a)
    services.save_values(submission, {"articles": "7", "smallest": "2"}, by=cast.teacher_a)
    services.submit_submission(submission, by=cast.teacher_a)
    # What earlier versions stored: the database keeps it, reading it back fails.
    Value.objects.filter(indicator__code="smallest").update(number=Decimal("1E+20"))
    first, second = StringIO(), StringIO()

    call_command("repair_report_values", stdout=first)
    call_command("repair_report_values", stdout=second)

    entry = AuditEntry.objects.filter(object_type="reports.Submission").latest("pk")
    values = services.current_values(submission)
    totals = RollUp.objects.filter(
        indicator__code="articles", unit=cast.phong, basis=Basis.SUBMITTED
    )
    assert (
        first.getvalue().splitlines()[-1],
        second.getvalue(),
        values["smallest"].number,
        values["articles"].number,
        list(entry.changes),
        {r.total for r in totals},
    ) == (
        "1 broken figure(s) emptied.",
        "0 broken figure(s) emptied.\n",
        None,
        Decimal(7),
        ["smallest (number)"],
        {Decimal(7)},
    )
