from django.core.management import call_command

from ttdn.reports.models import Round, Submission


def test_demo_opens_a_six_month_round_with_reports_in_several_states(db, demo):
    call_command("load_demo")

    round_ = Round.objects.get()
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
