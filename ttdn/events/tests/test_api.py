import pytest

URL = "/api/v1/anniversaries"


def named(body, *names):
    return [
        (row["name"], row["date"], row["ordinal"], row["class"], row["even"], row["unit"])
        for row in body
        if row["name"] in names
    ]


def test_anniversaries_api_lists_a_units_year(client, cast, reference, bearer):
    response = client.get(URL, {"year": 2023, "unit": "QN-X"}, **bearer(cast.outsider))

    assert (
        response.status_code,
        named(
            response.json(),
            "Ngày thành lập tỉnh Quảng Ninh",
            "Ngày thiết lập quan hệ ngoại giao Việt Nam - Pháp",
        ),
    ) == (
        200,
        [
            (
                "Ngày thiết lập quan hệ ngoại giao Việt Nam - Pháp",
                "2023-04-12",
                50,
                "round",
                True,
                None,
            ),
            ("Ngày thành lập tỉnh Quảng Ninh", "2023-10-30", 60, "round", True, "SGD-QN"),
        ],
    )


def test_anniversaries_api_gives_a_lunar_commemoration_its_lunar_date(
    client, cast, reference, bearer
):
    response = client.get(URL, {"year": 2025}, **bearer(cast.teacher_a))

    tet = next(row for row in response.json() if row["name"] == "Tết Nguyên đán")
    assert (tet["date"], tet["calendar"], tet["lunar"], tet["ordinal"], tet["class"]) == (
        "2025-01-29",
        "lunar",
        {"year": 2025, "month": 1, "day": 1, "leap": False},
        None,
        None,
    )


def test_anniversaries_api_without_unit_never_shows_another_provinces_day(
    client, cast, reference, bearer
):
    response = client.get(URL, {"year": 2025}, **bearer(cast.outsider))

    assert [row["unit"] for row in response.json() if row["unit"]] == ["SGD-QN"]


def test_anniversaries_api_of_a_unit_the_caller_cannot_see_is_404(client, cast, reference, bearer):
    response = client.get(
        URL, {"year": 2025, "unit": "HB-A"}, HTTP_ACCEPT_LANGUAGE="en", **bearer(cast.outsider)
    )

    assert (response.status_code, response.json()) == (404, {"message": "Not found."})


def test_anniversaries_api_needs_authentication(client, cast):
    response = client.get(URL, {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en")

    assert (response.status_code, response.json()) == (
        401,
        {"message": "Authentication required: send a valid API token."},
    )


@pytest.mark.parametrize("year", [1899, 2101])
def test_anniversaries_api_refuses_a_year_outside_1900_2100(client, cast, bearer, year):
    response = client.get(URL, {"year": year}, HTTP_ACCEPT_LANGUAGE="en", **bearer(cast.teacher_a))

    assert (response.status_code, response.json()) == (
        422,
        {"message": f"The year {year} is outside the years the calendar covers, 1900 to 2100."},
    )


@pytest.mark.parametrize("query", [{"year": "twenty"}, {}])
def test_anniversaries_api_refuses_a_missing_or_bad_year_with_a_message(
    client, cast, bearer, query
):
    response = client.get(URL, query, HTTP_ACCEPT_LANGUAGE="en", **bearer(cast.teacher_a))

    body = response.json()
    assert (response.status_code, body["message"], body["errors"][0]["loc"][-1]) == (
        422,
        "The request is not valid.",
        "year",
    )


def test_anniversaries_api_is_described_in_openapi(client, db):
    schema = client.get("/api/v1/openapi.json").json()

    properties = schema["components"]["schemas"]["AnniversaryOut"]["properties"]
    assert {"name", "date", "ordinal", "class", "scope", "unit", "calendar"} <= set(properties)


@pytest.mark.parametrize("item_count", [1, 3])
def test_anniversaries_api_query_count(client, cast, bearer, django_assert_num_queries, item_count):
    from ttdn.events.tests.factories import CommemorationFactory

    for n in range(item_count):
        CommemorationFactory(month=5, day=n + 1, origin_year=1975)
    headers = bearer(cast.teacher_a)

    with django_assert_num_queries(4):
        rows = client.get(URL, {"year": 2025}, **headers).json()

    assert len(rows) == item_count
