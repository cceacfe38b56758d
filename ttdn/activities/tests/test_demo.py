from django.core.management import call_command

from ttdn.activities.models import Activity, Contest, Movement, Registration


def test_demo_load_is_complete_and_idempotent(db, demo):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    contest = Contest.objects.get(unit__code="PGDDT-CP")
    assert (
        Movement.objects.count(),
        Registration.objects.count(),
        list(contest.levels.values_list("name", flat=True)),
        contest.entries.count(),
        Activity.objects.filter(status="recorded").count(),
    ) == (1, 2, ["Cấp cụm", "Cấp thành phố"], 2, 3)
