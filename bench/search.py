"""Benchmark of ttdn.core.search beside plain SQLite FTS5, over the same generated corpus.

    .venv/bin/python bench/search.py                 # 200,000 documents
    .venv/bin/python bench/search.py --docs 20000    # a quick run
    .venv/bin/python bench/search.py --database-url postgres://postgres@127.0.0.1:5432/bench

It sets Django up on a throw-away directory (TTDN_VAR_DIR; the database is a SQLite file there
unless --database-url names an empty PostgreSQL database), generates Vietnamese documents of
the legal library, indexes them with `search.rebuild` and runs 200 one- to three-word queries,
each typed once with tones and once without, through `search.search` (ten best, ranked). The
same texts go into plain FTS5 tables in another SQLite file, queried the same way in the same
run, each query timed on both one after the other (best of three rounds, against the noise of
a shared machine):

- the reference, "plain FTS5": the unicode61 tokenizer with `remove_diacritics 2`, FTS5's own
  accent folding at its best. It does not fold "đ", so "dao tao" misses "đào tạo".
- for information, FTS5's default (`remove_diacritics 1`), which also leaves letters with two
  marks (ệ, ở, ấ: most Vietnamese syllables) unfolded. Most queries typed without tones find
  nothing there, and finding nothing is quick, so its times flatter it.

`folded_ok` is true when every query finds the same documents with and without tones through
core.search, and finds some.

The last line printed is one JSON object:
{"docs", "build_s", "index_mb", "median_ms", "p95_ms", "fts5_median_ms", "fts5_p95_ms", "folded_ok"}.
"""

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
    from ttdn.documents.queries import search_text

    rng = random.Random(args.seed)
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(WORDS))]
    print(f"database: {connection.vendor}, in {work}", file=sys.stderr)
    started = time.perf_counter()
    create_documents(Document, args.docs, rng, weights)
    print(
        f"generated {args.docs:,} documents in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )

    before = index_bytes(connection)
    started = time.perf_counter()
    search.rebuild(Document)
    build_s = time.perf_counter() - started
    index_mb = (index_bytes(connection) - before) / 1e6

    plain_path = work / "plain-fts5.sqlite3"
    texts = [
        (d.pk, search_text(d)) for d in Document.objects.order_by("pk").iterator(chunk_size=2000)
    ]
    fts5_build_s, fts5_mb = build_plain(plain_path, "plain", 2, texts)
    default_build_s, default_mb = build_plain(plain_path, "plain_default", 1, texts)

    queries = make_queries(rng, weights, fold)
    plain = sqlite3.connect(plain_path)
    (our_times, our_hits), (their_times, their_hits), (default_times, default_hits) = timed(
        queries,
        lambda q: [h.object_id for h in search.search(q, Document, limit=LIMIT)],
        lambda q: plain_search(plain, "plain", q),
        lambda q: plain_search(plain, "plain_default", q),
    )

    folded_ok = pairs_agree(our_hits)
    figures = {
        "docs": args.docs,
        "build_s": round(build_s, 2),
        "index_mb": round(index_mb, 1),
        "median_ms": round(statistics.median(our_times), 3),
        "p95_ms": round(percentile(our_times, 95), 3),
        "fts5_median_ms": round(statistics.median(their_times), 3),
        "fts5_p95_ms": round(percentile(their_times, 95), 3),
        "folded_ok": folded_ok,
    }
    report(figures, fts5_build_s, fts5_mb, pairs_agree(their_hits), queries)
    print(
        f"FTS5 default tokenizer (remove_diacritics 1): build {default_build_s:.3f} s, {default_mb:.1f} MB, "
        f"median {statistics.median(default_times):.3f} ms, p95 {percentile(default_times, 95):.3f} ms, "
        f"same hits with/without tones: {pairs_agree(default_hits)}"
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


def create_documents(model: type, count: int, rng: random.Random, weights: list[float]) -> None:
    """Documents of the library written straight to the table (no audit: this is data, not use)."""
    import datetime

    from ttdn.documents.citations import number_symbol_key

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
        batch.append(
            model(
                type=kind,
                number_symbol=number_symbol,
                symbol_key=number_symbol_key(number_symbol),
                issued_on=datetime.date(year, 1 + n % 12, 1 + n % 28),
                issuer=ISSUERS[n % len(ISSUERS)],
                title=f"{name} về " + sentence(rng, weights, rng.randint(6, 16)),
                full_text=body,
            )
        )
        if len(batch) == 5000:
            model.objects.bulk_create(batch)
            batch = []
    model.objects.bulk_create(batch)


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


def timed(queries: list[str], *engines) -> list[tuple[list[float], list[list[int]]]]:
    """For each engine, the milliseconds of each query (best of ROUNDS after a warm-up) and its hits.

    Each query runs on every engine in turn, so that a busy moment of the machine falls on all.
    """
    best = [[float("inf")] * len(queries) for _ in engines]
    hits: list[list[list[int]]] = [[] for _ in engines]
    for round_ in range(ROUNDS + 1):
        for i, query in enumerate(queries):
            for e, engine in enumerate(engines):
                started = time.perf_counter()
                found = engine(query)
                elapsed = (time.perf_counter() - started) * 1000
                if round_ == 0:
                    hits[e].append(found)  # the warm-up pass: results, not times
                else:
                    best[e][i] = min(best[e][i], elapsed)
    return list(zip(best, hits, strict=True))


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
    print("target: query median and p95 at most 1.5x plain FTS5, with folding right")


if __name__ == "__main__":
    main()
