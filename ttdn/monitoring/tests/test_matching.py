import pytest
from django.core.exceptions import ValidationError

from ttdn.monitoring import matching, tone
from ttdn.monitoring.enums import Tone


def _matches(query: str, text: str) -> bool:
    matcher = matching.Matcher([(1, matching.parse(query))])
    return matcher.matches(matching.Text.of(text)) == {1}


@pytest.mark.parametrize(
    ("query", "text", "expected"),
    [
        ("học phí", "Thông báo HỌC PHÍ năm học mới", True),
        ("hoc phi", "Thông báo học phí năm học mới", True),
        ("học phí", "Thong bao hoc phi nam hoc moi", True),
        ('"học phí"', "Thong bao hoc phi nam hoc moi", False),
        ('"học phí"', "Thông báo Học phí năm học mới", True),
        ('"phí học"', "Thông báo học phí năm học mới", False),
        ("học phí tăng", "Học phí năm nay", False),
        ("lạm thu OR học phí", "Phản ánh lạm thu", True),
        ("lạm thu OR học phí", "Phản ánh học phí", True),
        ("học phí NOT miễn", "Miễn học phí cho học sinh", False),
        ("học phí -miễn", "Miễn học phí cho học sinh", False),
        ("học phí -miễn", "Tăng học phí", True),
        ('học phí NOT "miễn giảm"', "Học phí: miễn, giảm", False),
        ('học phí NOT "miễn giảm"', "Học phí được miễn và giảm", True),
        ("Đà Nẵng", "Tin từ da nang", True),
    ],
)
def test_a_watch_query_matches_by_the_search_rules(query, text, expected):
    assert _matches(query, text) is expected


def test_a_query_with_nothing_to_find_is_refused():
    with pytest.raises(ValidationError) as error:
        matching.parse("học phí OR NOT miễn")

    assert error.value.messages == [
        "Mỗi vế của truy vấn phải có ít nhất một từ hoặc cụm từ cần tìm."
    ]


def test_an_entity_watch_finds_any_of_the_names_folded():
    expression = matching.entity(["Trường THCS Hồng Bàng", "THCS Hồng Bàng"])
    matcher = matching.Matcher([(7, expression)])

    found = [
        matcher.matches(matching.Text.of(text))
        for text in ("Học sinh THCS Hong Bang đạt giải", "Trường THCS Hồng Hà", "thcs hồng bàng")
    ]

    assert found == [{7}, set(), {7}]


def test_the_matcher_checks_only_watches_sharing_a_token():
    matcher = matching.Matcher((n, matching.parse(f"từkhóa{n} giáo dục")) for n in range(1000))

    assert matcher.matches(matching.Text.of("Ngành giáo dục và từkhóa42")) == {42}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Phụ huynh bức xúc vì lạm thu, nhà trường sai phạm kéo dài", Tone.NEGATIVE),
        ("Phu huynh buc xuc vi lam thu, nha truong sai pham", Tone.NEGATIVE),
        ("Học sinh đạt giải nhất, được khen thưởng và biểu dương", Tone.POSITIVE),
        ("Trường tổ chức họp phụ huynh đầu năm", Tone.NEUTRAL),
        ("Parents complain about fraud and abuse at the school", Tone.NEGATIVE),
    ],
)
def test_the_lexicon_suggests_a_tone(text, expected):
    assert tone.suggest(matching.Text.of(text)) == expected
