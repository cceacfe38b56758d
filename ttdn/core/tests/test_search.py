"""core.search on the database the suite runs on (SQLite FTS5, or PostgreSQL tsvectors).

Units stand in for any model: the fixture registers them with a title (the name) and a body
taken from a dictionary, and unregisters them afterwards.
"""

import pytest
from django.db import connection

from ttdn.core import search
from ttdn.org.models import Unit, UnitGroup
from ttdn.org.tests.factories import UnitFactory, UnitGroupFactory

# Filler without the searched words: bm25 needs documents without a term to weigh it.
FILLER = [
    "Kế hoạch tuyên truyền kỷ niệm ngày thành lập tỉnh",
    "Báo cáo tổng kết công tác thi đua khen thưởng",
    "Hội thi an toàn giao thông cấp cụm trường",
    "Chương trình hợp tác quốc tế với các tỉnh bạn",
]


@pytest.fixture
def bodies(db):
    """Units indexed with their name and a body of the test's choosing (tables rolled back after)."""
    search.create_tables(connection, "org.Unit")
    texts: dict[str, str] = {}
    search.register(
        Unit, lambda unit: search.SearchText(title=unit.name, body=texts.get(unit.code, ""))
    )
    yield texts
    search.unregister(Unit)


@pytest.fixture
def make(bodies):
    def make_unit(name, body="", code=None):
        code = code or f"S{len(bodies) + 1:03d}"
        bodies[code] = body
        return UnitFactory(code=code, name=name)

    return make_unit


@pytest.fixture
def corpus(make):
    for index, text in enumerate(FILLER):
        make(f"Đơn vị {index}", text)
    return make


def names(hits):
    units = search.ranked(hits, Unit.objects.all())
    return sorted(unit.name for unit in units)


def ranked_names(hits):
    return [unit.name for unit in search.ranked(hits, Unit.objects.all())]


# --- Parsing -------------------------------------------------------------------


def test_parse_folds_words_and_keeps_quoted_phrases_as_typed():
    query = search.parse('ĐÀO TẠO "Hải Phòng" năm')

    assert (query.folded, query.exact) == ((("dao",), ("tao",), ("nam",)), (("hải", "phòng"),))


def test_parse_reads_a_symbol_as_one_sequence_of_its_parts():
    query = search.parse("72/2015/NĐ-CP")

    assert query.folded == (("72", "2015", "nd", "cp"),)


def test_parse_treats_curly_quotes_as_quotes():
    query = search.parse("“đào tạo”")

    assert (query.folded, query.exact) == ((), (("đào", "tạo"),))


def test_parse_reads_an_unclosed_quote_to_the_end():
    query = search.parse('giáo dục "đào tạo')

    assert (query.folded, query.exact) == ((("giao",), ("duc",)), (("đào", "tạo"),))


def test_parse_of_punctuation_only_is_empty():
    assert bool(search.parse(' "" ** -- ')) is False


def test_parse_normalises_nfd_input():
    decomposed = "đa\u0300o ta\u0323o"

    assert search.parse(f'"{decomposed}"').exact == (("đào", "tạo"),)


# --- Folding ---------------------------------------------------------------------


def test_search_finds_the_same_units_with_and_without_tones_and_in_capitals(corpus):
    corpus("Trung tâm Đào tạo bồi dưỡng", "Bồi dưỡng nghiệp vụ")
    corpus("Phòng Giáo dục", "Kế hoạch đào tạo cán bộ kiêm nhiệm")
    corpus("Trường Tiểu học Số 1", "Dao tao khong dau")

    found = [names(search.search(q, Unit)) for q in ("dao tao", "đào tạo", "ĐÀO TẠO", "Dao Tao")]

    assert found == [["Phòng Giáo dục", "Trung tâm Đào tạo bồi dưỡng", "Trường Tiểu học Số 1"]] * 4


def test_search_folds_d_with_stroke(corpus):
    corpus("Trường THCS Đà Nẵng")

    assert (names(search.search("da nang", Unit)), names(search.search("ĐÀ NẴNG", Unit))) == (
        ["Trường THCS Đà Nẵng"],
        ["Trường THCS Đà Nẵng"],
    )


def test_search_exact_phrase_keeps_tones(corpus):
    corpus("Trung tâm Đào tạo", "")
    corpus("Trường Tiểu học Số 1", "dao tao khong dau")

    toned, toneless = search.search('"đào tạo"', Unit), search.search('"dao tao"', Unit)

    assert (names(toned), names(toneless)) == (["Trung tâm Đào tạo"], ["Trường Tiểu học Số 1"])


def test_search_exact_phrase_ignores_case(corpus):
    corpus("Trung tâm ĐÀO TẠO")

    assert names(search.search('"đào tạo"', Unit)) == ["Trung tâm ĐÀO TẠO"]


def test_search_exact_phrase_needs_words_in_order(corpus):
    corpus("Tạo đào", "")
    corpus("Đào tạo", "")

    assert names(search.search('"đào tạo"', Unit)) == ["Đào tạo"]


def test_search_needs_every_word(corpus):
    corpus("Sở Giáo dục Hải Phòng")
    corpus("Sở Giáo dục Quảng Ninh")

    assert names(search.search("giao duc hai phong", Unit)) == ["Sở Giáo dục Hải Phòng"]


def test_search_combines_words_and_an_exact_phrase(corpus):
    corpus("Sở Giáo dục Hải Phòng", "Thông tin đối ngoại")
    corpus("Sở Giao duc Hai Phong", "Thông tin đối ngoại")

    assert names(search.search('thong tin "Giáo dục"', Unit)) == ["Sở Giáo dục Hải Phòng"]


def test_search_finds_a_number_and_symbol_as_typed_otherwise(corpus):
    corpus("Nghị định 72/2015/NĐ-CP", "")
    corpus("Nghị định 72/2016/NĐ-CP", "")

    assert names(search.search("72/2015/nd-cp", Unit)) == ["Nghị định 72/2015/NĐ-CP"]


@pytest.mark.parametrize(
    "query",
    ['title: "', "NEAR(a b)", "a OR b NOT c", "*", "{title}: x", "'; DROP TABLE x; --", "\\"],
)
def test_search_reads_query_syntax_as_plain_text(corpus, query):
    corpus("Trường THCS Hồng Bàng")

    assert search.search(query, Unit) == []


# --- Ranking ---------------------------------------------------------------------


def test_search_ranks_a_match_in_the_title_above_one_in_the_body(corpus):
    corpus("Trường Tiểu học Số 1", "Kế hoạch thông tin đối ngoại của nhà trường")
    corpus("Ban thông tin đối ngoại", "Kế hoạch của nhà trường")

    assert ranked_names(search.search("doi ngoai", Unit)) == [
        "Ban thông tin đối ngoại",
        "Trường Tiểu học Số 1",
    ]


def test_search_ranks_more_occurrences_higher(corpus):
    corpus("Đơn vị A", "đối ngoại một lần, và nhiều việc khác nữa của đơn vị")
    corpus("Đơn vị B", "đối ngoại, đối ngoại, và đối ngoại nữa của đơn vị")

    hits = search.search("doi ngoai", Unit)

    assert ranked_names(hits) == ["Đơn vị B", "Đơn vị A"]
    assert hits[0].score > hits[1].score


def test_search_returns_at_most_limit_hits(corpus):
    for index in range(5):
        corpus(f"Trường đối ngoại {index}")

    assert len(search.search("doi ngoai", Unit, limit=3)) == 3


# --- What is searched ----------------------------------------------------------


def test_search_among_a_queryset_finds_only_its_objects(corpus):
    corpus("Trường THCS Đối Ngoại", code="HP-1")
    corpus("Trường Tiểu học Đối Ngoại", code="QN-1")

    hits = search.search("doi ngoai", Unit.objects.filter(code__startswith="HP"))

    assert names(hits) == ["Trường THCS Đối Ngoại"]


def test_search_among_an_empty_queryset_finds_nothing(corpus):
    corpus("Trường THCS Đối Ngoại")

    assert search.search("doi ngoai", Unit.objects.none()) == []


def test_search_does_not_mix_models_with_the_same_ids(corpus):
    search.create_tables(connection, "org.UnitGroup")
    search.register(UnitGroup, lambda group: search.SearchText(title=group.name))
    try:
        group = UnitGroupFactory(name="Cụm trường đối ngoại")
        corpus("Trường Tiểu học Số 9")

        hits = search.search("doi ngoai", UnitGroup), search.search("doi ngoai", Unit)
    finally:
        search.unregister(UnitGroup)

    assert ([h.object_id for h in hits[0]], hits[1]) == ([group.pk], [])


def test_saving_an_object_reindexes_it(corpus):
    unit = corpus("Trường THCS Hồng Bàng")

    unit.name = "Trường THCS Lê Lợi"
    unit.save()

    assert (names(search.search("hong bang", Unit)), names(search.search("le loi", Unit))) == (
        [],
        ["Trường THCS Lê Lợi"],
    )


def test_deleting_an_object_unindexes_it(corpus):
    unit = corpus("Trường THCS Hồng Bàng")
    unit.changes.all().delete()  # history protects units; this one never happened

    unit.delete()

    assert search.search("hong bang", Unit) == []


def test_rebuild_indexes_objects_saved_without_signals(bodies):
    bodies.update({"R1": "nội dung đối ngoại", "R2": "nội dung khác"})
    search.unregister(Unit)
    UnitFactory(code="R1", name="Một"), UnitFactory(code="R2", name="Hai")
    search.register(
        Unit, lambda unit: search.SearchText(title=unit.name, body=bodies.get(unit.code, ""))
    )

    count = search.rebuild(Unit)

    assert (count, names(search.search("doi ngoai", Unit))) == (2, ["Một"])


def test_search_of_an_unregistered_model_is_refused(db):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        search.search("x", UnitGroup)


def test_index_table_is_named_after_the_model():
    assert search.index_table("documents.Document") == "documents_document_search"


# --- Snippets --------------------------------------------------------------------


def test_snippet_marks_folded_matches_in_the_text_as_written():
    text = "Kế hoạch đào tạo cán bộ năm 2022"

    assert search.snippet(text, "dao tao") == "Kế hoạch <mark>đào tạo</mark> cán bộ năm 2022"


def test_snippet_escapes_html_of_the_text():
    text = '<script>alert("đào")</script> & đào tạo <b>'

    assert search.snippet(text, "dao") == (
        "&lt;script&gt;alert(&quot;<mark>đào</mark>&quot;)&lt;/script&gt; &amp; <mark>đào</mark> tạo &lt;b&gt;"
    )


def test_snippet_never_puts_the_query_in_the_html():
    assert search.snippet("đào tạo", '<img src=x onerror=alert(1)> "đào"') == "<mark>đào</mark> tạo"


def test_snippet_cuts_around_the_best_match():
    words = [f"từ{i}" for i in range(100)]
    words[60] = "Đối"
    words[61] = "ngoại"

    cut = search.snippet(" ".join(words), "doi ngoai", words=8)

    assert cut == "… từ58 từ59 <mark>Đối ngoại</mark> từ62 từ63 từ64 từ65 …"


def test_snippet_of_an_exact_phrase_marks_only_the_phrase_as_typed():
    text = "dao tao không dấu; Đào tạo có dấu"

    assert search.snippet(text, '"đào tạo"') == "dao tao không dấu; <mark>Đào tạo</mark> có dấu"


def test_snippet_without_a_match_shows_the_beginning():
    assert search.snippet("một hai ba bốn", "xyz", words=2) == "một hai …"


def test_highlight_marks_every_match_of_the_whole_text():
    assert search.highlight("Thông tin đối ngoại và thông tin", "thong tin") == (
        "<mark>Thông tin</mark> đối ngoại và <mark>thông tin</mark>"
    )


# --- PostgreSQL literals (pure) ------------------------------------------------


def test_vector_writes_positions_and_weights():
    assert search.vector([(["dao", "tao"], "A"), (["dao"], "B")]) == "'dao':1A,3B 'tao':2A"


def test_vector_quotes_lexemes():
    assert search.vector([(["it's", "a\\b"], "")]) == "'it''s':1 'a\\\\b':2"


def test_tsquery_makes_phrases_of_sequences_and_requires_all():
    assert search.tsquery((("dao", "tao"), ("nam",))) == "('dao' <-> 'tao') & ('nam')"


def test_create_tables_twice_then_drop_them_leaves_no_index(db):
    table = search.index_table("org.UnitGroup")
    search.create_tables(connection, "org.UnitGroup")
    search.create_tables(connection, "org.UnitGroup")
    created = table in connection.introspection.table_names()

    search.drop_tables(connection, "org.UnitGroup")

    assert created
    assert table not in connection.introspection.table_names()
