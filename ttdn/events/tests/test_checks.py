from ttdn.events.checks import check_settings


def test_check_settings_accepts_the_defaults():
    assert check_settings() == []


def test_check_settings_reports_an_unknown_rule_and_a_negative_lead_time(settings):
    settings.EVEN_YEAR_RULE = "even"
    settings.ANNIVERSARY_LEAD_DAYS = -1

    assert [error.id for error in check_settings()] == ["events.E001", "events.E002"]
