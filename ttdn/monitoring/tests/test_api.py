import datetime

from ttdn.monitoring import services
from ttdn.monitoring.enums import ResponseKind, Severity
from ttdn.monitoring.tests.factories import mention_of

URL = "/api/v1/monitoring"


def test_the_api_lists_mentions_stories_and_cases_of_the_callers_units(client, cast, bearer):
    mention = mention_of(cast.school_a, title="Phụ huynh tố lạm thu")
    case = services.open_case(mention, by=cast.teacher_a, title="Tin sai", severity=Severity.HIGH)
    services.start_verifying(case, by=cast.teacher_a)
    services.respond(case, by=cast.teacher_a, kind=ResponseKind.STATEMENT, text="Đính chính.")
    headers = bearer(cast.phong_officer)

    mentions = client.get(f"{URL}/mentions", **headers).json()
    story = client.get(f"{URL}/stories/{mention.item.story_id}", **headers).json()
    cases = client.get(f"{URL}/cases", **headers).json()

    assert [(m["unit"], m["title"], m["tone"], m["story"]) for m in mentions] == [
        ("HB-A", "Phụ huynh tố lạm thu", "negative", mention.item.story_id)
    ]
    assert [c["item"] for c in story["copies"]] == [mention.item.pk]
    assert [(c["id"], c["status"], c["responded_on_time"]) for c in cases] == [
        (case.pk, "responded", True)
    ]


def test_the_outsider_gets_nothing_from_the_api(client, cast, bearer):
    mention = mention_of(cast.school_a)
    case = services.open_case(mention, by=cast.teacher_a, title="Tin sai", severity=Severity.LOW)
    headers = bearer(cast.outsider)

    answers = [
        client.get(f"{URL}/mentions", **headers).json(),
        client.get(f"{URL}/cases", **headers).json(),
        client.get(f"{URL}/sources", **headers).json(),
        client.get(f"{URL}/stories/{mention.item.story_id}", **headers).status_code,
        client.get(f"{URL}/cases/{case.pk}", **headers).status_code,
    ]

    assert answers == [[], [], [], 404, 404]


def test_the_api_filters_mentions_by_tone(client, cast, bearer):
    mention_of(cast.school_a, title="Tiêu cực")
    mention_of(cast.school_a, title="Trung tính", tone="neutral")

    body = client.get(f"{URL}/mentions", {"tone": "neutral"}, **bearer(cast.teacher_a)).json()

    assert [m["title"] for m in body] == ["Trung tính"]


def test_a_school_sees_its_own_case_and_not_its_neighbours(client, cast, bearer):
    own = services.open_case(
        mention_of(cast.school_a), by=cast.teacher_a, title="A", severity=Severity.LOW
    )
    services.open_case(
        mention_of(cast.school_b), by=cast.teacher_b, title="B", severity=Severity.LOW
    )

    body = client.get(f"{URL}/cases", **bearer(cast.teacher_a)).json()

    assert [(c["id"], c["unit"]) for c in body] == [(own.pk, "HB-A")]
    deadline = own.deadline.replace(microsecond=own.deadline.microsecond // 1000 * 1000)
    assert datetime.datetime.fromisoformat(body[0]["deadline"]) == deadline
