from django.core.management import call_command

from ttdn.reports.models import ReportForm, Round, Submission, Value


def test_demo_opens_a_six_month_round_with_reports_in_several_states(db, demo):
    call_command("load_demo")

    round_ = Round.objects.get(owner__code="PGDDT-HB", form_version__form__standard="ttdn-6-thang")
    states = dict(Submission.objects.filter(round=round_).values_list("unit__code", "status"))
    assert (
        round_.owner.code,
        round_.period_kind,
        len(states),
        states["HB-TH-HUNGVUONG"],
        states["HB-TH-QUANTOAN"],
        states["HB-MN-HOAPHUONG"],
        states["HB-THCS-HONGBANG"],
    ) == ("PGDDT-HB", "half_year", 14, "approved", "submitted", "returned", "draft")


def test_the_demo_round_is_the_adopted_standard_form_with_consistent_dates(db):
    call_command("load_demo")

    round_ = Round.objects.get(owner__code="PGDDT-HB", form_version__form__standard="ttdn-6-thang")
    form = round_.form_version.form
    assert (form.owner.code, form.standard) == ("PGDDT-HB", "ttdn-6-thang")
    assert form.schedule.active
    assert ReportForm.objects.get(owner=form.owner, standard="ttdn-nam").schedule.active
    assert round_.title.startswith("Báo cáo kết quả công tác thông tin đối ngoại 6 tháng ")
    assert round_.title.endswith(str(round_.period_year))
    deadlines = [
        round_.due_on,
        *Submission.objects.filter(round=round_).values_list("due_on", flat=True),
    ]
    assert all(day > round_.data_to for day in deadlines)
    # The press monitoring figure of the school that answered a journalist is pre-filled.
    answered = Value.objects.get(
        submission__round=round_, submission__unit__code="HB-TH-HUNGVUONG", indicator__code="TT05"
    )
    assert (answered.computed_number, answered.number) == (1, 1)
