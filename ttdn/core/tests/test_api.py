import pytest
from django.core.management import call_command

from ttdn.core.services import create_token, revoke_token


@pytest.fixture
def token_for(cast):
    def make(user):
        return create_token(user, name="test", by=user)[1]

    return make


def get(client, url, key=None, **kwargs):
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    return client.get(url, headers=headers, **kwargs)


def test_me_requires_authentication(cast, client):
    response = get(client, "/api/v1/me")

    assert (response.status_code, response.json()) == (
        401,
        {"message": "Cần xác thực: hãy gửi một mã API hợp lệ."},
    )


def test_error_messages_in_english_on_request(cast, client):
    response = client.get("/api/v1/me", headers={"Accept-Language": "en"})

    assert response.json() == {"message": "Authentication required: send a valid API token."}


def test_me_with_token_names_caller_and_memberships(cast, client, token_for):
    response = get(client, "/api/v1/me", token_for(cast.teacher_a))

    body = response.json()
    assert (response.status_code, body["username"], body["memberships"]) == (
        200,
        "teacher-a",
        [{"unit": "HB-A", "unit_name": "Trường THCS Hồng Bàng", "role": "officer"}],
    )


def test_revoked_token_is_refused(cast, client):
    token, key = create_token(cast.teacher_a, name="old", by=cast.teacher_a)
    revoke_token(token, by=cast.teacher_a)

    assert get(client, "/api/v1/me", key).status_code == 401


def test_token_of_inactive_user_is_refused(cast, client, token_for):
    key = token_for(cast.teacher_a)
    cast.teacher_a.is_active = False
    cast.teacher_a.save()

    assert get(client, "/api/v1/me", key).status_code == 401


def test_session_works_for_browser_calls(cast, client):
    client.force_login(cast.teacher_a)

    assert client.get("/api/v1/me").json()["username"] == "teacher-a"


def test_units_lists_the_phong_subtree_with_paths(cast, client, token_for):
    response = get(client, "/api/v1/units", token_for(cast.phong_officer))

    body = response.json()
    # Tree order: the parent first; siblings in the order of their ids' digits in the path.
    assert (body["count"], sorted((u["code"], u["parent"], u["path"]) for u in body["items"])) == (
        3,
        [
            ("HB-A", "PGD-HB", ["SGD-HP", "PGD-HB", "HB-A"]),
            ("HB-B", "PGD-HB", ["SGD-HP", "PGD-HB", "HB-B"]),
            ("PGD-HB", "SGD-HP", ["SGD-HP", "PGD-HB"]),
        ],
    )
    assert body["items"][0]["code"] == "PGD-HB"


def test_units_outsider_sees_only_own_province(cast, client, token_for):
    response = get(client, "/api/v1/units", token_for(cast.outsider))

    assert [u["code"] for u in response.json()["items"]] == ["SGD-QN", "QN-X"]


def test_units_filter_by_kind_and_folded_name(cast, client, token_for):
    response = get(client, "/api/v1/units?kind=primary&q=ly tu trong", token_for(cast.so_leader))

    assert [u["code"] for u in response.json()["items"]] == ["HB-B"]


def test_unit_detail_of_other_province_is_not_found(cast, client, token_for):
    response = get(client, "/api/v1/units/HB-A", token_for(cast.outsider))

    assert (response.status_code, response.json()) == (404, {"message": "Không tìm thấy."})


def test_unit_detail_visible_unit(cast, client, token_for):
    response = get(client, "/api/v1/units/HB-A", token_for(cast.teacher_a))

    assert (response.status_code, response.json()["kind"], response.json()["level"]) == (
        200,
        "lower_secondary",
        "school",
    )


def test_bad_query_parameter_is_422_with_message(cast, client, token_for):
    response = get(client, "/api/v1/units?limit=0", token_for(cast.teacher_a))

    assert (
        response.status_code,
        response.json()["message"],
        response.json()["errors"][0]["loc"],
    ) == (
        422,
        "Yêu cầu không hợp lệ.",
        ["query", "limit"],
    )


def test_unknown_api_path_is_json_404(cast, client):
    response = client.get("/api/v1/nothing-here")

    assert (response.status_code, response.json()) == (404, {"message": "Không tìm thấy."})


def test_openapi_document_lists_the_endpoints(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert sorted(p for p in paths if p.startswith(("/api/v1/me", "/api/v1/units"))) == [
        "/api/v1/me",
        "/api/v1/units",
        "/api/v1/units/{code}",
    ]


def test_issue_token_command_prints_a_working_token(cast, client, capsys):
    call_command("issue_token", "teacher-b")
    key = capsys.readouterr().out.strip()

    assert get(client, "/api/v1/me", key).json()["username"] == "teacher-b"


@pytest.mark.parametrize("item_count", [1, 3])
def test_units_list_query_count(cast, client, token_for, django_assert_num_queries, item_count):
    from ttdn.org.tests.factories import UnitFactory

    for _ in range(item_count):
        UnitFactory(parent=cast.school_a)
    key = token_for(cast.teacher_a)

    with django_assert_num_queries(6):
        get(client, "/api/v1/units", key)
