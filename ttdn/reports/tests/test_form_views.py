import pytest
from django.urls import reverse

from ttdn.reports import services
from ttdn.reports.enums import CategorySet, IndicatorKind
from ttdn.reports.models import FormVersion, Indicator, ReportForm
from ttdn.reports.tests.factories import open_rounds, report_form

INDICATOR = {
    "code": "TT09",
    "name": "Số tin bài theo cấp học",
    "kind": IndicatorKind.INTEGER,
    "measure": "tin bài",
    "aggregation": "",
    "min_value": "0",
    "max_value": "",
    "category_set": CategorySet.SCHOOL_LEVEL,
    "breakdown": "",
    "categories": "",
    "computed_key": "",
    "choices": "",
    "help_text": "Đếm cả tin và bài.",
}


def url(name, *args):
    return reverse(f"reports:{name}", args=args)


def section_of(form, title="I. Số liệu"):
    return services.latest_version(form).sections.get(title=title)


def test_create_a_form_through_the_page(client, cast):
    client.force_login(cast.phong_officer)

    response = client.post(
        url("form_create"), {"code": "bao-cao-quy", "name": "Báo cáo quý", "description": ""}
    )

    form = ReportForm.objects.get(code="bao-cao-quy")
    assert (response.status_code, response.url, form.owner, form.versions.count()) == (
        302,
        form.get_absolute_url(),
        cast.phong,
        1,
    )


def test_a_taken_form_code_is_a_clear_error(client, cast, form):
    client.force_login(cast.phong_officer)

    response = client.post(url("form_create"), {"code": form.code, "name": "Khác"})

    assert (response.status_code, response.context["form"].errors) == (
        200,
        {"code": ["Đã có biểu mẫu với mã này."]},
    )


def test_add_an_indicator_broken_down_by_school_level(client, cast, form):
    client.force_login(cast.phong_officer)

    response = client.post(
        url("indicator_create", form.pk), {**INDICATOR, "section": section_of(form).pk}
    )

    parent = Indicator.objects.get(code="TT09")
    assert (
        response.status_code,
        parent.breakdown,
        [c.code for c in parent.categories.all()],
    ) == (302, "Cấp học", ["TT09.mn", "TT09.th", "TT09.thcs", "TT09.thpt", "TT09.gdtx"])


def test_bad_indicator_input_shows_each_error_and_writes_nothing(client, cast, form):
    client.force_login(cast.phong_officer)
    data = {
        **INDICATOR,
        "section": section_of(form).pk,
        "code": "articles",
        "min_value": "10",
        "max_value": "1",
        "kind": IndicatorKind.NARRATIVE,
        "aggregation": "sum",
    }

    response = client.post(url("indicator_create", form.pk), data)

    errors = response.context["form"].errors
    assert (response.status_code, sorted(errors), Indicator.objects.count()) == (
        422,
        ["aggregation", "categories", "code"],
        9,
    )


def test_min_above_max_is_refused(client, cast, form):
    client.force_login(cast.phong_officer)
    data = {**INDICATOR, "section": section_of(form).pk, "min_value": "10", "max_value": "1"}

    response = client.post(url("indicator_create", form.pk), data)

    assert response.context["form"].errors == {
        "max_value": ["Giá trị nhỏ nhất lớn hơn giá trị lớn nhất."]
    }


def test_editing_a_used_version_makes_a_new_one_and_says_so(client, cast, form, round_):
    client.force_login(cast.phong_officer)
    indicator = round_.form_version.indicators.get(code="trainings")
    data = {
        **INDICATOR,
        "section": section_of(form).pk,
        "code": "trainings",
        "name": "Số buổi tập huấn",
        "category_set": "",
    }

    response = client.post(url("indicator_update", form.pk, indicator.pk), data, follow=True)

    indicator.refresh_from_db()
    latest = services.latest_version(form)
    assert (
        latest.number,
        latest.indicators.get(code="trainings").name,
        indicator.name,
        round_.form_version.number,
        [str(m) for m in response.context["messages"]],
    ) == (
        2,
        "Số buổi tập huấn",
        "Số buổi tập huấn TTĐN",
        1,
        [
            "Đã lưu chỉ tiêu. Phiên bản 1 đang được đợt báo cáo sử dụng nên thay đổi đã tạo "
            "phiên bản 2; các đợt báo cáo giữ nguyên phiên bản 1."
        ],
    )


def test_the_editor_warns_before_changing_a_used_version(client, cast, form, round_):
    client.force_login(cast.phong_officer)

    response = client.get(form.get_absolute_url())

    assert b'id="version-in-use"' in response.content


def test_section_and_rule_changes_through_the_page(client, cast, form):
    client.force_login(cast.phong_officer)
    section = section_of(form, "II. Đánh giá")

    client.post(url("section_add", form.pk), {"title": "III. Khác"})
    client.post(url("section_move", form.pk, section.pk), {"direction": "down"})
    client.post(
        url("rule_add", form.pk), {"kind": "not_greater", "left": "trainings", "right": "articles"}
    )

    version = services.latest_version(form)
    assert (
        list(version.sections.values_list("title", flat=True)),
        list(version.rules.values_list("left", "right")),
    ) == (
        ["I. Số liệu", "III. Khác", "II. Đánh giá"],
        [("foreign", "articles"), ("trainings", "articles")],
    )


def test_removing_a_used_indicator_reports_the_rule(client, cast, form):
    client.force_login(cast.phong_officer)
    foreign = services.latest_version(form).indicators.get(code="foreign")

    response = client.post(url("indicator_remove", form.pk, foreign.pk), follow=True)

    assert (
        [str(m) for m in response.context["messages"]],
        Indicator.objects.filter(code="foreign").count(),
    ) == (
        [
            "Điều kiện kiểm tra “foreign ≤ articles” đang dùng chỉ tiêu này: "
            "hãy xóa điều kiện đó trước."
        ],
        1,
    )


def test_preview_shows_the_entry_form_with_the_category_grid(client, cast, form):
    services.add_indicator(
        form,
        section="I. Số liệu",
        code="A1",
        name="Tin bài theo ngôn ngữ",
        breakdown="Ngôn ngữ",
        categories=[("vi", "Tiếng Việt"), ("en", "Tiếng Anh")],
        by=cast.phong_officer,
    )
    client.force_login(cast.teacher_a)

    response = client.get(url("form_preview", form.pk))

    grid = response.context["sections"][0]["items"][-1]
    assert (response.status_code, [c["indicator"].code for c in grid["categories"]]) == (
        200,
        ["A1.vi", "A1.en"],
    )


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("form_detail", ()),
        ("form_preview", ()),
        ("indicator_create", ()),
    ],
)
def test_outsider_gets_404_on_every_form_page(client, cast, form, name, args):
    client.force_login(cast.outsider)

    response = client.get(url(name, form.pk, *args))

    assert response.status_code == 404


def test_outsider_sees_no_forms_and_cannot_change_one(client, cast, form):
    client.force_login(cast.outsider)
    section = section_of(form)

    listed = client.get(url("form_list"))
    posted = client.post(url("section_update", form.pk, section.pk), {"title": "X"})

    assert (listed.context["rows"], posted.status_code, section_of(form).title) == (
        [],
        404,
        "I. Số liệu",
    )


def test_a_school_reads_the_form_of_the_office_but_cannot_edit_it(client, cast, form):
    client.force_login(cast.teacher_a)

    page = client.get(form.get_absolute_url())
    posted = client.post(url("section_add", form.pk), {"title": "X"})

    assert not page.context["can_edit"]
    assert posted.status_code == 403
    assert FormVersion.objects.count() == 1


@pytest.mark.parametrize("item_count", [1, 3])
def test_form_list_query_count(client, cast, django_assert_num_queries, item_count):
    for n in range(item_count):
        report_form(cast.phong, cast.phong_officer, code=f"form-{n}")
    client.force_login(cast.phong_officer)

    with django_assert_num_queries(6):
        response = client.get(url("form_list"))

    assert len(response.context["rows"]) == item_count


@pytest.mark.parametrize("round_count", [1, 3])
def test_form_detail_query_count(client, cast, form, django_assert_num_queries, round_count):
    open_rounds(cast.phong, cast.phong_officer, form, round_count)
    client.force_login(cast.phong_officer)

    with django_assert_num_queries(12):
        response = client.get(form.get_absolute_url())

    assert response.status_code == 200


def test_the_indicator_page_starts_from_the_indicator_and_its_ready_made_list(client, cast, form):
    parent = services.add_indicator(
        form,
        section="I. Số liệu",
        code="A1",
        name="Tin bài theo ngôn ngữ",
        breakdown="Ngôn ngữ",
        categories=[("vi", "Tiếng Việt"), ("en", "Tiếng Anh")],
        by=cast.phong_officer,
    )
    client.force_login(cast.phong_officer)

    response = client.get(url("indicator_update", form.pk, parent.pk))

    initial = response.context["form"].initial
    assert (response.status_code, initial["category_set"], initial["categories"]) == (
        200,
        CategorySet.CUSTOM,
        "vi: Tiếng Việt\nen: Tiếng Anh",
    )


@pytest.mark.parametrize("limit", ["100000000000000", "1e309", "NaN", "0.00001"])
def test_an_indicator_limit_that_cannot_be_stored_is_refused(client, cast, form, limit):
    client.force_login(cast.phong_officer)
    data = {**INDICATOR, "section": section_of(form).pk, "max_value": limit}

    response = client.post(url("indicator_create", form.pk), data)

    errors = response.context["form"].errors
    assert (response.status_code, sorted(errors), Indicator.objects.count()) == (
        422,
        ["max_value"],
        9,
    )
