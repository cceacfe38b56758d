import pytest

from ttdn.org.tests.factories import UnitFactory


def test_unit_list_shows_visible_units_only(cast, client):
    client.force_login(cast.phong_officer)

    response = client.get("/units/")

    assert [u.code for u in response.context["page"]] == ["PGD-HB", "HB-A", "HB-B"]


def test_unit_list_outsider_sees_only_own_province(cast, client):
    client.force_login(cast.outsider)

    response = client.get("/units/")

    assert [u.code for u in response.context["page"]] == ["SGD-QN", "QN-X"]


def test_unit_list_filters_by_folded_name(cast, client):
    client.force_login(cast.so_leader)

    response = client.get("/units/", {"q": "ly tu trong"})

    assert [u.code for u in response.context["page"]] == ["HB-B"]


def test_unit_list_htmx_request_gets_only_results(cast, client):
    client.force_login(cast.so_leader)

    response = client.get("/units/", headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="results">')
    assert "<html" not in html


@pytest.mark.parametrize("item_count", [1, 3])
def test_unit_list_query_count(cast, client, django_assert_num_queries, item_count):
    for _ in range(item_count):
        UnitFactory(parent=cast.school_a)
    client.force_login(cast.phong_officer)

    with django_assert_num_queries(6):
        client.get("/units/")


def test_unit_detail_of_other_province_is_not_found(cast, client):
    client.force_login(cast.outsider)

    assert client.get("/units/HB-A/").status_code == 404


def test_unit_detail_shows_children_and_history(cast, client):
    client.force_login(cast.phong_officer)

    response = client.get("/units/PGD-HB/")

    assert (
        [u.code for u in response.context["children"]],
        [c.kind for c in response.context["history"]],
    ) == (
        ["HB-A", "HB-B"],
        ["created"],
    )


def test_unit_detail_breadcrumb_hides_ancestors_the_person_cannot_see(cast, client):
    client.force_login(cast.teacher_a)

    response = client.get("/units/HB-A/")

    assert list(response.context["ancestors"]) == []
