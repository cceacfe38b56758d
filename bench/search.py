"""Benchmark of the library's search (ttdn.core.search on an access-restricted queryset) beside
plain full-text references restricted to the same rows, over the same generated corpus.

    .venv/bin/python bench/search.py                 # 200,000 documents, SQLite
    .venv/bin/python bench/search.py --docs 20000    # a quick run
    .venv/bin/python bench/search.py --database-url postgres://postgres@127.0.0.1:5432/bench

It sets Django up on a throw-away directory (TTDN_VAR_DIR; the database is a SQLite file there
unless --database-url names an empty PostgreSQL database), generates a sector (a ministry over
34 provinces of 10 units each) and Vietnamese documents of the legal library: 40 % public
documents of the shared library, 60 % internal documents of the units. A person of one province
(an officer of its Sở) sees the public ones and the internal ones of their province, as
`Document.objects.visible_to` decides. The documents are indexed with `search.rebuild`, and 200
one- to three-word queries, each typed once with tones and once without, are run:

- restricted (what users get): `documents.queries.library_page(Document.objects.visible_to(
  person), q=…)`, the library page's own work: the search over the rows the person may see,
  ranked, at most 1,000 (SEARCH_LIMIT), the first page of 25 loaded with their units, titles
  highlighted and snippets cut;
- its reference, restricted to the same rows (the SQL of the same `visible_to` queryset,
  compiled per call as the page compiles it, so exactly the same rows at the same cost of
  deciding who sees what) and doing the same work the plainest way each database offers: on SQLite a plain FTS5
  table (unicode61, `remove_diacritics 2`) in the same database, ranked by bm25 (title 10:1),
  at most 1,000, then the 25 best rows with FTS5's own highlight() and snippet(); on
  PostgreSQL a stored `to_tsvector('simple', …)` column (title A, body B) with a GIN index,
  ranked by ts_rank, at most 1,000, then ts_headline for the 25 best. Both index and
  query text folded by the product's own `fold` (a tokenizer that folds neither "đ" nor, on
  PostgreSQL, any tone would find nothing for half the queries, and finding nothing is quick);
- for information, `search.search(q, Document, limit=10)` over every document beside plain
  FTS5 in a separate SQLite file (the keys `median_ms`, `p95_ms`, `fts5_median_ms`, `fts5_p95_ms`
  of earlier runs).

Each query runs on every engine in turn, ROUNDS times after a warm-up pass, so that a busy
moment of the shared machine falls on all; medians and 95th percentiles are over every run.

`folded_ok` checks answers that can fail: three documents planted in the corpus must be found
by the restricted search, on the first page, by queries typed without tones: one with "Đ"
("Đăk Glong") by "dak glong", one with "ệ" ("Lệ Thủy") by "le thuy", and one by a query typed
in decomposed Unicode (NFD, as some keyboards send it); every query must find the same
documents with and without tones; and a document of another province with the same words
must not be found (`restricted_ok`).

The last line printed is one JSON object: {"docs", "build_s", "index_mb", "median_ms",
"p95_ms", "fts5_median_ms", "fts5_p95_ms", "folded_ok", "restricted_ok", "restricted_median_ms",
"restricted_p95_ms", "restricted_reference_median_ms", "restricted_reference_p95_ms",
"restricted_ratio", "target"}; "target" is MET when the restricted search's median and p95 are
both within 1.5 times its reference's, measured in this run."""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def fold(text: str) -> str:
    """ttdn.core.text.fold (tones off, đ→d, case off), imported once Django is set up: the
    references index and query folded text, so they find what the product finds."""
    from ttdn.core.text import fold as product_fold

    return product_fold(text)


# Words of Vietnamese administrative writing, most frequent first (the generator draws them
# with Zipf-like weights). Many carry "đ", which plain accent stripping does not fold.
_WORDS_TEXT = (
    "và của các trong công tác thông tin đối ngoại giáo dục đào tạo năm kế hoạch thực hiện về "
    "nhà trường học sinh giáo viên cán bộ quản lý hoạt động đơn vị tỉnh thành phố quận huyện xã "
    "phường sở phòng ban ủy nhân dân chính phủ bộ quốc tế hợp tác phát triển nâng cao chất lượng "
    "hiệu quả tuyên truyền quảng bá hình ảnh đất nước con người văn hóa lịch sử truyền thống kỷ "
    "niệm ngày thành lập đảng cộng sản việt nam chủ tịch hồ chí minh nghị quyết chỉ thị quyết "
    "định nghị định thông tư hướng dẫn triển khai báo cáo định kỳ hàng quý sáu tháng tổng kết "
    "đánh giá kiểm tra thanh tra xử lý vi phạm bảo vệ bí mật nhà nước an ninh quốc phòng biên "
    "giới biển đảo chủ quyền lãnh thổ hội nhập đoàn kết hữu nghị bạn bè lào trung quốc pháp "
    "chương trình song ngữ tiếng anh toán vật lý thi tuyển sinh lớp mười tốt nghiệp trung học "
    "phổ thông cơ sở tiểu học mầm non giỏi xuất sắc gương điển hình tiên tiến thi đua khen "
    "thưởng phong trào dạy tốt học tốt đổi mới sáng tạo chuyển đổi số cơ sở dữ liệu trang thông "
    "tin điện tử báo chí dư luận xã hội phản bác sai lệch xuyên tạc thù địch chính trị kinh tế "
    "đầu tư du lịch di sản nông sản đặc trưng địa phương cộng đồng thanh niên thiếu nhi phụ "
    "huynh đội ngũ bồi dưỡng nghiệp vụ kiêm nhiệm tập huấn hội thảo hội nghị tọa đàm giao lưu "
    "trải nghiệm ngoại khóa an toàn giao thông cụm trường cấp thành phố hải phòng quảng ninh hạ "
    "long cẩm phả hồng bàng đà nẵng tuyên quang điều khoản quy định chi tiết thi hành luật pháp "
    "lệnh hiệu lực ban hành thay thế sửa đổi bổ sung phê duyệt mục tiêu nhiệm vụ giải pháp đề án "
    "dự án kinh phí ngân sách tài chính đầu mối phối hợp trách nhiệm tổ chức chỉ đạo đôn đốc "
    "theo dõi nộp hạn trước sau đúng kịp thời đầy đủ chính xác minh bạch công khai nội bộ lưu "
    "trữ văn thư "
)
WORDS = tuple(_WORDS_TEXT.split())
TYPES = [
    ("decree", "Nghị định", "NĐ-CP"),
    ("circular", "Thông tư", "TT-BGDĐT"),
    ("decision", "Quyết định", "QĐ-UBND"),
    ("plan", "Kế hoạch", "KH-SGDĐT"),
    ("official_letter", "Công văn", "SGDĐT-VP"),
]
ISSUERS = [
    "Chính phủ",
    "Bộ Giáo dục và Đào tạo",
    "Ủy ban nhân dân thành phố Hải Phòng",
    "Sở Giáo dục và Đào tạo Quảng Ninh",
    "Bộ Thông tin và Truyền thông",
]
QUERIES = 100  # each typed with and without tones: 200 in all
LIMIT = 10
ROUNDS = 3
PROVINCES = 34
UNITS_PER_PROVINCE = 10
PAGE = 25  # documents.queries.PAGE_SIZE
TARGET_RATIO = 1.5
PLANTED = {
    # (title words, the query typed without tones, how the query is typed)
    "dak": ("Đăk Glong", "dak glong", "folded"),
    "le": ("Lệ Thủy", "le thuy", "folded"),
    "nfd": ("Mường Tè", "Mường Tè", "nfd"),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--docs", type=int, default=200_000, help="documents to generate (default 200,000)"
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="an empty database to use instead of a temporary SQLite file",
    )
    parser.add_argument("--seed", type=int, default=2022)
    parser.add_argument(
        "--keep", action="store_true", help="keep the temporary directory and its databases"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ttdn-bench-search-"))
    try:
        run(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, work: Path) -> None:
    setup_django(work, args.database_url)

    from django.db import connection

    from ttdn.core import search
    from ttdn.core.text import fold
    from ttdn.documents.models import Document
    from ttdn.documents.queries import SEARCH_LIMIT, library_page, search_text

    rng = random.Random(args.seed)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(WORDS))]
    print(f"database: {connection.vendor}, in {work}", file=sys.stderr)
    started = time.perf_counter()
    province, other, units = create_sector()
    person = create_person(province)
    create_documents(Document, args.docs, rng, weights, units)
    planted = plant(Document, province, other)
    print(
        f"generated {args.docs:,} documents in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )

    before = index_bytes(connection)
    started = time.perf_counter()
    search.rebuild(Document)
    build_s = time.perf_counter() - started
    index_mb = (index_bytes(connection) - before) / 1e6
    texts = [
        (d.pk, search_text(d)) for d in Document.objects.order_by("pk").iterator(chunk_size=2000)
    ]
    reference = SQLiteReference() if connection.vendor == "sqlite" else PGReference()
    started = time.perf_counter()
    reference.build(connection, texts)
    reference_build_s = time.perf_counter() - started
    analyze(connection)

    plain_path = work / "plain-fts5.sqlite3"
    fts5_build_s, fts5_mb = build_plain(plain_path, "plain", 2, texts)
    del texts

    queries = make_queries(rng, weights, fold)
    plain = sqlite3.connect(plain_path)
    visible = Document.objects.visible_to(person)

    def restriction():
        """The rows the person may see, as SQL: decided per call on both sides, as a page is."""
        return Document.objects.visible_to(person).order_by().values("pk").query.sql_with_params()

    visible_count = visible.count()

    def restricted(q: str) -> list[int]:
        page = library_page(Document.objects.visible_to(person), q=q)
        return [row.document.pk for row in page.rows] + [len(page.page.paginator.object_list)]

    (
        (our_times, our_hits),
        (fts5_times, fts5_hits),
        (restricted_times, restricted_hits),
        (reference_times, _reference_hits),
    ) = timed(
        queries,
        lambda q: [h.object_id for h in search.search(q, Document, limit=LIMIT)],
        lambda q: plain_search(plain, "plain", q),
        restricted,
        lambda q: reference.page(connection, q, restriction()),
    )
    # Where the restricted time goes: the search alone (at most 1,000 ranked ids) on both sides.
    (search_only_times, _), (reference_search_times, _) = timed(
        queries,
        lambda q: [
            h.object_id
            for h in search.search(q, Document.objects.visible_to(person), limit=SEARCH_LIMIT)
        ],
        lambda q: reference.ids(connection, q, restriction()),
        rounds=1,
    )

    checks = planted_checks(planted, person, library_page, Document)
    folded_ok = (
        pairs_agree(our_hits)
        and pairs_agree(restricted_hits)
        and all(found for name, found in checks.items() if name != "other province")
    )
    shown = {pk for found in restricted_hits for pk in found[:-1]}
    restricted_ok = not checks["other province"] and visible.filter(pk__in=shown).count() == len(
        shown
    )
    ratio_median = statistics.median(restricted_times) / statistics.median(reference_times)
    ratio_p95 = percentile(restricted_times, 95) / percentile(reference_times, 95)
    met = max(ratio_median, ratio_p95) <= TARGET_RATIO and folded_ok and restricted_ok
    figures = {
        "engine": connection.vendor,
        "docs": args.docs,
        "build_s": round(build_s, 2),
        "index_mb": round(index_mb, 1),
        "median_ms": round(statistics.median(our_times), 3),
        "p95_ms": round(percentile(our_times, 95), 3),
        "fts5_median_ms": round(statistics.median(fts5_times), 3),
        "fts5_p95_ms": round(percentile(fts5_times, 95), 3),
        "folded_ok": folded_ok,
        "restricted_ok": restricted_ok,
        "visible_docs": visible_count,
        "restricted_median_ms": round(statistics.median(restricted_times), 3),
        "restricted_p95_ms": round(percentile(restricted_times, 95), 3),
        "restricted_reference_median_ms": round(statistics.median(reference_times), 3),
        "restricted_reference_p95_ms": round(percentile(reference_times, 95), 3),
        "restricted_ratio": round(max(ratio_median, ratio_p95), 2),
        "target": "MET" if met else "MISSED",
    }
    report(figures, fts5_build_s, fts5_mb, pairs_agree(fts5_hits), queries)
    print(
        f"\nthe library page for a person of one province ({visible_count:,} of {args.docs:,} "
        f"documents visible), at most {SEARCH_LIMIT:,} ranked, first page of {PAGE} marked"
    )
    print(f"{'':<28}{'library page':>14}{reference.name:>28}{'ratio':>10}")
    rows = [
        ("whole page median (ms)", restricted_times, reference_times, statistics.median),
        ("whole page p95 (ms)", restricted_times, reference_times, lambda v: percentile(v, 95)),
        ("search only median (ms)", search_only_times, reference_search_times, statistics.median),
        (
            "search only p95 (ms)",
            search_only_times,
            reference_search_times,
            lambda v: percentile(v, 95),
        ),
    ]
    for label, ours, theirs, measure in rows:
        print(
            f"{label:<28}{measure(ours):>14.3f}{measure(theirs):>28.3f}"
            f"{measure(ours) / measure(theirs):>9.2f}x"
        )
    print(f"reference build: {reference_build_s:.1f} s")
    for name, found in checks.items():
        print(f"check: {name:<40}{'found' if found else 'not found'}")
    print(
        f"target: the library page within {TARGET_RATIO}x of its reference (median and p95), "
        f"answers right: {figures['target']} ({figures['restricted_ratio']}x)"
    )
    print(json.dumps(figures))


def setup_django(work: Path, database_url: str) -> None:
    os.environ["TTDN_VAR_DIR"] = str(work)
    os.environ["TTDN_DATABASE_URL"] = database_url or f"sqlite:///{work / 'bench.sqlite3'}"
    os.environ["TTDN_SECRET_KEY"] = "bench-only-secret-key-that-is-long-enough-for-checks"
    os.environ["DJANGO_SETTINGS_MODULE"] = "ttdn.settings"
    sys.path.insert(0, str(ROOT))
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def sentence(rng: random.Random, weights: list[float], size: int) -> str:
    words = rng.choices(WORDS, weights, k=size)
    return " ".join(words).capitalize() + "."


def create_sector():
    """A ministry over PROVINCES provinces of UNITS_PER_PROVINCE units each (the Sở and its
    schools); paths and depths as ttdn.org.services.create_unit sets them."""
    from ttdn.org.enums import UnitKind, UnitLevel, level_for
    from ttdn.org.models import Unit

    def make(code: str, name: str, kind: str, parent=None, level: str = ""):
        unit = Unit.objects.create(
            code=code,
            name=name,
            slug=code.lower(),
            kind=kind,
            level=level or level_for(kind),
            parent=parent,
            path="/",
            depth=0,
        )
        unit.path = f"{parent.path if parent else '/'}{unit.pk}/"
        unit.depth = parent.depth + 1 if parent else 0
        Unit.objects.filter(pk=unit.pk).update(path=unit.path, depth=unit.depth)
        return unit

    root = make("BO", "Bộ Giáo dục và Đào tạo", UnitKind.MINISTRY)
    provinces, units = [], []
    for n in range(1, PROVINCES + 1):
        province = make(
            f"S{n:02}", f"Sở Giáo dục và Đào tạo tỉnh {n:02}", UnitKind.DEPARTMENT, root
        )
        provinces.append(province)
        units.append(province)
        for m in range(1, UNITS_PER_PROVINCE):
            units.append(
                make(
                    f"T{n:02}{m:02}",
                    f"Trường {n:02}-{m:02}",
                    UnitKind.LOWER_SECONDARY,
                    province,
                    UnitLevel.SCHOOL,
                )
            )
    return provinces[PROVINCES // 2], provinces[0], units


def create_person(province):
    from ttdn.org.enums import Role
    from ttdn.org.models import Membership, User

    person = User.objects.create_user(username="bench", email="bench@example.invalid")
    Membership.objects.create(user=person, unit=province, role=Role.OFFICER)
    return person


def create_documents(
    model: type, count: int, rng: random.Random, weights: list[float], units: list
) -> None:
    """Documents of the library written straight to the table (no audit: this is data, not use):
    two in five public documents of the shared library, the others internal to a unit."""
    import datetime

    from ttdn.documents.citations import number_symbol_key
    from ttdn.documents.enums import Classification

    batch = []
    for n in range(1, count + 1):
        kind, name, code = TYPES[n % len(TYPES)]
        year = 2010 + n % 16
        number_symbol = (
            f"{n}/{year}/{code}" if kind in {"decree", "circular", "decision"} else f"{n}/{code}"
        )
        body = " ".join(
            sentence(rng, weights, rng.randint(12, 24)) for _ in range(rng.randint(3, 6))
        )
        shared = n % 5 < 2
        batch.append(
            model(
                type=kind,
                number_symbol=number_symbol,
                symbol_key=number_symbol_key(number_symbol),
                issued_on=datetime.date(year, 1 + n % 12, 1 + n % 28),
                issuer=ISSUERS[n % len(ISSUERS)],
                title=f"{name} về " + sentence(rng, weights, rng.randint(6, 16)),
                full_text=body,
                classification=Classification.PUBLIC if shared else Classification.INTERNAL,
                unit=None if shared else units[n % len(units)],
            )
        )
        if len(batch) == 5000:
            model.objects.bulk_create(batch)
            batch = []
    model.objects.bulk_create(batch)


def plant(model: type, province, other) -> dict:
    """The documents `folded_ok` looks for: one per PLANTED entry, internal to the person's
    province, and one of another province with the first one's words, which must stay hidden."""
    from ttdn.documents.citations import number_symbol_key
    from ttdn.documents.enums import Classification

    def make(words: str, unit, n: int):
        number_symbol = f"{900_000 + n}/KH-SGDĐT"
        return model.objects.create(
            type="plan",
            number_symbol=number_symbol,
            symbol_key=number_symbol_key(number_symbol),
            issuer="Sở Giáo dục và Đào tạo",
            title=f"Kế hoạch giao lưu với {words}",
            full_text=f"Đoàn công tác đến {words} trong tháng mười.",
            classification=Classification.INTERNAL,
            unit=unit,
        )

    planted = {
        name: make(words, province, n) for n, (name, (words, _, _)) in enumerate(PLANTED.items())
    }
    planted["other province"] = make(PLANTED["dak"][0], other, 99)
    return planted


def planted_checks(planted: dict, person, library_page, model) -> dict[str, bool]:
    """For each planted document, whether the person's library page lists it for its query."""
    import unicodedata

    found = {}
    for name, (words, query, typed) in PLANTED.items():
        q = unicodedata.normalize("NFD", query) if typed == "nfd" else query
        assert typed != "nfd" or q != unicodedata.normalize("NFC", q)  # really decomposed
        rows = library_page(model.objects.visible_to(person), q=q).rows
        found[f"{words!r} by {query!r} ({typed})"] = planted[name].pk in {
            r.document.pk for r in rows
        }
    rows = library_page(model.objects.visible_to(person), q=PLANTED["dak"][1]).rows
    found["other province"] = planted["other province"].pk in {r.document.pk for r in rows}
    return found


def analyze(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


class SQLiteReference:
    """Plain FTS5 in the same database, restricted with the queryset's own SQL."""

    name = "plain FTS5, same rows"
    table = "bench_plain_fts5"

    def build(self, connection, texts: list) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE VIRTUAL TABLE {self.table} USING fts5(title, body, "
                "tokenize = 'unicode61 remove_diacritics 2')"
            )
            cursor.execute(
                f"INSERT INTO {self.table} ({self.table}, rank) VALUES ('rank', 'bm25(10.0, 1.0)')"
            )
            cursor.executemany(
                f"INSERT INTO {self.table} (rowid, title, body) VALUES (%s, %s, %s)",
                [(pk, fold(text.title), fold(text.body)) for pk, text in texts],
            )

    @staticmethod
    def match(query: str) -> str:
        return " ".join('"' + word.replace('"', '""') + '"' for word in fold(query).split())

    def ids(self, connection, query: str, restriction) -> list[int]:
        sql, params = restriction
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {self.table} WHERE {self.table} MATCH %s "
                f"AND +rowid IN ({sql}) ORDER BY rank LIMIT 1000",
                [self.match(query), *params],
            )
            return [rowid for (rowid,) in cursor.fetchall()]

    def page(self, connection, query: str, restriction) -> list[int]:
        ids = self.ids(connection, query, restriction)
        first = ids[:PAGE]
        if not first:
            return [len(ids)]
        marks = ", ".join(["%s"] * len(first))
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.id, d.title, d.number_symbol, d.issued_on, d.status, u.name "
                "FROM documents_document d LEFT JOIN org_unit u ON u.id = d.unit_id "
                f"WHERE d.id IN ({marks})",
                first,
            )
            cursor.fetchall()
            cursor.execute(
                f"SELECT rowid, highlight({self.table}, 0, '<mark>', '</mark>'), "
                f"snippet({self.table}, 1, '<mark>', '</mark>', '…', 30) FROM {self.table} "
                f"WHERE {self.table} MATCH %s AND rowid IN ({marks})",
                [self.match(query), *first],
            )
            marked = {rowid: (title, body) for rowid, title, body in cursor.fetchall()}
        return [pk for pk in first if pk in marked] + [len(ids)]


class PGReference:
    """A stored to_tsvector('simple', …) column with a GIN index, restricted the same way."""

    name = "plain tsvector, same rows"
    table = "bench_plain_tsv"

    def build(self, connection, texts: list) -> None:
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TABLE {self.table} (id bigint PRIMARY KEY, title text, body text, "
                "tsv tsvector NOT NULL)"
            )
            cursor.executemany(
                f"INSERT INTO {self.table} (id, title, body, tsv) VALUES (%s, %s, %s, "
                "setweight(to_tsvector('simple', %s), 'A') || "
                "setweight(to_tsvector('simple', %s), 'B'))",
                [
                    (pk, t.title, t.body, folded_title, folded_body)
                    for pk, t in texts
                    for folded_title, folded_body in [(fold(t.title), fold(t.body))]
                ],
            )
            cursor.execute(f"CREATE INDEX {self.table}_gin ON {self.table} USING gin (tsv)")

    def ids(self, connection, query: str, restriction) -> list[int]:
        sql, params = restriction
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id FROM {self.table}, plainto_tsquery('simple', %s) q "
                f"WHERE tsv @@ q AND id IN ({sql}) ORDER BY ts_rank(tsv, q) DESC, id LIMIT 1000",
                [fold(query), *params],
            )
            return [pk for (pk,) in cursor.fetchall()]

    def page(self, connection, query: str, restriction) -> list[int]:
        ids = self.ids(connection, query, restriction)
        first = ids[:PAGE]
        if not first:
            return [len(ids)]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.id, d.title, d.number_symbol, d.issued_on, d.status, u.name "
                "FROM documents_document d LEFT JOIN org_unit u ON u.id = d.unit_id "
                "WHERE d.id = ANY(%s)",
                [first],
            )
            cursor.fetchall()
            options = "StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=15"
            cursor.execute(
                f"SELECT id, ts_headline('simple', title, q, %s), ts_headline('simple', body, q, %s) "
                f"FROM {self.table}, plainto_tsquery('simple', %s) q WHERE id = ANY(%s)",
                [
                    "HighlightAll=true, StartSel=<mark>, StopSel=</mark>",
                    options,
                    fold(query),
                    first,
                ],
            )
            marked = {pk: (title, body) for pk, title, body in cursor.fetchall()}
        return [pk for pk in first if pk in marked] + [len(ids)]


def index_bytes(connection) -> int:
    """The size of the documents' index: its FTS5 tables (with their shadow tables), or its PostgreSQL table."""
    from ttdn.core.search import index_table

    table = index_table("documents.Document")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size(%s)", [table])
            return int(cursor.fetchone()[0])
    return sqlite_table_bytes(connection.connection, table)


def sqlite_table_bytes(database: sqlite3.Connection, prefix: str) -> int:
    """Bytes of the tables whose names start with `prefix` (dbstat), or of the whole file without dbstat."""
    try:
        rows = database.execute(
            "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE ? ESCAPE '!'",
            [prefix.replace("_", "!_") + "%"],
        )
        return int(rows.fetchone()[0])
    except sqlite3.DatabaseError:
        pages = database.execute("PRAGMA page_count").fetchone()[0]
        return int(pages * database.execute("PRAGMA page_size").fetchone()[0])


def build_plain(path: Path, table: str, remove_diacritics: int, texts: list) -> tuple[float, float]:
    """Plain FTS5 over the same title and body texts, ranked like core.search; its build time and size."""
    plain = sqlite3.connect(path)
    plain.execute(
        f"CREATE VIRTUAL TABLE {table} USING fts5(title, body, tokenize = 'unicode61 remove_diacritics {remove_diacritics}')"
    )
    plain.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('rank', 'bm25(10.0, 1.0)')")
    rows = [(pk, text.title, text.body) for pk, text in texts]
    started = time.perf_counter()
    with plain:
        plain.executemany(f"INSERT INTO {table} (rowid, title, body) VALUES (?, ?, ?)", rows)
    seconds = time.perf_counter() - started
    size = sqlite_table_bytes(plain, table + "_") / 1e6
    plain.close()
    return seconds, size


def plain_search(plain: sqlite3.Connection, table: str, query: str) -> list[int]:
    match = " ".join('"' + word.replace('"', '""') + '"' for word in query.split())
    rows = plain.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT ?", (match, LIMIT)
    )
    return [rowid for (rowid,) in rows]


def make_queries(rng: random.Random, weights: list[float], fold) -> list[str]:
    """QUERIES queries of one to three words, each typed with tones (some capitalised) then without."""
    toned = []
    while len(toned) < QUERIES:
        words = rng.choices(WORDS[10:], weights[10:], k=rng.randint(1, 3))
        text = " ".join(words)
        if text not in toned and fold(text) != text:
            toned.append(text.upper() if len(toned) % 7 == 0 else text)
    return [q for text in toned for q in (text, fold(text))]


def timed(
    queries: list[str], *engines, rounds: int = ROUNDS
) -> list[tuple[list[float], list[list[int]]]]:
    """For each engine, the milliseconds of every run of every query (`rounds` after a warm-up
    pass) and its hits.

    Each query runs on every engine in turn, so that a busy moment of the machine falls on all.
    """
    times: list[list[float]] = [[] for _ in engines]
    hits: list[list[list[int]]] = [[] for _ in engines]
    for round_ in range(rounds + 1):
        for query in queries:
            for e, engine in enumerate(engines):
                started = time.perf_counter()
                found = engine(query)
                elapsed = (time.perf_counter() - started) * 1000
                if round_ == 0:
                    hits[e].append(found)  # the warm-up pass: results, not times
                else:
                    times[e].append(elapsed)
    return list(zip(times, hits, strict=True))


def pairs_agree(results: list[list[int]]) -> bool:
    """Whether each query found the same documents with tones as without, and found some."""
    pairs = zip(results[0::2], results[1::2], strict=True)
    return all(toned == toneless and toned for toned, toneless in pairs)


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def report(
    figures: dict, fts5_build_s: float, fts5_mb: float, fts5_folded_ok: bool, queries: list[str]
) -> None:
    rows = [
        ("build (s)", figures["build_s"], fts5_build_s),
        ("index (MB)", figures["index_mb"], fts5_mb),
        ("query median (ms)", figures["median_ms"], figures["fts5_median_ms"]),
        ("query p95 (ms)", figures["p95_ms"], figures["fts5_p95_ms"]),
    ]
    print(
        f"{figures['docs']:,} documents, {len(queries)} queries ({len(queries) // 2} typed with and without tones), {LIMIT} best each"
    )
    print(
        f"{'':<20}{'core.search':>14}{'plain FTS5':>14}{'ratio':>10}   (plain FTS5: unicode61 remove_diacritics 2)"
    )
    for label, ours, theirs in rows:
        print(
            f"{label:<20}{ours:>14.3f}{theirs:>14.3f}{ours / theirs if theirs else float('nan'):>9.2f}x"
        )
    print(f"{'same hits with/without tones':<34}{figures['folded_ok']!s:>14}{fts5_folded_ok!s:>14}")
    print("(for information: every document, ten best, no restriction, no page)")


if __name__ == "__main__":
    main()
