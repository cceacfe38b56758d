from decimal import Decimal

import pytest

from ttdn.reports import services
from ttdn.reports.enums import Aggregation, IndicatorKind, RuleKind
from ttdn.reports.models import FormVersion, Indicator, ReportForm, Rule, Section
from ttdn.reports.tests.factories import open_round
from ttdn.reports.validation import ValuesInvalid

LANGUAGES = [("vi", "Tiếng Việt"), ("en", "Tiếng Anh"), ("fr", "Tiếng Pháp")]


def codes(version):
    return list(version.indicators.values_list("code", flat=True))


def add_by_language(form, by, **extra):
    return services.add_indicator(
        form,
        section="III. Theo ngôn ngữ",
        code="A1",
        name="Số tin bài theo ngôn ngữ",
        kind=IndicatorKind.INTEGER,
        breakdown="Ngôn ngữ",
        categories=LANGUAGES,
        by=by,
        **extra,
    )


def errors_of(call):
    with pytest.raises(ValuesInvalid) as raised:
        call()
    return raised.value.errors


def test_create_form_refuses_a_taken_code_and_writes_nothing(cast, form):
    errors = errors_of(
        lambda: services.create_form(cast.phong, code=form.code, name="X", by=cast.phong_officer)
    )

    assert (errors, ReportForm.objects.count()) == (
        {"code": "A form with this code exists already."},
        1,
    )


def test_duplicate_indicator_code_is_refused(cast, form):
    errors = errors_of(
        lambda: services.add_indicator(
            form, section="I. Số liệu", code="articles", name="X", by=cast.phong_officer
        )
    )

    assert errors == {"code": "This form already has an indicator with this code."}


def test_min_greater_than_max_is_refused(cast, form):
    errors = errors_of(
        lambda: services.add_indicator(
            form,
            section="I. Số liệu",
            code="x",
            name="X",
            min_value=10,
            max_value=2,
            by=cast.phong_officer,
        )
    )

    assert errors == {"max_value": "The minimum is greater than the maximum."}


def test_sum_of_a_narrative_is_refused(cast, form):
    errors = errors_of(
        lambda: services.add_indicator(
            form,
            section="II",
            code="x",
            name="X",
            kind=IndicatorKind.NARRATIVE,
            aggregation=Aggregation.SUM,
            by=cast.phong_officer,
        )
    )

    assert errors == {
        "aggregation": "“Narrative” answers cannot be rolled up this way; choose one of: "
        "None (listed by unit)."
    }


def test_a_choice_needs_two_options_and_an_unknown_query_is_refused(cast, form):
    errors = errors_of(
        lambda: services.add_indicator(
            form,
            section="II",
            code="x",
            name="",
            kind=IndicatorKind.CHOICE,
            choices=["Tốt"],
            by=cast.phong_officer,
        )
    )
    computed = errors_of(
        lambda: services.add_indicator(
            form, section="II", code="y", name="Y", computed_key="nope", by=cast.phong_officer
        )
    )

    assert (sorted(errors), computed) == (
        ["choices", "name"],
        {"computed_key": "No such computed query."},
    )


def test_a_failed_change_to_a_used_version_leaves_no_new_version(cast, form, round_):
    indicator = round_.form_version.indicators.get(code="articles")

    errors_of(lambda: services.update_indicator(indicator, code="foreign", by=cast.phong_officer))

    assert FormVersion.objects.filter(form=form).count() == 1


def test_editing_a_used_version_copies_sections_indicators_categories_and_rules(cast, form):
    add_by_language(form, cast.phong_officer)

    round_ = open_round(cast.phong, cast.phong_officer, form)
    section = round_.form_version.sections.get(title="II. Đánh giá")

    renamed = services.rename_section(section, title="II. Nhận xét", by=cast.phong_officer)

    new = renamed.version
    parent = new.indicators.get(code="A1")
    assert (
        new.number,
        list(new.sections.values_list("title", flat=True)),
        [(c.code, c.parent_id) for c in parent.categories.all()],
        list(new.rules.values_list("left", "right")),
        section.title,
        round_.form_version.number,
    ) == (
        2,
        ["I. Số liệu", "II. Nhận xét", "III. Theo ngôn ngữ"],
        [("A1.vi", parent.pk), ("A1.en", parent.pk), ("A1.fr", parent.pk)],
        [("foreign", "articles")],
        "II. Đánh giá",
        1,
    )


def test_categories_follow_the_parent_in_order_and_share_its_rules(cast, form):
    parent = add_by_language(form, cast.phong_officer, min_value=0)

    version = parent.version
    assert (
        codes(version)[-4:],
        [(c.name, c.kind, c.aggregation, c.min_value) for c in parent.categories.all()][:1],
    ) == (
        ["A1", "A1.vi", "A1.en", "A1.fr"],
        [("Tiếng Việt", IndicatorKind.INTEGER, Aggregation.SUM, Decimal(0))],
    )


def test_changing_categories_and_code_renames_them_and_their_rules(cast, form):
    parent = add_by_language(form, cast.phong_officer)
    services.add_rule(
        form, kind=RuleKind.NOT_GREATER, left="A1.en", right="articles", by=cast.phong_officer
    )

    changed = services.update_indicator(
        parent,
        code="B1",
        categories=[("en", "Tiếng Anh"), ("zh", "Tiếng Trung")],
        by=cast.phong_officer,
    )

    assert (
        [c.code for c in changed.categories.all()],
        list(Rule.objects.filter(version=changed.version).values_list("left", flat=True)),
    ) == (["B1.en", "B1.zh"], ["foreign", "B1.en"])


def test_text_cannot_be_broken_down_and_categories_must_be_distinct(cast, form):
    text = errors_of(
        lambda: services.add_indicator(
            form,
            section="II",
            code="x",
            name="X",
            kind=IndicatorKind.NARRATIVE,
            categories=LANGUAGES,
            breakdown="Ngôn ngữ",
            by=cast.phong_officer,
        )
    )
    twice = errors_of(
        lambda: services.add_indicator(
            form,
            section="II",
            code="y",
            name="Y",
            categories=[("en", "A"), ("en", "B")],
            breakdown="Ngôn ngữ",
            by=cast.phong_officer,
        )
    )

    assert (text, twice) == (
        {"categories": "Only a figure that rolls up (not a text, not “none”) can be broken down."},
        {"categories": "Each category code appears once."},
    )


def test_remove_indicator_used_by_a_rule_is_refused(cast, form):
    indicator = services.latest_version(form).indicators.get(code="foreign")

    errors = errors_of(lambda: services.remove_indicator(indicator, by=cast.phong_officer))

    assert errors == {"": "The check “foreign ≤ articles” uses this indicator: remove it first."}


def test_remove_a_broken_down_indicator_removes_its_categories(cast, form):
    parent = add_by_language(form, cast.phong_officer)

    services.remove_indicator(parent, by=cast.phong_officer)

    assert Indicator.objects.filter(code__startswith="A1").count() == 0


def test_only_an_empty_section_is_removed(cast, form):
    version = services.latest_version(form)
    full = version.sections.get(title="I. Số liệu")
    empty = services.add_section(form, title="III", by=cast.phong_officer)

    errors = errors_of(lambda: services.remove_section(full, by=cast.phong_officer))
    services.remove_section(empty, by=cast.phong_officer)

    assert (list(errors), Section.objects.filter(version=version).count()) == ([""], 2)


def test_move_indicator_and_section(cast, form):
    version = services.latest_version(form)
    trainings = version.indicators.get(code="trainings")
    services.add_section(form, title="III", by=cast.phong_officer)

    services.move_indicator(trainings, step=-1, by=cast.phong_officer)
    services.move_indicator(trainings, step=-1, by=cast.phong_officer)
    services.move_section(version.sections.get(title="III"), step=-1, by=cast.phong_officer)

    assert (codes(version)[:3], list(version.sections.values_list("title", flat=True))) == (
        ["trainings", "articles", "foreign"],
        ["I. Số liệu", "III", "II. Đánh giá"],
    )


def test_a_rule_compares_two_different_figures(cast, form):
    same = errors_of(
        lambda: services.add_rule(
            form,
            kind=RuleKind.NOT_GREATER,
            left="articles",
            right="articles",
            by=cast.phong_officer,
        )
    )
    text = errors_of(
        lambda: services.add_rule(
            form, kind=RuleKind.NOT_GREATER, left="results", right="articles", by=cast.phong_officer
        )
    )

    assert (same, text) == (
        {"right": "A rule joins two different indicators."},
        {"kind": "“A is not greater than B” compares two figures."},
    )
